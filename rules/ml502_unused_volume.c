/*
 * ML502 unused-volume: a top-level compose volume no service uses.
 *
 * A declared volume that no service mounts is dead configuration: often
 * a leftover of a renamed mount, and then the data lives somewhere else
 * than the reader thinks. A source such as `${DATA}` might name any
 * volume, so then nothing is reported.
 */
#include <stdlib.h>
#include <string.h>

#include "../lint/finding.h"
#include "../lint/mem.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The names of the volumes the services mount, sorted. Sets *any when a
 * source such as `${DATA}` might name any volume.
 */
static const char **used_names(const struct unit *u, size_t *n, bool *any)
{
	const char **names = NULL;
	size_t cap = 0;
	struct mount_iter it = { 0 };
	struct mount_digest m;

	*n = 0;
	*any = false;
	/* counted first: a long file has many */
	while (unit_next_mount(u, &it, &m))
		cap += m.kind == MOUNT_VOLUME && m.source;
	names = cap ? xcalloc(cap, sizeof(*names)) : NULL;
	memset(&it, 0, sizeof(it));
	while (unit_next_mount(u, &it, &m)) {
		const char *src = m.source;

		if (src && src[0] == '$' && !strchr(src, '/'))
			*any = true;
		if (m.kind != MOUNT_VOLUME || !src)
			continue;
		names[(*n)++] = src;
	}
	if (*n > 1)
		qsort(names, *n, sizeof(*names), compare_names);
	return names;
}

static void check(const struct unit *u, struct findings *out)
{
	size_t n;
	bool any;
	const char **used = used_names(u, &n, &any);

	for (size_t i = 0; i < u->n_volumes && !any; i++) {
		const struct volume *v = &u->volumes[i];

		if ((n && bsearch(&v->name, used, n, sizeof(*used),
				  compare_names)) ||
		    kv_get(&u->rejected_volumes, v->name))
			continue;
		finding_add(out, "ML502", SEV_OFF, &v->loc, NULL,
			    "remove it, or mount it in the service that "
			    "needs it",
			    "unused volume \"%s\": no service mounts it",
			    v->name);
	}
	free(used);
}

const struct rule rule_ml502 = {
	.id = "ML502",
	.name = "unused-volume",
	.severity = SEV_INFO,
	.applies = APPLIES_COMPOSE,
	.summary = "a top-level compose volume no service uses",
	.rationale = "A declared volume that no service mounts is dead "
		"configuration. It is often what is left after a mount was "
		"renamed or changed into a bind, and then the data lives "
		"somewhere other than where the reader of the file thinks.",
	.bad = "services:\n"
		"  db:\n"
		"    image: postgres:16\n"
		"    volumes:\n"
		"      - pgdata:/var/lib/postgresql/data\n"
		"volumes:\n"
		"  pgdata:\n"
		"  pg_data:\n",
	.good = "services:\n"
		"  db:\n"
		"    image: postgres:16\n"
		"    volumes:\n"
		"      - pgdata:/var/lib/postgresql/data\n"
		"volumes:\n"
		"  pgdata:\n",
	.fix = "Remove the volume from the top-level `volumes:`, or mount it "
		"in the service that needs it.",
	.check = check,
};
