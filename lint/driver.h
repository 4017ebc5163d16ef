/*
 * The lint pipeline for one input: read it, check it is text, recognise
 * its kind, parse it into a unit, run the rules, collect findings.
 */
#ifndef MOUNTLINT_DRIVER_H
#define MOUNTLINT_DRIVER_H

#include <stdbool.h>

#include "finding.h"
#include "settings.h"

enum input_kind {
	INPUT_SNIFF,		/* by name, then by content */
	INPUT_COMPOSE,
	INPUT_SCRIPT,
};

struct policy;
struct config_cache;

/* What the command line asked for; configuration files go beneath it. */
struct lint_opts {
	const struct settings *settings;	/* --selinux */
	const struct policy *policy;	/* --select, --ignore; NULL: none */
	struct config_cache *configs;	/* NULL: no configuration files */
	enum input_kind stdin_kind;
	bool no_override;	/* a default-named compose file alone */
	bool excerpts;		/* give findings their source line (the
				 * caret view, gitlab's fingerprints) */
};

struct lint_result {
	size_t files;		/* inputs linted */
	bool input_failed;	/* an input could not be read or parsed */
	bool config_failed;	/* a configuration file is wrong */
};

/*
 * Lints the file at path ("-" is standard input) into out. A file that
 * cannot be read goes to out->errors. One that is not for mountlint is
 * skipped, with a note on stderr when it was `named` on the command line
 * (files found by walking a directory are skipped quietly).
 */
void lint_path(const char *path, bool named, const struct lint_opts *o,
	       struct findings *out, struct lint_result *res);

/*
 * Lints the compose files of one project (`-f a.yaml -f b.yaml`): the
 * first, with each of the others merged over it in order; n >= 1. Each
 * must be a regular file (a FIFO or device is an input error).
 */
void lint_project(const char *const *paths, size_t n,
		  const struct lint_opts *o, struct findings *out,
		  struct lint_result *res);

/*
 * Lints the project COMPOSE_FILE names (its paths apart by
 * COMPOSE_PATH_SEPARATOR, else ":"), when the env files (./.env when
 * none is named) or, with --env, the environment set it. Returns false,
 * having done nothing, when it is not set.
 */
bool lint_compose_file_var(const struct lint_opts *o, struct findings *out,
			   struct lint_result *res);

/* Lints one command line, as `mountlint run -- ARGV` gives it. */
void lint_argv(int argc, char **argv, const struct lint_opts *o,
	       struct findings *out, struct lint_result *res);

/* Parses the name of an input kind ("compose", "script"); -1 if none. */
int input_kind_parse(const char *word);

#endif
