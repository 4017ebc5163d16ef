/*
 * ML305 root-user: the container runs as root.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml305 = {
	.id = "ML305",
	.name = "root-user",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "the container runs as root",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
