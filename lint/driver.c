#include "driver.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../parsers/compose.h"
#include "../parsers/dockercli.h"
#include "../parsers/dotenv.h"
#include "../parsers/embedded.h"
#include "../parsers/project.h"
#include "../parsers/shell.h"
#include "buf.h"
#include "config.h"
#include "diag.h"
#include "fsprobe.h"
#include "input.h"
#include "limits.h"
#include "mem.h"
#include "policy.h"
#include "suppress.h"
#include "utf8.h"
#include "walk.h"
#include "banned.h"

/* What a file is, by its name. */
enum name_kind {
	NAME_COMPOSE,		/* compose*.y*ml, docker-compose*.y*ml */
	NAME_OVERRIDE,		/* compose.override.y*ml and the like */
	NAME_YAML,		/* any other *.yml, *.yaml */
	NAME_GITHUB,		/* GitHub Actions workflows */
	NAME_GITLAB,		/* .gitlab-ci.yml */
	NAME_SCRIPT,		/* *.sh, *.bash */
	NAME_MAKEFILE,
	NAME_MARKDOWN,
	NAME_OTHER,
};

static const struct {
	const char *pattern;	/* fnmatch, on the path or its base name */
	enum name_kind kind;
	int on_path;
} name_table[] = {
	{ ".github/workflows/*.y*ml", NAME_GITHUB, 1 },
	{ "*/.github/workflows/*.y*ml", NAME_GITHUB, 1 },
	{ ".gitlab-ci.yml", NAME_GITLAB, 0 },
	{ "compose.override.y*ml", NAME_OVERRIDE, 0 },
	{ "docker-compose.override.y*ml", NAME_OVERRIDE, 0 },
	{ "compose*.yml", NAME_COMPOSE, 0 },
	{ "compose*.yaml", NAME_COMPOSE, 0 },
	{ "docker-compose*.yml", NAME_COMPOSE, 0 },
	{ "docker-compose*.yaml", NAME_COMPOSE, 0 },
	{ "*.yml", NAME_YAML, 0 },
	{ "*.yaml", NAME_YAML, 0 },
	{ "*.sh", NAME_SCRIPT, 0 },
	{ "*.bash", NAME_SCRIPT, 0 },
	{ "Makefile", NAME_MAKEFILE, 0 },
	{ "makefile", NAME_MAKEFILE, 0 },
	{ "GNUmakefile", NAME_MAKEFILE, 0 },
	{ "*.mk", NAME_MAKEFILE, 0 },
	{ "*.md", NAME_MARKDOWN, 0 },
	{ "*.markdown", NAME_MARKDOWN, 0 },
};

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static enum name_kind name_kind(const char *path)
{
	const char *base = base_name(path);

	for (size_t i = 0; i < sizeof(name_table) / sizeof(name_table[0]); i++)
		if (!fnmatch(name_table[i].pattern,
			     name_table[i].on_path ? path : base, 0))
			return name_table[i].kind;
	return NAME_OTHER;
}

/* A shebang naming sh, bash, dash, ksh or zsh. */
static bool has_shell_shebang(const char *text, size_t len)
{
	static const char *const shells[] = { "sh", "bash", "dash", "ksh",
					      "zsh" };
	const char *end, *word, *p;

	if (len < 2 || text[0] != '#' || text[1] != '!')
		return false;
	end = memchr(text, '\n', len);
	end = end ? end : text + len;
	/* the interpreter, or the word after /usr/bin/env */
	for (p = text + 2; p < end; p = word) {
		size_t n;

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		for (word = p; word < end && *word != ' ' && *word != '\t';)
			word++;
		while (word > p && word[-1] == '\r')
			word--;
		n = (size_t)(word - p);
		for (const char *s = p; s < word; s++)
			if (*s == '/') {
				n -= (size_t)(s + 1 - p);
				p = s + 1;
			}
		if (n == 3 && !memcmp(p, "env", 3))
			continue;
		for (size_t i = 0; i < sizeof(shells) / sizeof(shells[0]); i++)
			if (strlen(shells[i]) == n && !memcmp(p, shells[i], n))
				return true;
		return false;
	}
	return false;
}

static unsigned applies_mask(enum unit_kind k)
{
	switch (k) {
	case UNIT_COMPOSE:
		return APPLIES_COMPOSE;
	default:	/* scripts, and a command line: its volume commands */
		return APPLIES_RUN | APPLIES_SCRIPT;
	}
}

static void run_rules(struct unit *u, struct findings *out)
{
	unsigned mask = applies_mask(u->kind);

	unit_index(u);

	for (size_t i = 0; i < rule_count; i++) {
		const struct rule *r = rule_registry[i];

		if (r->applies & mask)
			rule_run(r, u, out);
	}
}

/*
 * A container of a compose file read as it is parsed: the rules that
 * read a container alone run on it now, and only what the rules that
 * look across containers need is kept of it.
 */
static void rules_on_container(struct unit *u, void *ctx)
{
	struct findings *out = ctx;

	if (u->n_containers != 1)	/* folded in order, one at a time */
		return;
	for (size_t i = 0; i < rule_count; i++) {
		const struct rule *r = rule_registry[i];

		if (r->check_container && (r->applies & APPLIES_COMPOSE))
			r->check_container(u, u->containers, out);
	}
	unit_fold(u);
}

/* Gives each finding of this input from `first` on its source line. */
static void attach_excerpts(struct findings *out, size_t first,
			    const char *path, const char *text, size_t len)
{
	size_t *starts = NULL, n = 0, cap = 0;	/* where each line starts */

	for (size_t i = first; i < out->n && !starts; i++)
		if (!strcmp(out->items[i].file, path)) {
			for (size_t k = 0; k <= len; k++)
				if (k == 0 || text[k - 1] == '\n') {
					grow_array(&starts, sizeof(*starts),
						   n + 1, &cap);
					starts[n++] = k;
				}
		}
	for (size_t i = first; i < out->n; i++) {
		struct finding *x = &out->items[i];
		const char *p, *eol, *end = text + len;

		if (x->excerpt || x->loc.line < 1 || strcmp(x->file, path) ||
		    (size_t)x->loc.line > n)
			continue;
		p = text + starts[x->loc.line - 1];
		eol = memchr(p, '\n', (size_t)(end - p));
		eol = eol ? eol : end;
		if (eol > p && eol[-1] == '\r')
			eol--;
		x->excerpt = xstrndup(p, (size_t)(eol - p));
	}
	free(starts);
}

/* The directory of the file at path; NULL for standard input. */
static char *dir_of(const char *path)
{
	return strcmp(path, "-") ? path_dir(path) : NULL;
}

/* Chooses what the input is; NAME_OTHER and the like are skipped. */
static enum input_kind choose_kind(const char *path, enum name_kind nk,
				   const struct buf *b,
				   const struct lint_opts *o)
{
	if (!strcmp(path, "-") && o->stdin_kind != INPUT_SNIFF)
		return o->stdin_kind;
	if (nk == NAME_GITHUB || nk == NAME_GITLAB || nk == NAME_MAKEFILE ||
	    nk == NAME_MARKDOWN)
		return INPUT_SCRIPT;	/* shell inside: see lint_text */
	if (nk == NAME_COMPOSE || nk == NAME_YAML)
		return INPUT_COMPOSE;
	if (nk == NAME_SCRIPT || has_shell_shebang(b->data, b->len))
		return INPUT_SCRIPT;
	if (!strcmp(path, "-"))
		return INPUT_COMPOSE;	/* then a script, if not compose */
	return INPUT_SNIFF;
}

/* First bytes of a file: enough for a shebang line. */
static bool peek_shebang(const char *path)
{
	char head[256];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, head, sizeof(head));
	close(fd);
	return n > 0 && has_shell_shebang(head, (size_t)n);
}

static bool skip_by_name(const char *shown, enum name_kind nk, bool named)
{
	if (!named)
		return nk == NAME_OVERRIDE ||
		       (nk == NAME_OTHER && !peek_shebang(shown));
	if (nk == NAME_OVERRIDE) {
		diag_note("\"%s\" skipped: an override file is linted only "
			  "merged with its base file", shown);
		return true;
	}
	return false;
}

struct embedded_ctx {
	struct unit *u;
	struct findings *out;
	bool recipe;		/* Makefile recipes */
};

static void lint_embedded(const char *text, size_t len, int first_line,
			  void *ctx)
{
	struct embedded_ctx *e = ctx;

	if (e->recipe)
		shell_parse_recipe(e->u, text, len, first_line, e->out);
	else
		shell_parse(e->u, text, len, first_line, e->out);
}

/* Shell inside Makefiles, Markdown and CI files. Returns false when the
 * file is of none of those kinds. */
static bool lint_embedded_kinds(struct unit *u, enum name_kind nk,
				const struct buf *b, struct findings *out)
{
	struct embedded_ctx e = { u, out, nk == NAME_MAKEFILE };

	switch (nk) {
	case NAME_MAKEFILE:
		embedded_makefile(b->data, b->len, lint_embedded, &e);
		return true;
	case NAME_MARKDOWN:
		embedded_markdown(b->data, b->len, lint_embedded, &e);
		return true;
	case NAME_GITHUB:
	case NAME_GITLAB:
		embedded_ci(b->data, b->len,
			    nk == NAME_GITHUB ? CI_GITHUB : CI_GITLAB, u->path,
			    out, lint_embedded, &e);
		return true;
	default:
		return false;
	}
}

/* The first of names (COMPOSE_NAMES of them) that exists in the
 * directory of path, as a path there; NULL when none does. */
static char *first_beside(const char *path, const char *const *names)
{
	int dir = (int)(base_name(path) - path);

	for (size_t i = 0; i < COMPOSE_NAMES; i++) {
		char *o = xasprintf("%.*s%s", dir, path, names[i]);

		if (!fsprobe_stat(o))
			return o;
		free(o);
	}
	return NULL;
}

/* Whether path names a compose file by one of Docker Compose's default
 * names. */
static bool default_named(const char *path)
{
	for (size_t i = 0; i < COMPOSE_NAMES; i++)
		if (!strcmp(base_name(path), compose_file_names[i]))
			return true;
	return false;
}

/* The override Docker Compose merges over a default-named compose file:
 * the first of its override names beside it, whatever the base's name;
 * NULL when there is none. */
static char *override_of(const char *path)
{
	return default_named(path) ?
	       first_beside(path, compose_override_names) : NULL;
}

/* The files merged over the first: the ones named, else its override.
 * With `regular`, the first is read only if it is a regular file. */
struct more_files {
	const char *const *paths;
	size_t n;
	bool no_override;
	bool regular;
};

/* Loads the compose project whose first file is u's text b. */
static enum compose_result lint_compose(struct project *p, struct unit *u,
					enum name_kind nk, const struct buf *b,
					const struct more_files *more,
					struct findings *out)
{
	enum compose_result cr;
	char *override = more->n || more->no_override ? NULL :
			 override_of(u->path);

	project_init(p, u, out);
	p->alone = !more->n && !override;
	cr = project_open(p, b->data, b->len, nk == NAME_COMPOSE || more->n);
	if (cr == COMPOSE_OK) {
		for (size_t i = 0; i < more->n; i++)
			project_add(p, more->paths[i]);
		if (override)
			project_add(p, override);
	}
	free(override);
	return cr == COMPOSE_OK ? project_read(p) : cr;
}

/* With fold, the rules run on each service of a compose file read as it
 * is parsed (rules_on_container). */
static void lint_text(struct unit *u, enum input_kind kind,
		      enum name_kind nk, bool named, const struct buf *b,
		      const struct more_files *more, bool fold,
		      struct project *p, struct findings *out,
		      struct lint_result *res)
{
	enum compose_result cr;

	if (kind == INPUT_COMPOSE) {
		u->container_read = fold ? rules_on_container : NULL;
		u->container_ctx = out;
		cr = lint_compose(p, u, nk, b, more, out);
		u->container_read = NULL;
		/* the model is read: the rules need no YAML */
		if (p->pool)
			project_drop_yaml(p);
		if (cr == COMPOSE_NOT_COMPOSE && !strcmp(u->path, "<stdin>") &&
		    !named) {
			kind = INPUT_SCRIPT;	/* sniffed: then a script */
		} else if (cr == COMPOSE_NOT_COMPOSE) {
			if (named)
				diag_note("\"%s\" skipped: no top-level "
					  "\"services\" mapping, not a compose "
					  "file", u->path);
			return;
		}
	}
	if (kind == INPUT_SCRIPT) {
		u->kind = UNIT_SCRIPT;
		if (!lint_embedded_kinds(u, nk, b, out))
			shell_parse(u, b->data, b->len, 1, out);
	}
	res->files++;
	run_rules(u, out);
}

/*
 * The policy and settings for one file: the defaults, its configuration
 * file over them, the command line over both. Returns the configuration,
 * or NULL; sets res->config_failed when it could not be loaded.
 */
static const struct config *file_rules(const char *path,
				       const struct lint_opts *o,
				       struct policy *p, struct settings *s,
				       struct lint_result *res)
{
	const struct config *c = NULL;
	bool failed = false;

	policy_init(p);
	*s = settings_default;
	if (o->configs)
		c = config_for(o->configs, path, &failed);
	if (failed)
		res->config_failed = true;
	if (c)
		config_apply(c, p, s);
	for (size_t i = 0; o->policy && i < rule_count; i++)
		if (o->policy->severity[i] == SEV_OFF)
			p->severity[i] = SEV_OFF;
	if (o->settings && o->settings->selinux)
		s->selinux = true;
	if (o->settings) {
		s->env_files = o->settings->env_files;
		s->n_env_files = o->settings->n_env_files;
		s->env_process = o->settings->env_process;
	}
	return c;
}

/* Suppressions and excerpts, in each file of the project. */
static void finish_files(const struct project *p, const char *shown,
			 const struct buf *b, const struct lint_opts *o,
			 const struct policy *policy, struct findings *out,
			 size_t first)
{
	suppress_apply(shown, b->data, b->len, policy, false, out, first);
	if (o->excerpts)
		attach_excerpts(out, first, shown, b->data, b->len);
	for (size_t i = 1; i < p->n_files; i++) {
		const struct project_file *f = p->files[i];

		if (!f->text)
			continue;
		suppress_apply(f->path, f->text, f->len, policy, f->partial,
			       out, first);
		if (o->excerpts)
			attach_excerpts(out, first, f->path, f->text, f->len);
	}
}

/* Lints the file at path, and the files `more` merges over it. */
static void lint_file(const char *path, bool named, enum input_kind forced,
		      const struct more_files *more,
		      const struct lint_opts *o, struct findings *out,
		      struct lint_result *res)
{
	const char *shown = strcmp(path, "-") ? path : "<stdin>";
	enum name_kind nk = name_kind(path);
	enum input_kind kind;
	struct unit u;
	struct buf b;
	char *dir;
	size_t first = out->n;
	const struct config *cfg;
	struct policy policy;
	struct settings settings;
	struct project p;
	struct findings_mark mark;
	struct lint_result saved;

	memset(&p, 0, sizeof(p));
	finding_begin_file(out);
	if (strcmp(path, "-") && !forced && skip_by_name(shown, nk, named))
		return;
	cfg = file_rules(path, o, &policy, &settings, res);
	if (res->config_failed)
		return;
	if (input_read(path, shown, more->regular, &b, out)) {
		res->input_failed = true;
		res->files += out->n > first;
		return;
	}
	if (input_check_text(shown, &b, out)) {
		res->input_failed = true;
		res->files++;
		buf_release(&b);
		return;
	}
	kind = forced ? forced : choose_kind(path, nk, &b, o);
	if (kind == INPUT_SNIFF) {
		if (named)
			diag_note("\"%s\" skipped: not a compose file or a "
				  "shell script", shown);
		buf_release(&b);
		return;
	}

	dir = dir_of(path);
	unit_init(&u, UNIT_COMPOSE, shown, dir);
	u.settings = &settings;
	/* standard input sniffed is compose, else a script; forced, not */
	named = strcmp(path, "-") ? named : o->stdin_kind != INPUT_SNIFF;
	findings_mark(out, &mark);
	saved = *res;
	lint_text(&u, kind, nk, named, &b, more, true, &p, out, res);
	if (u.n_folded && out->file_capped) {
		/* Which findings the cap keeps depends on the order the rules
		 * ran in: lint again with each rule on the whole file. */
		findings_rollback(out, &mark);
		*res = saved;
		if (p.pool)
			project_release(&p);
		unit_release(&u);
		unit_init(&u, UNIT_COMPOSE, shown, dir);
		u.settings = &settings;
		lint_text(&u, kind, nk, named, &b, more, false, &p, out, res);
	}
	if (out->parse_failed || out->n_errors)
		res->input_failed = true;
	policy_apply(&policy, out, first);
	if (cfg)
		config_exclude(cfg, out, first);
	finish_files(&p, shown, &b, o, &policy, out, first);
	if (p.pool)
		project_release(&p);
	unit_release(&u);
	free(dir);
	buf_release(&b);
}

/*
 * The compose file an overlay is merged over: for an override named on
 * the command line, or a variant such as compose.dev.yaml, the first
 * default-named compose file beside it; NULL for any other file, or
 * when there is none.
 */
static char *base_of(const char *path, bool named)
{
	enum name_kind nk = name_kind(path);

	if (nk == NAME_OVERRIDE ? !named : nk != NAME_COMPOSE)
		return NULL;
	return default_named(path) ? NULL :
	       first_beside(path, compose_file_names);
}

/* Drops the findings from index first on that are not in file. */
static void keep_file(struct findings *out, size_t first, const char *file)
{
	size_t kept = first;

	for (size_t i = first; i < out->n; i++) {
		if (strcmp(out->items[i].file, file)) {
			finding_release(&out->items[i]);
			continue;
		}
		out->items[kept++] = out->items[i];
	}
	out->n = kept;
}

void lint_path(const char *path, bool named, const struct lint_opts *o,
	       struct findings *out, struct lint_result *res)
{
	struct more_files more = { NULL, 0, o->no_override, false };
	char *base = o->no_override ? NULL : base_of(path, named);
	size_t first = out->n;

	if (!base) {
		lint_file(path, named, INPUT_SNIFF, &more, o, out, res);
		return;
	}
	more.paths = &path;
	more.n = 1;
	more.regular = true;
	lint_file(base, true, INPUT_COMPOSE, &more, o, out, res);
	keep_file(out, first, path);
	free(base);
}

void lint_project(const char *const *paths, size_t n,
		  const struct lint_opts *o, struct findings *out,
		  struct lint_result *res)
{
	struct more_files more = { paths + 1, n - 1, true, true };

	lint_file(paths[0], true, INPUT_COMPOSE, &more, o, out, res);
}

/* A variable as Docker Compose reads its own settings: the environment
 * (with --env) over the env files, or over ./.env when none is named. */
static char *compose_setting(const struct lint_opts *o, const char *name)
{
	const struct settings *s = o->settings;
	const char *v = s->env_process ? getenv(name) : NULL;
	struct dotenv env;
	char *value;

	dotenv_init(&env, s->env_process ? environ_lookup : NULL, NULL);
	for (size_t i = 0; i < s->n_env_files; i++)
		dotenv_load(&env, s->env_files[i]);
	if (!s->n_env_files)
		dotenv_load(&env, ".env");
	if (!v)
		v = dotenv_get(&env, name, strlen(name));
	value = v ? xstrdup(v) : NULL;
	dotenv_release(&env);
	return value;
}

bool lint_compose_file_var(const struct lint_opts *o, struct findings *out,
			   struct lint_result *res)
{
	char *files = compose_setting(o, "COMPOSE_FILE");
	char *sep = compose_setting(o, "COMPOSE_PATH_SEPARATOR");
	const char **paths;
	size_t n = 0;

	if (!files || !*files) {
		free(files);
		free(sep);
		return false;
	}
	paths = xcalloc(strlen(files) + 1, sizeof(*paths));
	for (char *p = files, *end; p; p = end) {
		end = strstr(p, sep && *sep ? sep : ":");
		if (end) {
			*end = '\0';
			end += sep && *sep ? strlen(sep) : 1;
		}
		if (*p)
			paths[n++] = p;
	}
	if (n)
		lint_project(paths, n, o, out, res);
	free(paths);
	free(files);
	free(sep);
	return n > 0;
}

void lint_argv(int argc, char **argv, const struct lint_opts *o,
	       struct findings *out, struct lint_result *res)
{
	struct unit u;
	struct buf line;
	size_t first = out->n;
	const struct config *cfg;
	struct policy policy;
	struct settings settings;

	finding_begin_file(out);
	cfg = file_rules("-", o, &policy, &settings, res);
	if (res->config_failed)
		return;
	unit_init(&u, UNIT_ARGV, "<argv>", NULL);
	u.settings = &settings;
	dockercli_argv(&u, argc, argv, out);
	res->files++;
	run_rules(&u, out);
	if (out->parse_failed)
		res->input_failed = true;
	policy_apply(&policy, out, first);
	if (cfg)
		config_exclude(cfg, out, first);

	buf_init(&line, 0);
	for (int i = 0; i < argc; i++) {
		if (i)
			buf_addch(&line, ' ');
		buf_adds(&line, argv[i]);
	}
	attach_excerpts(out, first, "<argv>", line.data, line.len);
	buf_release(&line);
	unit_release(&u);
}

int input_kind_parse(const char *word)
{
	if (!strcmp(word, "compose"))
		return INPUT_COMPOSE;
	if (!strcmp(word, "script"))
		return INPUT_SCRIPT;
	return -1;
}
