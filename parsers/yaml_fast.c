#include "yaml_fast.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../lint/mem.h"
#include "../lint/word.h"
#include "../lint/banned.h"

/* libyaml drops a simple key past 1024 characters: keys stay short of it.
 * Longer anchor names are left to libyaml too. */
#define KEY_MAX 1000
#define ANCHOR_MAX 255
/* A line's events wait for the next line: a flow sequence with more
 * items than this is left to libyaml, which does not keep them. */
#define LINE_EVENTS_MAX 4096

/* An open block collection. */
struct blk {
	size_t indent;		/* the column of its keys or dashes */
	bool seq;
	bool indentless;	/* a sequence at its mapping's column */
};

/* A scalar on one line. */
struct tok {
	size_t start, end;	/* the token's bytes, quotes included */
	const char *value;
	size_t len;
	yaml_scalar_style_t style;
	size_t after;		/* plain: where the scan stopped (a ':'
				 * before a blank, a comment's '#', the
				 * end of the line); quoted: end */
};

struct reader {
	const char *t;
	size_t len;
	size_t line, ls;	/* the line read: number from 0, offset */
	size_t stop;		/* where its reading stopped: at most the
				 * offset of its end */

	struct blk *stack;
	size_t depth, cap;

	/* A value the last line left open, to be a collection on the next
	 * lines or an empty scalar at open_mark; and its anchor. */
	bool open, open_item;
	yaml_mark_t open_mark;
	const char *anchor;
	size_t anchor_len;
	yaml_mark_t anchor_mark;

	bool started, explicit_doc;

	/* The events read, as libyaml gives them: values point into the
	 * text, names into `names`. */
	yaml_event_t *ev;
	size_t n_ev, cap_ev;
	struct arena names;
	size_t first;		/* ev[first, ready) may be handed over: */
	size_t ready;		/* reset after each hand() */

	yfast_fn *fn;
	void *ctx;
	size_t handed;
};

/* Whether text holds only printable ASCII and newlines. */
static bool printable(const char *t, size_t len)
{
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w = word_load(t + i);
		uint64_t ctl = word_below_exact(w, 0x20) &
			       ~word_equal_exact(w, '\n');

		if (ctl | word_high(w) | word_equal_exact(w, 0x7f))
			return false;
	}
	for (; i < len; i++) {
		unsigned char c = (unsigned char)t[i];

		if ((c < 0x20 && c != '\n') || c >= 0x7f)
			return false;
	}
	return true;
}

static yaml_mark_t mark(const struct reader *r, size_t col)
{
	yaml_mark_t m = { r->ls + col, r->line, col };

	return m;
}

static size_t col_of(const struct reader *r, size_t off)
{
	return off - r->ls;
}

/* A space, a newline or the end of the text. */
static bool blankz(const struct reader *r, size_t i)
{
	return i >= r->len || r->t[i] == ' ' || r->t[i] == '\n';
}

static bool line_end(const struct reader *r, size_t i)
{
	return i >= r->len || r->t[i] == '\n';
}

static size_t skip_spaces(const struct reader *r, size_t i)
{
	while (i < r->len && r->t[i] == ' ')
		i++;
	return i;
}

static yaml_event_t *push(struct reader *r, yaml_event_type_t type,
			  yaml_mark_t start, yaml_mark_t end)
{
	yaml_event_t *e;

	grow_array(&r->ev, sizeof(*r->ev), r->n_ev + 1, &r->cap_ev);
	e = &r->ev[r->n_ev++];
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->start_mark = start;
	e->end_mark = end;
	return e;
}

/* A NUL-terminated copy of an anchor or alias name, or NULL. */
static yaml_char_t *name_of(struct reader *r, const char *name, size_t len)
{
	return name ? (yaml_char_t *)arena_strndup(&r->names, name, len) :
		      NULL;
}

/* A scalar event of k (NULL: an empty plain one) with anchor `name`. */
static void push_scalar(struct reader *r, yaml_mark_t start, yaml_mark_t end,
			const struct tok *k, const char *name, size_t name_len)
{
	yaml_event_t *e = push(r, YAML_SCALAR_EVENT, start, end);
	yaml_scalar_style_t style = k ? k->style : YAML_PLAIN_SCALAR_STYLE;

	e->data.scalar.anchor = name_of(r, name, name_len);
	e->data.scalar.value = (yaml_char_t *)(k ? k->value : "");
	e->data.scalar.length = k ? k->len : 0;
	e->data.scalar.plain_implicit = style == YAML_PLAIN_SCALAR_STYLE;
	e->data.scalar.quoted_implicit = style != YAML_PLAIN_SCALAR_STYLE;
	e->data.scalar.style = style;
}

/* The start of a collection, with anchor `name`. */
static void push_start(struct reader *r, bool seq, bool flow,
		       yaml_mark_t start, yaml_mark_t end, const char *name,
		       size_t name_len)
{
	yaml_event_t *e = push(r, seq ? YAML_SEQUENCE_START_EVENT :
				       YAML_MAPPING_START_EVENT, start, end);

	if (seq) {
		e->data.sequence_start.anchor = name_of(r, name, name_len);
		e->data.sequence_start.implicit = 1;
		e->data.sequence_start.style = flow ? YAML_FLOW_SEQUENCE_STYLE :
						      YAML_BLOCK_SEQUENCE_STYLE;
	} else {
		e->data.mapping_start.anchor = name_of(r, name, name_len);
		e->data.mapping_start.implicit = 1;
		e->data.mapping_start.style = YAML_BLOCK_MAPPING_STYLE;
	}
}

/* Hands over ev[first, upto). */
static int hand(struct reader *r, size_t upto)
{
	for (size_t i = r->first; i < upto; i++) {
		int rc = r->fn(r->ctx, &r->ev[i]);

		if (rc)
			return rc;
		r->handed++;
	}
	r->first = upto;
	/* what was handed over leaves room, now and then */
	if (r->first == r->n_ev || r->first >= 256) {
		memmove(r->ev, r->ev + upto,
			(r->n_ev - upto) * sizeof(*r->ev));
		r->n_ev -= upto;
		r->first = 0;
	}
	return 0;
}

/* Whether a plain scalar may start at i, in block context. */
static bool plain_start(const struct reader *r, size_t i)
{
	char c = r->t[i];

	if (c == '-' || c == '?' || c == ':')
		return !blankz(r, i + 1);
	return !strchr(" \n,[]{}#&*!|>'\"%@`", c);
}

/* The bytes that end a run in a scalar: a plain one (STOP_PLAIN), one
 * in a flow sequence (STOP_FLOW), a single-quoted one (STOP_SINGLE), a
 * double-quoted one (STOP_DOUBLE). */
enum { STOP_PLAIN = 1, STOP_SINGLE = 2, STOP_DOUBLE = 4, STOP_FLOW = 8 };

static const unsigned char stops[256] = {
	['\n'] = STOP_PLAIN | STOP_SINGLE | STOP_DOUBLE | STOP_FLOW,
	[' '] = STOP_PLAIN | STOP_FLOW,
	[':'] = STOP_PLAIN | STOP_FLOW,
	['\''] = STOP_SINGLE,
	['"'] = STOP_DOUBLE,
	['\\'] = STOP_DOUBLE,
	[','] = STOP_FLOW,
	['['] = STOP_FLOW,
	[']'] = STOP_FLOW,
	['{'] = STOP_FLOW,
	['}'] = STOP_FLOW,
};

/* The first byte from i on, before end, that is in the class `stop`. */
static size_t run(const char *t, size_t i, size_t end, unsigned char stop)
{
	while (i < end && !(stops[(unsigned char)t[i]] & stop))
		i++;
	return i;
}

/* k: the plain scalar of t from i, its text ending at end, its scan at
 * after. */
static void plain_tok(const char *t, size_t i, size_t end, size_t after,
		      struct tok *k)
{
	k->start = i;
	k->value = t + i;
	k->len = end - i;
	k->end = end;
	k->after = after;
	k->style = YAML_PLAIN_SCALAR_STYLE;
}

/* Reads the scalar at i, on its line. Returns 0, or YFAST_STOPPED for
 * one this reader leaves to libyaml. */
static int scan_scalar(const struct reader *r, size_t i, struct tok *k)
{
	const char *t = r->t;
	char q = t[i];
	size_t j, end;

	k->start = i;
	if (q == '"' || q == '\'') {
		j = run(t, i + 1, r->len, q == '"' ? STOP_DOUBLE :
						     STOP_SINGLE);
		if (j >= r->len || t[j] != q ||
		    (q == '\'' && j + 1 < r->len && t[j + 1] == '\''))
			return YFAST_STOPPED;
		k->value = t + i + 1;
		k->len = j - i - 1;
		k->end = k->after = j + 1;
		k->style = q == '"' ? YAML_DOUBLE_QUOTED_SCALAR_STYLE :
				      YAML_SINGLE_QUOTED_SCALAR_STYLE;
		return 0;
	}
	if (!plain_start(r, i))
		return YFAST_STOPPED;
	for (j = end = i; j < r->len;) {
		size_t from = j;
		char c;

		j = run(t, j, r->len, STOP_PLAIN);
		if (j > from)
			end = j;
		if (j >= r->len)
			break;
		c = t[j];
		if (c == ':') {
			if (blankz(r, j + 1))
				break;
			end = ++j;
			continue;
		}
		if (c == '\n')
			break;
		j = skip_spaces(r, j);
		if (line_end(r, j) || t[j] == '#')
			break;
	}
	plain_tok(t, i, end, j, k);
	return 0;
}

/* Whether the scalar k is a key: ':' follows it, before a blank or the
 * line's end. Sets *colon. */
static bool is_key(const struct reader *r, const struct tok *k,
		   size_t *colon)
{
	size_t j = k->style == YAML_PLAIN_SCALAR_STYLE ?
		   k->after : skip_spaces(r, k->end);

	if (j >= r->len || r->t[j] != ':' || !blankz(r, j + 1) ||
	    j - k->start > KEY_MAX)
		return false;
	*colon = j;
	return true;
}

/* After a token ending at i: blanks, then a comment or the line's end
 * (where the line's reading stops). */
static int rest(struct reader *r, size_t i)
{
	size_t j = skip_spaces(r, i);

	if (line_end(r, j) || (j > i && r->t[j] == '#')) {
		r->stop = j;
		return 0;
	}
	return YFAST_STOPPED;
}

/* The end of an anchor or alias name starting at i (libyaml's letters:
 * ASCII letters, digits, '_' and '-'). */
static size_t name_end(const struct reader *r, size_t i)
{
	while (i < r->len) {
		char c = r->t[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			break;
		i++;
	}
	return i;
}

/* A name at i (after '&' or '*'): its end, or 0 when this reader leaves
 * it to libyaml. */
static size_t scan_name(const struct reader *r, size_t i)
{
	size_t end = name_end(r, i);

	if (end == i || end - i > ANCHOR_MAX || !blankz(r, end))
		return 0;
	return end;
}

/*
 * Reads a scalar of a flow sequence at i, on its line: a quoted one, or a
 * plain one without ':' (which libyaml reads in more than one way there).
 */
static int scan_flow_scalar(const struct reader *r, size_t i, struct tok *k)
{
	const char *t = r->t;
	size_t j, end;

	if (t[i] == '"' || t[i] == '\'')
		return scan_scalar(r, i, k);
	if (t[i] == '?' || t[i] == ':' || !plain_start(r, i))
		return YFAST_STOPPED;
	k->start = i;
	for (j = end = i;;) {
		size_t from = j;

		j = run(t, j, r->len, STOP_FLOW);
		if (j > from)
			end = j;
		if (line_end(r, j) || t[j] == ':')
			return YFAST_STOPPED;
		if (t[j] != ' ')
			break;
		j = skip_spaces(r, j);
		if (line_end(r, j) || t[j] == '#')
			return YFAST_STOPPED;
		if (stops[(unsigned char)t[j]] & STOP_FLOW)
			break;
	}
	plain_tok(t, i, end, j, k);
	return 0;
}

/* A flow sequence of scalars on one line, "[a, 'b']", at i. */
static int flow_seq(struct reader *r, size_t i, const char *name,
		    size_t name_len, yaml_mark_t at)
{
	const char *t = r->t;
	size_t j = skip_spaces(r, i + 1);

	push_start(r, true, true, name ? at : mark(r, col_of(r, i)),
		   mark(r, col_of(r, i) + 1), name, name_len);
	while (j >= r->len || t[j] != ']') {
		struct tok k;

		if (line_end(r, j) || scan_flow_scalar(r, j, &k) ||
		    r->n_ev - r->first > LINE_EVENTS_MAX)
			return YFAST_STOPPED;
		push_scalar(r, mark(r, col_of(r, k.start)),
			    mark(r, col_of(r, k.end)), &k, NULL, 0);
		j = skip_spaces(r, k.end);
		if (j < r->len && t[j] == ',') {
			j = skip_spaces(r, j + 1);
			if (j < r->len && t[j] == ']')	/* "[a, ]" */
				return YFAST_STOPPED;
			continue;
		}
		if (j >= r->len || t[j] != ']')
			return YFAST_STOPPED;
	}
	push(r, YAML_SEQUENCE_END_EVENT, mark(r, col_of(r, j)),
	     mark(r, col_of(r, j) + 1));
	return rest(r, j + 1);
}

/* The scalar value k, with the anchor `name` (NULL: none) at `at`. */
static int scalar(struct reader *r, const struct tok *k, const char *name,
		  size_t name_len, yaml_mark_t at)
{
	/* anything but a comment after it: a key, a second token */
	if (rest(r, k->end))
		return YFAST_STOPPED;
	push_scalar(r, name ? at : mark(r, col_of(r, k->start)),
		    mark(r, col_of(r, k->end)), k, name, name_len);
	return 0;
}

/* The value after a key's ':' or an item's '-', from i; em marks the
 * empty scalar of a value left open. */
static int value(struct reader *r, size_t i, yaml_mark_t em, bool item)
{
	const char *t = r->t;
	const char *name = NULL;
	size_t j = skip_spaces(r, i), name_len = 0, end;
	yaml_mark_t at = { 0 };
	yaml_event_t *e;
	struct tok k;

	if (j < r->len && t[j] == '&') {
		end = scan_name(r, j + 1);
		if (!end)
			return YFAST_STOPPED;
		name = t + j + 1;
		name_len = end - j - 1;
		at = mark(r, col_of(r, j));
		j = skip_spaces(r, end);
	}
	if (line_end(r, j) || t[j] == '#') {
		r->stop = j;
		r->open = true;
		r->open_item = item;
		r->open_mark = em;
		r->anchor = name;
		r->anchor_len = name_len;
		r->anchor_mark = at;
		return 0;
	}
	if (t[j] == '*') {
		end = scan_name(r, j + 1);
		if (name || !end)
			return YFAST_STOPPED;
		e = push(r, YAML_ALIAS_EVENT, mark(r, col_of(r, j)),
			 mark(r, col_of(r, end)));
		e->data.alias.anchor = name_of(r, t + j + 1, end - j - 1);
		return rest(r, end);
	}
	if (t[j] == '[')
		return flow_seq(r, j, name, name_len, at);
	if (scan_scalar(r, j, &k))
		return YFAST_STOPPED;
	return scalar(r, &k, name, name_len, at);
}

/* Opens a collection at column c, with the anchor of the open value. */
static void open_block(struct reader *r, size_t c, bool seq, bool indentless)
{
	yaml_mark_t at = mark(r, c);
	struct blk *b;

	push_start(r, seq, false, r->anchor ? r->anchor_mark : at,
		   indentless ? mark(r, c + 1) : at, r->anchor, r->anchor_len);
	r->anchor = NULL;
	grow_array(&r->stack, sizeof(*r->stack), r->depth + 1, &r->cap);
	b = &r->stack[r->depth++];
	b->indent = c;
	b->seq = seq;
	b->indentless = indentless;
}

static void close_top(struct reader *r, yaml_mark_t at)
{
	push(r, r->stack[--r->depth].seq ? YAML_SEQUENCE_END_EVENT :
					   YAML_MAPPING_END_EVENT, at, at);
}

/*
 * Places a line whose first token, a key or (item) a dash, is at column
 * c: under the value the last line left open, or beside the entries of
 * the collection at that column, closing the deeper ones.
 */
static int place(struct reader *r, size_t c, bool item)
{
	const struct blk *top = &r->stack[r->depth - 1];
	bool open = r->open;

	r->open = false;
	if (open && c > top->indent) {
		open_block(r, c, item, false);
		return 0;
	}
	if (open && !r->open_item && item && !top->seq && c == top->indent) {
		open_block(r, c, true, true);
		return 0;
	}
	if (open) {
		if (r->anchor)
			return YFAST_STOPPED;
		push_scalar(r, r->open_mark, r->open_mark, NULL, NULL, 0);
	}
	while (r->depth) {
		top = &r->stack[r->depth - 1];
		if (top->indent < c || (top->indent == c &&
					!(top->indentless && !item)))
			break;
		close_top(r, mark(r, c));
	}
	if (!r->depth || top->indent != c || top->seq != item)
		return YFAST_STOPPED;
	return 0;
}

static int pair(struct reader *r, const struct tok *key, size_t colon)
{
	push_scalar(r, mark(r, col_of(r, key->start)),
		    mark(r, col_of(r, key->end)), key, NULL, 0);
	return value(r, colon + 1, mark(r, col_of(r, colon) + 1), false);
}

/* The rest of a line that starts with a dash at column c. */
static int item_line(struct reader *r, size_t c)
{
	const char *t = r->t;
	size_t j = skip_spaces(r, r->ls + c + 1), colon;
	yaml_mark_t none = { 0 };
	struct tok k;

	if (line_end(r, j) || t[j] == '#' || t[j] == '&' || t[j] == '*' ||
	    t[j] == '[')
		return value(r, j, mark(r, c + 1), true);
	if (scan_scalar(r, j, &k))	/* a dash and a blank among them */
		return YFAST_STOPPED;
	if (!is_key(r, &k, &colon))
		return scalar(r, &k, NULL, 0, none);
	open_block(r, col_of(r, j), false, false);
	return pair(r, &k, colon);
}

/* A line with content, its first token at column c. */
static int content_line(struct reader *r, size_t c)
{
	size_t p = r->ls + c, colon = 0;
	bool item = r->t[p] == '-' && blankz(r, p + 1);
	struct tok key;
	int rc;

	if (!item && (scan_scalar(r, p, &key) || !is_key(r, &key, &colon)))
		return YFAST_STOPPED;
	if (!r->started) {
		yaml_mark_t at = mark(r, c);

		push(r, YAML_STREAM_START_EVENT, at, at)->data.stream_start
			.encoding = YAML_UTF8_ENCODING;
		push(r, YAML_DOCUMENT_START_EVENT, at, at)->data.document_start
			.implicit = !r->explicit_doc;
		r->started = true;
		open_block(r, c, item, false);
	} else {
		rc = place(r, c, item);
		if (rc)
			return rc;
	}
	return item ? item_line(r, c) : pair(r, &key, colon);
}

/*
 * After the last line: the open value, the open collections, the end of
 * the document and of the stream. libyaml ends the collections deeper
 * than the last column it reached there; it ends the others at the start
 * of the next line.
 */
static int finish(struct reader *r)
{
	bool nl = !r->len || r->t[r->len - 1] == '\n';
	const char *last = memrchr(r->t, '\n', r->len);
	size_t ecol = nl ? 0 : r->len - (last ? (size_t)(last - r->t) + 1 : 0);
	yaml_mark_t at = { r->len, nl ? r->line : r->line - 1, ecol };
	yaml_mark_t end = { r->len, r->line, 0 };

	if (!r->started || (r->open && r->anchor))
		return YFAST_STOPPED;
	if (r->open)
		push_scalar(r, r->open_mark, r->open_mark, NULL, NULL, 0);
	while (r->depth && r->stack[r->depth - 1].indent > ecol)
		close_top(r, at);
	while (r->depth)
		close_top(r, end);
	push(r, YAML_DOCUMENT_END_EVENT, end, end)->data.document_end.implicit =
		1;
	push(r, YAML_STREAM_END_EVENT, end, end);
	return hand(r, r->n_ev);
}

/* "---" or "..." at i, then a blank or the end. */
static bool marker(const struct reader *r, size_t i)
{
	return i + 3 <= r->len && (!memcmp(r->t + i, "---", 3) ||
				   !memcmp(r->t + i, "...", 3)) &&
	       blankz(r, i + 3);
}

static int read_lines(struct reader *r)
{
	const char *t = r->t;
	int rc;

	for (; r->ls < r->len; r->line++) {
		size_t p = skip_spaces(r, r->ls);
		const char *nl;

		r->stop = p;
		if (!line_end(r, p) && t[p] != '#') {
			if (p == r->ls && marker(r, p)) {
				if (r->started || r->explicit_doc ||
				    t[p] != '-' || rest(r, p + 3))
					return YFAST_STOPPED;
				r->explicit_doc = true;
			} else {
				rc = content_line(r, p - r->ls);
				if (!rc)
					rc = hand(r, r->ready);
				if (rc)
					return rc;
				r->ready = r->n_ev;
			}
		}
		/* the rest of the line, usually nothing or a comment */
		nl = r->stop < r->len && t[r->stop] == '\n' ? t + r->stop :
		     memchr(t + r->stop, '\n', r->len - r->stop);
		r->ls = nl ? (size_t)(nl - t) + 1 : r->len + 1;
	}
	return finish(r);
}

int yfast_read(const char *text, size_t len, yfast_fn *fn, void *ctx,
	       size_t *handed)
{
	struct reader r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.t = text;
	r.len = len;
	r.fn = fn;
	r.ctx = ctx;
	rc = printable(text, len) ? read_lines(&r) : YFAST_STOPPED;
	*handed = r.handed;
	free(r.stack);
	free(r.ev);
	arena_release(&r.names);
	return rc;
}
