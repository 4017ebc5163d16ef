/*
 * Rules ML105, ML109, ML110, ML201, ML202, ML204, ML305, ML306 on models
 * built by hand, and the stateful image table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "../lint/finding.h"
#include "../lint/mem.h"
#include "../lint/settings.h"
#include "../rules/stateful.h"

extern const struct rule rule_ml105, rule_ml109, rule_ml110, rule_ml201,
	rule_ml202, rule_ml204, rule_ml305, rule_ml306;

static struct loc at_line(const struct unit *u, int line)
{
	struct loc l = { u->path, line, 7, line, 30 };

	return l;
}

static struct container *add_container(struct unit *u, const char *name,
				       const char *image, int line)
{
	struct container *c = unit_add_container(u,
		u->kind == UNIT_COMPOSE ? ORIGIN_COMPOSE : ORIGIN_RUN);

	c->name = name ? xstrdup(name) : NULL;
	c->loc = at_line(u, line);
	c->image = image ? xstrdup(image) : NULL;
	c->image_loc = at_line(u, line + 1);
	return c;
}

static enum path_base base_of(const char *source)
{
	if (source[0] == '/')
		return PATH_ABSOLUTE;
	if (source[0] == '~')
		return PATH_HOME;
	if (strchr(source, '$'))
		return PATH_UNKNOWN;
	return PATH_RELATIVE;
}

/* A mount on its own line; a bind's source is its own clean path. */
static struct mount *add_mount(struct unit *u, struct container *c,
			       enum mount_kind kind, const char *source,
			       const char *target, int line)
{
	struct mount *m = container_add_mount(c);

	m->kind = kind;
	m->source = source ? xstrdup(source) : NULL;
	m->target = target ? xstrdup(target) : NULL;
	m->raw = xasprintf("%s:%s", source ? source : "", target);
	m->base = PATH_NONE;
	if (kind == MOUNT_BIND) {
		m->base = base_of(source);
		if (m->base != PATH_UNKNOWN)
			m->source_path = path_clean(source);
	}
	mount_set_loc(m, MF_ENTRY, (const struct loc[]){ at_line(u, line) });
	return m;
}

/* Runs one rule; returns the number of findings it added. */
static size_t run(const struct rule *r, const struct unit *u,
		  struct findings *f)
{
	size_t before = f->n;

	rule_run(r, u, f);
	return f->n - before;
}

static const struct finding *last(const struct findings *f)
{
	return f->n ? &f->items[f->n - 1] : NULL;
}

static void test_ml105(void)
{
	struct unit u;
	struct findings f;
	struct container *c;

	unit_init(&u, UNIT_COMPOSE, "compose.yaml", NULL);
	findings_init(&f);
	c = add_container(&u, "web", "nginx", 2);
	add_mount(&u, c, MOUNT_BIND, "./a", "/data", 5);
	add_mount(&u, c, MOUNT_VOLUME, "b", "/srv", 6);
	add_mount(&u, c, MOUNT_TMPFS, NULL, "/data/", 7);
	add_mount(&u, c, MOUNT_SECRET, NULL, "/srv/./", 8);
	T_EQ_INT(run(&rule_ml105, &u, &f), 2);
	T_EQ_INT(f.items[0].loc.line, 7);
	T_EQ_INT(f.items[1].loc.line, 8);
	T_EQ_STR(f.items[0].service, "web");

	c = add_container(&u, "other", "nginx", 10);
	add_mount(&u, c, MOUNT_BIND, "./a", "/data", 12);
	add_mount(&u, c, MOUNT_BIND, "./a", "/data/sub", 13);
	T_EQ_INT(run(&rule_ml105, &u, &f), 2);
	findings_release(&f);
	unit_release(&u);
}

static void test_ml109(void)
{
	struct unit u;
	struct findings f;
	struct container *c;
	char dir[] = "/tmp/t_rules_a.XXXXXX";
	char *path;

	T_CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	path = xasprintf("%s/site", dir);
	T_CHECK(mkdir(path, 0700) == 0, "mkdir");

	unit_init(&u, UNIT_COMPOSE, "compose.yaml", dir);
	findings_init(&f);
	c = add_container(&u, "web", "nginx", 2);
	add_mount(&u, c, MOUNT_VOLUME, "nginx.conf", "/etc/nginx/nginx.conf",
		  5);
	add_mount(&u, c, MOUNT_VOLUME, "site", "/usr/share/nginx/html", 6);
	add_mount(&u, c, MOUNT_VOLUME, "data", "/data", 7);
	add_mount(&u, c, MOUNT_BIND, "./x.conf", "/x.conf", 8);
	add_mount(&u, c, MOUNT_VOLUME, "vhost.d", "/etc/nginx/vhost.d", 9);
	add_mount(&u, c, MOUNT_VOLUME, "app.data", "/data", 10);
	unit_add_volume(&u)->name = xstrdup("app.data");
	T_EQ_INT(run(&rule_ml109, &u, &f), 2);
	T_EQ_INT(f.items[0].loc.line, 5);
	T_EQ_INT(f.items[1].loc.line, 6);
	T_CHECK(strstr(f.items[1].message, "beside") != NULL, "%s",
		f.items[1].message);

	rmdir(path);
	rmdir(dir);
	free(path);
	findings_release(&f);
	unit_release(&u);
}

static void test_ml110(void)
{
	struct unit u;
	struct findings f;
	struct container *c;
	char dir[] = "/tmp/t_rules_a.XXXXXX";
	char *path;

	T_CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	path = xasprintf("%s/here.conf", dir);
	t_write(path, "");

	unit_init(&u, UNIT_COMPOSE, "compose.yaml", dir);
	findings_init(&f);
	c = add_container(&u, "web", "nginx", 2);
	add_mount(&u, c, MOUNT_BIND, "./here.conf", "/etc/a.conf", 5);
	add_mount(&u, c, MOUNT_BIND, "./gone.conf", "/etc/b.conf", 6);
	add_mount(&u, c, MOUNT_BIND, "./gone", "/etc/c.conf", 7);
	add_mount(&u, c, MOUNT_BIND, "./data", "/data", 8);
	add_mount(&u, c, MOUNT_BIND, "./conf.d", "/etc/nginx/conf.d", 9);
	add_mount(&u, c, MOUNT_BIND, "$X/a.conf", "/etc/d.conf", 10);
	add_mount(&u, c, MOUNT_BIND, "/abs/a.conf", "/etc/e.conf", 11);
	T_EQ_INT(run(&rule_ml110, &u, &f), 2);
	T_EQ_INT(f.items[0].loc.line, 6);
	T_EQ_INT(f.items[1].loc.line, 7);

	/* scripts: the working directory is not known */
	u.kind = UNIT_SCRIPT;
	T_EQ_INT(run(&rule_ml110, &u, &f), 0);

	unlink(path);
	rmdir(dir);
	free(path);
	findings_release(&f);
	unit_release(&u);
}

static void test_ml201(void)
{
	struct unit u;
	struct findings f;
	struct container *c;

	unit_init(&u, UNIT_COMPOSE, "compose.yaml", NULL);
	findings_init(&f);
	c = add_container(&u, "app", "node:22", 2);
	add_mount(&u, c, MOUNT_ANON, NULL, "/data", 5);
	add_mount(&u, c, MOUNT_BIND, "./src", "/app", 6);
	add_mount(&u, c, MOUNT_ANON, NULL, "/app/node_modules", 7);
	add_mount(&u, c, MOUNT_VOLUME, "named", "/named", 8);
	T_EQ_INT(run(&rule_ml201, &u, &f), 2);
	T_EQ_INT(f.items[0].severity, SEV_WARNING);
	T_EQ_INT(f.items[1].severity, SEV_INFO);
	T_EQ_STR(f.items[0].fix, "name the volume: \"data:/data\", and "
		 "declare it under top-level volumes");
	T_EQ_STR(f.items[0].message, "anonymous volume on \"/data\": each new "
		 "container gets a new volume, and the old ones are left "
		 "behind");

	u.containers[0].origin = ORIGIN_RUN;
	u.containers[0].remove = true;
	T_EQ_INT(run(&rule_ml201, &u, &f), 2);
	T_EQ_INT(f.items[2].severity, SEV_INFO);
	T_EQ_STR(f.items[2].fix, "name the volume: \"-v data:/data\"");
	findings_release(&f);
	unit_release(&u);
}

static const struct finding *ml202_one(const char *image, const char *env,
				       const char *source, const char *target,
				       enum mount_kind kind)
{
	static struct findings f;
	static bool ready;
	struct unit u;
	struct container *c;
	size_t n;

	if (!ready) {
		findings_init(&f);
		ready = true;
	}
	if (!image) {
		findings_release(&f);
		ready = false;
		return NULL;
	}
	unit_init(&u, UNIT_COMPOSE, "compose.yaml", NULL);
	c = add_container(&u, "db", image, 2);
	if (env) {
		const char *eq = strchr(env, '=');
		char *key = xstrndup(env, (size_t)(eq - env));

		kv_add(&c->env, key, eq + 1);
		free(key);
	}
	if (target)
		add_mount(&u, c, kind, source, target, 5);
	n = run(&rule_ml202, &u, &f);
	unit_release(&u);
	return n ? last(&f) : NULL;
}

static void test_ml202(void)
{
	const struct finding *x;

	x = ml202_one("postgres:16", NULL, NULL, NULL, MOUNT_VOLUME);
	T_CHECK(x && x->severity == SEV_ERROR && x->loc.line == 3,
		"postgres without a volume");
	if (x)
		T_EQ_STR(x->message, "no volume on \"/var/lib/postgresql/data\", "
			 "where \"postgres:16\" keeps its data: the data is lost "
			 "when the container is removed or recreated");
	T_CHECK(!ml202_one("postgres:16", NULL, "pg", "/var/lib/postgresql/data",
			   MOUNT_VOLUME), "postgres 16 with its volume");
	T_CHECK(!ml202_one("postgres:16-alpine", NULL, "pg", "/var/lib",
			   MOUNT_VOLUME), "a volume above the data directory");
	T_CHECK(ml202_one("postgres:18-alpine", NULL, "pg",
			  "/var/lib/postgresql/data", MOUNT_VOLUME) != NULL,
		"postgres 18 moved its data directory");
	T_CHECK(!ml202_one("docker.io/library/postgres:18", NULL, "pg",
			   "/var/lib/postgresql/", MOUNT_VOLUME), "postgres 18");
	T_CHECK(!ml202_one("postgres", NULL, "pg", "/var/lib/postgresql/data",
			   MOUNT_VOLUME), "no version: any version's directory");
	T_CHECK(!ml202_one("postgres@sha256:abc", NULL, "./pg",
			   "/var/lib/postgresql", MOUNT_BIND), "a bind counts");
	x = ml202_one("mysql:8", NULL, NULL, "/var/lib/mysql", MOUNT_ANON);
	T_CHECK(x && strstr(x->message, "only a anonymous") == NULL &&
		strstr(x->message, "anonymous volume") != NULL,
		"an anonymous volume does not count");
	T_CHECK(ml202_one("postgres:16", "PGDATA=/pgdata", "pg",
			  "/var/lib/postgresql/data", MOUNT_VOLUME) != NULL,
		"PGDATA moves the data directory");
	T_CHECK(!ml202_one("postgres:16", "PGDATA=/pgdata/data", "pg",
			   "/pgdata", MOUNT_VOLUME), "PGDATA covered");
	T_CHECK(!ml202_one("postgres:16", NULL, "pg", "${PGDATA}",
			   MOUNT_VOLUME), "a target behind a variable");
	x = ml202_one("redis:7-alpine", NULL, NULL, NULL, MOUNT_VOLUME);
	T_CHECK(x && x->severity == SEV_INFO, "redis is info");
	x = ml202_one("mcr.microsoft.com/mssql/server:2022-latest", NULL,
		      NULL, NULL, MOUNT_VOLUME);
	T_CHECK(x && strstr(x->message, "/var/opt/mssql"), "mssql");
	x = ml202_one("influxdb:1.8", NULL, NULL, NULL, MOUNT_VOLUME);
	T_CHECK(x && strstr(x->message, "\"/var/lib/influxdb\""), "influx 1");
	x = ml202_one("influxdb:2.7", NULL, NULL, NULL, MOUNT_VOLUME);
	T_CHECK(x && strstr(x->message, "\"/var/lib/influxdb2\""), "influx 2");
	T_CHECK(!ml202_one("nginx:1.27", NULL, NULL, NULL, MOUNT_VOLUME),
		"nginx keeps nothing");
	T_CHECK(!ml202_one("${DB_IMAGE}", NULL, NULL, NULL, MOUNT_VOLUME),
		"an image behind a variable is not known");
	ml202_one(NULL, NULL, NULL, NULL, MOUNT_VOLUME);
}

static void test_ml202_rm_and_volumes_from(void)
{
	struct unit u;
	struct findings f;
	struct container *c;

	unit_init(&u, UNIT_SCRIPT, "run.sh", NULL);
	findings_init(&f);
	c = add_container(&u, NULL, "mongo:7", 1);
	c->remove = true;
	T_EQ_INT(run(&rule_ml202, &u, &f), 1);
	T_EQ_INT(f.n ? f.items[0].severity : 0, SEV_INFO);
	c->remove = false;
	container_add_volumes_from(c)->text = xstrdup("data");
	T_EQ_INT(run(&rule_ml202, &u, &f), 0);
	findings_release(&f);
	unit_release(&u);
}

static void test_image_ref(void)
{
	struct image_ref r;

	T_EQ_INT(image_ref_parse(&r, "localhost:5000/library/redis:7@sha256:"
				 "ab"), 0);
	T_EQ_STR(r.name, "redis");
	T_EQ_INT(r.has_version, 1);
	T_EQ_INT(r.version, 7);
	image_ref_release(&r);
	T_EQ_INT(image_ref_parse(&r, "bitnami/postgresql:latest"), 0);
	T_EQ_STR(r.name, "bitnami/postgresql");
	T_EQ_INT(r.has_version, 0);
	image_ref_release(&r);
	T_EQ_INT(image_ref_parse(&r, "registry:5000/alpine"), 0);
	T_EQ_STR(r.name, "alpine");
	image_ref_release(&r);
	T_EQ_INT(image_ref_parse(&r, "$IMAGE"), -1);
	T_EQ_INT(stateful_table_check(), 0);
}

static void test_ml204(void)
{
	struct unit u;
	struct findings f;
	struct container *c;
	struct volume *v;
	struct volcmd *vc;
	static const char *const keys[] = { "backup", "team" };
	static const char *const values[] = { "^daily$", NULL };
	struct settings s = settings_default;

	unit_init(&u, UNIT_COMPOSE, "compose.yaml", NULL);
	findings_init(&f);
	v = unit_add_volume(&u);
	v->name = xstrdup("db");
	v->loc = at_line(&u, 9);
	v = unit_add_volume(&u);
	v->name = xstrdup("ext");
	v->external = true;
	v = unit_add_volume(&u);
	v->name = xstrdup("ok");
	kv_add(&v->labels, "backup", "yes");
	T_EQ_INT(run(&rule_ml204, &u, &f), 1);
	T_EQ_INT(f.items[0].loc.line, 9);

	s.required_labels = keys;
	s.required_label_values = values;
	s.n_required_labels = 2;
	u.settings = &s;
	kv_add(&u.volumes[2].labels, "team", NULL);
	T_EQ_INT(run(&rule_ml204, &u, &f), 2);
	T_CHECK(strstr(f.items[2].message, "backup=yes") != NULL, "%s",
		f.items[2].message);
	unit_release(&u);

	unit_init(&u, UNIT_SCRIPT, "run.sh", NULL);
	c = add_container(&u, NULL, "alpine", 3);
	add_mount(&u, c, MOUNT_VOLUME, "cache", "/cache", 3);
	add_mount(&u, c, MOUNT_VOLUME, "made", "/made", 3);
	add_mount(&u, c, MOUNT_VOLUME, "cache", "/cache2", 4);
	vc = unit_add_volcmd(&u);
	vc->kind = VOLCMD_VOLUME_CREATE;
	vc->name = xstrdup("made");
	vc->loc = at_line(&u, 1);
	kv_add(&vc->labels, "backup", "x");
	T_EQ_INT(run(&rule_ml204, &u, &f), 1);
	T_EQ_INT(last(&f)->loc.line, 3);
	T_EQ_INT(last(&f)->severity, SEV_INFO);
	kv_add(&c->mounts[0].labels, "backup", "1");
	T_EQ_INT(run(&rule_ml204, &u, &f), 0);
	findings_release(&f);
	unit_release(&u);
}

static void test_ml305_ml306(void)
{
	static const char *const roots[] = { "root", "0", "0:0", "root:root",
					     "0:1000" };
	static const char *const others[] = { "1000", "1000:0", "rooty",
					      "$UID", "10" };
	struct unit u;
	struct findings f;
	struct container *c;
	struct mount *m;

	unit_init(&u, UNIT_COMPOSE, "compose.yaml", NULL);
	findings_init(&f);
	c = add_container(&u, "app", "alpine", 2);
	for (size_t i = 0; i < 5; i++) {
		free(c->user);
		c->user = xstrdup(roots[i]);
		c->user_loc = at_line(&u, 4);
		T_CHECK(run(&rule_ml305, &u, &f) == 1, "root: %s", roots[i]);
		free(c->user);
		c->user = xstrdup(others[i]);
		T_CHECK(run(&rule_ml305, &u, &f) == 0, "not root: %s",
			others[i]);
	}
	T_EQ_INT(last(&f)->loc.line, 4);
	T_EQ_INT(last(&f)->severity, SEV_WARNING);

	free(c->user);
	c->user = NULL;
	m = add_mount(&u, c, MOUNT_BIND, "./app.conf", "/app.conf", 6);
	T_EQ_INT(run(&rule_ml305, &u, &f), 0);
	m->read_only = true;
	m = add_mount(&u, c, MOUNT_BIND, "./data", "/data", 7);
	m->read_only = true;
	T_EQ_INT(run(&rule_ml305, &u, &f), 0);
	add_mount(&u, c, MOUNT_BIND, "$(pwd)", "/src", 8);
	T_EQ_INT(run(&rule_ml305, &u, &f), 1);
	T_EQ_INT(last(&f)->severity, SEV_INFO);
	T_EQ_INT(last(&f)->loc.line, 3);

	T_EQ_INT(run(&rule_ml306, &u, &f), 0);
	c->privileged = true;
	c->privileged_loc = at_line(&u, 5);
	T_EQ_INT(run(&rule_ml306, &u, &f), 1);
	T_EQ_INT(last(&f)->loc.line, 5);
	T_EQ_INT(last(&f)->severity, SEV_ERROR);
	findings_release(&f);
	unit_release(&u);
}

int main(void)
{
	test_ml105();
	test_ml109();
	test_ml110();
	test_ml201();
	test_ml202();
	test_ml202_rm_and_volumes_from();
	test_image_ref();
	test_ml204();
	test_ml305_ml306();
	return t_done("rules_a");
}
