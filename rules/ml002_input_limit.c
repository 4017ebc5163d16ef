/*
 * ML002 input-limit: an input passes a safety limit (size, YAML depth, alias expansion, findings, command length).
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml002 = {
	.id = "ML002",
	.name = "input-limit",
	.severity = SEV_ERROR,
	.applies = APPLIES_ANY,
	.summary = "an input passes a safety limit (size, YAML depth, alias expansion, findings, command length)",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = NULL,
};
