/*
 * ML109 name-looks-like-path: a named-volume source that reads like a host path.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml109 = {
	.id = "ML109",
	.name = "name-looks-like-path",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a named-volume source that reads like a host path",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
