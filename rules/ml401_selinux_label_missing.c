/*
 * ML401 selinux-label-missing: on an SELinux host, a bind of a project directory without :z or :Z.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml401 = {
	.id = "ML401",
	.name = "selinux-label-missing",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "on an SELinux host, a bind of a project directory without :z or :Z",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
