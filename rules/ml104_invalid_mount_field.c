/*
 * ML104 invalid-mount-field: a --mount or long-syntax field that Docker rejects.
 * Reported by the mount grammar (parsers/mountspec.c) while a mount is
 * read: the mount is then left out of the model.
 */
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml104 = {
	.id = "ML104",
	.name = "invalid-mount-field",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a --mount or long-syntax field that Docker rejects",
	.rationale = "--mount and Compose's long syntax are key=value fields that "
		"Docker validates one by one: an unknown key, a missing "
		"target, a bad boolean, a bare key that needs a value, an "
		"option of another mount type (bind-propagation on a "
		"volume), a tmpfs with a source or a subpath on an anonymous "
		"volume make it refuse the container or the project.",
	.bad = "docker run -d --mount "
		"type=volume,src=data,dst=/data,bind-propagation=rshared "
		"alpine:3.20\n",
	.good = "docker run -d --mount type=volume,src=data,dst=/data "
		"alpine:3.20\n",
	.fix = "keep to the keys of the mount's type, and give every key a "
		"valid value",
	.check = NULL,
};
