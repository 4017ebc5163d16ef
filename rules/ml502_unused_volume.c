/*
 * ML502 unused-volume: a top-level compose volume no service uses.
 *
 * A declared volume that no service mounts is dead configuration: often
 * a leftover of a renamed mount, and then the data lives somewhere else
 * than the reader thinks. A source such as `${DATA}` might name any
 * volume, so then nothing is reported.
 */
#include <string.h>

#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

/* True when some mount names the volume, or might through a `$`. */
static bool is_used(const struct unit *u, const char *name)
{
	for (size_t i = 0; i < u->n_containers; i++) {
		const struct container *c = &u->containers[i];

		for (size_t j = 0; j < c->n_mounts; j++) {
			const char *src = c->mounts[j].source;

			if (c->mounts[j].kind == MOUNT_VOLUME && src &&
			    !strcmp(src, name))
				return true;
			if (src && src[0] == '$' && !strchr(src, '/'))
				return true;
		}
	}
	return kv_get(&u->rejected_volumes, name) != NULL;
}

static void check(const struct unit *u, struct findings *out)
{
	for (size_t i = 0; i < u->n_volumes; i++) {
		const struct volume *v = &u->volumes[i];

		if (is_used(u, v->name))
			continue;
		finding_add(out, "ML502", SEV_OFF, &v->loc, NULL,
			    "remove it, or mount it in the service that "
			    "needs it",
			    "unused volume \"%s\": no service mounts it",
			    v->name);
	}
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
