/*
 * ML106 undefined-volume: a service names a volume the top-level volumes
 * do not declare.
 *
 * Compose refuses to start a project whose service mounts a named volume
 * that the top-level `volumes:` does not declare. A source behind a `$`
 * is not known before interpolation, so it is left alone.
 */
#include <string.h>

#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static bool is_undefined(const struct unit *u, const struct mount_digest *m)
{
	return m->kind == MOUNT_VOLUME && m->source &&
	       !strchr(m->source, '$') && !unit_find_volume(u, m->source);
}

static void check(const struct unit *u, struct findings *out)
{
	struct mount_iter it = { 0 };
	struct mount_digest m;

	while (unit_next_mount(u, &it, &m)) {
		if (!is_undefined(u, &m))
			continue;
		finding_add(out, "ML106", SEV_OFF, digest_loc(&m, MF_ENTRY),
			    m.service, "declare it under the top-level volumes, "
			    "or correct the name",
			    "undefined volume \"%s\": the top-level volumes do "
			    "not declare it, and Compose refuses the project",
			    m.source);
	}
}

const struct rule rule_ml106 = {
	.id = "ML106",
	.name = "undefined-volume",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE,
	.summary = "a service names a volume the top-level volumes do not declare",
	.rationale = "Compose refuses to create a project in which a service "
		"mounts a named volume that the top-level `volumes:` does not "
		"declare, so the stack never starts. It is most often a typo "
		"in the volume's name, or a declaration lost in an edit.",
	.bad = "services:\n"
		"  db:\n"
		"    image: postgres:16\n"
		"    volumes:\n"
		"      - pgdata:/var/lib/postgresql/data\n",
	.good = "services:\n"
		"  db:\n"
		"    image: postgres:16\n"
		"    volumes:\n"
		"      - pgdata:/var/lib/postgresql/data\n"
		"volumes:\n"
		"  pgdata:\n",
	.fix = "Declare the volume under the top-level `volumes:` key, or "
		"correct the name the service uses.",
	.check = check,
};
