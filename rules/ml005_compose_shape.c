/*
 * ML005 compose-shape: a compose value has the wrong type where the mount
 * model needs one.
 *
 * The file is valid YAML, so it is not ML001; but a service that is not a
 * mapping, `volumes` that is not a list, a volume entry that is neither a
 * string nor a mapping, or labels that are neither a list nor a mapping
 * cannot be read. The compose parser reports it at the offending value
 * and reads the rest of the file.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml005 = {
	.id = "ML005",
	.name = "compose-shape",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE,
	.summary = "a compose value has the wrong type where the mount "
		"model needs one",
	.rationale = "Compose validates the file against its schema and refuses "
		"a value of the wrong type, so the project does not start. "
		"The linter cannot read mounts out of such a value either: "
		"saying so at the exact value beats a silent gap in the "
		"other rules' findings.",
	.bad = "services:\n"
		"  web:\n"
		"    image: nginx:1.27\n"
		"    volumes: ./html:/usr/share/nginx/html:ro\n",
	.good = "services:\n"
		"  web:\n"
		"    image: nginx:1.27\n"
		"    volumes:\n"
		"      - ./html:/usr/share/nginx/html:ro\n",
	.fix = "Write the value with the type Compose expects: a mapping for "
		"a service, a list for `volumes`, a string or a mapping for each "
		"mount entry, a list or a mapping for labels.",
	.check = NULL,
};
