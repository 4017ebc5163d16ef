/*
 * ML106 undefined-volume: a service names a volume the top-level volumes do not declare.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml106 = {
	.id = "ML106",
	.name = "undefined-volume",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE,
	.summary = "a service names a volume the top-level volumes do not declare",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
