/*
 * The tool's own messages on stderr, in one grammar: lower-case, the
 * subject in quotes, the problem first, no full stop. Findings about the
 * linted input are not diagnostics: they go through finding.h.
 */
#ifndef MOUNTLINT_DIAG_H
#define MOUNTLINT_DIAG_H

/* "mountlint: error: ..." */
void diag_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "mountlint: note: ..." */
void diag_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
