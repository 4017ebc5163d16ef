/*
 * ML402 selinux-relabel-system: a :z or :Z relabel of a system or home directory.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml402 = {
	.id = "ML402",
	.name = "selinux-relabel-system",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a :z or :Z relabel of a system or home directory",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
