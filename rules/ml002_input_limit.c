/*
 * ML002 input-limit: an input passes a safety limit (size, YAML depth,
 * alias expansion, findings, command length).
 *
 * Inputs come from outside and may be hostile: a few lines of anchors
 * and aliases expand to billions of nodes. Past a limit of
 * lint/limits.h, linting of that input stops and the others go on.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml002 = {
	.id = "ML002",
	.name = "input-limit",
	.severity = SEV_ERROR,
	.applies = APPLIES_ANY,
	.summary = "an input passes a safety limit (size, YAML depth, alias "
		"expansion, findings, command length)",
	.rationale = "Inputs may come from anyone who can open a pull request. "
		"A few lines of YAML anchors and aliases expand to billions of "
		"nodes, and deep nesting exhausts memory or the stack. The "
		"linter stops reading such an input and says so, instead of "
		"hanging the CI job or passing the file as clean.",
	.bad = "services:\n"
		"  app:\n"
		"    image: alpine:3.20\n"
		"x-a: &a [x, x, x, x, x, x, x, x, x, x]\n"
		"x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"x-e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"x-f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		"x-g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
	.good = "services:\n"
		"  app:\n"
		"    image: alpine:3.20\n"
		"x-a: &a [x, x, x, x, x, x, x, x, x, x]\n"
		"x-b: [*a, *a]\n",
	.fix = "Split the input, or write the repeated content out instead of "
		"nesting aliases of aliases; a real compose file stays far below "
		"every limit.",
	.check = NULL,
};
