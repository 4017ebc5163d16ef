/*
 * ML502 unused-volume: a top-level compose volume no service uses.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml502 = {
	.id = "ML502",
	.name = "unused-volume",
	.severity = SEV_INFO,
	.applies = APPLIES_COMPOSE,
	.summary = "a top-level compose volume no service uses",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
