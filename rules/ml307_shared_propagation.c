/*
 * ML307 shared-propagation: a mount with shared or rshared propagation.
 *
 * With shared propagation, mounts made inside the container appear on
 * the host, and the other way round: a container can mount over a host
 * path that other processes use. Only tools that manage the host's
 * mounts (CSI drivers, some backup agents) need it.
 */
#include <string.h>

#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	(void)u;
	for (size_t k = 0; k < c->n_mounts; k++) {
		const struct mount *m = &c->mounts[k];

		if (!m->propagation || (strcmp(m->propagation, "shared") &&
					strcmp(m->propagation, "rshared")))
			continue;
		finding_add(out, "ML307", SEV_OFF,
			    mount_loc(m, MF_PROPAGATION), c->name,
			    "drop the propagation (rprivate is the "
			    "default), or use rslave to see the host's "
			    "mounts without sending any back",
			    "%s propagation on \"%s\": mounts made in the "
			    "container appear on the host", m->propagation,
			    m->target ? m->target : "");
	}
}

const struct rule rule_ml307 = {
	.id = "ML307",
	.name = "shared-propagation",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a mount with shared or rshared propagation",
	.rationale = "Shared propagation joins the container's mount table "
		"to the host's: what the container mounts below the target "
		"shows up on the host, where it can hide or replace files "
		"other processes use. Only software that manages the host's "
		"mounts needs it; rslave lets a container see new host mounts "
		"without sending its own back.",
	.bad = "docker run -d -v /mnt/data:/data:rshared alpine:3.20\n",
	.good = "docker run -d -v /mnt/data:/data:rslave alpine:3.20\n",
	.fix = "use the default (rprivate), or rslave",
	.check_container = check_container,
};
