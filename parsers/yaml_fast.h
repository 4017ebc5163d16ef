/*
 * A fast reader for the block style most YAML files are written in: the
 * events libyaml gives for them, without libyaml's allocations per token
 * and per event.
 *
 * It reads line by line and stops at the first thing it does not know for
 * certain: bytes other than printable ASCII and newlines (tabs, carriage
 * returns, UTF-8, a byte order mark), flow collections other than a
 * sequence of scalars on one line, block scalars, tags, directives,
 * scalars over more than one line, escapes in quoted scalars, keys that
 * are not plain or quoted scalars, nested sequences on one line, a second
 * document, and anything libyaml refuses.
 *
 * Each event it hands over is the one libyaml gives at the same place in
 * the stream (type, marks, value, style, anchor), starting with
 * STREAM-START; it hands over the events of a line only once it has read
 * the next line, as far as libyaml looks ahead. So when it stops, the
 * caller can go on with libyaml's parser from the start of the text,
 * passing over as many events as were handed over.
 *
 * Handed events point into the text, and to names that live until
 * yfast_read returns: a scalar's value is not NUL-terminated (use its
 * length); an anchor or alias name is.
 */
#ifndef MOUNTLINT_YAML_FAST_H
#define MOUNTLINT_YAML_FAST_H

#include <stddef.h>

#include <yaml.h>

/* Returns 0 to go on, or a negative value to stop reading. */
typedef int yfast_fn(void *ctx, const yaml_event_t *e);

enum { YFAST_STOPPED = 1 };

/*
 * Hands the events of text (len bytes) to fn, in order. Returns 0 when
 * every event up to STREAM-END was handed over; YFAST_STOPPED when the
 * reader stopped after *handed events, the rest to be read by libyaml;
 * or the negative value fn returned.
 */
int yfast_read(const char *text, size_t len, yfast_fn *fn, void *ctx,
	       size_t *handed);

#endif
