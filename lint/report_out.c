#include "report_out.h"

#include <stdlib.h>

#include "mem.h"
#include "word.h"
#include "banned.h"

/* Strings are escaped a piece at a time: a piece escaped at worst (six
 * bytes for one) fits the block. */
enum { PIECE = 4096 };

void rout_flush(struct rout *o)
{
	fwrite(o->buf, 1, (size_t)(o->at - o->buf), o->fp);
	o->at = o->buf;
}

/* The bytes a string's plain run stops at: the end, and what is
 * escaped. */
static const bool stops[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1,
	[0x05] = 1, [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1,
	[0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1,
	[0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1,
	[0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1,
	[0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1,
	[0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

/* The bytes of w that may need escaping (a control, a quote or a
 * backslash); see word.h. */
static uint64_t stop_mask(uint64_t w)
{
	return word_below(w, 0x20) | word_equal(w, '"') | word_equal(w, '\\');
}

/* Writes byte c at p, escaped if it must be; returns the end. */
static char *escape_byte(char *p, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	if (!stops[c]) {
		*p++ = (char)c;
		return p;
	}
	*p++ = '\\';
	switch (c) {
	case '"': case '\\': *p++ = (char)c; break;
	case '\b': *p++ = 'b'; break;
	case '\f': *p++ = 'f'; break;
	case '\n': *p++ = 'n'; break;
	case '\r': *p++ = 'r'; break;
	case '\t': *p++ = 't'; break;
	default:
		memcpy(p, "u00", 3);
		p[3] = hex[c >> 4];
		p[4] = hex[c & 15];
		p += 5;
	}
	return p;
}

/*
 * Writes the len bytes at s escaped at p, which has room for 6 * len;
 * returns the end. A word at a time: each is copied whole, and the
 * output goes on after its first byte to escape, if it has one.
 */
static char *escape_into(char *p, const char *s, size_t len)
{
	const char *end = s + len;
	uint64_t stop;
	int at;

	while (end - s >= 8) {
		memcpy(p, s, 8);
		stop = stop_mask(word_load(s));
		if (!stop) {
			p += 8;
			s += 8;
			continue;
		}
		at = __builtin_ctzll(stop) / 8;
		p = escape_byte(p + at, (unsigned char)s[at]);
		s += at + 1;
	}
	while (s < end)
		p = escape_byte(p, (unsigned char)*s++);
	return p;
}

/* Writes s as a JSON string, or null when s is NULL. */
void rout_string(struct rout *out, const char *s)
{
	size_t len, n;

	if (!s) {
		ROUT_PUT(out, "null");
		return;
	}
	len = strlen(s);
	rout_room(out, 1);
	*out->at++ = '"';
	do {
		n = len < PIECE ? len : PIECE;
		rout_room(out, 6 * n + 1);
		out->at = escape_into(out->at, s, n);
		s += n;
		len -= n;
	} while (len);
	*out->at++ = '"';
}

void rout_number(struct rout *out, long n)
{
	char digits[24];
	size_t i = sizeof(digits);
	unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;

	do {
		digits[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0)
		digits[--i] = '-';
	rout_bytes(out, digits + i, sizeof(digits) - i);
}

struct jw *jw_open(FILE *fp)
{
	struct jw *w = xmalloc(sizeof(*w));

	w->depth = 0;
	w->arrays = w->started = 0;
	w->out.fp = fp;
	w->out.at = w->out.buf;
	w->out.end = w->out.buf + sizeof(w->out.buf);
	return w;
}

void jw_close(struct jw *w)
{
	ROUT_PUT(&w->out, "\n");
	rout_flush(&w->out);
	free(w);
}

static void put_tabs(struct rout *o, int n)
{
	static const char tabs[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";

	for (; n > 16; n -= 16)
		rout_bytes(o, tabs, 16);
	rout_bytes(o, tabs, (size_t)n);
}

/*
 * What comes before a value: in an array, ", " after the first item;
 * in an object, ",\n" after the first member, the indent and the key.
 */
static void begin_value(struct jw *w, const char *key)
{
	uint32_t bit = UINT32_C(1) << w->depth;
	bool started = w->started & bit;

	if (!w->depth)
		return;
	w->started |= bit;
	if (w->arrays & bit) {
		if (started)
			ROUT_PUT(&w->out, ", ");
		return;
	}
	if (started)
		ROUT_PUT(&w->out, ",\n");
	put_tabs(&w->out, w->depth);
	rout_string(&w->out, key);
	ROUT_PUT(&w->out, ":\t");
}

/* Opens a level: an array or an object. */
static void push_level(struct jw *w, bool array)
{
	uint32_t bit;

	if (w->depth >= 31) {
		fputs("mountlint: internal error: JSON nested too deep\n",
		      stderr);
		abort();
	}
	bit = UINT32_C(1) << ++w->depth;
	w->started &= ~bit;
	if (array)
		w->arrays |= bit;
	else
		w->arrays &= ~bit;
}

void jw_object(struct jw *w, const char *key)
{
	begin_value(w, key);
	ROUT_PUT(&w->out, "{\n");
	push_level(w, false);
}

void jw_end_object(struct jw *w)
{
	if (w->started & (UINT32_C(1) << w->depth))
		ROUT_PUT(&w->out, "\n");
	put_tabs(&w->out, w->depth - 1);
	ROUT_PUT(&w->out, "}");
	w->depth--;
}

void jw_array(struct jw *w, const char *key)
{
	begin_value(w, key);
	ROUT_PUT(&w->out, "[");
	push_level(w, true);
}

void jw_end_array(struct jw *w)
{
	ROUT_PUT(&w->out, "]");
	w->depth--;
}

void jw_string(struct jw *w, const char *key, const char *s)
{
	begin_value(w, key);
	rout_string(&w->out, s);
}

void jw_number(struct jw *w, const char *key, long n)
{
	begin_value(w, key);
	rout_number(&w->out, n);
}

void jw_bool(struct jw *w, const char *key, bool b)
{
	begin_value(w, key);
	if (b)
		ROUT_PUT(&w->out, "true");
	else
		ROUT_PUT(&w->out, "false");
}

void jw_text(struct jw *w, const char *key, const char *text)
{
	jw_object(w, key);
	jw_string(w, "text", text);
	jw_end_object(w);
}
