/*
 * ML302 sensitive-host-path: a bind of a sensitive host directory.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml302 = {
	.id = "ML302",
	.name = "sensitive-host-path",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a bind of a sensitive host directory",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
