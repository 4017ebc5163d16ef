/*
 * ML105 duplicate-mount-target: two mounts of one container on the same target.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml105 = {
	.id = "ML105",
	.name = "duplicate-mount-target",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "two mounts of one container on the same target",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
