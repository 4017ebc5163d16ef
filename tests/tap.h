/*
 * A tiny unit-test harness: each tests/t_*.c is a program that includes
 * this, runs its checks and ends with `return t_done("name");`, which
 * prints "name: N passed, N failed" and returns the exit status.
 */
#ifndef MOUNTLINT_TAP_H
#define MOUNTLINT_TAP_H

#include <stdio.h>
#include <string.h>

static int t_passed, t_failed;

#define T_CHECK(cond, ...) do { \
	if (cond) { \
		t_passed++; \
	} else { \
		t_failed++; \
		fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
	} \
} while (0)

#define T_EQ_INT(a, b) do { \
	long long t_a_ = (a), t_b_ = (b); \
	T_CHECK(t_a_ == t_b_, "%s == %s: got %lld, want %lld", #a, #b, \
		t_a_, t_b_); \
} while (0)

#define T_EQ_STR(a, b) do { \
	const char *t_a_ = (a), *t_b_ = (b); \
	T_CHECK((t_a_ == NULL && t_b_ == NULL) || \
		(t_a_ && t_b_ && !strcmp(t_a_, t_b_)), \
		"%s == %s: got \"%s\", want \"%s\"", #a, #b, \
		t_a_ ? t_a_ : "(null)", t_b_ ? t_b_ : "(null)"); \
} while (0)

/* Writes text to the file at path, a failure counted as a failed check. */
static inline void t_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	T_CHECK(f != NULL, "cannot write %s", path);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

static inline int t_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, t_passed, t_failed);
	return t_failed ? 1 : 0;
}

#endif
