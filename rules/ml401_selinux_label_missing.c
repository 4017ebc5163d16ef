/*
 * ML401 selinux-label-missing: on an SELinux host, a bind of a project
 * directory without :z or :Z.
 *
 * On an SELinux host (Fedora, RHEL, CentOS Stream), a container may read
 * only files labelled for containers. A bind of a project directory
 * without :z or :Z gives "permission denied" inside the container, even
 * as root. Only when the configuration or --selinux says the hosts run
 * SELinux.
 */
#include "../lint/finding.h"
#include "../lint/hostpath.h"
#include "../lint/rule.h"
#include "../lint/selinux.h"
#include "../lint/settings.h"
#include "../lint/banned.h"

/* A bind of the project's own files: relative, or absolute outside
 * the system's directories. */
static bool is_project_bind(const struct mount *m)
{
	if (m->kind != MOUNT_BIND || !m->source_path)
		return false;
	if (m->base == PATH_RELATIVE)
		return true;
	return (m->base == PATH_ABSOLUTE || m->base == PATH_HOME) &&
	       !selinux_system_path(m->source_path) &&
	       !path_within(m->source_path, "/var/run") &&
	       !path_within(m->source_path, "/run");
}

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	if (!u->settings->selinux)
		return;
	for (size_t k = 0; k < c->n_mounts; k++) {
		const struct mount *m = &c->mounts[k];

		if (m->selinux != SELINUX_NONE || !is_project_bind(m))
			continue;
		finding_add(out, "ML401", SEV_OFF,
			    mount_loc(m, MF_SOURCE), c->name,
			    c->origin == ORIGIN_COMPOSE ?
			    "add \":z\" (shared with other containers) "
			    "or \":Z\" (this container only)" :
			    "add \":z\" or \":Z\" to the -v option",
			    "bind of \"%s\" without an SELinux label: on "
			    "an SELinux host the container gets "
			    "\"permission denied\"", m->source);
	}
}

const struct rule rule_ml401 = {
	.id = "ML401",
	.name = "selinux-label-missing",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "on an SELinux host, a bind of a project directory "
		   "without :z or :Z",
	.rationale = "On an SELinux host a container may read only files "
		"labelled for containers, so a bind of a project directory "
		"without :z (shared) or :Z (private) fails with \"permission "
		"denied\", even as root. The rule is off unless --selinux or "
		"\"selinux: true\" in the configuration says the hosts run "
		"SELinux.",
	.bad = "services:\n  app:\n    image: example/app:1.0\n"
	       "    volumes:\n      - ./src:/src\n",
	.good = "services:\n  app:\n    image: example/app:1.0\n"
		"    volumes:\n      - ./src:/src:z\n",
	.fix = "add :z (shared) or :Z (this container only) to project binds",
	.check_container = check_container,
};
