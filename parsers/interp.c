#include "interp.h"

#include <stdlib.h>
#include <string.h>

#include "../lint/buf.h"
#include "../lint/mem.h"
#include "../lint/banned.h"

/* Nested expressions deeper than this leave the value unknown. */
#define INTERP_MAX_DEPTH 64
/* A value that grows past this many bytes is left unknown. */
#define INTERP_MAX_VALUE (16u << 20)
/* An expression quoted in a message is cut after this many bytes. */
#define INTERP_QUOTE_MAX 60

struct interp {
	const char *s;
	interp_lookup_fn lookup;
	void *ctx;
	struct buf out;
	bool unknown;		/* an unset variable without a default */
	bool failed;		/* a problem was recorded */
	int depth;
	struct interp_result *r;
};

static bool name_start(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool name_char(char c)
{
	return name_start(c) || (c >= '0' && c <= '9');
}

static void emit(struct interp *st, const char *p, size_t n)
{
	if (buf_add(&st->out, p, n))
		st->unknown = true;
}

/* Bytes of s[from..to) that fit in a message, cut at a code point. */
static int quote_len(const char *s, size_t from, size_t to)
{
	size_t n = to - from;

	if (n <= INTERP_QUOTE_MAX)
		return (int)n;
	n = INTERP_QUOTE_MAX;
	while (n > 0 && ((unsigned char)s[from + n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static void problem(struct interp *st, enum interp_problem_kind kind,
		    size_t offset, size_t end, char *message)
{
	struct interp_problem *p = ARRAY_PUSH(*st->r);

	p->kind = kind;
	p->offset = offset;
	p->end = end;
	p->message = message;
	st->failed = true;
}

static void malformed(struct interp *st, size_t at, size_t end,
		      const char *why)
{
	const char *dots = end - at > INTERP_QUOTE_MAX ? "..." : "";

	problem(st, INTERP_MALFORMED, at, end,
		xasprintf("invalid interpolation \"%.*s%s\": %s",
			  quote_len(st->s, at, end), st->s + at, dots, why));
}

/*
 * The closing brace of the expression whose `{` is at open: braces are
 * counted; when they never balance, the last `}` at or after `from`
 * closes it (as Compose's pattern reads it). -1 when there is none.
 */
static long closing_brace(const char *s, size_t open, size_t from,
			  size_t to)
{
	long last = -1;
	int depth = 0;

	for (size_t j = open; j < to; j++) {
		if (s[j] == '{')
			depth++;
		if (s[j] != '}')
			continue;
		if (--depth == 0)
			return (long)j;
		if (j >= from)
			last = (long)j;
	}
	return last;
}

static size_t expand_range(struct interp *st, size_t from, size_t to);

/* Appends the variable's value; an unset one makes the value unknown. */
static void emit_variable(struct interp *st, size_t name, size_t len)
{
	const char *v = st->lookup(st->s + name, len, st->ctx);

	if (v)
		emit(st, v, strlen(v));
	else
		st->unknown = true;
}

/* The word after an operator, interpolated into the output. */
static void emit_word(struct interp *st, size_t from, size_t to)
{
	if (st->depth >= INTERP_MAX_DEPTH) {
		st->unknown = true;
		return;
	}
	st->depth++;
	expand_range(st, from, to);
	st->depth--;
}

struct braced {
	size_t at;		/* the `$` */
	size_t name, name_len;
	bool colon;		/* `:-`, `:+`, `:?` */
	char op;		/* '-', '+', '?' */
	size_t word, close;	/* the word is s[word..close) */
};

static void required(struct interp *st, const struct braced *b,
		     const char *value)
{
	const char *state = value ? "is empty" : "is not set";
	size_t n = b->close - b->word;

	problem(st, INTERP_REQUIRED, b->at, b->close + 1,
		xasprintf("required variable \"%.*s\" %s%s%.*s",
			  (int)b->name_len, st->s + b->name, state,
			  n ? ": " : "", quote_len(st->s, b->word, b->close),
			  st->s + b->word));
}

/* Applies the operator of b. */
static void apply(struct interp *st, const struct braced *b)
{
	const char *v = st->lookup(st->s + b->name, b->name_len, st->ctx);
	bool present = v && (!b->colon || *v);

	if (b->op == '?' && !present) {
		required(st, b, v);
	} else if ((b->op == '-' && !present) || (b->op == '+' && present)) {
		emit_word(st, b->word, b->close);
	} else if (v) {
		emit(st, v, strlen(v));
	}
}

/* `${...}` at `at`; returns where the text after it starts. */
static size_t expand_braced(struct interp *st, size_t at, size_t to)
{
	const char *s = st->s;
	struct braced b = { at, at + 2, 0, false, 0, 0, 0 };
	size_t p = b.name;
	long close;

	while (p < to && (p == b.name ? name_start(s[p]) : name_char(s[p])))
		p++;
	b.name_len = p - b.name;
	if (b.name_len && p < to && s[p] == '}') {
		emit_variable(st, b.name, b.name_len);
		return p + 1;
	}
	b.colon = p < to && s[p] == ':';
	p += b.colon;
	close = closing_brace(s, at + 1, p, to);
	if (!b.name_len || p >= to || !strchr("-+?", s[p]) || !s[p]) {
		size_t end = close < 0 ? to : (size_t)close + 1;

		malformed(st, at, end, close < 0 ? "no closing brace" :
			  !b.name_len ? "a variable name must come first" :
			  "the operator is none of :- - :+ + :? ?");
		return end;
	}
	if (close < 0) {
		malformed(st, at, to, "no closing brace");
		return to;
	}
	b.op = s[p];
	b.word = p + 1;
	b.close = (size_t)close;
	apply(st, &b);
	return b.close + 1;
}

/* The `$` at `at`; returns where the text after it starts. */
static size_t expand_dollar(struct interp *st, size_t at, size_t to)
{
	const char *s = st->s;
	size_t p = at + 1;

	if (p < to && s[p] == '$') {
		emit(st, "$", 1);
		return p + 1;
	}
	if (p < to && s[p] == '{')
		return expand_braced(st, at, to);
	if (p < to && name_start(s[p])) {
		while (p < to && name_char(s[p]))
			p++;
		emit_variable(st, at + 1, p - at - 1);
		return p;
	}
	emit(st, "$", 1);
	return p;
}

/* Interpolates s[from..to) into the output; stops at the first problem. */
static size_t expand_range(struct interp *st, size_t from, size_t to)
{
	size_t i = from;

	while (i < to && !st->failed) {
		const char *d = memchr(st->s + i, '$', to - i);
		size_t next = d ? (size_t)(d - st->s) : to;

		emit(st, st->s + i, next - i);
		i = next < to ? expand_dollar(st, next, to) : to;
	}
	return i;
}

void interp_expand(const char *s, interp_lookup_fn lookup, void *ctx,
		   struct interp_result *r)
{
	struct interp st = { s, lookup, ctx, { 0 }, false, false, 0, r };

	memset(r, 0, sizeof(*r));
	buf_init(&st.out, INTERP_MAX_VALUE);
	expand_range(&st, 0, strlen(s));
	if (st.failed)
		r->status = INTERP_ERROR;
	else if (st.unknown)
		r->status = INTERP_UNKNOWN;
	else
		r->value = buf_detach(&st.out, NULL);
	buf_release(&st.out);
}

void interp_result_release(struct interp_result *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->items[i].message);
	free(r->items);
	free(r->value);
	memset(r, 0, sizeof(*r));
}

bool interp_needed(const char *s)
{
	return strchr(s, '$') != NULL;
}
