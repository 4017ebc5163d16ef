/*
 * Variable interpolation in compose values, as Docker Compose does it:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
 * `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`, expressions nested in the
 * word after the operator (read only when it is used), and `$$` for a
 * literal dollar. A `$` before anything else is a literal dollar.
 *
 * Pure: a string in, a string and its problems out.
 */
#ifndef MOUNTLINT_INTERP_H
#define MOUNTLINT_INTERP_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The value of the variable name[0..len), or NULL when it is unset. The
 * string stays valid until interp_expand returns.
 */
typedef const char *(*interp_lookup_fn)(const char *name, size_t len,
					void *ctx);

enum interp_problem_kind {
	INTERP_MALFORMED,	/* an expression Compose rejects */
	INTERP_REQUIRED,	/* `${VAR:?msg}`/`${VAR?msg}`, VAR unset */
};

struct interp_problem {
	enum interp_problem_kind kind;
	size_t offset;		/* of its `$` in the input */
	size_t end;		/* just past the expression */
	char *message;		/* lower-case, no full stop; owned */
};

enum interp_status {
	INTERP_KNOWN,		/* value holds the interpolated string */
	INTERP_UNKNOWN,		/* a variable unset, without default */
	INTERP_ERROR,		/* items holds at least one problem */
};

struct interp_result {
	enum interp_status status;
	char *value;		/* owned; NULL unless status is KNOWN */
	struct interp_problem *items;	/* the problems */
	size_t n, cap;
};

/*
 * Interpolates s with the variables lookup gives. The first problem
 * stops the expansion, as it stops Compose; a value past the
 * interpolation limit is UNKNOWN. r is overwritten; release it with
 * interp_result_release.
 */
void interp_expand(const char *s, interp_lookup_fn lookup, void *ctx,
		   struct interp_result *r);
void interp_result_release(struct interp_result *r);

/* True when s holds a `$`: only then can interpolation change it. */
bool interp_needed(const char *s);

#endif
