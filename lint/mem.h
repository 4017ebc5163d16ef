/*
 * Allocation wrappers. Every function here either succeeds or prints
 * "mountlint: out of memory" and exits with status 70: callers never
 * check for NULL. Sizes are checked for overflow before they are used.
 */
#ifndef MOUNTLINT_MEM_H
#define MOUNTLINT_MEM_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);

/* Copies of strings; the caller frees the result. xstrndup copies at
 * most n bytes. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* printf into a new string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

/*
 * vsnprintf, with the conversions messages use (%s, %.*s, %d, %u, %lu,
 * %zu, %c, %%) done without stdio. ap is read through a copy: the
 * caller may pass it again.
 */
int vformat(char *out, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* snprintf through vformat: messages are formatted without stdio. */
int sformat(char *out, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* count * size, dying on overflow. */
size_t st_mult(size_t count, size_t size);

/*
 * Grows the array *ptr of elements of elemsize so that it can hold at
 * least need elements; *cap is its capacity in elements. The check is
 * inline: most calls find room.
 */
void grow_array_to(void *ptr, size_t elemsize, size_t need, size_t *cap);

static inline void grow_array(void *ptr, size_t elemsize, size_t need,
			      size_t *cap)
{
	if (need > *cap)
		grow_array_to(ptr, elemsize, need, cap);
}

/*
 * An arena: many small blocks carved from a few large ones, all freed at
 * once by arena_release. A zeroed struct arena is an empty arena. Blocks
 * are aligned for any object and never move.
 */
struct arena {
	struct arena_chunk *chunks;	/* the newest first */
	char *next, *end;		/* the free part of the newest */
};

/* A block of size bytes, owned by a. */
void *arena_alloc(struct arena *a, size_t size);
/* Room for size characters (no alignment), owned by a. */
char *arena_chars(struct arena *a, size_t size);
/* A NUL-terminated copy of the len bytes at s, owned by a. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
void arena_release(struct arena *a);

/* Where an arena stood; arena_rewind takes it back there. */
struct arena_mark {
	struct arena_chunk *chunk;
	char *next;
};

struct arena_mark arena_mark(const struct arena *a);
/*
 * Frees every block a gave out since m (they must not be used again).
 * The newest chunk is kept for the blocks to come, so that taking and
 * giving back the same room over and over costs no allocation.
 */
void arena_rewind(struct arena *a, struct arena_mark m);

/*
 * Room for one more element at the end of the array *ptr of *n elements
 * of elemsize and capacity *cap, which grows by half when full (for the
 * long arrays, where doubling leaves too much unused): returns it, not
 * zeroed, and counts it in *n.
 */
void *append_by_half(void *ptr, size_t elemsize, size_t *n, size_t *cap);

/* Appends one element to an array with members `items`, `n`, `cap`. */
#define ARRAY_PUSH(arr) \
	(grow_array(&(arr).items, sizeof(*(arr).items), (arr).n + 1, \
		    &(arr).cap), &(arr).items[(arr).n++])

#endif
