/*
 * ML109 name-looks-like-path: a named-volume source that reads like a
 * host path.
 *
 * Only a source starting with "/", ".", "~" (or a drive) is a bind; a
 * bare word is the name of a volume. `nginx.conf:/etc/nginx/nginx.conf`
 * therefore creates an empty volume called "nginx.conf" and hides the
 * image's file behind a directory, instead of binding the file beside
 * the compose file. A dot in the name, or a file or directory of that
 * name beside the linted file, gives the mistake away.
 */
#include <stdio.h>
#include <string.h>

#include "../lint/filename.h"
#include "../lint/finding.h"
#include "../lint/fsprobe.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

/* True when dir holds an entry called name; false when dir is NULL. */
static bool exists_beside(const char *dir, const char *name)
{
	return dir && fsprobe_stat_in(dir, name) == 0;
}

/* How to write the same mount as a bind of the path beside the file. */
static void make_fix(const struct mount_digest *m, bool beside, char *fix,
		     size_t size)
{
	const char *target = m->target ? m->target : "";
	const char *or_volume = beside ? "" :
		"; if you meant a volume, name it without a dot";

	if (m->syntax == SYNTAX_LONG && m->origin == ORIGIN_COMPOSE)
		sformat(fix, size, "make it a bind: \"type: bind\" and "
			"\"source: ./%s\"%s", m->source, or_volume);
	else if (m->syntax == SYNTAX_LONG)
		sformat(fix, size, "make it a bind: \"type=bind,"
			"source=./%s,target=%s\"%s", m->source, target,
			or_volume);
	else
		sformat(fix, size, "write it as a relative path to bind it: "
			"\"./%s:%s\"%s", m->source, target, or_volume);
}

static void report(const struct mount_digest *m, bool beside,
		   struct findings *out)
{
	const char *target = m->target ? m->target : "";
	char fix[512];

	make_fix(m, beside, fix, sizeof(fix));
	if (beside)
		finding_add(out, "ML109", SEV_OFF, digest_loc(m, MF_SOURCE),
			    m->service, fix,
			    "named volume \"%s\" has the name of a file or "
			    "directory beside this file: Docker mounts an "
			    "empty volume on \"%s\", not that path",
			    m->source, target);
	else
		finding_add(out, "ML109", SEV_OFF, digest_loc(m, MF_SOURCE),
			    m->service, fix,
			    "named volume \"%s\" reads like a host path: Docker "
			    "mounts an empty volume of that name on \"%s\", not "
			    "a file or directory", m->source, target);
}

/*
 * A volume name with a dot reads like a file name, unless it is a ".d"
 * directory name or the compose file declares a volume of that name on
 * purpose.
 */
static bool reads_like_file(const struct unit *u, const char *name)
{
	if (!name_has_extension(name))
		return false;
	return u->kind != UNIT_COMPOSE || !unit_find_volume(u, name);
}

static void check_mount(const struct unit *u, const struct mount_digest *m,
			struct findings *out)
{
	bool beside;

	if (m->kind != MOUNT_VOLUME || !m->source || !*m->source ||
	    strpbrk(m->source, "$`/"))
		return;
	beside = exists_beside(u->dir, m->source);
	if (beside || reads_like_file(u, m->source))
		report(m, beside, out);
}

static void check(const struct unit *u, struct findings *out)
{
	struct mount_iter it = { 0 };
	struct mount_digest m;

	while (unit_next_mount(u, &it, &m))
		check_mount(u, &m, out);
}

const struct rule rule_ml109 = {
	.id = "ML109",
	.name = "name-looks-like-path",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a named-volume source that reads like a host path",
	.rationale = "Docker and Compose treat a source as a host path only "
		"when it starts with `/`, `.` or `~`; a bare word such as "
		"`nginx.conf` is the name of a volume. Docker then creates an "
		"empty volume with that name and mounts it on the target, so "
		"the container sees an empty directory where it expected the "
		"file from the project.",
	.bad = "services:\n"
		"  web:\n"
		"    image: nginx:1.27\n"
		"    volumes:\n"
		"      - nginx.conf:/etc/nginx/nginx.conf:ro\n",
	.good = "services:\n"
		"  web:\n"
		"    image: nginx:1.27\n"
		"    volumes:\n"
		"      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n",
	.fix = "Start a host path with `./` (or `/`, `~`) so that it is "
		"bound; name volumes with plain words and declare them under "
		"top-level `volumes:`.",
	.check = check,
};
