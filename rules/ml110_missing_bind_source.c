/*
 * ML110 missing-bind-source: a relative bind source that looks like a
 * file and does not exist.
 *
 * When a bind source is missing, Docker creates it, as an empty
 * directory. For a configuration file that was never committed (or is
 * misspelt) the container then finds a directory where it wanted a
 * file, and fails in ways that do not name the cause. Compose only:
 * there the source is relative to the compose file, whose directory the
 * linter can look into. A missing directory is fine.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../lint/filename.h"
#include "../lint/finding.h"
#include "../lint/fsprobe.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static bool looks_like_file(const struct mount *m)
{
	size_t n = strlen(m->source);

	/* "./conf/" says directory, whatever its name */
	if (n > 0 && m->source[n - 1] == '/')
		return false;
	return name_has_extension(m->source_path) ||
	       (m->target && name_has_extension(m->target));
}

/* True only when the path is known not to exist. */
static bool missing(const char *dir, const char *rel)
{
	return fsprobe_stat_in(dir, rel) == ENOENT;
}

static void report(const struct container *c, const struct mount *m,
		   struct findings *out)
{
	char fix[512];

	sformat(fix, sizeof(fix), "create \"%s\" beside the compose file "
		"(commit it, or a template of it), or correct the path",
		m->source);
	finding_add(out, "ML110", SEV_OFF, mount_loc(m, MF_SOURCE), c->name,
		    fix, "bind source \"%s\" does not exist: Docker creates an "
		    "empty directory there, and the container finds a "
		    "directory at \"%s\"", m->source, m->target);
}

static void check_mount(const struct unit *u, const struct container *c,
			const struct mount *m, struct findings *out)
{
	if (m->kind != MOUNT_BIND || m->base != PATH_RELATIVE ||
	    !m->source_path || !m->source || !m->target)
		return;
	if (looks_like_file(m) && missing(u->dir, m->source_path))
		report(c, m, out);
}

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	if (u->kind != UNIT_COMPOSE || !u->dir)
		return;
	for (size_t j = 0; j < c->n_mounts; j++)
		check_mount(u, c, &c->mounts[j], out);
}

const struct rule rule_ml110 = {
	.id = "ML110",
	.name = "missing-bind-source",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE,
	.summary = "a relative bind source that looks like a file and does not exist",
	.rationale = "When the source of a bind does not exist, Docker creates "
		"it as an empty directory. A configuration file that was never "
		"committed, is ignored by git or is misspelt then turns into a "
		"directory on the host, and the container finds a directory "
		"where it expected a file: it fails with an error that does not "
		"name the cause, or silently runs with its defaults.",
	.bad = "services:\n"
		"  web:\n"
		"    image: nginx:1.27\n"
		"    volumes:\n"
		"      - ./conf/missing-site.conf:/etc/nginx/conf.d/site.conf:ro\n",
	.good = "services:\n"
		"  web:\n"
		"    image: nginx:1.27\n"
		"    volumes:\n"
		"      - ./conf.d:/etc/nginx/conf.d:ro\n",
	.fix = "Create the file beside the compose file (commit it, or a "
		"template that a setup step copies), or correct the path.",
	.check_container = check_container,
};
