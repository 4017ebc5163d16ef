/*
 * ML101 invalid-volume-spec: a -v or short-syntax spec that Docker rejects.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml101 = {
	.id = "ML101",
	.name = "invalid-volume-spec",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a -v or short-syntax spec that Docker rejects",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = NULL,
};
