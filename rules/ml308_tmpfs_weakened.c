/*
 * ML308 tmpfs-weakened: a tmpfs that turns exec, suid or dev back on.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml308 = {
	.id = "ML308",
	.name = "tmpfs-weakened",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a tmpfs that turns exec, suid or dev back on",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
