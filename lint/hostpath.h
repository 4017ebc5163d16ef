/*
 * Host paths as the path rules judge them: the clean source_path of a
 * bind (absolute "/etc/x", or home "~/x"; see struct mount).
 */
#ifndef MOUNTLINT_HOSTPATH_H
#define MOUNTLINT_HOSTPATH_H

#include <stdbool.h>

#include "model.h"

/*
 * The part of p after the home directory it lies in ("" for the home
 * itself, "/.ssh" for "~/.ssh", "/home/ann/.ssh" or "/root/.ssh"), or
 * NULL when p is in no home directory.
 */
const char *hostpath_in_home(const char *p);

/* p is a home directory itself: "~", "/home/NAME", "/root". */
bool hostpath_is_home(const char *p);

/*
 * The first entry of a NULL-ended list that p equals or lies below, or
 * NULL. Entries starting with "~" match in any home directory.
 */
const char *hostpath_below(const char *p, const char *const *list);

/* The first entry of a NULL-ended list that p equals, or NULL. */
const char *hostpath_equals(const char *p, const char *const *list);

/* The host path a path rule judges: the bind's source_path when it is
 * absolute or in a home; else NULL. */
const char *hostpath_of(const struct mount *m);

#endif
