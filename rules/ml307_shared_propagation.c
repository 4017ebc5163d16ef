/*
 * ML307 shared-propagation: a mount with shared or rshared propagation.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml307 = {
	.id = "ML307",
	.name = "shared-propagation",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a mount with shared or rshared propagation",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
