/*
 * ML201 anonymous-volume: a volume without a name: a new one for each container, left behind.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml201 = {
	.id = "ML201",
	.name = "anonymous-volume",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a volume without a name: a new one for each container, left behind",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
