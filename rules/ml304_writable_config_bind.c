/*
 * ML304 writable-config-bind: a writable bind of a configuration file
 * or of static content.
 *
 * A configuration file or a web root bound without :ro can be rewritten
 * by the container, and the change lands in the repository's working
 * tree on the host. Services read these; they seldom need to write
 * them. Some services do keep state in a directory under /etc (info).
 */
#include <stdlib.h>
#include <string.h>

#include "../lint/finding.h"
#include "../lint/hostpath.h"
#include "../lint/match.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static const char config_names[] =
	"\\.(conf|ini|cfg|toml|ya?ml|json|xml|properties)$";

static const char *const static_roots[] = {
	"/usr/share/nginx/html", "/usr/local/apache2/htdocs",
};

/* Files under /etc without an extension: a bind of one is no directory
 * (a writable /etc/localtime is ML302's). */
static const char *const etc_files[] = {
	"localtime", "timezone", "hostname", "hosts", "machine-id",
	"os-release", "passwd", "group", "shadow", "gshadow", "subuid",
	"subgid", "fstab", "mtab", "environment", "sudoers", "crontab",
	"mailname", "adjtime",
};

static const char *last_component(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	return slash ? slash + 1 : path;
}

static bool is_etc_file(const char *name)
{
	for (size_t i = 0; i < sizeof(etc_files) / sizeof(*etc_files); i++)
		if (!strcmp(name, etc_files[i]))
			return true;
	return false;
}

/* A directory bound below /etc: the source has no extension, and the
 * target is no well-known file. */
static bool is_etc_dir(const char *name, const char *target)
{
	const char *last = last_component(target);

	if (strncmp(target, "/etc/", 5) || (name && strchr(name, '.')))
		return false;
	return !is_etc_file(last);
}

static bool is_static_root(const char *target)
{
	char *copy;
	const char *clean = path_clean_view(target, &copy);
	bool hit = false;

	for (size_t i = 0; i < 2; i++)
		hit |= !strcmp(clean, static_roots[i]);
	free(copy);
	return hit;
}

static void check_mount(const struct container *c, const struct mount *m,
			struct findings *out)
{
	const char *name, *target = m->target ? m->target : "";
	const char *fix = c->origin == ORIGIN_COMPOSE ?
		"add \":ro\" (long syntax: read_only: true)" :
		"add \":ro\" (--mount: readonly)";

	if (m->kind != MOUNT_BIND || m->read_only)
		return;
	name = mount_source_basename(m);
	if ((name && match_pattern(config_names, name)) ||
	    match_pattern(config_names, last_component(target))) {
		finding_add(out, "ML304", SEV_OFF, mount_loc(m, MF_SOURCE),
			    c->name, fix, "configuration file \"%s\" is bound "
			    "writable: the container can rewrite it, on the "
			    "host", m->source);
	} else if (is_static_root(target)) {
		finding_add(out, "ML304", SEV_OFF, mount_loc(m, MF_SOURCE),
			    c->name, fix, "static content \"%s\" is bound "
			    "writable at \"%s\": a compromised server can "
			    "deface it on the host", m->source, target);
	} else if (is_etc_dir(name, target)) {
		finding_add(out, "ML304", SEV_INFO, mount_loc(m, MF_SOURCE),
			    c->name, fix, "directory \"%s\" is bound writable "
			    "at \"%s\": fine if the service keeps state there, "
			    "else make it read-only", m->source, target);
	}
}

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	(void)u;
	for (size_t k = 0; k < c->n_mounts; k++)
		check_mount(c, &c->mounts[k], out);
}

const struct rule rule_ml304 = {
	.id = "ML304",
	.name = "writable-config-bind",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a writable bind of a configuration file or of static "
		   "content",
	.rationale = "A service reads its configuration and serves its "
		"static files; it seldom needs to write them. Bound without "
		":ro, they can be rewritten from inside the container, and "
		"the change lands on the host, often in the repository's "
		"working tree. A writable directory under /etc is only info: "
		"some services keep state there.",
	.bad = "services:\n  web:\n    image: nginx:1.27\n    volumes:\n"
	       "      - ./nginx.conf:/etc/nginx/nginx.conf\n",
	.good = "services:\n  web:\n    image: nginx:1.27\n    volumes:\n"
		"      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n",
	.fix = "bind configuration and static content read-only",
	.check_container = check_container,
};
