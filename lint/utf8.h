/* UTF-8 helpers: columns count code points. */
#ifndef MOUNTLINT_UTF8_H
#define MOUNTLINT_UTF8_H

#include <stddef.h>

/* Length of the sequence a lead byte starts (1 for a stray byte). */
size_t utf8_len(unsigned char lead);

/* Number of code points in s[0..len). */
size_t utf8_count(const char *s, size_t len);

/*
 * Offset of the first byte that is not well-formed UTF-8 (overlong forms,
 * surrogates and code points past U+10FFFF are not), or len when all is.
 */
size_t utf8_invalid(const char *s, size_t len);

/* 1-based line and column (in code points) of byte offset off in s. */
void utf8_position(const char *s, size_t off, int *line, int *col);

#endif
