/*
 * ML304 writable-config-bind: a writable bind of a configuration file or static content.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml304 = {
	.id = "ML304",
	.name = "writable-config-bind",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a writable bind of a configuration file or static content",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
