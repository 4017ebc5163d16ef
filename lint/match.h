/*
 * PCRE2 patterns (built-in tables and configuration: label values, image
 * names, paths, file names) matched against one subject. Patterns are
 * UTF-8 and unanchored, as the user wrote them: "^" and "$" anchor them.
 * Each distinct pattern is compiled once, on first use, and kept for the
 * life of the process.
 */
#ifndef MOUNTLINT_MATCH_H
#define MOUNTLINT_MATCH_H

#include <stdbool.h>
#include <stddef.h>

/*
 * True when pattern matches somewhere in subject. A pattern that does
 * not compile matches nothing: configuration rejects such patterns when
 * it loads them, so a rule never meets one.
 */
bool match_pattern(const char *pattern, const char *subject);

/*
 * The first of the n patterns that matches subject, or NULL. A table of
 * patterns (a rule's defaults, or configuration's additions) is tested
 * with one call.
 */
const char *match_first(const char *const *patterns, size_t n,
			const char *subject);

/*
 * Whether one of the n patterns matches subject: match_first() != NULL,
 * in one pass, the table compiled as one alternation. The table must
 * stay as it is for the life of the process (a rule's own static table).
 */
bool match_any(const char *const *patterns, size_t n, const char *subject);

#endif
