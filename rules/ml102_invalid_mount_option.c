/*
 * ML102 invalid-mount-option: a -v or short-syntax mode Docker rejects or Compose drops.
 * Reported by the mount grammar (parsers/mountspec.c) while a mount is
 * read: the mount is then left out of the model.
 */
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml102 = {
	.id = "ML102",
	.name = "invalid-mount-option",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a -v or short-syntax mode Docker rejects or Compose drops",
	.rationale = "The mode after the second colon is a comma-separated list "
		"that Docker checks: an unknown option (\"rx\"), two options "
		"of one kind (\"ro,rw\", \"z,Z\", two propagations) or "
		"\"nocopy\" on a bind make it refuse the container. Compose "
		"is worse: it drops an option it does not know without a "
		"word, so a typo such as \"r0\" silently leaves the mount "
		"writable.",
	.bad = "services:\n  app:\n    image: nginx:1.27\n    volumes:\n    "
		"  - ./site:/usr/share/nginx/html:r0\n",
	.good = "services:\n  app:\n    image: nginx:1.27\n    volumes:\n    "
		"  - ./site:/usr/share/nginx/html:ro\n",
	.fix = "use ro or rw, z or Z, nocopy (volumes only), one "
		"propagation and one consistency, each at most once",
	.check = NULL,
};
