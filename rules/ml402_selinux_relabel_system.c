/*
 * ML402 selinux-relabel-system: a :z or :Z relabel of a system or home
 * directory.
 *
 * :z and :Z make Docker relabel the host path, recursively, for the
 * container's SELinux context. On /usr, /etc or a home directory that
 * rewrites the labels the host's own services depend on: logins,
 * daemons and package updates start failing with permission errors.
 */
#include "../lint/finding.h"
#include "../lint/hostpath.h"
#include "../lint/rule.h"
#include "../lint/selinux.h"
#include "../lint/banned.h"

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	(void)u;
	for (size_t k = 0; k < c->n_mounts; k++) {
		const struct mount *m = &c->mounts[k];
		const char *p = hostpath_of(m);

		if (m->selinux == SELINUX_NONE || !p ||
		    !selinux_system_path(p))
			continue;
		finding_add(out, "ML402", SEV_OFF,
			    mount_loc(m, MF_SELINUX), c->name,
			    "remove the relabel option, and bind a "
			    "directory of the project instead",
			    ":%c relabels \"%s\" for the container: the "
			    "host's own programs lose access to it",
			    m->selinux == SELINUX_PRIVATE ? 'Z' : 'z', p);
	}
}

const struct rule rule_ml402 = {
	.id = "ML402",
	.name = "selinux-relabel-system",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a :z or :Z relabel of a system or home directory",
	.rationale = ":z and :Z (bind.selinux) make Docker relabel the host "
		"path, recursively, with the container's SELinux type. Done to "
		"/usr, /etc, /var/log, a home directory or its dot-files, it "
		"rewrites labels the host's own services rely on: logins, "
		"daemons and updates start failing with permission errors. A "
		"project directory such as ./src or /srv/app is where :z "
		"belongs.",
	.bad = "docker run -d -v $HOME:/home/app:Z alpine:3.20\n",
	.good = "docker run -d -v $HOME/projects/app:/home/app:Z "
		"alpine:3.20\n",
	.fix = "relabel only directories that belong to the project",
	.check_container = check_container,
};
