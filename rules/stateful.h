/*
 * The table of stateful images (rules/stateful_images.tsv, compiled in)
 * and the image references it is looked up by. Used by ML202.
 */
#ifndef MOUNTLINT_STATEFUL_H
#define MOUNTLINT_STATEFUL_H

#include <stdbool.h>
#include <stddef.h>

#include "../lint/rule.h"
#include "../lint/settings.h"

/* The table's text: tab-separated rows, see the file's own header. */
extern const char stateful_images_tsv[];

/* An image as the table names it. */
struct image_ref {
	char *name;		/* "postgres", "bitnami/postgresql" */
	bool has_version;	/* the tag starts with a number */
	long version;		/* that number: 18 for "18-alpine" */
};

/*
 * Parses an image as written ("docker.io/library/postgres:18@sha256:..."):
 * strips the registry host, "library/", the digest and the tag. Returns
 * 0, or -1 (r untouched) for an image whose name is not known because it
 * holds a $ or a backtick. The caller releases r.
 */
int image_ref_parse(struct image_ref *r, const char *image);
void image_ref_release(struct image_ref *r);

/* One row of the table that applies to an image. The strings are the
 * table's or the settings', and live as long as they do. */
struct stateful_dir {
	const char *dir;	/* the data directory */
	const char *env;	/* variable that moves it, or NULL */
	enum severity severity;	/* SEV_OFF: the rule's default */
};

struct stateful_dirs {
	struct stateful_dir *items;
	size_t n, cap;
};

/*
 * Appends to l the rows for r, in the table's order (oldest version
 * first): the built-in table's rows for r->name whose versions hold
 * r->version (all of them when r has no version), then the directory of
 * every settings pattern (PCRE2) that matches r->name or the image as
 * written. The caller releases l (the list, not the strings).
 */
void stateful_lookup(struct stateful_dirs *l, const struct image_ref *r,
		     const char *image, const struct settings *s);
void stateful_dirs_release(struct stateful_dirs *l);

/*
 * Checks that every row of the built-in table is well formed; returns
 * the 1-based line of the first bad row, or 0.
 */
int stateful_table_check(void);

#endif
