/*
 * ML306 privileged: the container runs privileged.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml306 = {
	.id = "ML306",
	.name = "privileged",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "the container runs privileged",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
