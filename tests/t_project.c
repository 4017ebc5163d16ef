/*
 * Compose projects: files merged in order, `extends` and `include`, the
 * host paths they write resolved against the right directory, and the
 * file and line each mount is blamed on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lint/buf.h"
#include "../lint/finding.h"
#include "../lint/input.h"
#include "../lint/settings.h"
#include "../parsers/project.h"
#include "tap.h"

static char top[] = "/tmp/mountlint-project-XXXXXX";

/* Writes text to path (below the current directory), making its dirs. */
static void put(const char *path, const char *text)
{
	char dir[256];

	for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(s - path), path);
		mkdir(dir, 0755);
	}
	t_write(path, text);
}

/*
 * Loads the project whose files are paths (the first one first) and
 * returns its mounts, one line each: "service target source ro
 * file:line", then the findings of loading it as "ID file:line:col
 * message" and its input errors as "error file:line:col message".
 */
static const char *load(const char *const *paths, size_t n)
{
	static struct buf out;
	struct unit u;
	struct findings fs;
	struct project p;
	struct buf text;
	char *dir = strdup(paths[0]), *slash = strrchr(dir, '/');

	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	buf_reset(&out);
	findings_init(&fs);
	finding_begin_file(&fs);
	unit_init(&u, UNIT_COMPOSE, paths[0], dir);
	u.settings = &settings_default;
	T_CHECK(input_read(paths[0], paths[0], false, &text,
			   &fs) == 0,
		"cannot read %s", paths[0]);
	project_init(&p, &u, &fs);
	if (project_open(&p, text.data, text.len, 1) == COMPOSE_OK) {
		for (size_t i = 1; i < n; i++)
			project_add(&p, paths[i]);
		project_read(&p);
	}
	for (size_t c = 0; c < u.n_containers; c++) {
		const struct container *k = &u.containers[c];

		for (size_t i = 0; i < k->n_mounts; i++) {
			const struct mount *m = &k->mounts[i];
			const struct loc *at = mount_loc(m, MF_ENTRY);

			buf_addf(&out, "%s %s %s %s %s:%d\n", k->name,
				 m->target ? m->target : "-",
				 m->source_path ? m->source_path :
				 m->source ? m->source : "-",
				 m->read_only ? "ro" : "rw", at->file,
				 at->line);
		}
	}
	for (size_t i = 0; i < fs.n; i++)
		buf_addf(&out, "%s %s:%d:%d %s\n", fs.items[i].rule->id,
			 fs.items[i].file, fs.items[i].loc.line,
			 fs.items[i].loc.col, fs.items[i].message);
	for (size_t i = 0; i < fs.n_errors; i++)
		buf_addf(&out, "error %s:%d:%d %s\n", fs.errors[i].file,
			 fs.errors[i].line, fs.errors[i].col,
			 fs.errors[i].message);
	project_release(&p);
	unit_release(&u);
	findings_release(&fs);
	buf_release(&text);
	free(dir);
	return out.data ? out.data : "";
}

static const char *load1(const char *path)
{
	return load(&path, 1);
}

/* A later file replaces a mount on the same target and adds the rest. */
static void test_files(void)
{
	const char *two[] = { "m/compose.yaml", "m/prod.yaml" };

	put("m/compose.yaml",
	    "services:\n"
	    "  app:\n"
	    "    image: x\n"
	    "    volumes:\n"
	    "      - ./conf:/etc/app\n"
	    "      - data:/data\n"
	    "volumes:\n"
	    "  data:\n");
	put("m/prod.yaml",
	    "services:\n"
	    "  app:\n"
	    "    volumes:\n"
	    "      - type: bind\n"
	    "        source: /srv/conf\n"
	    "        target: /etc/app\n"
	    "        read_only: true\n"
	    "      - /var/log/app:/logs\n");
	T_EQ_STR(load(two, 2),
		 "app /etc/app /srv/conf ro m/prod.yaml:4\n"
		 "app /data data rw m/compose.yaml:6\n"
		 "app /logs /var/log/app rw m/prod.yaml:8\n");

	put("m/prod.yaml",
	    "services:\n"
	    "  app:\n"
	    "    volumes: !override\n"
	    "      - /srv/data:/data:ro\n");
	T_EQ_STR(load(two, 2), "app /data /srv/data ro m/prod.yaml:4\n");

	put("m/prod.yaml",
	    "services:\n"
	    "  app:\n"
	    "    volumes: !reset []\n");
	T_EQ_STR(load(two, 2), "");

	put("m/prod.yaml", "services:\n  app:\n    volumes: [\n");
	T_EQ_STR(load(two, 2),
		 "app /etc/app conf rw m/compose.yaml:5\n"
		 "app /data data rw m/compose.yaml:6\n"
		 "ML001 m/prod.yaml:4:1 invalid YAML: did not find expected "
		 "node content while parsing a flow node from line 4\n");

	/* keys as Compose makes them: a target as written, a secret by
	 * its path below /run/secrets, a config below / */
	put("m/compose.yaml",
	    "services:\n"
	    "  app:\n"
	    "    image: x\n"
	    "    volumes: [\"/a:/data\"]\n"
	    "    secrets: [pw, key]\n"
	    "    configs: [conf]\n");
	put("m/prod.yaml",
	    "services:\n"
	    "  app:\n"
	    "    volumes: [\"/b:/data/\"]\n"
	    "    secrets:\n"
	    "      - {source: pw, target: /run/secrets/pw}\n"
	    "      - {source: key, target: key}\n"
	    "    configs:\n"
	    "      - {source: conf, target: /conf}\n");
	T_EQ_STR(load(two, 2),
		 "app /data /a rw m/compose.yaml:4\n"
		 "app /data/ /b rw m/prod.yaml:3\n"
		 "app /run/secrets/pw - ro m/prod.yaml:5\n"
		 "app /run/secrets/key - ro m/compose.yaml:5\n"
		 "app /run/secrets/key - ro m/prod.yaml:6\n"
		 "app /conf - ro m/prod.yaml:8\n");
}

/* A relative path written in another directory resolves against it. */
static void test_extends(void)
{
	put("e/app/compose.yaml",
	    "services:\n"
	    "  web:\n"
	    "    extends:\n"
	    "      file: ../common/base.yaml\n"
	    "      service: base\n"
	    "    volumes:\n"
	    "      - ./site:/site:ro\n"
	    "  job:\n"
	    "    extends: web\n");
	put("e/common/base.yaml",
	    "services:\n"
	    "  base:\n"
	    "    image: x\n"
	    "    volumes:\n"
	    "      - ./data:/data\n"
	    "      - ../../e/common/x:/x\n");
	T_EQ_STR(load1("e/app/compose.yaml"),
		 "web /data ../common/data rw e/common/base.yaml:5\n"
		 "web /x ../../e/common/x rw e/common/base.yaml:6\n"
		 "web /site site ro e/app/compose.yaml:7\n"
		 "job /data ../common/data rw e/common/base.yaml:5\n"
		 "job /x ../../e/common/x rw e/common/base.yaml:6\n"
		 "job /site site ro e/app/compose.yaml:7\n");

	put("e/app/compose.yaml",
	    "services:\n"
	    "  a:\n"
	    "    extends: b\n"
	    "  b:\n"
	    "    extends: {service: a}\n"
	    "  c:\n"
	    "    extends: nowhere\n"
	    "  d:\n"
	    "    extends: {file: none.yaml, service: a}\n");
	T_EQ_STR(load1("e/app/compose.yaml"),
		 "error e/app/compose.yaml:5:5 \"extends\" goes round in a "
		 "cycle back to service \"a\"\n"
		 "error e/app/compose.yaml:7:14 \"extends\" names service "
		 "\"nowhere\", which \"e/app/compose.yaml\" does not "
		 "define\n"
		 "error e/app/compose.yaml:9:21 cannot read "
		 "\"e/app/none.yaml\": "
		 "No such file or directory\n");
}

/* A chain of 257 `extends` is one too many. */
static void test_extends_depth(void)
{
	struct buf b;

	buf_init(&b, 0);
	buf_adds(&b, "services:\n");
	for (int i = 0; i < 257; i++)
		buf_addf(&b, "  s%d:\n    extends: s%d\n", i, i + 1);
	buf_adds(&b, "  s257:\n    image: x\n");
	put("d/compose.yaml", b.data);
	T_EQ_STR(load1("d/compose.yaml"),
		 "error d/compose.yaml:3:5 \"extends\" chains more than 256 "
		 "services\n");
	buf_release(&b);
}

/* An included project keeps its own directory and variables. */
static void test_include(void)
{
	put("i/compose.yaml",
	    "include:\n"
	    "  - path: lib/db.yaml\n"
	    "    env_file: lib/db.env\n"
	    "  - lib/missing.yaml\n"
	    "services:\n"
	    "  app:\n"
	    "    image: x\n");
	put("i/lib/db.yaml",
	    "services:\n"
	    "  db:\n"
	    "    image: x\n"
	    "    volumes:\n"
	    "      - ${DATA}:/var/lib/db\n"
	    "      - ./init:/init:ro\n");
	put("i/lib/db.env", "DATA=./pg\n");
	T_EQ_STR(load1("i/compose.yaml"),
		 "db /var/lib/db lib/pg rw i/lib/db.yaml:5\n"
		 "db /init lib/init ro i/lib/db.yaml:6\n"
		 "error i/compose.yaml:4:5 cannot read \"lib/missing.yaml\": "
		 "No such file or directory\n");

	put("i/compose.yaml",
	    "include:\n"
	    "  - path: [lib/db.yaml, lib/more.yaml]\n"
	    "    project_directory: data\n"
	    "services:\n"
	    "  app:\n"
	    "    image: x\n");
	put("i/data/.env", "DATA=/srv/pg\n");
	put("i/lib/more.yaml",
	    "services:\n"
	    "  db:\n"
	    "    volumes:\n"
	    "      - ./seed:/init\n");
	T_EQ_STR(load1("i/compose.yaml"),
		 "db /var/lib/db /srv/pg rw i/lib/db.yaml:5\n"
		 "db /init data/seed rw i/lib/more.yaml:4\n");
}

int main(void)
{
	if (!mkdtemp(top) || chdir(top)) {
		T_CHECK(0, "cannot make %s", top);
		return t_done("t_project");
	}
	test_files();
	test_extends();
	test_extends_depth();
	test_include();
	if (chdir("/") == 0) {
		char *cmd = malloc(strlen(top) + 16);

		sprintf(cmd, "rm -rf '%s'", top);
		T_CHECK(system(cmd) == 0, "cannot remove %s", top);
		free(cmd);
	}
	return t_done("t_project");
}
