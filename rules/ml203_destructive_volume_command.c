/*
 * ML203 destructive-volume-command: a script command that deletes volumes wholesale.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml203 = {
	.id = "ML203",
	.name = "destructive-volume-command",
	.severity = SEV_WARNING,
	.applies = APPLIES_SCRIPT,
	.summary = "a script command that deletes volumes wholesale",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
