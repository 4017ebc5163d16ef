/*
 * ML204 volume-missing-label: a named volume without the labels the configuration requires.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml204 = {
	.id = "ML204",
	.name = "volume-missing-label",
	.severity = SEV_INFO,
	.applies = APPLIES_COMPOSE | APPLIES_SCRIPT,
	.summary = "a named volume without the labels the configuration requires",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
