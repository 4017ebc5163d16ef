/*
 * ML302 sensitive-host-path: a bind of a sensitive host directory.
 *
 * The host's configuration, credentials, kernel interfaces and the
 * engines' own state are not data for a container: a writable bind of
 * /etc or ~/.ssh lets the container change who may log in to the host.
 * Read-only still leaks them (a warning). A few read-only files are
 * mounted on purpose everywhere (the time zone, the machine id).
 */
#include <stdlib.h>
#include <string.h>

#include "../lint/finding.h"
#include "../lint/hostpath.h"
#include "../lint/match.h"
#include "../lint/mem.h"
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

/*
 * Why p is sensitive, as the message's tail: "" for a listed path
 * itself, " (\"~/.ssh\")" for one in some home, " (below \"/etc\")",
 * " (a home directory)" or " (matches \"PATTERN\")"; NULL when it is
 * not. The caller frees it.
 */
static char *why_sensitive(const char *p, const struct settings *s)
{
	const char *hit = hostpath_equals(p, below);

	if (hit)
		return strcmp(hit, p) ? xasprintf(" (\"%s\")", hit) :
			xstrdup("");
	hit = hostpath_below(p, below);
	if (hit)
		return xasprintf(" (below \"%s\")", hit);
	if (hostpath_equals(p, itself))
		return xstrdup("");
	if (hostpath_is_home(p))
		return xstrdup(" (a home directory)");
	hit = match_first(s->sensitive_paths, s->n_sensitive_paths, p);
	return hit ? xasprintf(" (matches \"%s\")", hit) : NULL;
}

static void report_device(const struct container *c, const struct mount *m,
			  const char *p, struct findings *out)
{
	finding_add(out, "ML302", SEV_INFO, mount_loc(m, MF_SOURCE), c->name,
		    "prefer --device (compose: devices:), which also sets "
		    "the device cgroup rule",
		    "device \"%s\" bound from the host's /dev", p);
}

static void check_mount(const struct unit *u, const struct container *c,
			const struct mount *m, struct findings *out)
{
	const char *p = hostpath_of(m);
	char *why;

	if (!p || !strcmp(p, "/"))	/* "/" is ML301's */
		return;
	if (m->read_only && hostpath_equals(p, harmless_ro))
		return;
	if (path_within(p, "/dev") && strcmp(p, "/dev")) {
		report_device(c, m, p, out);
		return;
	}
	why = why_sensitive(p, u->settings);
	if (!why)
		return;
	finding_add(out, "ML302", m->read_only ? SEV_WARNING : SEV_ERROR,
		    mount_loc(m, MF_SOURCE), c->name,
		    m->read_only ? "bind only the file the container needs, "
		    "or copy it into the image" : "bind only what the "
		    "container needs, and read-only (\":ro\")",
		    "%s bind of sensitive host path \"%s\"%s",
		    m->read_only ? "read-only" : "writable", m->source, why);
	free(why);
}

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	for (size_t k = 0; k < c->n_mounts; k++)
		check_mount(u, c, &c->mounts[k], out);
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
	.check_container = check_container,
};
