/*
 * ML103 invalid-target: a container path that is not absolute, or is /.
 * Reported by the mount grammar (parsers/mountspec.c) while a mount is
 * read: the mount is then left out of the model.
 */
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml103 = {
	.id = "ML103",
	.name = "invalid-target",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a container path that is not absolute, or is /",
	.rationale = "A mount's target is a path inside the container and must be "
		"absolute: Docker refuses a relative one (\"data\"), and a "
		"mount on \"/\" itself would replace the container's root "
		"file system, which it also refuses.",
	.bad = "docker run -d -v pgdata:var/lib/postgresql/data "
		"postgres:16\n",
	.good = "docker run -d -v pgdata:/var/lib/postgresql/data "
		"postgres:16\n",
	.fix = "write the container path from the root, e.g. \"/data\"",
	.check = NULL,
};
