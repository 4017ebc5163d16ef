/*
 * mountlint's command line: options, subcommands and the exit status.
 *
 *	mountlint [lint] [OPTIONS] [-f COMPOSE-FILE...] [FILE...]
 *	mountlint run [OPTIONS] -- docker run ...
 *	mountlint rules [--format text|markdown]
 *	mountlint explain ID
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "driver.h"
#include "finding.h"
#include "fsprobe.h"
#include "mem.h"
#include "policy.h"
#include "report.h"
#include "ruledoc.h"
#include "settings.h"
#include "walk.h"
#include "../probe/doctor.h"
#include "banned.h"

enum exit_status {
	EXIT_CLEAN = 0,
	EXIT_FINDINGS = 1,
	EXIT_INPUT = 2,
	EXIT_USAGE = 3,
};

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

#define MAX_ENV_FILES 64

struct cli {
	const char *format;
	enum color_mode color;
	int fail_on;			/* a severity; SEV_OFF: never */
	bool selected[POLICY_MAX_RULES];	/* by registry index */
	bool any_selected;
	bool ignored[POLICY_MAX_RULES];
	struct policy policy;
	struct settings settings;
	const char *env_files[MAX_ENV_FILES];	/* --env-file */
	struct config_cache configs;
	struct lint_opts lint;
	char **files;
	int n_files;
	const char **project;		/* -f, in order */
	size_t n_project;
	char **argv_cmd;		/* after `--` in `run` */
	int argc_cmd;
};

static const char usage_text[] =
	"usage: mountlint [lint] [OPTIONS] [FILE|DIR...]\n"
	"       mountlint run [OPTIONS] -- docker run ...\n"
	"       mountlint rules [--format text|markdown]\n"
	"       mountlint explain ID\n"
	"       mountlint doctor 'PASTED ERROR' | --volume NAME | --disk\n"
	"\n"
	"options:\n"
	"  --format FORMAT      text (default), json, sarif, github,\n"
	"                       checkstyle, gitlab or junit\n"
	"  --color WHEN         auto (default), always or never\n"
	"  --fail-on SEVERITY   error, warning (default), info or none\n"
	"  --select IDS         report only these rules (comma-separated)\n"
	"  --ignore IDS         do not report these rules\n"
	"  --selinux            the target host runs SELinux (ML401)\n"
	"  --env-file FILE      compose variables from FILE, not ./.env\n"
	"                       beside the compose file (repeatable)\n"
	"  --env                compose variables from the environment too\n"
	"  -f FILE              a compose file of one project; several are\n"
	"                       merged in order (repeatable)\n"
	"  --no-override        lint compose.yaml without compose.override.yaml\n"
	"  --config FILE        use this configuration file\n"
	"  --no-config          use no configuration file\n"
	"  --stdin-kind KIND    read '-' as compose or script\n"
	"  -h, --help           this text\n"
	"  --version            the version\n"
	"\n"
	"exit status: 0 clean, 1 findings at or above --fail-on, 2 an input\n"
	"could not be read or parsed, 3 bad usage or configuration; doctor:\n"
	"4 the Docker engine cannot be reached.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("mountlint: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'mountlint --help'.\n", stderr);
	return -1;
}

/* Marks each rule of a comma-separated list in `marks`. */
static int parse_rule_list(const char *list, bool *marks)
{
	char *copy = xstrdup(list), *p = copy, *comma;
	int ret = 0;

	for (; p; p = comma ? comma + 1 : NULL) {
		const struct rule *r;

		comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (!*p)
			continue;
		r = rule_find(p);
		if (!r) {
			ret = usage_error("unknown rule \"%s\"", p);
			break;
		}
		for (size_t i = 0; i < rule_count; i++)
			if (rule_registry[i] == r)
				marks[i] = true;
	}
	free(copy);
	return ret;
}

static int opt_format(struct cli *c, const char *v)
{
	c->format = v;
	return 0;
}

static int opt_color(struct cli *c, const char *v)
{
	if (!strcmp(v, "auto"))
		c->color = COLOR_AUTO;
	else if (!strcmp(v, "always"))
		c->color = COLOR_ALWAYS;
	else if (!strcmp(v, "never"))
		c->color = COLOR_NEVER;
	else
		return usage_error("--color takes auto, always or never, not "
				   "\"%s\"", v);
	return 0;
}

static int opt_fail_on(struct cli *c, const char *v)
{
	int s = strcmp(v, "none") ? severity_parse(v) : SEV_OFF;

	if (s < 0 || (s == SEV_OFF && strcmp(v, "none")))
		return usage_error("--fail-on takes error, warning, info or "
				   "none, not \"%s\"", v);
	c->fail_on = s;
	return 0;
}

static int opt_select(struct cli *c, const char *v)
{
	if (!v[strspn(v, ", ")])
		return usage_error("%s", "--select needs rule ids");
	c->any_selected = true;
	return parse_rule_list(v, c->selected);
}

static int opt_ignore(struct cli *c, const char *v)
{
	return parse_rule_list(v, c->ignored);
}

static int opt_config(struct cli *c, const char *v)
{
	c->configs.forced = v;
	return 0;
}

static int opt_no_config(struct cli *c, const char *v)
{
	(void)v;
	c->configs.disabled = true;
	return 0;
}

static int opt_selinux(struct cli *c, const char *v)
{
	(void)v;
	c->settings.selinux = true;
	return 0;
}

static int opt_env_file(struct cli *c, const char *v)
{
	if (access(v, R_OK))
		return usage_error("cannot read env file \"%s\"", v);
	if (c->settings.n_env_files == MAX_ENV_FILES)
		return usage_error("more than 64 env files, at \"%s\"", v);
	c->env_files[c->settings.n_env_files++] = v;
	c->settings.env_files = c->env_files;
	return 0;
}

static int opt_env(struct cli *c, const char *v)
{
	(void)v;
	c->settings.env_process = true;
	return 0;
}

static int opt_file(struct cli *c, const char *v)
{
	c->project[c->n_project++] = v;
	return 0;
}

static int opt_no_override(struct cli *c, const char *v)
{
	(void)v;
	c->lint.no_override = true;
	return 0;
}

static int opt_stdin_kind(struct cli *c, const char *v)
{
	int k = input_kind_parse(v);

	if (k < 0)
		return usage_error("--stdin-kind takes compose or script, not "
				   "\"%s\"", v);
	c->lint.stdin_kind = (enum input_kind)k;
	return 0;
}

static int opt_help(struct cli *c, const char *v)
{
	(void)c;
	(void)v;
	fputs(usage_text, stdout);
	exit(EXIT_CLEAN);
}

static int opt_version(struct cli *c, const char *v)
{
	(void)c;
	(void)v;
	printf("mountlint %s\n", MOUNTLINT_VERSION);
	exit(EXIT_CLEAN);
}

static const struct option {
	const char *name;
	bool takes_value;
	int (*apply)(struct cli *c, const char *value);
} options[] = {
	{ "--format", true, opt_format },
	{ "--color", true, opt_color },
	{ "--colour", true, opt_color },
	{ "--fail-on", true, opt_fail_on },
	{ "--select", true, opt_select },
	{ "--ignore", true, opt_ignore },
	{ "--selinux", false, opt_selinux },
	{ "--env-file", true, opt_env_file },
	{ "--env", false, opt_env },
	{ "-f", true, opt_file },
	{ "--file", true, opt_file },
	{ "--no-override", false, opt_no_override },
	{ "--config", true, opt_config },
	{ "--no-config", false, opt_no_config },
	{ "--stdin-kind", true, opt_stdin_kind },
	{ "--help", false, opt_help },
	{ "-h", false, opt_help },
	{ "--version", false, opt_version },
};

/* Applies the option at argv[*i]; returns 0, or -1 on bad usage. */
static int parse_option(struct cli *c, int argc, char **argv, int *i)
{
	const char *arg = argv[*i], *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);

	for (size_t k = 0; k < sizeof(options) / sizeof(options[0]); k++) {
		const struct option *o = &options[k];

		if (strlen(o->name) != len || strncmp(o->name, arg, len))
			continue;
		if (!o->takes_value && eq)
			return usage_error("option \"%s\" takes no value",
					   o->name);
		if (!o->takes_value)
			return o->apply(c, NULL);
		if (eq)
			return o->apply(c, eq + 1);
		if (*i + 1 >= argc)
			return usage_error("option \"%s\" needs a value",
					   o->name);
		return o->apply(c, argv[++*i]);
	}
	return usage_error("unknown option \"%s\"", arg);
}

/*
 * Reads options and operands in any order; `--` ends options. For `run`,
 * everything after `--` (or from the first operand on) is the command.
 */
static int parse_args(struct cli *c, int argc, char **argv, bool run)
{
	c->files = xcalloc((size_t)argc + 1, sizeof(*c->files));
	c->project = xcalloc((size_t)argc + 1, sizeof(*c->project));
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--") || (run && a[0] != '-')) {
			i += !strcmp(a, "--");
			if (run) {
				c->argv_cmd = argv + i;
				c->argc_cmd = argc - i;
				return 0;
			}
			while (i < argc)
				c->files[c->n_files++] = argv[i++];
			return 0;
		}
		if (a[0] == '-' && a[1] != '\0') {
			if (parse_option(c, argc, argv, &i))
				return -1;
		} else {
			c->files[c->n_files++] = argv[i];
		}
	}
	return 0;
}

/* Turns off the rules that --select leaves out or --ignore names. */
static void build_policy(struct cli *c)
{
	policy_init(&c->policy);
	for (size_t i = 0; i < rule_count; i++)
		if ((c->any_selected && !c->selected[i]) || c->ignored[i])
			c->policy.severity[i] = SEV_OFF;
}

static int exit_status(const struct cli *c, const struct findings *f,
		       const struct lint_result *res)
{
	int status = EXIT_CLEAN;

	for (size_t i = 0; i < f->n; i++)
		if (!f->items[i].suppressed && c->fail_on != SEV_OFF &&
		    f->items[i].severity >= (enum severity)c->fail_on)
			status = EXIT_FINDINGS;
	if (res->input_failed || f->n_errors)
		status = EXIT_INPUT;
	if (res->config_failed)
		status = EXIT_USAGE;
	return status;
}

/* The text format shows the source line under each finding. */
static bool excerpt_view(const struct cli *c)
{
	return c->color == COLOR_ALWAYS ||
	       (c->color == COLOR_AUTO && isatty(STDOUT_FILENO));
}

/* Only the formats that show or hash the source line need it. */
static bool needs_excerpts(const struct cli *c)
{
	return !strcmp(c->format, "gitlab") ||
	       (!strcmp(c->format, "text") && excerpt_view(c));
}

/* NO_COLOR set to anything but the empty string (no-color.org). */
static bool no_color(void)
{
	const char *v = getenv("NO_COLOR");

	return v && *v;
}

static int report(const struct cli *c, struct findings *f,
		  const struct lint_result *res)
{
	report_fn *fn = report_find(c->format);
	bool tty = isatty(STDOUT_FILENO);
	struct report_opts o;

	o.files = res->files;
	o.excerpt = excerpt_view(c);
	o.color = c->color == COLOR_ALWAYS ||
		  (c->color == COLOR_AUTO && tty && !no_color());
	findings_sort(f);
	fn(stdout, f, &o);
	fflush(stdout);
	return exit_status(c, f, res);
}

static int check_format(const struct cli *c)
{
	if (!report_find(c->format))
		return usage_error("unknown format \"%s\"", c->format);
	return 0;
}

static void cli_init(struct cli *c)
{
	memset(c, 0, sizeof(*c));
	c->format = "text";
	c->fail_on = SEV_WARNING;
	c->settings = settings_default;
	c->lint.settings = &c->settings;
	c->lint.policy = &c->policy;
	c->lint.configs = &c->configs;
}

struct lint_run {
	const struct cli *cli;
	struct findings *findings;
	struct lint_result *result;
};

static void lint_found(const char *path, void *ctx)
{
	struct lint_run *run = ctx;

	lint_path(path, false, &run->cli->lint, run->findings, run->result);
}

/* A file is linted; a directory is walked; nothing: the compose files
 * of the current directory. */
static void lint_operands(const struct cli *c, struct findings *f,
			  struct lint_result *res)
{
	struct lint_run run = { c, f, res };
	struct stat st;

	if (c->n_project)
		lint_project(c->project, c->n_project, &c->lint, f, res);
	if (!c->n_files && !c->n_project &&
	    !lint_compose_file_var(&c->lint, f, res) &&
	    !walk_default_compose(".", lint_found, &run))
		finding_error(f, ".", 0, 0, "no compose file here: name files "
			      "or directories to lint");
	for (int i = 0; i < c->n_files; i++) {
		const char *path = c->files[i];

		if (strcmp(path, "-") && !fsprobe_lstat(path, &st) &&
		    (S_ISDIR(st.st_mode) || (S_ISLNK(st.st_mode) &&
					     !stat(path, &st) &&
					     S_ISDIR(st.st_mode)))) {
			if (walk_dir(path, lint_found, &run))
				finding_error(f, path, 0, 0, "cannot read: %s",
					      strerror(errno));
			continue;
		}
		lint_path(path, true, &c->lint, f, res);
	}
}

static int cmd_lint(int argc, char **argv)
{
	struct cli c;
	struct findings f;
	struct lint_result res = { .files = 0 };
	int status;

	cli_init(&c);
	if (parse_args(&c, argc, argv, false) || check_format(&c)) {
		free(c.files);
		free(c.project);
		return EXIT_USAGE;
	}
	build_policy(&c);
	c.lint.excerpts = needs_excerpts(&c);
	findings_init(&f);
	lint_operands(&c, &f, &res);
	status = report(&c, &f, &res);
	findings_release(&f);
	config_cache_release(&c.configs);
	free(c.files);
	free(c.project);
	return status;
}

static int cmd_run(int argc, char **argv)
{
	struct cli c;
	struct findings f;
	struct lint_result res = { .files = 0 };
	int status;

	cli_init(&c);
	if (parse_args(&c, argc, argv, true) || check_format(&c)) {
		free(c.files);
		free(c.project);
		return EXIT_USAGE;
	}
	free(c.files);
	free(c.project);
	build_policy(&c);
	if (!c.argc_cmd) {
		usage_error("%s", "run needs a command: mountlint run -- docker "
			    "run IMAGE");
		return EXIT_USAGE;
	}
	findings_init(&f);
	lint_argv(c.argc_cmd, c.argv_cmd, &c.lint, &f, &res);
	status = report(&c, &f, &res);
	findings_release(&f);
	config_cache_release(&c.configs);
	return status;
}

static int cmd_rules(int argc, char **argv)
{
	const char *format = "text";

	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "--format=", 9))
			format = argv[i] + 9;
		else if (!strcmp(argv[i], "--format") && i + 1 < argc)
			format = argv[++i];
		else
			return usage_error("unknown argument \"%s\"", argv[i]),
			       EXIT_USAGE;
	}
	if (!strcmp(format, "markdown"))
		ruledoc_markdown(stdout);
	else if (!strcmp(format, "text"))
		ruledoc_list(stdout);
	else
		return usage_error("rules takes --format text or markdown, "
				   "not \"%s\"", format), EXIT_USAGE;
	return EXIT_CLEAN;
}

static int cmd_explain(int argc, char **argv)
{
	const struct rule *r;

	if (argc != 1)
		return usage_error("%s", "explain takes one rule id"),
		       EXIT_USAGE;
	r = rule_find(argv[0]);
	for (size_t i = 0; !r && i < rule_count; i++)
		if (!strcmp(rule_registry[i]->name, argv[0]))
			r = rule_registry[i];
	if (!r)
		return usage_error("unknown rule \"%s\"", argv[0]), EXIT_USAGE;
	ruledoc_explain(stdout, r);
	return EXIT_CLEAN;
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "lint", cmd_lint },
	{ "run", cmd_run },
	{ "rules", cmd_rules },
	{ "explain", cmd_explain },
	{ "doctor", doctor_main },
};

int main(int argc, char **argv)
{
	if (argc > 1) {
		for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]);
		     i++)
			if (!strcmp(argv[1], commands[i].name))
				return commands[i].run(argc - 2, argv + 2);
	}
	return cmd_lint(argc - 1, argv + 1);
}
