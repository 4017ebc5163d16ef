/*
 * What every fuzz target shares: the input as the driver hands it to a
 * parser (a NUL-terminated copy of text that holds no NUL byte and is
 * valid UTF-8), and a place for findings.
 */
#ifndef MOUNTLINT_FUZZ_H
#define MOUNTLINT_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../lint/finding.h"
#include "../../lint/mem.h"
#include "../../lint/model.h"
#include "../../lint/utf8.h"
#include "../../parsers/mountspec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of data, or NULL when the driver would refuse it
 * (a NUL byte, invalid UTF-8). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s;

	if (memchr(data, '\0', size))
		return NULL;
	if (utf8_invalid((const char *)data, size) < size)
		return NULL;
	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

typedef int fuzz_spec_fn(struct mount *m, const char *spec,
			 const struct loc *loc, const struct spec_ctx *ctx);

/* Reads one mount spec with fn, its strings from an arena (as a unit
 * does) and from malloc, then frees all it made. */
static inline void fuzz_mount(fuzz_spec_fn *fn, const char *spec,
			      enum spec_dialect d, bool tilde)
{
	struct findings out;
	struct kv_list rejected = { 0 };
	struct arena strings = { 0 };
	struct spec_ctx ctx = { &out, "svc", d, tilde, &rejected, &strings };
	struct loc loc = { "fuzz", 2, 5, 2, 5 + (int)strlen(spec) };
	struct mount m;

	findings_init(&out);
	for (int pass = 0; pass < 2; pass++) {
		memset(&m, 0, sizeof(m));
		if (fn(&m, spec, &loc, &ctx) == 0)
			mount_release(&m);
		ctx.strings = NULL;
	}
	arena_release(&strings);
	kv_list_release(&rejected);
	findings_release(&out);
}

/* A NUL-terminated copy of data, stopping at its first NUL byte. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);

	return xstrndup((const char *)data,
			nul ? (size_t)(nul - data) : size);
}
#endif
