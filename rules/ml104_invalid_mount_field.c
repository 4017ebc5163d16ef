/*
 * ML104 invalid-mount-field: a --mount or long-syntax field that Docker rejects.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml104 = {
	.id = "ML104",
	.name = "invalid-mount-field",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a --mount or long-syntax field that Docker rejects",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = NULL,
};
