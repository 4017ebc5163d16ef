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

/* Another container than c that binds the same host path with a label. */
static const struct container *other_holder(const struct unit *u,
					    const struct container *c,
					    const char *path)
{
	for (size_t i = 0; i < u->n_containers; i++) {
		const struct container *o = &u->containers[i];

		if (o == c)
			continue;
		for (size_t k = 0; k < o->n_mounts; k++) {
			const struct mount *m = &o->mounts[k];

			if (m->kind == MOUNT_BIND && m->source_path &&
			    m->selinux != SELINUX_NONE &&
			    !strcmp(m->source_path, path))
				return o;
		}
	}
	return NULL;
}

static void check(const struct unit *u, struct findings *out)
{
	for (size_t i = 0; i < u->n_containers; i++) {
		const struct container *c = &u->containers[i];

		for (size_t k = 0; k < c->n_mounts; k++) {
			const struct mount *m = &c->mounts[k];
			const struct container *o;

			if (m->kind != MOUNT_BIND || !m->source_path ||
			    m->selinux != SELINUX_PRIVATE)
				continue;
			o = other_holder(u, c, m->source_path);
			if (!o)
				continue;
			finding_add(out, "ML403", SEV_OFF,
				    mount_loc(m, MF_SELINUX), c->name,
				    "use \":z\" in every container that binds it",
				    "\"%s\" is bound with :Z here and also by "
				    "%s%s%s: a private label serves one "
				    "container, the other loses access",
				    m->source, o->name ? "\"" : "another container",
				    o->name ? o->name : "", o->name ? "\"" : "");
		}
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
