/*
 * ML001 parse-error: the input is not valid YAML, a compose file's top level is not a mapping, or a command has an unterminated quote.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml001 = {
	.id = "ML001",
	.name = "parse-error",
	.severity = SEV_ERROR,
	.applies = APPLIES_ANY,
	.summary = "the input is not valid YAML, a compose file's top level is not a mapping, or a command has an unterminated quote",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = NULL,
};
