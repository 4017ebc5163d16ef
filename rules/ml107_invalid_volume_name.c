/*
 * ML107 invalid-volume-name: a named-volume source the local driver rejects, or a ~ no shell expands.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml107 = {
	.id = "ML107",
	.name = "invalid-volume-name",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a named-volume source the local driver rejects, or a ~ no shell expands",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = NULL,
};
