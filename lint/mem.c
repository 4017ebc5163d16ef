#include "mem.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef MOUNTLINT_FAILPOINTS
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "banned.h"

static void die_oom(void)
{
	fputs("mountlint: out of memory\n", stderr);
	exit(70);
}

#ifdef MOUNTLINT_FAILPOINTS
/*
 * Failure injection, in test builds only: MOUNTLINT_FAIL_ALLOC=N makes
 * the Nth allocation fail, MOUNTLINT_FAIL_READ=N the Nth read(2). The
 * failure is announced on stderr, so a test knows that N was reached.
 */
static int fail_now(const char *var, unsigned long *calls)
{
	const char *v = getenv(var);

	if (!v || ++*calls != strtoul(v, NULL, 10))
		return 0;
	fprintf(stderr, "mountlint: failpoint %s=%s\n", var, v);
	return 1;
}

static unsigned long alloc_calls;
#define FAIL_ALLOC() fail_now("MOUNTLINT_FAIL_ALLOC", &alloc_calls)

ssize_t read(int fd, void *buf, size_t count)
{
	static unsigned long calls;

	if (fail_now("MOUNTLINT_FAIL_READ", &calls)) {
		errno = EIO;
		return -1;
	}
	return syscall(SYS_read, fd, buf, count);
}
#else
#define FAIL_ALLOC() 0
#endif

void *xmalloc(size_t size)
{
	void *p = FAIL_ALLOC() ? NULL : malloc(size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = FAIL_ALLOC() ? NULL :
		  calloc(count ? count : 1, size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = FAIL_ALLOC() ? NULL : realloc(ptr, size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, SIZE_MAX);
}

char *xvasprintf(const char *fmt, va_list ap)
{
	char small[256];
	va_list again;
	int len;
	char *p;

	/* most messages fit the small buffer: formatted once, copied */
	va_copy(again, ap);
	len = vsnprintf(small, sizeof(small), fmt, ap);
	if (len < 0)
		die_oom();
	p = xmalloc((size_t)len + 1);
	if ((size_t)len < sizeof(small))
		memcpy(p, small, (size_t)len + 1);
	else
		vsnprintf(p, (size_t)len + 1, fmt, again);
	va_end(again);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

size_t st_mult(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		die_oom();
	return count * size;
}

void grow_array(void *ptr, size_t elemsize, size_t need, size_t *cap)
{
	void **items = ptr;
	size_t n;

	if (need <= *cap)
		return;
	/* Lists of large elements (mounts, labels) are mostly short: they
	 * start with room for four. */
	n = *cap ? *cap : elemsize >= 32 ? 4 : 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			die_oom();
		n *= 2;
	}
	*items = xrealloc(*items, st_mult(n, elemsize));
	*cap = n;
}

struct arena_chunk {
	struct arena_chunk *next;
	size_t size;		/* bytes after the header */
	max_align_t data[];
};

/* The first chunk is small, for the many small inputs; later ones grow
 * with the arena, up to a size that keeps the waste at its end small. */
enum { CHUNK_FIRST = 4096, CHUNK_MAX = 1 << 20 };

static void arena_grow(struct arena *a, size_t need)
{
	size_t size = a->chunks ? a->chunks->size * 2 : CHUNK_FIRST;
	struct arena_chunk *c;

	if (size > CHUNK_MAX)
		size = CHUNK_MAX;
	if (size < need)
		size = need;
	if (size > SIZE_MAX - sizeof(*c))
		die_oom();
	c = xmalloc(sizeof(*c) + size);
	c->next = a->chunks;
	c->size = size;
	a->chunks = c;
	a->next = (char *)c->data;
	a->end = a->next + size;
}

/* size bytes at a multiple of align (a power of two) from a. */
static void *arena_take(struct arena *a, size_t size, size_t align)
{
	uintptr_t at;

	if (size > CHUNK_MAX)
		arena_grow(a, size);
	at = ((uintptr_t)a->next + align - 1) & ~(uintptr_t)(align - 1);
	if (!a->next || at > (uintptr_t)a->end ||
	    (uintptr_t)a->end - at < size) {
		arena_grow(a, size);
		at = (uintptr_t)a->next;
	}
	a->next = (char *)at + size;
	return (char *)at;
}

void *arena_alloc(struct arena *a, size_t size)
{
	return arena_take(a, size ? size : 1, _Alignof(max_align_t));
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		die_oom();
	p = arena_take(a, len + 1, 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void arena_release(struct arena *a)
{
	while (a->chunks) {
		struct arena_chunk *c = a->chunks;

		a->chunks = c->next;
		free(c);
	}
	a->next = a->end = NULL;
}

struct arena_mark arena_mark(const struct arena *a)
{
	struct arena_mark m = { a->chunks, a->next };

	return m;
}

void arena_rewind(struct arena *a, struct arena_mark m)
{
	struct arena_chunk *newest = a->chunks, *c;

	if (newest == m.chunk) {
		a->next = m.next;
		return;
	}
	for (c = newest->next; c != m.chunk;) {
		struct arena_chunk *older = c->next;

		free(c);
		c = older;
	}
	newest->next = m.chunk;
	a->next = (char *)newest->data;
	a->end = a->next + newest->size;
}
