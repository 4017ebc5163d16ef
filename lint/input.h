/*
 * Reading one input: the whole file, up to the size limit, and the check
 * that it is UTF-8 text.
 */
#ifndef MOUNTLINT_INPUT_H
#define MOUNTLINT_INPUT_H

#include <stdbool.h>

#include "buf.h"
#include "finding.h"

enum input_status {
	INPUT_OK,
	INPUT_CANNOT_OPEN,	/* errno says why */
	INPUT_CANNOT_READ,	/* errno says why */
	INPUT_DIRECTORY,
	INPUT_SPECIAL,		/* not a regular file, and one was required */
	INPUT_TOO_BIG,		/* past the 64 MiB limit */
};

/*
 * Reads the file at path ("-": standard input) into b, which it
 * initialises (and releases unless INPUT_OK). With regular_only, a FIFO,
 * socket or device is refused, and the file is read without blocking (a
 * file of /proc that would wait gives INPUT_CANNOT_READ): files that an
 * input names (an override, an `include`, an env file) are never waited
 * on.
 */
enum input_status input_slurp(const char *path, bool regular_only,
			      struct buf *b);

/* What went wrong, in words ("is a directory", strerror(errno), ...). */
const char *input_problem(enum input_status r);

/*
 * Reports what input_slurp returned, unless INPUT_OK: an input error
 * naming the file `shown`, or ML002 past the size limit. Returns 0 for
 * INPUT_OK, else -1.
 */
int input_report(enum input_status r, const char *shown,
		 struct findings *out);

/* input_slurp, then input_report. */
int input_read(const char *path, const char *shown, bool regular_only,
	       struct buf *b, struct findings *out);

/* A NUL byte or invalid UTF-8 is ML001. Returns 0 when b is text. */
int input_check_text(const char *shown, const struct buf *b,
		     struct findings *out);

#endif
