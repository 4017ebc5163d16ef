/*
 * ML403 selinux-private-shared: one host path bound privately (:Z) by two containers.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml403 = {
	.id = "ML403",
	.name = "selinux-private-shared",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "one host path bound privately (:Z) by two containers",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
