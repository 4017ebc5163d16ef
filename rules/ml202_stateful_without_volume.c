/*
 * ML202 stateful-without-volume: a stateful image whose data directory
 * has no volume or bind.
 *
 * A database keeps its data in the container's writable layer unless a
 * named volume or a bind covers its data directory: `docker rm`, `docker
 * compose down` or recreating the container for a new image loses it.
 * The data directory follows the image and its version (the table in
 * rules/stateful_images.tsv, plus configuration), and variables such as
 * PGDATA move it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lint/finding.h"
#include "../lint/hostpath.h"
#include "../lint/rule.h"
#include "stateful.h"
#include "../lint/banned.h"

/* A mount that keeps data beyond the container: named volume or bind. */
static bool keeps_data(const struct mount *m)
{
	return m->kind == MOUNT_BIND || m->kind == MOUNT_VOLUME ||
	       m->kind == MOUNT_CLUSTER;
}

/* Mounts that look like storage but start empty in each container. */
static bool is_scratch(const struct mount *m)
{
	return m->kind == MOUNT_ANON || m->kind == MOUNT_TMPFS;
}

/*
 * The first mount of c on dir or above it that passes the filter, or
 * NULL: a durable one (named volume, bind) or, when !durable, a scratch
 * one. Targets are compared after cleaning.
 */
static const struct mount *mount_over(const struct container *c,
				      const char *dir, bool durable)
{
	for (size_t i = 0; i < c->n_mounts; i++) {
		const struct mount *m = &c->mounts[i];
		bool within;
		char *copy;

		if (!m->target || (durable ? !keeps_data(m) : !is_scratch(m)))
			continue;
		within = path_within(dir, path_clean_view(m->target, &copy));
		free(copy);
		if (within)
			return m;
	}
	return NULL;
}

/*
 * The data directory of one row for c, cleaned, after the row's
 * environment override; NULL when the override is not known (it holds
 * a $). The caller frees it.
 */
static char *data_dir(const struct container *c, const struct stateful_dir *d)
{
	const char *env = d->env ? kv_get(&c->env, d->env) : NULL;

	if (env && *env) {
		if (strchr(env, '$') || env[0] != '/')
			return NULL;
		return path_clean(env);
	}
	return path_clean(d->dir);
}

/* A volume or bind whose target is behind a variable may be anywhere. */
static bool unknown_target(const struct container *c)
{
	for (size_t i = 0; i < c->n_mounts; i++)
		if (keeps_data(&c->mounts[i]) && c->mounts[i].target &&
		    strpbrk(c->mounts[i].target, "$`"))
			return true;
	return false;
}

/*
 * Whether some row's directory is covered (or not known); otherwise
 * sets *missing to the last row's directory, the newest version's.
 */
static bool covered(const struct container *c, const struct stateful_dirs *l,
		    char **missing)
{
	if (unknown_target(c))
		return true;
	for (size_t i = 0; i < l->n; i++) {
		char *dir = data_dir(c, &l->items[i]);

		if (!dir || mount_over(c, dir, true)) {
			free(dir);
			return true;
		}
		free(*missing);
		*missing = dir;
	}
	return false;
}

/*
 * A volume name from the image: "postgres" for "postgres",
 * "clickhouse" for "clickhouse/clickhouse-server", "mssql" for
 * "mssql/server". Written into buf.
 */
/* A volume name fit for Docker: the container's name where it has one
 * (two services of one image then get two volumes), else the image's. */
static void volume_stem(const struct container *c, const struct image_ref *r,
			char *buf, size_t size)
{
	const char *name = r->name, *slash = strrchr(name, '/');
	const char *start = slash ? slash + 1 : name;
	size_t n = strlen(start);

	if (n > 7 && !strcmp(start + n - 7, "-server"))
		n -= 7;
	if (slash && n == 6 && !strncmp(start, "server", 6)) {
		const char *prev = slash;

		while (prev > name && prev[-1] != '/')
			prev--;
		start = prev;
		n = (size_t)(slash - prev);
	}
	if (c->name && strspn(c->name, "abcdefghijklmnopqrstuvwxyz"
			      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") ==
		       strlen(c->name) && *c->name) {
		start = c->name;
		n = strlen(c->name);
	}
	sformat(buf, size, "%.*s", (int)n, start);
}

static const char *why(const struct container *c, enum severity sev)
{
	if (c->remove)
		return "--rm removes the container, and the data with it, when "
		       "it stops";
	if (sev == SEV_INFO)
		return "fine for a cache, but anything else it holds is lost "
		       "with the container";
	return "the data is lost when the container is removed or recreated";
}

/*
 * The data directory of another version of the image that c mounts a
 * volume on (postgres 18 moved its directory), or NULL. The caller frees
 * it.
 */
static char *other_version_dir(const struct unit *u, const struct container *c,
			       const struct image_ref *r)
{
	struct image_ref any = *r;
	struct stateful_dirs all = { 0 };
	char *found = NULL;

	any.has_version = false;
	stateful_lookup(&all, &any, c->image, u->settings);
	for (size_t i = 0; i < all.n && !found; i++)
		if (mount_over(c, all.items[i].dir, true))
			found = path_clean(all.items[i].dir);
	stateful_dirs_release(&all);
	return found;
}

static void report(const struct unit *u, const struct container *c,
		   const struct image_ref *r, const char *dir,
		   enum severity sev, struct findings *out)
{
	const struct mount *weak = mount_over(c, dir, false);
	char *other = weak ? NULL : other_version_dir(u, c, r);
	char stem[64], fix[512];

	volume_stem(c, r, stem, sizeof(stem));
	if (c->origin == ORIGIN_COMPOSE)
		sformat(fix, sizeof(fix), "mount a named volume there: "
			"\"%s-data:%s\" under the service's volumes, and "
			"declare \"%s-data\" under top-level volumes",
			stem, dir, stem);
	else
		sformat(fix, sizeof(fix), "mount a named volume there: "
			"\"-v %s-data:%s\"", stem, dir);

	if (weak)
		finding_add(out, "ML202", sev, &c->image_loc, c->name, fix,
			    "only %s on \"%s\", where \"%s\" keeps its data: "
			    "a new container starts empty; %s",
			    weak->kind == MOUNT_ANON ? "an anonymous volume" :
			    "a tmpfs", dir, c->image, why(c, sev));
	else if (other)
		finding_add(out, "ML202", sev, &c->image_loc, c->name, fix,
			    "no volume on \"%s\", where \"%s\" keeps its data "
			    "(\"%s\" is where other versions keep it): %s",
			    dir, c->image, other, why(c, sev));
	else
		finding_add(out, "ML202", sev, &c->image_loc, c->name, fix,
			    "no volume on \"%s\", where \"%s\" keeps its data: "
			    "%s", dir, c->image, why(c, sev));
	free(other);
}

/* The severity: the table's (the newest row's), info with --rm. */
static enum severity severity_of(const struct container *c,
				 const struct stateful_dirs *l)
{
	if (c->remove)
		return SEV_INFO;
	return l->items[l->n - 1].severity;
}

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	struct image_ref r;
	struct stateful_dirs l = { 0 };
	char *missing = NULL;

	/* --volumes-from may bring the data volume from another container */
	if (!c->image || c->n_volumes_from > 0)
		return;
	if (image_ref_parse(&r, c->image))
		return;
	stateful_lookup(&l, &r, c->image, u->settings);
	if (l.n > 0 && !covered(c, &l, &missing))
		report(u, c, &r, missing, severity_of(c, &l), out);
	free(missing);
	stateful_dirs_release(&l);
	image_ref_release(&r);
}

const struct rule rule_ml202 = {
	.id = "ML202",
	.name = "stateful-without-volume",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a stateful image whose data directory has no volume or bind",
	.rationale = "A database, queue, search engine or registry writes its "
		"data into the container's own writable layer unless a named "
		"volume or a bind covers its data directory. That layer goes "
		"with the container: `docker rm`, `docker compose down`, or "
		"recreating the container for a new image version loses every "
		"row. An anonymous volume or a tmpfs does not help: a new "
		"container gets a new, empty one.",
	.bad = "services:\n"
		"  db:\n"
		"    image: postgres:16\n"
		"    environment:\n"
		"      POSTGRES_PASSWORD: example\n",
	.good = "services:\n"
		"  db:\n"
		"    image: postgres:16\n"
		"    environment:\n"
		"      POSTGRES_PASSWORD: example\n"
		"    volumes:\n"
		"      - pgdata:/var/lib/postgresql/data\n"
		"volumes:\n"
		"  pgdata:\n",
	.fix = "Mount a named volume (or a bind) on the image's data directory "
		"or a directory above it, for example "
		"`pgdata:/var/lib/postgresql/data` for postgres up to 17 and "
		"`pgdata:/var/lib/postgresql` from 18 on.",
	.check_container = check_container,
};
