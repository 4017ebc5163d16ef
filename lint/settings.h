/*
 * What the user asked for that changes how rules judge: set from the
 * command line (and, later, configuration), read by rules through
 * unit->settings.
 */
#ifndef MOUNTLINT_SETTINGS_H
#define MOUNTLINT_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

struct settings {
	bool selinux;			/* the target host runs SELinux */
	const char *const *required_labels;	/* ML204: label keys */
	size_t n_required_labels;
	/* ML204: for each required label, a PCRE2 pattern its value must
	 * match, or NULL for any value; NULL when none has one */
	const char *const *required_label_values;

	/* Extra PCRE2 patterns from configuration (n = 0: none). */
	const char *const *sensitive_paths;	/* ML302, on clean paths */
	size_t n_sensitive_paths;
	const char *const *secret_files;	/* ML303, on file names */
	size_t n_secret_files;
	const char *const *stateful_images;	/* ML202: image patterns */
	const char *const *stateful_dirs;	/* and their data dirs */
	size_t n_stateful;

	/* Compose interpolation: the files read instead of the .env beside
	 * the compose file (n = 0: that one), and whether the process
	 * environment is read too, over them. */
	const char *const *env_files;
	size_t n_env_files;
	bool env_process;
};

/* The defaults: no SELinux, a `backup` label required. */
extern const struct settings settings_default;

#endif
