/*
 * ML107 invalid-volume-name: a named-volume source the local driver
 * rejects, or a ~ no shell expands.
 * Reported by the mount grammar (parsers/mountspec.c) while a mount is
 * read: the mount is then left out of the model.
 */
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml107 = {
	.id = "ML107",
	.name = "invalid-volume-name",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a named-volume source the local driver rejects, or a ~ no shell expands",
	.rationale = "A source that is neither a path nor a variable is a named "
		"volume, and Docker's local driver accepts only names of "
		"letters, digits, \"_\", \".\" and \"-\" (two characters at "
		"least for docker run). \"data/sub:/x\" was meant as a "
		"relative path and is refused. A \"~\" that no shell expands "
		"(\"--volume=~/x:/y\") reaches Docker as the volume name "
		"\"~/x\" and is refused too.",
	.bad = "docker run -d --volume=~/notes:/notes alpine:3.20\n",
	.good = "docker run -d --volume=$HOME/notes:/notes alpine:3.20\n",
	.fix = "start a host path with \"/\", \"./\" or $HOME, or name the "
		"volume with letters, digits, \"_\", \".\" and \"-\"",
	.check = NULL,
};
