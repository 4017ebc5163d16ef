/*
 * ML103 invalid-target: a container path that is not absolute, or is /.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml103 = {
	.id = "ML103",
	.name = "invalid-target",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a container path that is not absolute, or is /",
	.rationale = "",
	.bad = "",
	.good = "",
	.fix = "",
	.check = NULL,
};
