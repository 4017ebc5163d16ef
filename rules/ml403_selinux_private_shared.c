/*
 * ML403 selinux-private-shared: one host path bound privately (:Z) by
 * two containers.
 *
 * :Z gives the path a label private to one container: the last
 * container to start relabels it for itself, and the other one loses
 * access. Two containers that share a directory need :z on both.
 */
#include <string.h>

#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

/* A bind of path with a label in another container than the one m
 * belongs to: its first such mount, or false when there is none. */
static bool other_holder(const struct unit *u, const struct mount_digest *m,
			 struct mount_digest *o)
{
	struct mount_iter it = { 0 };

	while (unit_next_mount(u, &it, o))
		if (o->container != m->container && o->kind == MOUNT_BIND &&
		    o->source_path && o->selinux != SELINUX_NONE &&
		    !strcmp(o->source_path, m->source_path))
			return true;
	return false;
}

static void check(const struct unit *u, struct findings *out)
{
	struct mount_iter it = { 0 };
	struct mount_digest m, o;

	while (unit_next_mount(u, &it, &m)) {
		if (m.kind != MOUNT_BIND || !m.source_path ||
		    m.selinux != SELINUX_PRIVATE || !other_holder(u, &m, &o))
			continue;
		finding_add(out, "ML403", SEV_OFF, digest_loc(&m, MF_SELINUX),
			    m.service,
			    "use \":z\" in every container that binds it",
			    "\"%s\" is bound with :Z here and also by %s%s%s: "
			    "a private label serves one container, the other "
			    "loses access", m.source,
			    o.service ? "\"" : "another container",
			    o.service ? o.service : "", o.service ? "\"" : "");
	}
}

const struct rule rule_ml403 = {
	.id = "ML403",
	.name = "selinux-private-shared",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "one host path bound privately (:Z) by two containers",
	.rationale = ":Z relabels a host path with a label private to one "
		"container. When two containers bind it, each start relabels "
		"it for the starting one and the other gets \"permission "
		"denied\" on its next access; which one fails depends on the "
		"start order. Shared data needs :z in every container.",
	.bad = "services:\n  app:\n    image: example/app:1.0\n"
	       "    volumes:\n      - ./data:/data:Z\n"
	       "  worker:\n    image: example/worker:1.0\n"
	       "    volumes:\n      - ./data:/data:Z\n",
	.good = "services:\n  app:\n    image: example/app:1.0\n"
		"    volumes:\n      - ./data:/data:z\n"
		"  worker:\n    image: example/worker:1.0\n"
		"    volumes:\n      - ./data:/data:z\n",
	.fix = "use :z for host paths that several containers bind",
	.check = check,
};
