/*
 * ML201 anonymous-volume: a volume without a name: a new one for each
 * container, left behind.
 *
 * `-v /data` makes a volume with a random name. Each new container (a
 * `docker compose up` after a change of image, a new `docker run`) gets
 * a fresh, empty one; the old ones stay on disk until someone prunes
 * them, because `docker rm` and `docker compose down` without -v keep
 * them. Info only where that is the point: with --rm the volume goes
 * with the container, and a volume inside another mount (the
 * node_modules idiom) exists to keep the image's content visible.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lint/finding.h"
#include "../lint/hostpath.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

/* The mount of c whose target holds m's target strictly inside it. */
static const struct mount *outer_mount(const struct container *c,
				       const struct mount *m)
{
	char *inner_copy, *outer_copy;
	const char *inner = path_clean_view(m->target, &inner_copy);
	const struct mount *found = NULL;

	for (size_t i = 0; i < c->n_mounts && !found; i++) {
		const struct mount *o = &c->mounts[i];
		const char *outer;

		if (o == m || !o->target || o->kind == MOUNT_SECRET ||
		    o->kind == MOUNT_CONFIG)
			continue;
		outer = path_clean_view(o->target, &outer_copy);
		if (strcmp(inner, outer) && path_within(inner, outer))
			found = o;
		free(outer_copy);
	}
	free(inner_copy);
	return found;
}

/* A volume name from the target's last component: "node_modules". */
static void suggest_name(const char *target, char *name, size_t size)
{
	char *copy;
	const char *clean = path_clean_view(target, &copy);
	const char *base = strrchr(clean, '/');
	size_t w = 0;

	base = base ? base + 1 : clean;
	for (; *base && w + 1 < size; base++)
		name[w++] = isalnum((unsigned char)*base) || *base == '-' ||
			    *base == '_' ? *base : '_';
	name[w] = '\0';
	if (w == 0 || !isalnum((unsigned char)name[0]))
		sformat(name, size, "data");
	free(copy);
}

/* For a target that starts with a drive ("v:/data"): why a one-letter
 * volume name reads so. */
static const char *drive_note(const char *target)
{
	bool drive = isalpha((unsigned char)target[0]) && target[1] == ':' &&
		     (target[2] == '/' || target[2] == '\\');

	return drive ? " (a one-letter name before \":\" reads as a Windows "
		       "drive, so the whole entry is the container path)" : "";
}

static void make_fix(const struct container *c, const struct mount *m,
		     char *fix, size_t size)
{
	char name[64];

	suggest_name(m->target, name, sizeof(name));
	if (*drive_note(m->target))
		sformat(fix, size, "give the volume a name of two characters "
			"or more, and declare it under top-level volumes");
	else if (c->origin == ORIGIN_COMPOSE && m->syntax == SYNTAX_LONG)
		sformat(fix, size, "give the volume a name: \"source: %s\", "
			"and declare it under top-level volumes", name);
	else if (c->origin == ORIGIN_COMPOSE)
		sformat(fix, size, "name the volume: \"%s:%s\", and declare "
			"it under top-level volumes", name, m->target);
	else if (m->syntax == SYNTAX_LONG)
		sformat(fix, size, "name the volume: add \"source=%s\" to "
			"--mount", name);
	else
		sformat(fix, size, "name the volume: \"-v %s:%s\"", name,
			m->target);
}

static void check_mount(const struct container *c, const struct mount *m,
			struct findings *out)
{
	const struct loc *at = mount_loc(m, MF_ENTRY);
	const struct mount *outer = outer_mount(c, m);
	char fix[256];

	make_fix(c, m, fix, sizeof(fix));
	if (outer)
		finding_add(out, "ML201", SEV_INFO, at, c->name, fix,
			    "anonymous volume on \"%s\" keeps the image's "
			    "content from being hidden by the mount on \"%s\", "
			    "but each new container leaves one more behind",
			    m->target, outer->target);
	else if (c->remove)
		finding_add(out, "ML201", SEV_INFO, at, c->name, fix,
			    "anonymous volume on \"%s\": --rm removes it with "
			    "the container, so nothing written there is kept",
			    m->target);
	else
		finding_add(out, "ML201", SEV_OFF, at, c->name, fix,
			    "anonymous volume on \"%s\": each new container "
			    "gets a new volume, and the old ones are left "
			    "behind%s", m->target, drive_note(m->target));
}

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	(void)u;
	for (size_t j = 0; j < c->n_mounts; j++)
		if (c->mounts[j].kind == MOUNT_ANON && c->mounts[j].target)
			check_mount(c, &c->mounts[j], out);
}

const struct rule rule_ml201 = {
	.id = "ML201",
	.name = "anonymous-volume",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a volume without a name: a new one for each container, left behind",
	.rationale = "A volume without a source gets a random name. Every new "
		"container (a new `docker run`, a `docker compose up` after "
		"the image changed) gets a new, empty one, so the data seems "
		"to vanish; the old volumes stay on disk, because `docker rm` "
		"and `docker compose down` without `-v` keep them, until the "
		"disk fills up. With `--rm`, or inside another mount to keep "
		"the image's files visible, it is only `info`.",
	.bad = "services:\n"
		"  db:\n"
		"    image: mysql:8.4\n"
		"    volumes:\n"
		"      - /var/lib/mysql\n",
	.good = "services:\n"
		"  db:\n"
		"    image: mysql:8.4\n"
		"    volumes:\n"
		"      - mysql:/var/lib/mysql\n"
		"volumes:\n"
		"  mysql:\n",
	.fix = "Name the volume (`data:/data`, `--mount "
		"type=volume,source=data,target=/data`) and, in Compose, "
		"declare it under top-level `volumes:`; use a tmpfs for "
		"scratch space that should not be kept.",
	.check_container = check_container,
};
