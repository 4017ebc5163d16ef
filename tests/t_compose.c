/*
 * The YAML layer and the compose parser: the model they build and the
 * exact places of their findings; and the checks of ML106, ML108, ML502.
 */
#include <stdlib.h>
#include <string.h>

#include "../lint/buf.h"
#include "../lint/finding.h"
#include "../lint/mem.h"
#include "../lint/rule.h"
#include "../parsers/compose.h"
#include "../parsers/mountspec.h"
#include "../parsers/yaml_doc.h"
#include "tap.h"

extern const struct rule rule_ml106, rule_ml108, rule_ml502;

static struct unit u;
static struct findings fs;
static enum compose_result rc;

static void reset(void)
{
	unit_release(&u);
	findings_release(&fs);
	findings_init(&fs);
	finding_begin_file(&fs);
	unit_init(&u, UNIT_COMPOSE, "c.yaml", NULL);
}

static void parse_as(const char *text, int named)
{
	reset();
	rc = compose_parse(&u, text, strlen(text), named, &fs);
}

static void parse(const char *text)
{
	parse_as(text, 1);
}

/* The findings as "ID L:C-L:C" lines. */
static const char *found(void)
{
	static struct buf b;

	buf_reset(&b);
	for (size_t i = 0; i < fs.n; i++) {
		const struct loc *l = &fs.items[i].loc;

		buf_addf(&b, "%s %d:%d-%d:%d\n", fs.items[i].rule->id,
			 l->line, l->col, l->end_line, l->end_col);
	}
	return b.data;
}

static const char *at(const struct loc *l)
{
	static char s[64];

	snprintf(s, sizeof(s), "%d:%d-%d:%d", l->line, l->col, l->end_line,
		 l->end_col);
	return s;
}

/* The mount grammar is another module; checks of mounts need it. */
static int have_mount_grammar(void)
{
	struct findings f;
	struct spec_ctx ctx = { NULL, NULL, DIALECT_COMPOSE, true, NULL, NULL };
	struct loc l = { "x", 1, 1, 1, 2 };
	struct mount m = { 0 };
	int ok;

	findings_init(&f);
	ctx.out = &f;
	ok = !mountspec_short(&m, "data:/data", &l, &ctx);
	if (ok)
		mount_release(&m);
	findings_release(&f);
	return ok;
}

static void test_empty(void)
{
	parse("");
	T_EQ_INT(rc, COMPOSE_FAILED);
	T_EQ_STR(found(), "ML001 1:1-1:2\n");
	T_EQ_STR(fs.items[0].message, "empty compose file");

	parse("# only a comment\n");
	T_EQ_STR(found(), "ML001 1:1-1:2\n");

	parse_as("", 0);
	T_EQ_INT(rc, COMPOSE_NOT_COMPOSE);
	T_EQ_STR(found(), "");

	parse("- a\n- b\n");
	T_EQ_INT(rc, COMPOSE_FAILED);
	T_EQ_STR(found(), "ML001 1:1-3:1\n");

	parse_as("- a\n", 0);
	T_EQ_INT(rc, COMPOSE_NOT_COMPOSE);
	T_EQ_STR(found(), "");

	parse("version: '2'\nweb:\n  image: nginx\n");
	T_EQ_INT(rc, COMPOSE_NOT_COMPOSE);
	T_EQ_STR(found(), "");

	parse("services:\n");
	T_EQ_INT(rc, COMPOSE_OK);
	T_EQ_INT(u.n_containers, 0);
}

static void test_syntax_error(void)
{
	parse("services:\n  web:\n    image: nginx\n     user: x\n");
	T_EQ_INT(rc, COMPOSE_FAILED);
	T_EQ_STR(found(), "ML001 4:10-4:11\n");
	T_CHECK(strstr(fs.items[0].message, "invalid YAML: mapping values")
		!= NULL, "libyaml's problem: %s", fs.items[0].message);

	parse("services:\n  a: \"open\n");
	T_EQ_INT(rc, COMPOSE_FAILED);
	T_EQ_INT(fs.n, 1);
	T_EQ_STR(fs.items[0].rule->id, "ML001");
}

static void test_service_model(void)
{
	parse("services:\n"
	      "  web:\n"
	      "    image: \"nginx:1.27\"\n"
	      "    user: '0'\n"
	      "    privileged: yes\n"
	      "    read_only: True\n"
	      "    use_api_socket: on\n"
	      "    security_opt: [label=disable, 'seccomp:unconfined']\n"
	      "    volumes_from: [db:ro]\n"
	      "    environment:\n"
	      "      PGDATA: /data/pg\n"
	      "      EMPTY:\n"
	      "  db:\n"
	      "    environment: [A=1, B]\n"
	      "  nothing:\n"
	      "x-not-a-service:\n"
	      "  image: alpine\n");
	T_EQ_INT(rc, COMPOSE_OK);
	T_EQ_STR(found(), "");
	T_EQ_INT(u.n_containers, 3);
	if (u.n_containers != 3)
		return;
	const struct container *c = &u.containers[0];

	T_EQ_STR(c->name, "web");
	T_EQ_INT(c->origin, ORIGIN_COMPOSE);
	T_EQ_STR(at(&c->loc), "2:3-2:6");
	T_EQ_STR(c->image, "nginx:1.27");
	T_EQ_STR(at(&c->image_loc), "3:12-3:24");
	T_EQ_STR(c->user, "0");
	T_EQ_STR(at(&c->user_loc), "4:5-4:9");
	T_CHECK(c->privileged, "privileged: yes");
	T_EQ_STR(at(&c->privileged_loc), "5:5-5:15");
	T_CHECK(c->read_only, "read_only: True");
	T_CHECK(c->use_api_socket, "use_api_socket: on");
	T_EQ_STR(at(&c->use_api_socket_loc), "7:5-7:19");
	T_EQ_INT(c->n_secopts, 2);
	T_EQ_STR(c->secopts[1].text, "seccomp:unconfined");
	T_EQ_STR(at(&c->secopts[1].loc), "8:35-8:55");
	T_EQ_INT(c->n_volumes_from, 1);
	T_EQ_STR(c->volumes_from[0].text, "db:ro");
	T_EQ_STR(kv_get(&c->env, "PGDATA"), "/data/pg");
	T_EQ_INT(c->env.n, 2);
	T_EQ_STR(c->env.items[1].key, "EMPTY");
	T_EQ_STR(c->env.items[1].value, NULL);

	c = &u.containers[1];
	T_EQ_STR(kv_get(&c->env, "A"), "1");
	T_EQ_STR(c->env.items[1].key, "B");
	T_EQ_STR(c->env.items[1].value, NULL);
	T_EQ_STR(c->image, NULL);
	T_EQ_STR(at(&c->image_loc), "13:3-13:5");
	T_EQ_STR(u.containers[2].name, "nothing");
}

static void test_columns_count_code_points(void)
{
	parse("services:\n  \xc3\xa9t\xc3\xa9: {image: x}\n");
	T_EQ_INT(u.n_containers, 1);
	if (u.n_containers == 1)
		T_EQ_STR(at(&u.containers[0].image_loc), "2:16-2:17");
	parse("services:\n\tweb: {}\n");
	T_EQ_INT(fs.n, 1);
}

static void test_anchors(void)
{
	parse("x-img: &img nginx:1.27\n"
	      "services:\n"
	      "  a:\n"
	      "    image: *img\n");
	T_EQ_STR(found(), "");
	T_EQ_STR(u.containers[0].image, "nginx:1.27");
	T_EQ_STR(at(&u.containers[0].image_loc), "1:13-1:23");

	parse("x-img: &img # the image\n"
	      "  \"nginx:1.27\"\n"
	      "services:\n"
	      "  a:\n"
	      "    image: *img\n"
	      "  b:\n"
	      "    image: !!str 1.0\n");
	T_EQ_STR(found(), "");
	T_EQ_STR(at(&u.containers[0].image_loc), "2:3-2:15");
	T_EQ_STR(at(&u.containers[1].image_loc), "7:18-7:21");

	parse("services:\n  a:\n    image: *nope\n");
	T_EQ_STR(found(), "ML001 3:12-3:17\n");
}

static void test_merge_single(void)
{
	parse("x-base: &base\n"
	      "  image: alpine\n"
	      "  user: root\n"
	      "  privileged: true\n"
	      "services:\n"
	      "  a:\n"
	      "    <<: *base\n"
	      "    user: \"1000\"\n"
	      "  b:\n"
	      "    <<: *base\n");
	T_EQ_STR(found(), "");
	T_EQ_INT(u.n_containers, 2);
	if (u.n_containers != 2)
		return;
	T_EQ_STR(u.containers[0].image, "alpine");
	T_EQ_STR(at(&u.containers[0].image_loc), "2:10-2:16");
	T_EQ_STR(u.containers[0].user, "1000");
	T_EQ_STR(at(&u.containers[0].user_loc), "8:5-8:9");
	T_CHECK(u.containers[0].privileged, "merged privileged");
	T_EQ_STR(u.containers[1].user, "root");
	T_EQ_STR(at(&u.containers[1].user_loc), "3:3-3:7");
	T_EQ_STR(at(&u.containers[1].privileged_loc), "4:3-4:13");
}

static void test_merge_list(void)
{
	parse("x-a: &a {image: first, user: a}\n"
	      "x-b: &b {image: second, user: b, read_only: true}\n"
	      "services:\n"
	      "  s:\n"
	      "    user: mine\n"
	      "    <<: [*a, *b]\n"
	      "  t:\n"
	      "    <<: {image: inline}\n");
	T_EQ_STR(found(), "");
	T_EQ_INT(u.n_containers, 2);
	if (u.n_containers != 2)
		return;
	T_EQ_STR(u.containers[0].image, "first");
	T_EQ_STR(u.containers[0].user, "mine");
	T_CHECK(u.containers[0].read_only, "read_only from the later entry");
	T_EQ_STR(u.containers[1].image, "inline");

	parse("x: &x [1]\nservices:\n  s:\n    <<: *x\n");
	T_EQ_STR(found(), "ML001 1:4-1:10\n");

	parse("services:\n  s:\n    \"<<\": {image: x}\n");
	T_EQ_STR(found(), "");
	T_EQ_STR(u.containers[0].image, NULL);
}

static void test_duplicate_keys(void)
{
	parse("services:\n"
	      "  web:\n"
	      "    image: a\n"
	      "    image: b\n");
	T_EQ_INT(rc, COMPOSE_FAILED);
	T_EQ_STR(found(), "ML001 4:5-4:10\n");
	T_EQ_STR(fs.items[0].message, "duplicate key \"image\": a mapping "
		 "holds each key once, and Compose refuses the file");

	parse("services:\n  web: {}\n  web: {}\n");
	T_EQ_STR(found(), "ML001 3:3-3:6\n");

	/* A merged key is overridden, not duplicated. */
	parse("x: &x {image: a}\nservices:\n  s:\n    <<: *x\n    image: b\n");
	T_EQ_STR(found(), "");
	T_EQ_STR(u.containers[0].image, "b");
}

static char *nested(size_t depth)
{
	struct buf b;

	buf_init(&b, 0);
	buf_adds(&b, "services:\n  a:\n    x-deep: ");
	for (size_t i = 0; i < depth; i++)
		buf_addch(&b, '[');
	for (size_t i = 0; i < depth; i++)
		buf_addch(&b, ']');
	buf_addch(&b, '\n');
	return buf_detach(&b, NULL);
}

static void test_depth_limit(void)
{
	char *ok = nested(509), *deep = nested(510), *deeper = nested(10000);

	/* Three mappings hold the lists: the 510th list is 513 deep. */
	parse(ok);
	T_EQ_STR(found(), "");
	parse(deep);
	T_EQ_STR(found(), "ML002 3:522-3:523\n");
	parse(deeper);
	T_EQ_STR(found(), "ML002 3:522-3:523\n");
	T_EQ_INT(rc, COMPOSE_FAILED);
	free(ok);
	free(deep);
	free(deeper);
}

static void test_alias_bomb(void)
{
	parse("services:\n  app: {image: a}\n"
	      "x-a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	      "x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	      "x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	      "x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	      "x-e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	      "x-f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	      "x-g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
	      "x-h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
	      "x-i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n");
	T_EQ_INT(rc, COMPOSE_FAILED);
	/* 123440 nodes before line 8, then 111111 for each "*e" */
	T_EQ_STR(found(), "ML002 8:38-8:40\n");
	T_EQ_INT(u.n_containers, 0);
}

static void test_tags(void)
{
	parse("services:\n"
	      "  web:\n"
	      "    image: !!str 1.0\n"
	      "    user: !reset null\n"
	      "    security_opt: !override [a]\n"
	      "    volumes_from: [!reset x, y]\n");
	T_EQ_STR(found(), "");
	T_EQ_STR(u.containers[0].image, "1.0");
	T_EQ_STR(u.containers[0].user, NULL);
	T_EQ_INT(u.containers[0].user_loc.line, 0);
	T_EQ_INT(u.containers[0].n_secopts, 1);
	T_EQ_INT(u.containers[0].n_volumes_from, 1);
	T_EQ_STR(u.containers[0].volumes_from[0].text, "y");
}

static void test_shape(void)
{
	parse("services: [web]\n");
	T_EQ_INT(rc, COMPOSE_FAILED);
	T_EQ_STR(found(), "ML005 1:11-1:16\n");

	parse("services:\n"
	      "  web: nginx\n"
	      "  db:\n"
	      "    image: postgres\n"
	      "    volumes: /data\n"
	      "    security_opt: {a: b}\n"
	      "  cache:\n"
	      "    volumes:\n"
	      "      - [a, b]\n"
	      "      -\n"
	      "    privileged: maybe\n"
	      "    privileged: ${PRIV}\n"
	      "    image: [x]\n"
	      "volumes:\n"
	      "  v1:\n"
	      "    labels: backup\n"
	      "  v2: [x]\n"
	      "  v3:\n"
	      "    driver_opts: [a]\n");
	T_EQ_INT(rc, COMPOSE_FAILED);
	/* duplicate privileged: the YAML layer stops first */
	T_EQ_STR(found(), "ML001 12:5-12:15\n");

	parse("services:\n"
	      "  web: nginx\n"
	      "  db:\n"
	      "    image: postgres\n"
	      "    volumes: /data\n"
	      "    security_opt: {a: b}\n"
	      "  cache:\n"
	      "    volumes:\n"
	      "      - [a, b]\n"
	      "      -\n"
	      "    privileged: maybe\n"
	      "    read_only: ${RO}\n"
	      "    image: [x]\n"
	      "volumes:\n"
	      "  v1:\n"
	      "    labels: backup\n"
	      "  v2: [x]\n"
	      "  v3:\n"
	      "    driver_opts: [a]\n"
	      "  v4:\n"
	      "    external: sometimes\n");
	T_EQ_INT(rc, COMPOSE_FAILED);
	T_EQ_STR(found(),
		 "ML005 2:8-2:13\n"
		 "ML005 5:14-5:19\n"
		 "ML005 6:19-6:25\n"
		 "ML005 9:9-9:15\n"
		 "ML005 10:8-10:9\n"
		 "ML005 11:17-11:22\n"
		 "ML005 13:12-13:15\n"
		 "ML005 16:13-16:19\n"
		 "ML005 17:7-17:10\n"
		 "ML005 19:18-19:21\n"
		 "ML005 21:15-21:24\n");
	T_EQ_INT(u.n_containers, 2);
	T_EQ_INT(u.n_volumes, 4);
	T_EQ_STR(fs.items[1].message, "wrong type for \"volumes\": it is a "
		 "string, and Compose needs a list");
	T_EQ_STR(fs.items[1].service, "db");

	parse("services:\n  ? [a]\n  : {}\n");
	T_EQ_STR(found(), "ML005 2:5-2:8\n");
}

static void test_volumes(void)
{
	parse("services:\n  s: {}\n"
	      "volumes:\n"
	      "  plain:\n"
	      "  ext:\n"
	      "    external: true\n"
	      "    driver: local\n"
	      "  legacy:\n"
	      "    external:\n"
	      "      name: other\n"
	      "  opts:\n"
	      "    driver_opts: {type: nfs, o: \"addr=10.0.0.1\"}\n"
	      "    labels: [backup=daily, team]\n"
	      "  maplabels:\n"
	      "    labels: {backup: weekly}\n"
	      "    external: false\n");
	T_EQ_STR(found(), "");
	T_EQ_INT(u.n_volumes, 5);
	if (u.n_volumes != 5)
		return;
	T_EQ_STR(u.volumes[0].name, "plain");
	T_EQ_STR(at(&u.volumes[0].loc), "4:3-4:8");
	T_CHECK(!u.volumes[0].external && !u.volumes[0].has_labels,
		"plain volume");
	T_CHECK(u.volumes[1].external && u.volumes[1].has_driver,
		"external with a driver");
	T_EQ_STR(u.volumes[1].driver, "local");
	T_CHECK(u.volumes[2].external, "legacy external mapping");
	T_CHECK(u.volumes[3].has_driver_opts && u.volumes[3].has_labels,
		"options and labels");
	T_EQ_STR(kv_get(&u.volumes[3].driver_opts, "o"), "addr=10.0.0.1");
	T_EQ_STR(kv_get(&u.volumes[3].labels, "backup"), "daily");
	T_EQ_INT(u.volumes[3].labels.n, 2);
	T_EQ_STR(kv_get(&u.volumes[4].labels, "backup"), "weekly");
	T_CHECK(!u.volumes[4].external, "external: false");
}

static void test_secrets_configs(void)
{
	parse("services:\n"
	      "  s:\n"
	      "    secrets:\n"
	      "      - db_pass\n"
	      "      - source: api\n"
	      "        target: api_key\n"
	      "      - source: cert\n"
	      "        target: /etc/ssl/cert.pem\n"
	      "    configs:\n"
	      "      - nginx.conf\n"
	      "      - source: app\n"
	      "        target: /etc/app.yaml\n"
	      "      - {source: bare}\n");
	T_EQ_STR(found(), "");
	const struct container *c = &u.containers[0];

	T_EQ_INT(c->n_mounts, 6);
	if (c->n_mounts != 6)
		return;
	T_EQ_INT(c->mounts[0].kind, MOUNT_SECRET);
	T_EQ_STR(c->mounts[0].target, "/run/secrets/db_pass");
	T_EQ_STR(at(mount_loc(&c->mounts[0], MF_ENTRY)), "4:9-4:16");
	T_EQ_STR(c->mounts[1].target, "/run/secrets/api_key");
	T_EQ_STR(at(mount_loc(&c->mounts[1], MF_ENTRY)), "5:9-5:15");
	T_EQ_STR(at(mount_loc(&c->mounts[1], MF_TARGET)), "6:17-6:24");
	T_EQ_STR(c->mounts[2].target, "/etc/ssl/cert.pem");
	T_EQ_INT(c->mounts[3].kind, MOUNT_CONFIG);
	T_EQ_STR(c->mounts[3].target, "/nginx.conf");
	T_EQ_STR(c->mounts[4].target, "/etc/app.yaml");
	T_EQ_STR(c->mounts[5].target, "/bare");
	T_EQ_INT(c->mounts[5].syntax, SYNTAX_TARGET);
	for (size_t i = 0; i < c->n_mounts; i++)
		T_EQ_INT(c->mounts[i].read_only, true);
}

static void test_mounts(void)
{
	if (!have_mount_grammar()) {
		fprintf(stderr, "t_compose: mount grammar not built yet, "
			"mount checks skipped\n");
		return;
	}
	parse("services:\n"
	      "  s:\n"
	      "    volumes:\n"
	      "      - data:/data\n"
	      "      - \"./src:/app:ro\"\n"
	      "      - type: bind\n"
	      "        source: ./x\n"
	      "        target: /x\n"
	      "        bind:\n"
	      "          propagation: rshared\n"
	      "    tmpfs: /run\n"
	      "  t:\n"
	      "    tmpfs:\n"
	      "      - /tmp:size=64m\n"
	      "      - /var/tmp\n"
	      "volumes:\n  data:\n");
	T_EQ_STR(found(), "");
	T_EQ_INT(u.n_containers, 2);
	if (u.n_containers != 2 || u.containers[0].n_mounts != 4)
		return;
	const struct mount *m = u.containers[0].mounts;

	T_EQ_INT(m[0].kind, MOUNT_VOLUME);
	T_EQ_STR(m[0].source, "data");
	T_EQ_STR(at(mount_loc(&m[0], MF_ENTRY)), "4:9-4:19");
	T_EQ_STR(at(mount_loc(&m[1], MF_ENTRY)), "5:9-5:24");
	T_CHECK(m[1].read_only, "short :ro");
	T_EQ_INT(m[2].syntax, SYNTAX_LONG);
	T_EQ_STR(at(mount_loc(&m[2], MF_ENTRY)), "6:9-6:13");
	T_EQ_STR(m[2].propagation, "rshared");
	T_EQ_INT(m[3].kind, MOUNT_TMPFS);
	T_EQ_STR(at(mount_loc(&m[3], MF_ENTRY)), "11:12-11:16");
	T_EQ_INT(u.containers[1].n_mounts, 2);
	T_CHECK(u.containers[1].n_mounts == 2 &&
		u.containers[1].mounts[0].has_size, "tmpfs list item size");
}

/* Builds a unit by hand, so the rules are checked without the grammar. */
static struct mount *add_named(struct container *c, const char *name,
			       int line)
{
	struct mount *m = container_add_mount(c);

	m->kind = MOUNT_VOLUME;
	m->source = xstrdup(name);
	m->raw = xasprintf("%s:/x", name);
	m->target = xstrdup("/x");
	mount_set_loc(m, MF_ENTRY, &(struct loc){ u.path, line, 9, line, 20 });
	return m;
}

static struct volume *add_volume(const char *name, int line)
{
	struct volume *v = unit_add_volume(&u);

	v->name = xstrdup(name);
	v->loc = (struct loc){ u.path, line, 3, line, 3 + (int)strlen(name) };
	return v;
}

static void run_rule(const struct rule *r)
{
	findings_release(&fs);
	findings_init(&fs);
	rule_run(r, &u, &fs);
}

static void test_rules(void)
{
	struct container *c;

	reset();
	c = unit_add_container(&u, ORIGIN_COMPOSE);
	c->name = xstrdup("db");
	add_named(c, "pgdata", 4);
	add_named(c, "typo", 5);
	add_named(c, "${VOL}", 6);
	add_volume("pgdata", 8);
	add_volume("unused", 9)->external = true;
	add_volume("ext", 10)->external = true;
	u.volumes[2].has_driver_opts = true;

	run_rule(&rule_ml106);
	T_EQ_STR(found(), "ML106 5:9-5:20\n");
	T_EQ_STR(fs.items[0].service, "db");
	T_EQ_STR(fs.items[0].message, "undefined volume \"typo\": the "
		 "top-level volumes do not declare it, and Compose refuses "
		 "the project");

	run_rule(&rule_ml108);
	T_EQ_STR(found(), "ML108 10:3-10:6\n");
	T_CHECK(strstr(fs.items[0].message, "\"driver_opts\"") != NULL,
		"names the option: %s", fs.items[0].message);

	/* ${VOL} might be any volume: silent */
	run_rule(&rule_ml502);
	T_EQ_STR(found(), "");
	free(c->mounts[2].source);
	c->mounts[2].source = xstrdup("$HOME/x");
	run_rule(&rule_ml502);
	T_EQ_STR(found(), "ML502 9:3-9:9\nML502 10:3-10:6\n");
}

/* What a stream handed over: "<which>:<key> " for each value. */
static char handed[512];

static void note_value(void *ctx, size_t which, const struct ynode *key,
		       struct ynode *value)
{
	size_t n = strlen(handed);

	(void)ctx;
	(void)value;
	snprintf(handed + n, sizeof(handed) - n, "%zu:%s ", which,
		 key->kind == YNODE_SCALAR ? key->text : "?");
}

/* Loads text streaming "services" and "volumes"; returns the number of
 * pairs its top-level mapping keeps, or -1 when it does not load. */
static long stream(const char *text, bool *unfit)
{
	static const char *const keys[] = { "services", "volumes", NULL };
	struct ydoc_stream s;
	struct ydoc d;
	struct findings out;
	long kept = 0;

	memset(&s, 0, sizeof(s));
	s.keys = keys;
	s.each = note_value;
	handed[0] = '\0';
	findings_init(&out);
	if (ydoc_load_stream(&d, text, strlen(text), "s.yaml", &out, &s))
		kept = -1;
	for (size_t i = 0; kept >= 0 && d.root && i < ynode_pairs(d.root);
	     i++)
		kept += (long)ynode_pairs(ynode_value(d.root, i)) + 1;
	*unfit = s.unfit;
	ydoc_release(&d);
	findings_release(&out);
	return kept;
}

static void test_stream(void)
{
	bool unfit;

	/* services and volumes handed over, volumes named like services;
	 * the tree keeps the two top-level keys and nothing under them */
	T_EQ_INT(stream("services:\n  db:\n    image: a\n  web: {}\n"
			"volumes:\n  db:\n  web:\n    name: w\n", &unfit), 2);
	T_EQ_STR(handed, "0:db 0:web 1:db 1:web ");
	T_CHECK(!unfit, "unfit");
	/* a name handed twice: unfit (read again whole) */
	stream("services:\n  a: {}\n  a: {}\n", &unfit);
	T_CHECK(unfit, "a duplicate service streams");
	stream("volumes:\n  v:\n  v:\n", &unfit);
	T_CHECK(unfit, "a duplicate volume streams");
	/* a name repeated after many, past the growth of the name table */
	{
		struct buf b;

		buf_init(&b, 0);
		buf_adds(&b, "volumes:\n");
		for (int i = 0; i < 1000; i++)
			buf_addf(&b, "  vol%d:\n", i);
		buf_adds(&b, "  vol766:\n");
		stream(b.data, &unfit);
		T_CHECK(unfit, "a volume repeated after 1000 streams");
		buf_reset(&b);
		buf_adds(&b, "services:\n");
		for (int i = 0; i < 49; i++)
			buf_addf(&b, "  svc%d: {}\n", i);
		buf_adds(&b, "  svc41: {}\n");
		stream(b.data, &unfit);
		T_CHECK(unfit, "a service repeated after 49 streams");
		buf_release(&b);
	}
	/* an alias: unfit */
	stream("volumes:\n  v: &x\n    name: n\n  w: *x\n", &unfit);
	T_CHECK(unfit, "an alias streams");
	/* without a fits callback, any value streams */
	stream("services:\n  a: {}\n  b: x\n", &unfit);
	T_EQ_STR(handed, "0:a 0:b ");
	T_CHECK(!unfit, "a scalar service fits, with no fits callback");
	/* what is between the two, and after them, stays */
	T_EQ_INT(stream("services:\n  a: {}\nx: 1\nvolumes:\n  v:\n"
			"name: n\n", &unfit), 4);
	T_EQ_STR(handed, "0:a 1:v ");
}

int main(void)
{
	unit_init(&u, UNIT_COMPOSE, "c.yaml", NULL);
	findings_init(&fs);
	test_empty();
	test_syntax_error();
	test_service_model();
	test_columns_count_code_points();
	test_anchors();
	test_merge_single();
	test_merge_list();
	test_duplicate_keys();
	test_depth_limit();
	test_alias_bomb();
	test_tags();
	test_shape();
	test_volumes();
	test_secrets_configs();
	test_mounts();
	test_rules();
	test_stream();
	unit_release(&u);
	findings_release(&fs);
	return t_done("compose");
}
