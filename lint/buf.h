/*
 * A growable, always NUL-terminated byte buffer with a hard cap.
 *
 *	struct buf b;
 *	buf_init(&b, 1 << 20);
 *	if (buf_add(&b, s, n)) ... past the cap: nothing was added ...
 *	use b.data, b.len
 *	buf_release(&b);
 *
 * A buffer starts empty with data pointing at "" so it is usable at once.
 */
#ifndef MOUNTLINT_BUF_H
#define MOUNTLINT_BUF_H

#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t max;	/* largest len allowed; 0 means no cap */
};

void buf_init(struct buf *b, size_t max);

/* Return 0, or -1 when the cap would be passed (the buffer is unchanged). */
int buf_add(struct buf *b, const void *data, size_t len);
int buf_adds(struct buf *b, const char *s);
int buf_addch(struct buf *b, char c);
int buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Makes room for extra more bytes, exactly when the buffer must grow
 * (for a size known beforehand). Returns 0, or -1 when the cap would be
 * passed (the buffer is unchanged).
 */
int buf_grow(struct buf *b, size_t extra);

void buf_reset(struct buf *b);

/* Hands the data to the caller, who frees it; the buffer is left empty. */
char *buf_detach(struct buf *b, size_t *len);

void buf_release(struct buf *b);

#endif
