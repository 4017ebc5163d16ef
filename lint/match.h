/*
 * PCRE2 patterns from configuration (label values, image names, paths),
 * matched against one subject. Patterns are UTF-8 and unanchored, as
 * the user wrote them: "^" and "$" anchor them.
 */
#ifndef MOUNTLINT_MATCH_H
#define MOUNTLINT_MATCH_H

#include <stdbool.h>

/*
 * True when pattern matches somewhere in subject. A pattern that does
 * not compile matches nothing: configuration rejects such patterns when
 * it loads them, so a rule never meets one.
 */
bool match_pattern(const char *pattern, const char *subject);

#endif
