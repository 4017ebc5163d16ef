/*
 * ML202 stateful-without-volume: a stateful image whose data directory has no volume or bind.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml202 = {
	.id = "ML202",
	.name = "stateful-without-volume",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a stateful image whose data directory has no volume or bind",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
