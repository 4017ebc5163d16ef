/*
 * ML101 invalid-volume-spec: a -v or short-syntax spec that Docker rejects.
 * Reported by the mount grammar (parsers/mountspec.c) while a mount is
 * read: the mount is then left out of the model.
 */
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml101 = {
	.id = "ML101",
	.name = "invalid-volume-spec",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a -v or short-syntax spec that Docker rejects",
	.rationale = "Docker refuses to create a container whose -v spec it "
		"cannot read, and Compose refuses the whole project. An "
		"empty spec, an empty section between colons, more than "
		"three sections, or a target followed by a mode with no "
		"source (\"/data:ro\") are read by no one the way their "
		"author meant. Reported while the mount is read.",
	.bad = "services:\n  app:\n    image: nginx:1.27\n    volumes:\n    "
		"  - /srv/site:/usr/share/nginx/html:ro:z\n",
	.good = "services:\n  app:\n    image: nginx:1.27\n    volumes:\n    "
		"  - /srv/site:/usr/share/nginx/html:ro,z\n",
	.fix = "write SOURCE:TARGET[:MODE], with the options of MODE "
		"separated by commas",
	.check = NULL,
};
