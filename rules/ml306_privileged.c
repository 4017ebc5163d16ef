/*
 * ML306 privileged: the container runs privileged.
 *
 * A privileged container has every capability, every device of the
 * host and no seccomp, AppArmor or SELinux confinement: mounting the
 * host's disk from inside it is one command. It is the host, with extra
 * steps.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	const char *fix = c->origin == ORIGIN_COMPOSE ?
		"remove \"privileged: true\"; grant only what the service "
		"needs with cap_add and devices" :
		"remove --privileged; grant only what the container needs "
		"with --cap-add and --device";

	(void)u;
	if (!c->privileged)
		return;
	finding_add(out, "ML306", SEV_OFF, &c->privileged_loc, c->name, fix,
		    "privileged container%s%s%s: it gets every capability "
		    "and every host device, and can mount the host's disks "
		    "and take over the host",
		    c->name ? " \"" : "", c->name ? c->name : "",
		    c->name ? "\"" : "");
}

const struct rule rule_ml306 = {
	.id = "ML306",
	.name = "privileged",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "the container runs privileged",
	.rationale = "A privileged container gets every Linux capability, "
		"every device of the host and no seccomp, AppArmor or SELinux "
		"confinement. A process inside it can mount the host's disks, "
		"load kernel modules and rewrite anything on the host: every "
		"other mount rule is moot once it is set.",
	.bad = "docker run -d --privileged -v /srv/app:/app alpine:3.20",
	.good = "docker run -d --cap-add NET_ADMIN -v /srv/app:/app "
		"alpine:3.20",
	.fix = "Remove `privileged`; add only the capabilities "
		"(`cap_add`, `--cap-add`) and devices (`devices`, `--device`) "
		"the workload needs.",
	.check_container = check_container,
};
