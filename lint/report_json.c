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

/* The output, gathered in a block and written when it fills. */
struct jout {
	FILE *fp;
	size_t n;
	char buf[1 << 16];
};

static void flush(struct jout *out)
{
	fwrite(out->buf, 1, out->n, out->fp);
	out->n = 0;
}

static void put_bytes(struct jout *out, const char *s, size_t len)
{
	while (len) {
		size_t room = sizeof(out->buf) - out->n;
		size_t n = len < room ? len : room;

		memcpy(out->buf + out->n, s, n);
		out->n += n;
		s += n;
		len -= n;
		if (out->n == sizeof(out->buf))
			flush(out);
	}
}

static void put_str(struct jout *out, const char *s)
{
	put_bytes(out, s, strlen(s));
}

static void put_char(struct jout *out, char c)
{
	if (out->n == sizeof(out->buf))
		flush(out);
	out->buf[out->n++] = c;
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

/*
 * Whether one of the 8 bytes of w may need escaping (a control, a quote
 * or a backslash); never false when one does.
 */
static bool word_stops(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t quote = w ^ (ones * '"'), slash = w ^ (ones * '\\');

	return (((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) |
		((slash - ones) & ~slash)) & high;
}

/* Writes s as a JSON string: quotes, backslash and controls escaped. */
static void put_string(struct jout *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *end = s + strlen(s), *run = s;

	put_char(out, '"');
	for (;; s++) {
		unsigned char c;
		char esc[6] = "\\u00";
		uint64_t w;

		for (; end - s >= 8; s += 8) {
			memcpy(&w, s, 8);
			if (word_stops(w))
				break;
		}
		while (!stops[(unsigned char)*s])
			s++;
		if (s == end)
			break;
		c = (unsigned char)*s;
		esc[4] = hex[c >> 4];
		esc[5] = hex[c & 15];
		put_bytes(out, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"': case '\\': esc[1] = (char)c; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default: break;
		}
		put_bytes(out, esc, esc[1] == 'u' ? 6 : 2);
	}
	put_bytes(out, run, (size_t)(s - run));
	put_char(out, '"');
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

static void put_indent(struct jout *out, int depth)
{
	put_bytes(out, "\t\t\t\t", (size_t)depth);
}

/*
 * Opens a member at depth (at most 4): the indent, the key and the
 * colon. Keys are this file's own words: nothing in them is escaped.
 */
static void put_key(struct jout *out, int depth, const char *key)
{
	put_indent(out, depth);
	put_char(out, '"');
	put_str(out, key);
	put_bytes(out, "\":\t", 3);
}

/* Ends a member: a comma unless it is the object's last. */
static void put_end(struct jout *out, bool last)
{
	if (!last)
		put_char(out, ',');
	put_char(out, '\n');
}

static void member_string(struct jout *out, int depth, const char *key,
			  const char *s, bool last)
{
	put_key(out, depth, key);
	if (s)
		put_string(out, s);
	else
		put_str(out, "null");
	put_end(out, last);
}

static void member_number(struct jout *out, int depth, const char *key,
			  long n, bool last)
{
	put_key(out, depth, key);
	put_number(out, n);
	put_end(out, last);
}

static void member_null(struct jout *out, int depth, const char *key,
			bool last)
{
	member_string(out, depth, key, NULL, last);
}

static void finding_json(struct jout *out, const struct finding *x)
{
	const int d = 3;

	put_str(out, "{\n");
	member_string(out, d, "rule", x->rule->id, false);
	member_string(out, d, "name", x->rule->name, false);
	member_string(out, d, "severity", severity_name(x->severity), false);
	member_string(out, d, "file", x->file, false);
	member_number(out, d, "line", x->loc.line, false);
	member_number(out, d, "column", x->loc.col, false);
	member_number(out, d, "end_line", x->loc.end_line, false);
	member_number(out, d, "end_column", x->loc.end_col, false);
	member_string(out, d, "service", x->service, false);
	member_string(out, d, "message", x->message, false);
	member_string(out, d, "fix", x->fix, !x->suppressed);
	if (x->suppressed)
		member_string(out, d, "suppressed", x->suppressed, true);
	put_indent(out, d - 1);
	put_char(out, '}');
}

static void error_json(struct jout *out, const struct input_error *e)
{
	const int d = 3;

	put_str(out, "{\n");
	member_string(out, d, "file", e->file, false);
	if (e->line) {
		member_number(out, d, "line", e->line, false);
		member_number(out, d, "column", e->col, false);
	} else {
		member_null(out, d, "line", false);
		member_null(out, d, "column", false);
	}
	member_string(out, d, "message", e->message, true);
	put_indent(out, d - 1);
	put_char(out, '}');
}

void report_json(FILE *fp, const struct findings *f,
		 const struct report_opts *o)
{
	struct report_counts c = report_count(f);
	struct jout *out = xmalloc(sizeof(*out));

	out->fp = fp;
	out->n = 0;
	put_str(out, "{\n");
	member_number(out, 1, "version", 1, false);
	put_key(out, 1, "tool");
	put_str(out, "{\n");
	member_string(out, 2, "name", "mountlint", false);
	member_string(out, 2, "version", MOUNTLINT_VERSION, true);
	put_indent(out, 1);
	put_str(out, "},\n");

	put_key(out, 1, "findings");
	put_char(out, '[');
	for (size_t i = 0; i < f->n; i++) {
		if (i)
			put_str(out, ", ");
		finding_json(out, &f->items[i]);
	}
	put_str(out, "],\n");
	put_key(out, 1, "errors");
	put_char(out, '[');
	for (size_t i = 0; i < f->n_errors; i++) {
		if (i)
			put_str(out, ", ");
		error_json(out, &f->errors[i]);
	}
	put_str(out, "],\n");

	put_key(out, 1, "summary");
	put_str(out, "{\n");
	member_number(out, 2, "files", (long)o->files, false);
	member_number(out, 2, "error", (long)c.error, false);
	member_number(out, 2, "warning", (long)c.warning, false);
	member_number(out, 2, "info", (long)c.info, true);
	put_indent(out, 1);
	put_str(out, "}\n}\n");
	flush(out);
	free(out);
}
