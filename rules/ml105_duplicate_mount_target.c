/*
 * ML105 duplicate-mount-target: two mounts of one container on the same
 * target.
 *
 * Docker refuses to create such a container ("Duplicate mount point");
 * Compose reports it only when the service starts. Targets are compared
 * after cleaning, so "/data" and "/data/" are one. Secrets and configs
 * count: their targets are mounts too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lint/finding.h"
#include "../lint/hostpath.h"
#include "../lint/mem.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

/* A mount's target after cleaning; owned is set when it is a copy. */
struct clean_target {
	const char *path;	/* NULL for a mount without a target */
	char *owned;
};

/*
 * Index of the first mount before `before` on the same clean target.
 * A clean path is never empty, and most targets differ in their second
 * byte, which is compared first.
 */
static size_t first_on(const struct clean_target *t, size_t before)
{
	const char *path = t[before].path;

	for (size_t i = 0; i < before; i++)
		if (t[i].path && t[i].path[1] == path[1] &&
		    !strcmp(t[i].path, path))
			return i;
	return before;
}

/*
 * How to name the first mount in the message: its text as written, or,
 * for a compose long-syntax mapping, its kind and line.
 */
static void describe(const struct mount *m, char *buf, size_t size)
{
	const struct loc *at = mount_loc(m, MF_ENTRY);

	if (m->raw && (m->syntax != SYNTAX_LONG || strchr(m->raw, '=')))
		sformat(buf, size, "\"%s\"", m->raw);
	else
		sformat(buf, size, "the %s on line %d", mount_kind_name(m->kind),
			at->line);
}

static void report(const struct container *c, const struct mount *first,
		   const struct mount *second, const char *target,
		   struct findings *out)
{
	char what[256];

	describe(first, what, sizeof(what));
	finding_add(out, "ML105", SEV_OFF, mount_loc(second, MF_ENTRY),
		    c->name,
		    "remove one of the two mounts, or give one another target",
		    "duplicate mount target \"%s\": %s is already mounted "
		    "there, and Docker refuses to create the container",
		    target, what);
}

/* Whether b was written before a in one file. Entries of two files keep
 * the order of the merged project: the later file's comes second. */
static bool loc_before(const struct loc *b, const struct loc *a)
{
	if (a->file != b->file && (!a->file || !b->file ||
				   strcmp(a->file, b->file)))
		return false;
	return b->line < a->line || (b->line == a->line && b->col < a->col);
}

/* Reports the later of the two entries. */
static void report_pair(const struct container *c, const struct mount *a,
			const struct mount *b, const char *target,
			struct findings *out)
{
	if (loc_before(mount_loc(b, MF_ENTRY), mount_loc(a, MF_ENTRY)))
		report(c, b, a, target, out);
	else
		report(c, a, b, target, out);
}

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	struct clean_target few[16], *t = few;

	(void)u;
	if (c->n_mounts < 2)
		return;
	if (c->n_mounts > sizeof(few) / sizeof(*few))
		t = xcalloc(c->n_mounts, sizeof(*t));
	for (size_t i = 0; i < c->n_mounts; i++) {
		size_t j;

		t[i].path = t[i].owned = NULL;
		if (!c->mounts[i].target)
			continue;
		t[i].path = path_clean_view(c->mounts[i].target, &t[i].owned);
		j = first_on(t, i);
		if (j < i)
			report_pair(c, &c->mounts[j], &c->mounts[i], t[i].path,
				    out);
	}
	for (size_t i = 0; i < c->n_mounts; i++)
		free(t[i].owned);
	if (t != few)
		free(t);
}

const struct rule rule_ml105 = {
	.id = "ML105",
	.name = "duplicate-mount-target",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "two mounts of one container on the same target",
	.rationale = "A container path can hold only one mount. Docker refuses "
		"to create a container with two mounts on one target "
		"(\"Duplicate mount point\"), and Compose fails only when the "
		"service is started. It usually means a copied line whose "
		"target was not changed, or a tmpfs, secret or config laid over "
		"a volume.",
	.bad = "services:\n"
		"  app:\n"
		"    image: nginx:1.27\n"
		"    volumes:\n"
		"      - ./site:/usr/share/nginx/html:ro\n"
		"      - ./docs:/usr/share/nginx/html/:ro\n",
	.good = "services:\n"
		"  app:\n"
		"    image: nginx:1.27\n"
		"    volumes:\n"
		"      - ./site:/usr/share/nginx/html:ro\n"
		"      - ./docs:/usr/share/nginx/html/docs:ro\n",
	.fix = "Keep one mount per container path: remove the duplicate, or "
		"give it a target of its own (a subdirectory of the first one "
		"is fine).",
	.check_container = check_container,
};
