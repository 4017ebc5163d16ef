/*
 * ML302 sensitive-host-path: a bind of a sensitive host directory.
 *
 * The host's configuration, credentials, kernel interfaces and the
 * engines' own state are not data for a container: a writable bind of
 * /etc or ~/.ssh lets the container change who may log in to the host.
 * Read-only still leaks them (a warning). A few read-only files are
 * mounted on purpose everywhere (the time zone, the machine id).
 */
#include <string.h>

#include "../lint/finding.h"
#include "../lint/hostpath.h"
#include "../lint/match.h"
#include "../lint/rule.h"
#include "../lint/settings.h"
#include "../lint/banned.h"

/* Sensitive with everything below them. */
static const char *const below[] = {
	"/etc", "/root", "/boot", "/proc", "/sys", "/var/lib/docker",
	"/var/lib/containerd", "~/.ssh", "~/.aws", "~/.kube", "~/.docker",
	"~/.gnupg", NULL,
};

/* Sensitive themselves; what lies below them is not (a project under
 * /home is fine). */
static const char *const itself[] = { "/dev", "/home", NULL };

/* Read-only, these are fine: every image may read them. */
static const char *const harmless_ro[] = {
	"/etc/localtime", "/etc/timezone", "/etc/os-release",
	"/etc/machine-id", "/etc/hostname", NULL,
};

/* What makes p sensitive: an entry of the lists, or NULL. */
static const char *sensitive(const char *p, const struct settings *s)
{
	const char *hit = hostpath_below(p, below);

	if (!hit)
		hit = hostpath_equals(p, itself);
	if (!hit && hostpath_is_home(p))
		hit = "a home directory";
	for (size_t i = 0; !hit && i < s->n_sensitive_paths; i++)
		if (match_pattern(s->sensitive_paths[i], p))
			hit = s->sensitive_paths[i];
	return hit;
}

static void check_mount(const struct unit *u, const struct container *c,
			const struct mount *m, struct findings *out)
{
	const char *p = hostpath_of(m), *hit;
	enum severity sev = m->read_only ? SEV_WARNING : SEV_ERROR;

	if (!p || !strcmp(p, "/"))	/* "/" is ML301's */
		return;
	if (m->read_only && hostpath_equals(p, harmless_ro))
		return;
	if (path_within(p, "/dev") && strcmp(p, "/dev")) {
		finding_add(out, "ML302", SEV_INFO, mount_loc(m, MF_SOURCE),
			    c->name, "prefer --device (compose: devices:), "
			    "which also sets the device cgroup rule",
			    "device \"%s\" bound from the host's /dev", p);
		return;
	}
	hit = sensitive(p, u->settings);
	if (!hit)
		return;
	finding_add(out, "ML302", sev, mount_loc(m, MF_SOURCE), c->name,
		    m->read_only ? "bind only the file the container needs, "
		    "or copy it into the image" : "bind only what the "
		    "container needs, and read-only (\":ro\")",
		    "%s bind of sensitive host path \"%s\"%s%s%s",
		    m->read_only ? "read-only" : "writable", m->source,
		    hit[0] == 'a' ? " (" : strcmp(hit, p) ? " (below \"" : "",
		    strcmp(hit, p) ? hit : "",
		    hit[0] == 'a' ? ")" : strcmp(hit, p) ? "\")" : "");
}

static void check(const struct unit *u, struct findings *out)
{
	for (size_t i = 0; i < u->n_containers; i++)
		for (size_t k = 0; k < u->containers[i].n_mounts; k++)
			check_mount(u, &u->containers[i],
				    &u->containers[i].mounts[k], out);
}

const struct rule rule_ml302 = {
	.id = "ML302",
	.name = "sensitive-host-path",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a bind of a sensitive host directory",
	.rationale = "/etc, /root, /boot, /proc, /sys, the engines' state "
		"under /var/lib and the credentials in ~/.ssh, ~/.aws, "
		"~/.kube, ~/.docker and ~/.gnupg belong to the host. A "
		"writable bind lets the container change who may log in or "
		"what the host boots; a read-only one still hands it the "
		"host's secrets. /dev, /home and a home directory are "
		"sensitive themselves (a project below /home is fine).",
	.bad = "docker run -d -v /etc:/host/etc alpine:3.20\n",
	.good = "docker run -d -v /etc/localtime:/etc/localtime:ro "
		"alpine:3.20\n",
	.fix = "bind only the file or directory the container needs, "
	       "read-only; pass credentials as secrets",
	.check = check,
};
