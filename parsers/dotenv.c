#include "dotenv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lint/buf.h"
#include "../lint/input.h"
#include "../lint/limits.h"
#include "../lint/mem.h"
#include "../lint/banned.h"

void dotenv_init(struct dotenv *e, interp_lookup_fn outer, void *outer_ctx)
{
	memset(e, 0, sizeof(*e));
	e->outer = outer;
	e->outer_ctx = outer_ctx;
}

void dotenv_release(struct dotenv *e)
{
	for (size_t i = 0; i < e->n; i++) {
		free(e->items[i].name);
		free(e->items[i].value);
	}
	free(e->items);
	dotenv_init(e, NULL, NULL);
}

static struct env_var *find(const struct dotenv *e, const char *name,
			    size_t len)
{
	for (size_t i = 0; i < e->n; i++)
		if (strlen(e->items[i].name) == len &&
		    !memcmp(e->items[i].name, name, len))
			return &e->items[i];
	return NULL;
}

void dotenv_set(struct dotenv *e, const char *name, size_t len,
		const char *value)
{
	struct env_var *v = find(e, name, len);

	if (!v) {
		v = ARRAY_PUSH(*e);
		v->name = xstrndup(name, len);
		v->value = NULL;
	}
	free(v->value);
	v->value = xstrdup(value);
}

const char *dotenv_get(const struct dotenv *e, const char *name, size_t len)
{
	const struct env_var *v = find(e, name, len);

	return v ? v->value : NULL;
}

const char *environ_lookup(const char *name, size_t len, void *ctx)
{
	char *n = xstrndup(name, len);
	const char *v = getenv(n);

	(void)ctx;
	free(n);
	return v;
}

const char *dotenv_lookup(const char *name, size_t len, void *ctx)
{
	const struct dotenv *e = ctx;
	const char *v = dotenv_get(e, name, len);

	if (!v && e->outer)
		v = e->outer(name, len, e->outer_ctx);
	return v;
}

/* A reading position in the text. */
struct cursor {
	const char *p, *end;
};

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static void skip_blanks(struct cursor *c)
{
	while (c->p < c->end && blank(*c->p))
		c->p++;
}

static void skip_line(struct cursor *c)
{
	const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));

	c->p = nl ? nl + 1 : c->end;
}

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("_.-[]", c) ||
	       (unsigned char)c >= 0x80;
}

/* Interpolates value into e under name; unknown values stay unset. */
static void set_interpolated(struct dotenv *e, const char *name, size_t len,
			     const char *value)
{
	struct interp_result r;

	interp_expand(value, dotenv_lookup, e, &r);
	if (r.status == INTERP_KNOWN)
		dotenv_set(e, name, len, r.value);
	interp_result_release(&r);
}

/* The escapes of a double-quoted value; `\$` stays a literal dollar. */
static void unescape(struct buf *b, const char *s, size_t n)
{
	static const char from[] = "abfnrtv\"\\", to[] = "\a\b\f\n\r\t\v\"\\";

	for (size_t i = 0; i < n; i++) {
		const char *k = i + 1 < n && s[i] == '\\' ?
				strchr(from, s[i + 1]) : NULL;

		if (k && *k) {
			buf_addch(b, to[k - from]);
			i++;
		} else if (i + 1 < n && s[i] == '\\' && s[i + 1] == '$') {
			buf_adds(b, "$$");
			i++;
		} else {
			buf_addch(b, s[i]);
		}
	}
}

/*
 * A quoted value at c->p (its opening quote). A backslash before the
 * quote keeps the quote; others stay for unescape. Returns -1 when it is
 * not closed.
 */
static int read_quoted(struct cursor *c, struct buf *raw)
{
	char quote = *c->p++;
	bool escape = false;

	for (; c->p < c->end; c->p++) {
		char ch = *c->p;

		if (ch == quote && !escape) {
			c->p++;
			return 0;
		}
		if (escape && ch != quote)
			buf_addch(raw, '\\');
		escape = !escape && ch == '\\';
		if (!escape)
			buf_addch(raw, ch);
	}
	return -1;
}

static void read_value(struct dotenv *e, struct cursor *c, const char *name,
		       size_t len)
{
	struct buf raw, val;
	char quote = c->p < c->end ? *c->p : 0;

	buf_init(&raw, 0);
	buf_init(&val, 0);
	if (quote == '\'' || quote == '"') {
		int rc = read_quoted(c, &raw);

		if (!rc && quote == '\'') {
			dotenv_set(e, name, len, raw.data);
		} else if (!rc) {
			unescape(&val, raw.data, raw.len);
			set_interpolated(e, name, len, val.data);
		}
		skip_line(c);
	} else {
		const char *start = c->p, *stop;

		skip_line(c);
		stop = c->p;
		for (const char *h = start; h + 1 < stop; h++)
			if (h[0] == ' ' && h[1] == '#') {
				stop = h;
				break;
			}
		while (stop > start && (blank(stop[-1]) || stop[-1] == '\n'))
			stop--;
		buf_add(&raw, start, (size_t)(stop - start));
		set_interpolated(e, name, len, raw.data);
	}
	buf_release(&raw);
	buf_release(&val);
}

/* A key at c->p, after an optional `export`; its length, or 0 when the
 * line holds none. Leaves c at what ends it. */
static size_t read_key(struct cursor *c, const char **name)
{
	size_t n = (size_t)(c->end - c->p);

	if (n > 7 && !memcmp(c->p, "export", 6) && blank(c->p[6])) {
		c->p += 6;
		skip_blanks(c);
	}
	*name = c->p;
	while (c->p < c->end && key_char(*c->p))
		c->p++;
	return (size_t)(c->p - *name);
}

/* One statement at c->p, a non-blank that is not a comment. */
static void read_statement(struct dotenv *e, struct cursor *c)
{
	const char *name;
	size_t len = read_key(c, &name);
	const char *outer;

	skip_blanks(c);
	if (len && (c->p == c->end || *c->p == '\n')) {
		outer = e->outer ? e->outer(name, len, e->outer_ctx) : NULL;
		if (outer)
			dotenv_set(e, name, len, outer);
		skip_line(c);
		return;
	}
	if (!len || (*c->p != '=' && *c->p != ':')) {
		skip_line(c);
		return;
	}
	c->p++;
	skip_blanks(c);
	read_value(e, c, name, len);
}

void dotenv_parse(struct dotenv *e, const char *text, size_t len)
{
	struct cursor c = { text, text + len };

	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		c.p += 3;
	while (c.p < c.end) {
		skip_blanks(&c);
		if (c.p < c.end && *c.p == '\n')
			c.p++;
		else if (c.p < c.end && *c.p == '#')
			skip_line(&c);
		else if (c.p < c.end)
			read_statement(e, &c);
	}
}

enum input_status dotenv_load(struct dotenv *e, const char *path)
{
	struct buf b;
	enum input_status r = input_slurp(path, true, &b);

	if (r != INPUT_OK)
		return r;
	dotenv_parse(e, b.data, b.len);
	buf_release(&b);
	return INPUT_OK;
}
