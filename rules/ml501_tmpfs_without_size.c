/*
 * ML501 tmpfs-without-size: a tmpfs without a size.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml501 = {
	.id = "ML501",
	.name = "tmpfs-without-size",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a tmpfs without a size",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
