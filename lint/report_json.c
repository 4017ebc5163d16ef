/*
 * The json format: one object with stable field names (SPEC.md, section
 * 3). Every key is always present; absent values are null.
 *
 * The document is written as it goes, never built in memory: a run with
 * many findings would otherwise hold them twice. The layout is the one
 * cJSON_Print gives the other JSON formats: one member a line, indented
 * by tabs, a tab after each colon, array items separated by ", ".
 */
#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "banned.h"

/*
 * The output, gathered in a block and written when it fills. Each write
 * first makes room for all it may put, then copies without checks.
 */
struct jout {
	FILE *fp;
	char *at, *end;		/* the free part of buf */
	char buf[1 << 16];
};

/* Strings are escaped a piece at a time: a piece escaped at worst (six
 * bytes for one) fits the block. */
enum { PIECE = 4096 };

static void flush(struct jout *out)
{
	fwrite(out->buf, 1, (size_t)(out->at - out->buf), out->fp);
	out->at = out->buf;
}

/* Room for n more bytes; n is at most the size of the block. */
static void room(struct jout *out, size_t n)
{
	if ((size_t)(out->end - out->at) < n)
		flush(out);
}

static void put_bytes(struct jout *out, const char *s, size_t len)
{
	room(out, len);
	memcpy(out->at, s, len);
	out->at += len;
}

/* The report's own words, which need no escaping: the layout, keys. */
#define PUT(out, literal) put_bytes(out, literal, sizeof(literal) - 1)

/* The text before a member's value: the end of the member before it, or
 * the opening brace, the indent and the key. */
#define FIRST(tabs, key)	"{\n" tabs "\"" key "\":\t"
#define NEXT(tabs, key)		",\n" tabs "\"" key "\":\t"

#define D1 "\t"
#define D2 "\t\t"
#define D3 "\t\t\t"

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

/*
 * A bit set in the byte of w that may need escaping (a control, a quote
 * or a backslash), 0 when none does. Above such a byte, a bit may be set
 * where none is needed; never below: the lowest bit set is exact.
 */
static uint64_t stop_mask(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');

	return (((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) |
		((slash - ones) & ~slash)) & high;
}

/* The index in memory order of the lowest byte of w with a bit set. */
static int first_byte(uint64_t w)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_clzll(w) / 8;
#else
	return __builtin_ctzll(w) / 8;
#endif
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
	uint64_t w, stop;
	int at;

	while (end - s >= 8) {
		memcpy(&w, s, 8);
		memcpy(p, &w, 8);
		stop = stop_mask(w);
		if (!stop) {
			p += 8;
			s += 8;
			continue;
		}
		at = first_byte(stop);
		p = escape_byte(p + at, (unsigned char)s[at]);
		s += at + 1;
	}
	while (s < end)
		p = escape_byte(p, (unsigned char)*s++);
	return p;
}

/* Writes s as a JSON string, or null when s is NULL. */
static void put_string(struct jout *out, const char *s)
{
	size_t len, n;

	if (!s) {
		PUT(out, "null");
		return;
	}
	len = strlen(s);
	room(out, 1);
	*out->at++ = '"';
	do {
		n = len < PIECE ? len : PIECE;
		room(out, 6 * n + 1);
		out->at = escape_into(out->at, s, n);
		s += n;
		len -= n;
	} while (len);
	*out->at++ = '"';
}

static void put_number(struct jout *out, long n)
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
	put_bytes(out, digits + i, sizeof(digits) - i);
}

static void finding_json(struct jout *out, const struct finding *x)
{
	PUT(out, FIRST(D3, "rule"));
	put_string(out, x->rule->id);
	PUT(out, NEXT(D3, "name"));
	put_string(out, x->rule->name);
	PUT(out, NEXT(D3, "severity"));
	put_string(out, severity_name(x->severity));
	PUT(out, NEXT(D3, "file"));
	put_string(out, x->file);
	PUT(out, NEXT(D3, "line"));
	put_number(out, x->loc.line);
	PUT(out, NEXT(D3, "column"));
	put_number(out, x->loc.col);
	PUT(out, NEXT(D3, "end_line"));
	put_number(out, x->loc.end_line);
	PUT(out, NEXT(D3, "end_column"));
	put_number(out, x->loc.end_col);
	PUT(out, NEXT(D3, "service"));
	put_string(out, x->service);
	PUT(out, NEXT(D3, "message"));
	put_string(out, x->message);
	PUT(out, NEXT(D3, "fix"));
	put_string(out, x->fix);
	if (x->suppressed) {
		PUT(out, NEXT(D3, "suppressed"));
		put_string(out, x->suppressed);
	}
	PUT(out, "\n" D2 "}");
}

static void error_json(struct jout *out, const struct input_error *e)
{
	PUT(out, FIRST(D3, "file"));
	put_string(out, e->file);
	PUT(out, NEXT(D3, "line"));
	if (e->line)
		put_number(out, e->line);
	else
		PUT(out, "null");
	PUT(out, NEXT(D3, "column"));
	if (e->line)
		put_number(out, e->col);
	else
		PUT(out, "null");
	PUT(out, NEXT(D3, "message"));
	put_string(out, e->message);
	PUT(out, "\n" D2 "}");
}

static void summary_json(struct jout *out, const struct findings *f,
			 const struct report_opts *o)
{
	struct report_counts c = report_count(f);

	PUT(out, FIRST(D2, "files"));
	put_number(out, (long)o->files);
	PUT(out, NEXT(D2, "error"));
	put_number(out, (long)c.error);
	PUT(out, NEXT(D2, "warning"));
	put_number(out, (long)c.warning);
	PUT(out, NEXT(D2, "info"));
	put_number(out, (long)c.info);
	PUT(out, "\n" D1 "}");
}

void report_json(FILE *fp, const struct findings *f,
		 const struct report_opts *o)
{
	struct jout *out = xmalloc(sizeof(*out));

	out->fp = fp;
	out->at = out->buf;
	out->end = out->buf + sizeof(out->buf);
	PUT(out, FIRST(D1, "version") "1" NEXT(D1, "tool"));
	PUT(out, FIRST(D2, "name"));
	put_string(out, "mountlint");
	PUT(out, NEXT(D2, "version"));
	put_string(out, MOUNTLINT_VERSION);
	PUT(out, "\n" D1 "}" NEXT(D1, "findings") "[");

	for (size_t i = 0; i < f->n; i++) {
		if (i)
			PUT(out, ", ");
		finding_json(out, &f->items[i]);
	}
	PUT(out, "]" NEXT(D1, "errors") "[");
	for (size_t i = 0; i < f->n_errors; i++) {
		if (i)
			PUT(out, ", ");
		error_json(out, &f->errors[i]);
	}
	PUT(out, "]" NEXT(D1, "summary"));
	summary_json(out, f, o);
	PUT(out, "\n}\n");
	flush(out);
	free(out);
}
