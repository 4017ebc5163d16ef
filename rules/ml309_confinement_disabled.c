/*
 * ML309 confinement-disabled: an SELinux, seccomp, AppArmor or
 * systempaths confinement turned off.
 *
 * These are what stop a process in a container from using the kernel's
 * full interface, relabelling files or reading /proc's host knobs. With
 * one turned off, every mount of the container is worth more to an
 * attacker.
 */
#include <string.h>

#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

/* "seccomp=unconfined", "label:disable": the confinement it turns off,
 * or NULL. */
static const char *turned_off(const char *opt)
{
	static const char *const kinds[] = { "label", "seccomp", "apparmor",
					     "systempaths" };

	for (size_t i = 0; i < sizeof(kinds) / sizeof(*kinds); i++) {
		size_t n = strlen(kinds[i]);

		if (strncmp(opt, kinds[i], n) || (opt[n] != '=' && opt[n] != ':'))
			continue;
		if (!strcmp(opt + n + 1, "disable") ||
		    !strcmp(opt + n + 1, "unconfined"))
			return kinds[i];
	}
	return NULL;
}

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	(void)u;
	for (size_t k = 0; k < c->n_secopts; k++) {
		const struct secopt *s = &c->secopts[k];
		const char *what = turned_off(s->text);

		if (!what)
			continue;
		finding_add(out, "ML309", SEV_OFF, &s->loc, c->name,
			    "remove it; write a profile that allows "
			    "what the container needs instead",
			    "\"%s\" turns %s confinement off: the "
			    "container's mounts and the kernel are no "
			    "longer fenced off", s->text, what);
	}
}

const struct rule rule_ml309 = {
	.id = "ML309",
	.name = "confinement-disabled",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "an SELinux, seccomp, AppArmor or systempaths confinement "
		   "turned off",
	.rationale = "SELinux labels, the seccomp filter, the AppArmor "
		"profile and the masked /proc and /sys paths are the fences "
		"between a container and the host's kernel and files. "
		"\"label=disable\", \"seccomp=unconfined\", "
		"\"apparmor=unconfined\" and \"systempaths=unconfined\" take "
		"one down for the whole container.",
	.bad = "services:\n  app:\n    image: alpine:3.20\n"
	       "    security_opt:\n      - seccomp:unconfined\n",
	.good = "services:\n  app:\n    image: alpine:3.20\n"
		"    security_opt:\n      - no-new-privileges:true\n",
	.fix = "remove the option, or replace it with a profile that allows "
	       "only what the container needs",
	.check_container = check_container,
};
