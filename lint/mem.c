#include "mem.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
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

/* Text written into a buffer of a given size, counted past its end. */
struct sink {
	char *at;		/* NULL when there is no room at all */
	size_t room;		/* bytes left at at, NUL excluded */
	size_t len;
};

static void emit(struct sink *o, const char *s, size_t n)
{
	size_t k = n < o->room ? n : o->room;

	if (k) {
		memcpy(o->at, s, k);
		o->at += k;
		o->room -= k;
	}
	o->len += n;
}

static void emit_unsigned(struct sink *o, unsigned long long u, bool minus)
{
	char digits[24];
	size_t i = sizeof(digits);

	do {
		digits[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (minus)
		digits[--i] = '-';
	emit(o, digits + i, sizeof(digits) - i);
}

static void emit_signed(struct sink *o, long long v)
{
	emit_unsigned(o, v < 0 ? 0ULL - (unsigned long long)v :
				 (unsigned long long)v, v < 0);
}

/*
 * One conversion at fmt (past its '%'), the few that messages use;
 * returns the length of its spec, or 0 for any other, which vsnprintf
 * must then do.
 */
static size_t emit_conversion(struct sink *o, const char *fmt, va_list *ap)
{
	const char *s;
	int prec;
	char c;

	switch (fmt[0]) {
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			return 0;
		emit(o, s, strlen(s));
		return 1;
	case 'd':
		emit_signed(o, va_arg(*ap, int));
		return 1;
	case 'u':
		emit_unsigned(o, va_arg(*ap, unsigned), false);
		return 1;
	case 'c':
		c = (char)va_arg(*ap, int);
		emit(o, &c, 1);
		return 1;
	case '%':
		emit(o, "%", 1);
		return 1;
	}
	if (fmt[0] == 'z' && fmt[1] == 'u') {
		emit_unsigned(o, va_arg(*ap, size_t), false);
		return 2;
	}
	if (fmt[0] == 'l' && fmt[1] == 'u') {
		emit_unsigned(o, va_arg(*ap, unsigned long), false);
		return 2;
	}
	if (fmt[0] == '.' && fmt[1] == '*' && fmt[2] == 's') {
		prec = va_arg(*ap, int);
		s = va_arg(*ap, const char *);
		if (!s || prec < 0)
			return 0;
		emit(o, s, strnlen(s, (size_t)prec));
		return 3;
	}
	return 0;
}

/* vsnprintf for the conversions emit_conversion knows; -1 at another. */
static int simple_format(char *out, size_t size, const char *fmt,
			 va_list ap)
{
	struct sink o = { out, size ? size - 1 : 0, 0 };
	va_list args;
	size_t n = 1;

	va_copy(args, ap);
	while (*fmt && n) {
		const char *pct = strchrnul(fmt, '%');

		emit(&o, fmt, (size_t)(pct - fmt));
		fmt = pct;
		if (*fmt && (n = emit_conversion(&o, fmt + 1, &args)))
			fmt += 1 + n;
	}
	va_end(args);
	if (size)
		*o.at = '\0';
	if (!n || o.len > INT_MAX)
		return -1;
	return (int)o.len;
}

int vformat(char *out, size_t size, const char *fmt, va_list ap)
{
	int len = simple_format(out, size, fmt, ap);
	va_list args;

	if (len < 0) {
		va_copy(args, ap);
		len = vsnprintf(out, size, fmt, args);
		va_end(args);
	}
	return len;
}

int sformat(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vformat(out, size, fmt, ap);
	va_end(ap);
	return len;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	char small[256];
	int len;
	char *p;

	/* most messages fit the small buffer: formatted once, copied */
	len = vformat(small, sizeof(small), fmt, ap);
	if (len < 0)
		die_oom();
	p = xmalloc((size_t)len + 1);
	if ((size_t)len < sizeof(small))
		memcpy(p, small, (size_t)len + 1);
	else
		vformat(p, (size_t)len + 1, fmt, ap);
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

void grow_array_to(void *ptr, size_t elemsize, size_t need, size_t *cap)
{
	void **items = ptr;
	size_t n;

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

void *append_by_half(void *ptr, size_t elemsize, size_t *n, size_t *cap)
{
	void **items = ptr;

	if (*n == *cap) {
		size_t more = *cap < 16 ? 16 : *cap + *cap / 2;

		*items = xrealloc(*items, st_mult(more, elemsize));
		*cap = more;
	}
	return (char *)*items + (*n)++ * elemsize;
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

char *arena_chars(struct arena *a, size_t size)
{
	return arena_take(a, size ? size : 1, 1);
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = a->next;

	/* Strings need no alignment: most go at the free part's start. */
	if (p && len < (size_t)(a->end - p)) {
		a->next = p + len + 1;
	} else {
		if (len == SIZE_MAX)
			die_oom();
		p = arena_take(a, len + 1, 1);
	}
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
