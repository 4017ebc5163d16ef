/*
 * ML108 external-volume-options: an external volume with driver, driver_opts or labels.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml108 = {
	.id = "ML108",
	.name = "external-volume-options",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE,
	.summary = "an external volume with driver, driver_opts or labels",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
