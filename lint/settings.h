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
};

/* The defaults: no SELinux, a `backup` label required. */
extern const struct settings settings_default;

#endif
