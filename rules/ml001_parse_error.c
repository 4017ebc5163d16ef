/*
 * ML001 parse-error: the input cannot be read as what it claims to be.
 *
 * The parsers report it themselves: libyaml's problem with its position,
 * a duplicate mapping key (which Compose refuses), a compose-named file
 * that is empty or whose top level is not a mapping, binary input, and
 * an unterminated quote in a command. No rule has a check of its own.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml001 = {
	.id = "ML001",
	.name = "parse-error",
	.severity = SEV_ERROR,
	.applies = APPLIES_ANY,
	.summary = "the input is not valid YAML, a compose file's top level "
		"is not a mapping, or a command has an unterminated "
		"quote",
	.rationale = "A file that does not parse is not linted at all, and "
		"Docker or Compose refuses it too, usually with a less precise "
		"position. Reporting it as a finding keeps CI honest: a broken "
		"file fails the gate instead of passing as clean.",
	.bad = "services:\n"
		"  web:\n"
		"    image: nginx:1.27\n"
		"     volumes:\n"
		"      - ./html:/usr/share/nginx/html:ro\n",
	.good = "services:\n"
		"  web:\n"
		"    image: nginx:1.27\n"
		"    volumes:\n"
		"      - ./html:/usr/share/nginx/html:ro\n",
	.fix = "Mend the syntax at the position given: indentation, a missing "
		"`:` or closing quote, or a key written twice.",
	.check = NULL,
};
