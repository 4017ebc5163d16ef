/*
 * Reading one input: the whole file, up to the size limit, and the check
 * that it is UTF-8 text.
 */
#ifndef MOUNTLINT_INPUT_H
#define MOUNTLINT_INPUT_H

#include "buf.h"
#include "finding.h"

/*
 * Reads the file at path ("-": standard input) into b, which it
 * initialises; findings name it `shown`. Returns 0, or -1 after
 * reporting the problem (unreadable: an input error; past the size
 * limit: ML002), with b released.
 */
int input_read(const char *path, const char *shown, struct buf *b,
	       struct findings *out);

/* A NUL byte or invalid UTF-8 is ML001. Returns 0 when b is text. */
int input_check_text(const char *shown, const struct buf *b,
		     struct findings *out);

#endif
