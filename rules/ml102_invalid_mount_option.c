/*
 * ML102 invalid-mount-option: a -v or short-syntax mode Docker rejects or Compose drops.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml102 = {
	.id = "ML102",
	.name = "invalid-mount-option",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a -v or short-syntax mode Docker rejects or Compose drops",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = NULL,
};
