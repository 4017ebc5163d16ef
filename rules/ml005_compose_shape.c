/*
 * ML005 compose-shape: a compose value has the wrong type where the mount model needs one.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml005 = {
	.id = "ML005",
	.name = "compose-shape",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE,
	.summary = "a compose value has the wrong type where the mount model needs one",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = NULL,
};
