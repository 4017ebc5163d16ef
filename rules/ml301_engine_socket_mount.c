/*
 * ML301 engine-socket-mount: the container engine's socket is mounted: control of the host.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml301 = {
	.id = "ML301",
	.name = "engine-socket-mount",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "the container engine's socket is mounted: control of the host",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
