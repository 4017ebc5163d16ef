/*
 * ML003 bad-suppression: an inline suppression without a reason, naming
 * an unknown rule, or matching no finding. Reported by lint/suppress.c.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml003 = {
	.id = "ML003",
	.name = "bad-suppression",
	.severity = SEV_WARNING,
	.applies = APPLIES_ANY,
	.summary = "an inline suppression without a reason, with an unknown "
		   "rule id, or that matches nothing",
	.rationale = "A suppression hides a finding from everyone who reads "
		     "the file later. Without a reason nobody can tell whether "
		     "it still holds; one that names an unknown rule or "
		     "matches nothing hides nothing and only misleads.",
	.bad = "services:\n  app:\n    image: nginx:1.27\n"
	       "    # mountlint: disable=ML201\n"
	       "    volumes:\n      - /cache\n",
	.good = "services:\n  app:\n    image: nginx:1.27\n"
		"    volumes:\n"
		"      # mountlint: disable=ML201 -- scratch space, "
		"recreated on purpose\n"
		"      - /cache\n",
	.fix = "give every suppression a reason after \" -- \", name only "
	       "existing rules, and remove suppressions that match nothing",
	.check = NULL,
};
