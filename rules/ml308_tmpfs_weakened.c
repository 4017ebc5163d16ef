/*
 * ML308 tmpfs-weakened: a tmpfs that turns exec, suid or dev back on.
 *
 * Docker mounts a tmpfs noexec, nosuid and nodev: a place to write
 * scratch data, not to run programs from. Turning one back on makes it
 * the easy place to drop and run a downloaded binary.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	(void)u;
	for (size_t k = 0; k < c->n_mounts; k++) {
		const struct mount *m = &c->mounts[k];

		if (m->kind != MOUNT_TMPFS || !m->reenabled)
			continue;
		finding_add(out, "ML308", SEV_OFF,
			    mount_loc(m, MF_ENTRY), c->name,
			    "remove the option; Docker's default is "
			    "noexec,nosuid,nodev",
			    "tmpfs \"%s\" turns \"%s\" back on: a "
			    "writable place to run what an attacker "
			    "drops there", m->target ? m->target : "",
			    m->reenabled);
	}
}

const struct rule rule_ml308 = {
	.id = "ML308",
	.name = "tmpfs-weakened",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a tmpfs that turns exec, suid or dev back on",
	.rationale = "Docker mounts every tmpfs noexec, nosuid and nodev. "
		"Turning exec back on gives an attacker a writable place to "
		"run a downloaded binary from, even in a read-only container; "
		"suid and dev give set-uid programs and device nodes a place "
		"to live.",
	.bad = "docker run -d --read-only --tmpfs /tmp:exec,size=64m "
	       "alpine:3.20\n",
	.good = "docker run -d --read-only --tmpfs /tmp:size=64m "
		"alpine:3.20\n",
	.fix = "keep tmpfs mounts noexec, nosuid and nodev (the default)",
	.check_container = check_container,
};
