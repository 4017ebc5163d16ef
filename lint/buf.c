#include "buf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "banned.h"

static char empty[1];

void buf_init(struct buf *b, size_t max)
{
	b->data = empty;
	b->len = 0;
	b->alloc = 0;
	b->max = max;
}

/*
 * Room for extra more bytes and the NUL: exactly that much (exact), or
 * grown geometrically. -1 past the cap or on overflow.
 */
static int reserve(struct buf *b, size_t extra, bool exact)
{
	size_t need;

	if (extra > (size_t)-1 - b->len - 1)
		return -1;
	need = b->len + extra;
	if (b->max && need > b->max)
		return -1;
	if (need + 1 <= b->alloc)
		return 0;
	if (b->alloc == 0)
		b->data = NULL;
	if (exact) {
		b->data = xrealloc(b->data, need + 1);
		b->alloc = need + 1;
	} else {
		grow_array(&b->data, 1, need + 1, &b->alloc);
	}
	if (b->len == 0)
		b->data[0] = '\0';
	return 0;
}

static int buf_reserve(struct buf *b, size_t extra)
{
	return reserve(b, extra, false);
}

int buf_grow(struct buf *b, size_t extra)
{
	return reserve(b, extra, true);
}

int buf_add(struct buf *b, const void *data, size_t len)
{
	if (buf_reserve(b, len))
		return -1;
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_addch(struct buf *b, char c)
{
	if (b->len + 2 > b->alloc || (b->max && b->len >= b->max))
		return buf_add(b, &c, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
	return 0;
}

int buf_addf(struct buf *b, const char *fmt, ...)
{
	size_t room = b->alloc ? b->alloc - b->len : 0;	/* NUL included */
	va_list ap;
	int len;

	/* Formatted straight into the free room; again when it is short. */
	va_start(ap, fmt);
	len = vformat(room ? b->data + b->len : NULL, room, fmt, ap);
	if (len >= 0 && (size_t)len < room &&
	    (!b->max || (size_t)len <= b->max - b->len)) {
		va_end(ap);
		b->len += (size_t)len;
		return 0;
	}
	if (room)
		b->data[b->len] = '\0';	/* unchanged, so far */
	if (len >= 0 && !buf_reserve(b, (size_t)len)) {
		vformat(b->data + b->len, (size_t)len + 1, fmt, ap);
		b->len += (size_t)len;
		len = 0;
	} else {
		len = -1;
	}
	va_end(ap);
	return len;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->data[0] = '\0';
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p = b->alloc ? b->data : xstrdup("");

	if (len)
		*len = b->len;
	buf_init(b, b->max);
	return p;
}

void buf_release(struct buf *b)
{
	if (b->alloc)
		free(b->data);
	buf_init(b, b->max);
}
