/*
 * ML309 confinement-disabled: an SELinux, seccomp, AppArmor or systempaths confinement turned off.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml309 = {
	.id = "ML309",
	.name = "confinement-disabled",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "an SELinux, seccomp, AppArmor or systempaths confinement turned off",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
