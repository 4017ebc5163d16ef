/*
 * ML110 missing-bind-source: a relative bind source that looks like a file and does not exist.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml110 = {
	.id = "ML110",
	.name = "missing-bind-source",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE,
	.summary = "a relative bind source that looks like a file and does not exist",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
