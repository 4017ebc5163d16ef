/*
 * ML204 volume-missing-label: a named volume without the labels the
 * configuration requires.
 *
 * Backup jobs, retention policies and prune filters select volumes by
 * label (`docker volume ls --filter label=backup`). A volume created
 * without the label is silently left out of the backup. Compose:
 * the top-level volumes (external ones are made elsewhere). Scripts:
 * each named volume their containers use, with the labels of its
 * `--mount volume-label=` and its `docker volume create --label`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lint/finding.h"
#include "../lint/match.h"
#include "../lint/mem.h"
#include "../lint/rule.h"
#include "../lint/settings.h"
#include "../lint/banned.h"

/* Which required label a set of labels fails, and how. */
struct lack {
	const char *key;
	const char *pattern;	/* its value pattern, or NULL */
	const char *value;	/* the value found when it did not match */
};

static const char *label_in(const struct kv_list *a, const struct kv_list *b,
			    const char *key)
{
	const char *v = b ? kv_get(b, key) : NULL;

	return v ? v : kv_get(a, key);
}

/*
 * Checks labels a (and b, which wins, when not NULL) against the
 * settings; returns true and fills *l for the first label that fails.
 */
static bool lacks_label(const struct settings *s, const struct kv_list *a,
			const struct kv_list *b, struct lack *l)
{
	for (size_t i = 0; i < s->n_required_labels; i++) {
		const char *pattern = s->required_label_values ?
				      s->required_label_values[i] : NULL;
		const char *v = label_in(a, b, s->required_labels[i]);

		if (v && (!pattern || match_pattern(pattern, v)))
			continue;
		l->key = s->required_labels[i];
		l->pattern = pattern;
		l->value = v;
		return true;
	}
	return false;
}

/* "a \"backup\" label", or one whose value matches the pattern. */
static void wanted(const struct lack *l, char *buf, size_t size)
{
	if (l->pattern)
		sformat(buf, size, "a \"%s\" label whose value matches \"%s\"",
			l->key, l->pattern);
	else
		sformat(buf, size, "a \"%s\" label", l->key);
}

static void report(struct findings *out, const struct loc *at,
		   const char *service, const char *volume,
		   const struct lack *l, const char *fix)
{
	if (l->value)
		finding_add(out, "ML204", SEV_OFF, at, service, fix,
			    "volume \"%s\" has label \"%s=%s\", whose value "
			    "does not match \"%s\": tools that select volumes "
			    "by it skip this one", volume, l->key, l->value,
			    l->pattern);
	else
		finding_add(out, "ML204", SEV_OFF, at, service, fix,
			    "volume \"%s\" has no \"%s\" label: backups and "
			    "policies that select volumes by label skip it",
			    volume, l->key);
}

static void check_compose(const struct unit *u, struct findings *out)
{
	for (size_t i = 0; i < u->n_volumes; i++) {
		const struct volume *v = &u->volumes[i];
		char want[256], fix[512];
		struct lack l;

		if (v->external || !lacks_label(u->settings, &v->labels, NULL,
						&l))
			continue;
		wanted(&l, want, sizeof(want));
		sformat(fix, sizeof(fix), "add %s under the volume's "
			"\"labels:\"", want);
		report(out, &v->loc, NULL, v->name, &l, fix);
	}
}

/* The last `docker volume create NAME` of the script, or NULL. */
/*
 * The named volumes of a script: each first mount of a volume, and the
 * last `docker volume create` of each name, found by binary search so
 * that a long script costs n log n, not n squared.
 */
struct by_name {
	const char *name;
	size_t order;		/* where it stands in the script */
	const void *what;	/* the mount or the volcmd */
};

struct script_index {
	struct by_name *mounts, *creates;
	size_t n_mounts, n_creates;
};

static int compare_by_name(const void *a, const void *b)
{
	const struct by_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void index_script(const struct unit *u, struct script_index *ix)
{
	size_t cap = 0, order = 0;

	memset(ix, 0, sizeof(*ix));
	for (size_t i = 0; i < u->n_containers; i++)
		for (size_t j = 0; j < u->containers[i].n_mounts; j++) {
			const struct mount *m = &u->containers[i].mounts[j];

			if (m->kind != MOUNT_VOLUME || !m->source)
				continue;
			grow_array(&ix->mounts, sizeof(*ix->mounts),
				   ix->n_mounts + 1, &cap);
			ix->mounts[ix->n_mounts++] =
				(struct by_name){ m->source, order++, m };
		}
	cap = 0;
	for (size_t i = 0; i < u->n_volcmds; i++) {
		const struct volcmd *v = &u->volcmds[i];

		if (v->kind != VOLCMD_VOLUME_CREATE || !v->name)
			continue;
		grow_array(&ix->creates, sizeof(*ix->creates),
			   ix->n_creates + 1, &cap);
		ix->creates[ix->n_creates++] = (struct by_name){ v->name, i, v };
	}
	if (ix->n_mounts)
		qsort(ix->mounts, ix->n_mounts, sizeof(*ix->mounts),
		      compare_by_name);
	if (ix->n_creates)
		qsort(ix->creates, ix->n_creates, sizeof(*ix->creates),
		      compare_by_name);
}

/* The first entry of a sorted array with that name, or NULL. */
static const struct by_name *first_named(const struct by_name *a, size_t n,
					 const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(a[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(a[lo].name, name) ? &a[lo] : NULL;
}

/* The last `docker volume create NAME`, or NULL. */
static const struct volcmd *creation(const struct script_index *ix,
				     const char *name)
{
	const struct by_name *e = first_named(ix->creates, ix->n_creates,
					      name);

	if (!e)
		return NULL;
	while (e + 1 < ix->creates + ix->n_creates &&
	       !strcmp(e[1].name, name))
		e++;
	return e->what;
}

/* True when an earlier mount of the unit used the same volume. */
static bool seen_before(const struct script_index *ix, const struct mount *m)
{
	const struct by_name *e = first_named(ix->mounts, ix->n_mounts,
					      m->source);

	return e && e->what != m;
}

static void check_script_mount(const struct unit *u,
			       const struct script_index *ix,
			       const struct container *c,
			       const struct mount *m, struct findings *out)
{
	const struct volcmd *vc;
	char want[256], fix[512];
	struct lack l;

	if (m->kind != MOUNT_VOLUME || !m->source ||
	    strpbrk(m->source, "$`") || seen_before(ix, m))
		return;
	vc = creation(ix, m->source);
	if (!lacks_label(u->settings, &m->labels, vc ? &vc->labels : NULL,
			 &l))
		return;
	wanted(&l, want, sizeof(want));
	if (vc) {
		sformat(fix, sizeof(fix), "give \"volume create %s\" %s "
			"(--label %s=...)", m->source, want, l.key);
		report(out, &vc->loc, c->name, m->source, &l, fix);
		return;
	}
	if (m->syntax == SYNTAX_LONG)
		sformat(fix, sizeof(fix), "give it %s: add "
			"\"volume-label=%s=...\" to --mount, or create it "
			"first with \"docker volume create --label %s=... %s\"",
			want, l.key, l.key, m->source);
	else
		sformat(fix, sizeof(fix), "create it first with %s: "
			"\"docker volume create --label %s=... %s\"", want,
			l.key, m->source);
	report(out, mount_loc(m, MF_SOURCE), c->name, m->source, &l, fix);
}

static void check(const struct unit *u, struct findings *out)
{
	struct script_index ix;

	if (u->settings->n_required_labels == 0)
		return;
	if (u->kind == UNIT_COMPOSE) {
		check_compose(u, out);
		return;
	}
	index_script(u, &ix);
	for (size_t i = 0; i < u->n_containers; i++) {
		const struct container *c = &u->containers[i];

		for (size_t j = 0; j < c->n_mounts; j++)
			check_script_mount(u, &ix, c, &c->mounts[j], out);
	}
	free(ix.mounts);
	free(ix.creates);
}

const struct rule rule_ml204 = {
	.id = "ML204",
	.name = "volume-missing-label",
	.severity = SEV_INFO,
	.applies = APPLIES_COMPOSE | APPLIES_SCRIPT,
	.summary = "a named volume without the labels the configuration requires",
	.rationale = "Backup jobs, retention policies and prune filters select "
		"volumes by label (`docker volume ls --filter label=backup`). "
		"A volume made without the label is silently left out: its "
		"data is not backed up, or a filtered prune treats it as "
		"scratch. The required labels come from the configuration; by "
		"default a `backup` label.",
	.bad = "services:\n"
		"  db:\n"
		"    image: postgres:17\n"
		"    volumes:\n"
		"      - pgdata:/var/lib/postgresql/data\n"
		"volumes:\n"
		"  pgdata:\n",
	.good = "services:\n"
		"  db:\n"
		"    image: postgres:17\n"
		"    volumes:\n"
		"      - pgdata:/var/lib/postgresql/data\n"
		"volumes:\n"
		"  pgdata:\n"
		"    labels:\n"
		"      backup: daily\n",
	.fix = "Label the volume: `labels:` under the compose volume, "
		"`docker volume create --label backup=daily NAME` before a "
		"script uses it, or `volume-label=backup=daily` in `--mount`.",
	.check = check,
};
