/*
 * `.env` files as Docker Compose reads them: `KEY=VALUE` lines (also
 * `KEY: VALUE` and `export KEY=VALUE`), `#` comment lines, blank lines;
 * an unquoted value ends at the line's end or at " #" and loses its
 * trailing blanks; a single-quoted value is literal; a double-quoted one
 * reads `\n`, `\t`, `\\`, `\"` and `\$` escapes; both may span lines.
 * Unquoted and double-quoted values are interpolated with the variables
 * read before them. A line holding only a KEY takes the outer value.
 */
#ifndef MOUNTLINT_DOTENV_H
#define MOUNTLINT_DOTENV_H

#include <stdbool.h>
#include <stddef.h>

#include "interp.h"
#include "../lint/input.h"

struct env_var {
	char *name;
	char *value;
};

/* Variables, the last one set of each name winning. */
struct dotenv {
	struct env_var *items;
	size_t n, cap;
	interp_lookup_fn outer;	/* variables from outside, or NULL */
	void *outer_ctx;
};

/* An empty set; `outer` (may be NULL) is looked up after it. */
void dotenv_init(struct dotenv *e, interp_lookup_fn outer, void *outer_ctx);
void dotenv_release(struct dotenv *e);

/* Sets name[0..len) to a copy of value. */
void dotenv_set(struct dotenv *e, const char *name, size_t len,
		const char *value);

/* The value of name[0..len) in e alone, or NULL when unset. */
const char *dotenv_get(const struct dotenv *e, const char *name,
		       size_t len);

/*
 * An interp_lookup_fn over ctx, a struct dotenv: its own variables, then
 * its outer ones.
 */
const char *dotenv_lookup(const char *name, size_t len, void *ctx);

/* An interp_lookup_fn over the process environment; ctx is unused. */
const char *environ_lookup(const char *name, size_t len, void *ctx);

/*
 * Reads text (len bytes) into e. A line it cannot read is skipped; a
 * value whose interpolation fails or meets an unset variable is left
 * unset.
 */
void dotenv_parse(struct dotenv *e, const char *text, size_t len);

/* Reads the regular file at path into e. Returns INPUT_OK, or why it
 * could not be read (e is unchanged). */
enum input_status dotenv_load(struct dotenv *e, const char *path);

#endif
