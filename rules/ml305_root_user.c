/*
 * ML305 root-user: the container runs as root.
 *
 * A process that is root in the container is root on every host path
 * bound into it: it can change any file there, and what it creates
 * belongs to root on the host. An explicit root user is a warning. With
 * no user set, the image decides, and most images run as root: that is
 * worth an info when the container can write to a host directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lint/filename.h"
#include "../lint/finding.h"
#include "../lint/mem.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

/* "root", "0", "0:0", "root:root", "0:staff": the user part is root. */
static bool is_root(const char *user)
{
	size_t n = strcspn(user, ":");

	return (n == 4 && !strncmp(user, "root", 4)) ||
	       (n == 1 && user[0] == '0');
}

/* "$(pwd)", "$PWD/": the working directory, the common unknown source. */
static bool is_pwd(const char *source)
{
	static const char *const forms[] = {
		"$(pwd)", "$PWD", "${PWD}", "`pwd`",
	};
	size_t n = strlen(source);

	while (n > 1 && source[n - 1] == '/')
		n--;
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strlen(forms[i]) == n && !strncmp(source, forms[i], n))
			return true;
	return false;
}

/*
 * A writable bind of a host directory: its last component has no
 * extension ("./data", "/srv/app", "$(pwd)"), so it is not a file or a
 * socket.
 */
static bool writable_dir_bind(const struct mount *m)
{
	const char *name;
	size_t n;

	if (m->kind != MOUNT_BIND || m->read_only || !m->source ||
	    m->base == PATH_WINDOWS || m->base == PATH_NONE)
		return false;
	n = strlen(m->source);
	if (n > 0 && m->source[n - 1] == '/')
		return true;
	name = mount_source_basename(m);
	if (!name)
		return m->base != PATH_UNKNOWN || is_pwd(m->source);
	return !name_has_extension(name);
}

static void explicit_root(const struct container *c, struct findings *out)
{
	const char *fix = c->origin == ORIGIN_COMPOSE ?
		"run as an unprivileged user: \"user: 1000:1000\", or the "
		"user the image provides" :
		"run as an unprivileged user: \"--user 1000:1000\", or the "
		"user the image provides";

	finding_add(out, "ML305", SEV_OFF, &c->user_loc, c->name, fix,
		    "container runs as root (user \"%s\"): it is root on every "
		    "host path bound into it, and a break-out starts as root",
		    c->user);
}

static void implicit_root(const struct container *c, const struct mount *m,
			  struct findings *out)
{
	const char *fix = c->origin == ORIGIN_COMPOSE ?
		"set \"user:\" to your host uid and gid (\"1000:1000\"), or "
		"mount the directory read-only" :
		"add --user \"$(id -u):$(id -g)\", or mount the directory "
		"read-only";

	char *who = c->image ? xasprintf("\"%s\"", c->image) :
		    c->name ? xasprintf("service \"%s\"", c->name) :
		    xstrdup("the container");

	finding_add(out, "ML305", SEV_INFO, &c->image_loc, c->name, fix,
		    "no user set, so %s runs as the image's user, often "
		    "root: files it writes to host directory \"%s\" then "
		    "belong to root", who, m->source);
	free(who);
}

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	(void)u;
	if (c->user) {
		if (!strpbrk(c->user, "$`") && is_root(c->user))
			explicit_root(c, out);
		return;
	}
	for (size_t i = 0; i < c->n_mounts; i++) {
		if (writable_dir_bind(&c->mounts[i])) {
			implicit_root(c, &c->mounts[i], out);
			return;
		}
	}
}

const struct rule rule_ml305 = {
	.id = "ML305",
	.name = "root-user",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "the container runs as root",
	.rationale = "Root in a container is root over every host path bound "
		"into it: it can rewrite any file there, and the files it "
		"creates belong to root on the host, so the user who owns the "
		"project cannot edit or delete them. A bug or a break-out in "
		"the process starts with the most power it can have. With no "
		"user set the image decides, and most images run as root.",
	.bad = "services:\n"
		"  app:\n"
		"    image: node:22\n"
		"    user: root\n",
	.good = "services:\n"
		"  app:\n"
		"    image: node:22\n"
		"    user: \"1000:1000\"\n",
	.fix = "Run as an unprivileged user: `user: \"1000:1000\"` in "
		"Compose, `--user 1000:1000` on the command line (your host "
		"uid and gid, so that files written to binds stay yours), or "
		"the user the image provides.",
	.check_container = check_container,
};
