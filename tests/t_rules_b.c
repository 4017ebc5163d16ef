/*
 * Rules ML301-ML304, ML307-ML309, ML401-ML403 and ML501 on models built
 * by hand, and the helpers they share (lint/match.h, lint/hostpath.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "../lint/finding.h"
#include "../lint/fsprobe.h"
#include "../lint/hostpath.h"
#include "../lint/match.h"
#include "../lint/mem.h"
#include "../lint/settings.h"

extern const struct rule rule_ml301, rule_ml302, rule_ml303, rule_ml304,
	rule_ml307, rule_ml308, rule_ml309, rule_ml401, rule_ml402,
	rule_ml403, rule_ml501;

/* A unit of one kind with its findings, and the line the next mount
 * goes on. */
struct fx {
	struct unit u;
	struct findings f;
	int line;
};

static struct loc at_line(const struct unit *u, int line, int col)
{
	struct loc l = { u->path, line, col, line, col + 10 };

	return l;
}

static void fx_init(struct fx *x, enum unit_kind kind)
{
	unit_init(&x->u, kind, kind == UNIT_COMPOSE ? "compose.yaml" : "x.sh",
		  NULL);
	findings_init(&x->f);
	x->line = 1;
}

static void fx_release(struct fx *x)
{
	findings_release(&x->f);
	unit_release(&x->u);
}

static struct container *add_container(struct fx *x, const char *name)
{
	struct container *c = unit_add_container(&x->u,
		x->u.kind == UNIT_COMPOSE ? ORIGIN_COMPOSE : ORIGIN_RUN);

	c->name = name ? xstrdup(name) : NULL;
	c->loc = at_line(&x->u, x->line, 3);
	c->image = xstrdup("alpine:3.20");
	c->image_loc = c->loc;
	x->line++;
	return c;
}

static enum path_base base_of(const char *source)
{
	if (strchr(source, '$'))
		return PATH_UNKNOWN;
	if (source[0] == '/')
		return PATH_ABSOLUTE;
	if (source[0] == '~')
		return PATH_HOME;
	if (source[0] == '\\')
		return PATH_WINDOWS;
	return PATH_RELATIVE;
}

/*
 * A mount on a line of its own: the entry at column 9, its source at
 * column 11, its SELinux and propagation options at column 30.
 */
static struct mount *add_mount(struct fx *x, struct container *c,
			       enum mount_kind kind, const char *source,
			       const char *target)
{
	struct mount *m = container_add_mount(c);

	m->kind = kind;
	m->syntax = kind == MOUNT_TMPFS ? SYNTAX_TMPFS : SYNTAX_SHORT;
	m->source = source ? xstrdup(source) : NULL;
	m->target = target ? xstrdup(target) : NULL;
	m->raw = source ? xasprintf("%s:%s", source, target) : xstrdup(target);
	m->base = PATH_NONE;
	if (kind == MOUNT_BIND) {
		m->base = base_of(source);
		if (m->base != PATH_UNKNOWN && m->base != PATH_WINDOWS)
			m->source_path = path_clean(source);
	}
	mount_set_loc(m, MF_ENTRY,
		      (const struct loc[]){ at_line(&x->u, x->line, 9) });
	mount_set_loc(m, MF_SOURCE,
		      (const struct loc[]){ at_line(&x->u, x->line, 11) });
	x->line++;
	return m;
}

static struct mount *add_bind(struct fx *x, struct container *c,
			      const char *source, const char *target)
{
	return add_mount(x, c, MOUNT_BIND, source, target);
}

static void set_label(struct mount *m, enum selinux_label label)
{
	m->selinux = label;
	m->at[MF_SELINUX] = m->at[MF_ENTRY];
	m->at[MF_SELINUX].col = 30;
}

/* Runs one rule over the whole unit, afresh; returns how many findings
 * it made. */
static size_t run(const struct rule *r, struct fx *x)
{
	findings_release(&x->f);
	findings_init(&x->f);
	rule_run(r, &x->u, &x->f);
	return x->f.n;
}

static const struct finding *last(const struct fx *x)
{
	return x->f.n ? &x->f.items[x->f.n - 1] : NULL;
}

static bool message_has(const struct fx *x, const char *text)
{
	const struct finding *f = last(x);

	return f && strstr(f->message, text) != NULL;
}

static void test_match(void)
{
	static const char *const pats[] = { "^a", "b$", "(" };

	T_CHECK(match_pattern("\\.pem$", "server.pem"), "pem");
	T_CHECK(!match_pattern("\\.pem$", "server.pem.txt"), "pem.txt");
	T_CHECK(match_pattern("\\.pem$", "x.pem"), "compiled once, again");
	T_CHECK(!match_pattern("(", "("), "a broken pattern matches nothing");
	T_CHECK(!match_pattern("(", "("), "and again, from the cache");
	T_CHECK(match_pattern("é$", "café"), "UTF-8");
	T_EQ_STR(match_first(pats, 3, "ab"), "^a");
	T_EQ_STR(match_first(pats, 3, "cb"), "b$");
	T_EQ_STR(match_first(pats, 3, "c"), NULL);
	T_EQ_STR(match_first(NULL, 0, "c"), NULL);
}

/* path_clean_view gives what path_clean does, copying only when it must. */
static void test_clean_view(void)
{
	static const char *const paths[] = {
		"/", "/data", "/a/b/c", "a/b", "", ".", "..", "../x", "/..",
		"/a/../b", "//a", "/a//b", "/a/", "./a", "a/.", "/.x/..y",
		"/a/..b/.c", "~/x", "a/b/../../..",
	};

	for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
		char *owned, *want = path_clean(paths[i]);
		const char *got = path_clean_view(paths[i], &owned);

		T_EQ_STR(got, want);
		T_CHECK(owned ? got == owned : got == paths[i], "%s",
			paths[i]);
		T_CHECK(!strcmp(want, paths[i]) || owned, "%s copied",
			paths[i]);
		free(owned);
		free(want);
	}
}

/* fsprobe_stat_in asks what fsprobe_stat of the joined path would. */
static void test_stat_in(void)
{
	char dir[] = "/tmp/mountlint-stat-XXXXXX";
	char *file;

	T_CHECK(mkdtemp(dir) != NULL, "mkdtemp");
	file = xasprintf("%s/present", dir);
	t_write(file, "");
	T_EQ_INT(fsprobe_stat_in(dir, "present"), 0);
	T_EQ_INT(fsprobe_stat_in(dir, "absent"), ENOENT);
	T_EQ_INT(fsprobe_stat_in(dir, "absent/below"), ENOENT);
	T_EQ_INT(fsprobe_stat_in(dir, "present"), fsprobe_stat(file));
	unlink(file);
	rmdir(dir);
	free(file);
}

static void test_hostpath(void)
{
	static const char *const list[] = { "/etc", "~/.ssh", NULL };

	T_EQ_STR(hostpath_in_home("~"), "");
	T_EQ_STR(hostpath_in_home("~/.ssh"), "/.ssh");
	T_EQ_STR(hostpath_in_home("/home/ann/.ssh"), "/.ssh");
	T_EQ_STR(hostpath_in_home("/root/x"), "/x");
	T_EQ_STR(hostpath_in_home("/rootfs"), NULL);
	T_EQ_STR(hostpath_in_home("/home"), NULL);
	T_CHECK(hostpath_is_home("/home/ann"), "/home/ann");
	T_CHECK(hostpath_is_home("/root"), "/root");
	T_CHECK(!hostpath_is_home("/home/ann/src"), "/home/ann/src");
	T_EQ_STR(hostpath_below("/etc/ssl", list), "/etc");
	T_EQ_STR(hostpath_below("/etcetera", list), NULL);
	T_EQ_STR(hostpath_below("/home/ann/.ssh/id_rsa", list), "~/.ssh");
	T_EQ_STR(hostpath_below("~/.ssh", list), "~/.ssh");
	T_EQ_STR(hostpath_below("~", list), NULL);
	T_EQ_STR(hostpath_equals("/etc/ssl", list), NULL);
	T_EQ_STR(hostpath_equals("/root/.ssh", list), "~/.ssh");
}

static void test_ml301(void)
{
	struct fx x;
	struct container *c;
	struct mount *m;

	fx_init(&x, UNIT_COMPOSE);
	c = add_container(&x, "agent");
	m = add_bind(&x, c, "/var/run/docker.sock", "/var/run/docker.sock");
	m->read_only = true;
	T_EQ_INT(run(&rule_ml301, &x), 1);
	T_EQ_INT(last(&x)->loc.line, 2);
	T_EQ_INT(last(&x)->loc.col, 11);
	T_CHECK(message_has(&x, "read-only does not help"), "%s",
		last(&x)->message);
	add_bind(&x, c, "/run/user/1000/podman/podman.sock", "/s");
	add_bind(&x, c, "/var/run/", "/host-run");
	add_bind(&x, c, "/", "/host");
	add_bind(&x, c, "$XDG_RUNTIME_DIR", "/run/docker.sock");
	T_EQ_INT(run(&rule_ml301, &x), 5);
	T_CHECK(!message_has(&x, "read-only"), "writable: no read-only note");
	add_bind(&x, c, "/var/run/app", "/r");
	add_bind(&x, c, "./docker.sock.d", "/d");
	add_mount(&x, c, MOUNT_VOLUME, "docker.sock", "/x");
	T_EQ_INT(run(&rule_ml301, &x), 5);
	add_mount(&x, c, MOUNT_NPIPE, "\\\\.\\pipe\\docker_engine",
		  "\\\\.\\pipe\\docker_engine");
	T_EQ_INT(run(&rule_ml301, &x), 6);
	T_CHECK(message_has(&x, "named pipe"), "%s", last(&x)->message);
	c->use_api_socket = true;
	c->use_api_socket_loc = at_line(&x.u, 40, 5);
	T_EQ_INT(run(&rule_ml301, &x), 7);
	T_EQ_INT(x.f.items[0].loc.line, 40);
	fx_release(&x);
}

static void test_ml302(void)
{
	struct fx x;
	struct container *c;
	struct mount *m;
	struct settings s = settings_default;
	static const char *const extra[] = { "^/srv/vault" };

	fx_init(&x, UNIT_SCRIPT);
	c = add_container(&x, NULL);
	add_bind(&x, c, "/etc", "/host/etc");
	T_EQ_INT(run(&rule_ml302, &x), 1);
	T_EQ_INT(last(&x)->severity, SEV_ERROR);
	m = add_bind(&x, c, "/etc/ssl/private", "/k");
	m->read_only = true;
	T_EQ_INT(run(&rule_ml302, &x), 2);
	T_EQ_INT(last(&x)->severity, SEV_WARNING);
	T_CHECK(message_has(&x, "(below \"/etc\")"), "%s", last(&x)->message);
	add_bind(&x, c, "/home/ann/.ssh", "/root/.ssh");
	T_EQ_INT(run(&rule_ml302, &x), 3);
	T_CHECK(message_has(&x, "(\"~/.ssh\")"), "%s", last(&x)->message);
	add_bind(&x, c, "/home/ann", "/h");
	T_EQ_INT(run(&rule_ml302, &x), 4);
	T_CHECK(message_has(&x, "a home directory"), "%s", last(&x)->message);
	add_bind(&x, c, "/dev/ttyUSB0", "/dev/ttyUSB0");
	T_EQ_INT(run(&rule_ml302, &x), 5);
	T_EQ_INT(last(&x)->severity, SEV_INFO);
	m = add_bind(&x, c, "/etc/localtime", "/etc/localtime");
	m->read_only = true;
	add_bind(&x, c, "/home/ann/src/app", "/app");
	add_bind(&x, c, "./etc", "/etc/app");
	add_bind(&x, c, "/", "/host");
	add_bind(&x, c, "$HOME/.ssh", "/k");	/* unknown: the model's */
	add_bind(&x, c, "/srv/vault/keys", "/v");
	T_EQ_INT(run(&rule_ml302, &x), 5);
	s.sensitive_paths = extra;
	s.n_sensitive_paths = 1;
	x.u.settings = &s;
	T_EQ_INT(run(&rule_ml302, &x), 6);
	T_CHECK(message_has(&x, "matches \"^/srv/vault\""), "%s",
		last(&x)->message);
	fx_release(&x);
}

static void test_ml303(void)
{
	struct fx x;
	struct container *c;
	struct settings s = settings_default;
	static const char *const extra[] = { "\\.kdbx$" };
	static const char *const hits[] = {
		"./.env", "./.env.production", "./certs/tls.key", "./ca.pem",
		"/home/ann/.ssh/id_ed25519", "./id_rsa", "./cert.p12",
		"./auth/.htpasswd", "./credentials.json", "./db_secret.txt",
		"$(pwd)/.env", "./Secrets",
		/* names the quick check before PCRE2 must still let by:
		 * a long s (U+017F) folds to "s", "$" allows a final
		 * newline, and a key ending after other dots */
		"./\xc5\xbf" "ecret.txt", "./tls.key\n", "./a.b.pem",
		"./SECRET", "./.htpasswd",
	};
	static const char *const misses[] = {
		"./.env.example", "./id_rsa.pub", "./print_secrets.sh",
		"./env", "./keys/", "./app.conf", "$SECRET_DIR",
		"./vault.kdbx",
	};

	fx_init(&x, UNIT_COMPOSE);
	c = add_container(&x, "app");
	for (size_t i = 0; i < sizeof(hits) / sizeof(*hits); i++)
		add_bind(&x, c, hits[i], "/x");
	T_EQ_INT(run(&rule_ml303, &x), sizeof(hits) / sizeof(*hits));
	T_CHECK(strstr(last(&x)->fix, "secrets") != NULL, "%s",
		last(&x)->fix);
	fx_release(&x);

	fx_init(&x, UNIT_COMPOSE);
	c = add_container(&x, "app");
	for (size_t i = 0; i < sizeof(misses) / sizeof(*misses); i++)
		add_bind(&x, c, misses[i], "/x");
	add_mount(&x, c, MOUNT_VOLUME, "secrets", "/s");
	T_EQ_INT(run(&rule_ml303, &x), 0);
	s.secret_files = extra;
	s.n_secret_files = 1;
	x.u.settings = &s;
	T_EQ_INT(run(&rule_ml303, &x), 1);
	fx_release(&x);
}

static void test_ml304(void)
{
	struct fx x;
	struct container *c;
	struct mount *m;

	fx_init(&x, UNIT_COMPOSE);
	c = add_container(&x, "web");
	add_bind(&x, c, "./nginx.conf", "/etc/nginx/nginx.conf");
	add_bind(&x, c, "./conf", "/app/settings.yaml");
	add_bind(&x, c, "./site", "/usr/share/nginx/html/");
	T_EQ_INT(run(&rule_ml304, &x), 3);
	T_EQ_INT(last(&x)->severity, SEV_WARNING);
	add_bind(&x, c, "./sentry", "/etc/sentry");
	add_bind(&x, c, "./mysql", "/etc/mysql/conf.d");
	T_EQ_INT(run(&rule_ml304, &x), 5);
	T_EQ_INT(last(&x)->severity, SEV_INFO);
	m = add_bind(&x, c, "./nginx.conf", "/etc/nginx/nginx.conf");
	m->read_only = true;
	add_bind(&x, c, "/etc/localtime", "/etc/localtime");
	add_bind(&x, c, "/etc/passwd", "/etc/passwd");
	add_bind(&x, c, "./src", "/src");
	add_mount(&x, c, MOUNT_VOLUME, "conf", "/etc/app");
	T_EQ_INT(run(&rule_ml304, &x), 5);
	fx_release(&x);
}

static void test_ml307_ml308(void)
{
	struct fx x;
	struct container *c;
	struct mount *m;

	fx_init(&x, UNIT_SCRIPT);
	c = add_container(&x, NULL);
	m = add_bind(&x, c, "/mnt", "/mnt");
	m->propagation = xstrdup("rshared");
	mount_set_loc(m, MF_PROPAGATION, (const struct loc[]){
		      at_line(&x.u, m->at[MF_ENTRY].line, 30) });
	m = add_bind(&x, c, "/srv", "/srv");
	m->propagation = xstrdup("rslave");
	T_EQ_INT(run(&rule_ml307, &x), 1);
	T_EQ_INT(last(&x)->loc.col, 30);

	m = add_mount(&x, c, MOUNT_TMPFS, NULL, "/tmp");
	m->reenabled = xstrdup("exec");
	m = add_mount(&x, c, MOUNT_TMPFS, NULL, "/run");
	m->has_size = true;
	T_EQ_INT(run(&rule_ml308, &x), 1);
	T_CHECK(message_has(&x, "\"exec\""), "%s", last(&x)->message);
	T_EQ_INT(last(&x)->loc.col, 9);
	fx_release(&x);
}

static void test_ml309(void)
{
	struct fx x;
	struct container *c;
	static const char *const opts[] = {
		"label=disable", "label:disable", "seccomp=unconfined",
		"apparmor:unconfined", "systempaths=unconfined",
		"no-new-privileges:true", "label=type:spc_t",
		"seccomp=./profile.json", "labels=disable",
	};

	fx_init(&x, UNIT_COMPOSE);
	c = add_container(&x, "app");
	for (size_t i = 0; i < sizeof(opts) / sizeof(*opts); i++) {
		struct secopt *s = container_add_secopt(c);

		s->text = xstrdup(opts[i]);
		s->loc = at_line(&x.u, (int)i + 10, 7);
	}
	T_EQ_INT(run(&rule_ml309, &x), 5);
	T_EQ_INT(last(&x)->loc.line, 14);
	T_EQ_STR(last(&x)->service, "app");
	fx_release(&x);
}

static void test_ml401(void)
{
	struct fx x;
	struct container *c;
	struct settings s = settings_default;

	fx_init(&x, UNIT_COMPOSE);
	c = add_container(&x, "app");
	add_bind(&x, c, "./src", "/src");
	add_bind(&x, c, "/srv/app/data", "/data");
	T_EQ_INT(run(&rule_ml401, &x), 0);	/* not an SELinux host */
	s.selinux = true;
	x.u.settings = &s;
	T_EQ_INT(run(&rule_ml401, &x), 2);
	set_label(add_bind(&x, c, "./web", "/web"), SELINUX_SHARED);
	add_bind(&x, c, "/etc/localtime", "/etc/localtime");
	add_bind(&x, c, "/var/run/docker.sock", "/s");
	add_bind(&x, c, "$DATA", "/d");
	add_mount(&x, c, MOUNT_VOLUME, "data", "/v");
	T_EQ_INT(run(&rule_ml401, &x), 2);
	fx_release(&x);
}

static void test_ml402(void)
{
	struct fx x;
	struct container *c;

	fx_init(&x, UNIT_SCRIPT);
	c = add_container(&x, NULL);
	set_label(add_bind(&x, c, "/usr/share", "/s"), SELINUX_SHARED);
	set_label(add_bind(&x, c, "~", "/h"), SELINUX_PRIVATE);
	set_label(add_bind(&x, c, "/home/ann/.aws", "/a"), SELINUX_SHARED);
	set_label(add_bind(&x, c, "/var/lib", "/v"), SELINUX_SHARED);
	T_EQ_INT(run(&rule_ml402, &x), 4);
	T_EQ_INT(last(&x)->loc.col, 30);
	set_label(add_bind(&x, c, "./src", "/src"), SELINUX_PRIVATE);
	set_label(add_bind(&x, c, "/srv/app", "/app"), SELINUX_SHARED);
	set_label(add_bind(&x, c, "/home/ann/src", "/src"), SELINUX_SHARED);
	set_label(add_bind(&x, c, "/var/lib/app", "/v"), SELINUX_SHARED);
	add_bind(&x, c, "/etc", "/e");
	T_EQ_INT(run(&rule_ml402, &x), 4);
	fx_release(&x);
}

static void test_ml403(void)
{
	struct fx x;
	struct container *a, *b;

	fx_init(&x, UNIT_COMPOSE);
	a = add_container(&x, "a");
	set_label(add_bind(&x, a, "./data", "/data"), SELINUX_PRIVATE);
	set_label(add_bind(&x, a, "./own", "/own"), SELINUX_PRIVATE);
	set_label(add_bind(&x, a, "./both", "/both"), SELINUX_SHARED);
	b = add_container(&x, "b");
	set_label(add_bind(&x, b, "./data/", "/d"), SELINUX_PRIVATE);
	set_label(add_bind(&x, b, "./both", "/both"), SELINUX_SHARED);
	add_bind(&x, b, "./own", "/own");
	T_EQ_INT(run(&rule_ml403, &x), 2);
	T_EQ_STR(x.f.items[0].service, "a");
	T_CHECK(strstr(x.f.items[0].message, "\"b\"") != NULL, "%s",
		x.f.items[0].message);
	T_EQ_STR(x.f.items[1].service, "b");
	set_label(add_bind(&x, b, "./own", "/own2"), SELINUX_SHARED);
	T_EQ_INT(run(&rule_ml403, &x), 3);	/* Z in a, z in b */
	fx_release(&x);
}

static void test_ml501(void)
{
	struct fx x;
	struct container *c;
	struct mount *m;

	fx_init(&x, UNIT_SCRIPT);
	c = add_container(&x, NULL);
	m = add_mount(&x, c, MOUNT_TMPFS, NULL, "/tmp");
	free(m->raw);
	m->raw = xstrdup("/tmp:exec");
	T_EQ_INT(run(&rule_ml501, &x), 1);
	T_EQ_STR(last(&x)->fix, "add a size: \"/tmp:exec,size=64m\"");
	add_mount(&x, c, MOUNT_TMPFS, NULL, "/run");
	T_EQ_INT(run(&rule_ml501, &x), 2);
	T_EQ_STR(last(&x)->fix, "add a size: \"/run:size=64m\"");
	m = add_mount(&x, c, MOUNT_TMPFS, NULL, "/cache");
	m->syntax = SYNTAX_LONG;
	T_EQ_INT(run(&rule_ml501, &x), 3);
	T_EQ_STR(last(&x)->fix, "add \",tmpfs-size=64m\"");
	fx_release(&x);

	fx_init(&x, UNIT_SCRIPT);
	c = add_container(&x, NULL);
	m = add_mount(&x, c, MOUNT_TMPFS, NULL, "/tmp");
	m->has_size = true;
	add_mount(&x, c, MOUNT_VOLUME, "data", "/data");
	T_EQ_INT(run(&rule_ml501, &x), 0);
	fx_release(&x);
}

int main(void)
{
	test_match();
	test_clean_view();
	test_stat_in();
	test_hostpath();
	test_ml301();
	test_ml302();
	test_ml303();
	test_ml304();
	test_ml307_ml308();
	test_ml309();
	test_ml401();
	test_ml402();
	test_ml403();
	test_ml501();
	return t_done("rules_b");
}
