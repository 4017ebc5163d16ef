/*
 * ML303 secret-file-bind: a bind of a secret-like file.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check(const struct unit *u, struct findings *out)
{
	(void)u;
	(void)out;
}

const struct rule rule_ml303 = {
	.id = "ML303",
	.name = "secret-file-bind",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a bind of a secret-like file",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = check,
};
