#include "embedded.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "../lint/buf.h"
#include "../lint/mem.h"
#include "../lint/utf8.h"
#include "../lint/banned.h"

/* What becomes of each byte of the file in the shell copy. */
enum keep {
	BLANK = 0,		/* a space (one per character) */
	KEEP,
};

/* The file split into lines, and a mask over its bytes. */
struct source {
	const char *text;
	size_t len;
	size_t *line_start;	/* byte offset of each line; one past the
				 * last is len */
	int n_lines;
	unsigned char *mask;
};

static void source_init(struct source *s, const char *text, size_t len)
{
	size_t cap = 0;

	s->text = text;
	s->len = len;
	s->line_start = NULL;
	s->n_lines = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == 0 || text[i - 1] == '\n') {
			if (i == len && i > 0)
				break;
			grow_array(&s->line_start, sizeof(size_t),
				   (size_t)s->n_lines + 2, &cap);
			s->line_start[s->n_lines++] = i;
		}
	}
	if (!s->line_start)
		s->line_start = xcalloc(2, sizeof(size_t));
	s->line_start[s->n_lines] = len;
	s->mask = xcalloc(len + 1, 1);
}

static void source_release(struct source *s)
{
	free(s->line_start);
	free(s->mask);
}

/* Byte offsets of 0-based line l: [start, end), end before its '\n'. */
static size_t line_begin(const struct source *s, int l)
{
	return s->line_start[l];
}

static size_t line_end(const struct source *s, int l)
{
	size_t e = s->line_start[l + 1];

	if (e > s->line_start[l] && s->text[e - 1] == '\n')
		e--;
	return e;
}

static void mask_range(struct source *s, size_t from, size_t to,
		       enum keep how)
{
	if (to > s->len)
		to = s->len;
	if (from < to)
		memset(s->mask + from, how, to - from);
}

/* The indentation of 0-based line l, or -1 when it is blank. */
static int indent_of(const struct source *s, int l)
{
	size_t p = line_begin(s, l), end = line_end(s, l);
	int n = 0;

	while (p < end && s->text[p] == ' ') {
		p++;
		n++;
	}
	while (p < end && (s->text[p] == '\t' || s->text[p] == '\r'))
		p++;
	return p < end ? n : -1;
}

/*
 * Whether a folded block scalar (`>`) joins line l to the next: both
 * hold text at the block's indentation, so YAML reads them as one line.
 */
static bool folds(const struct source *s, int l, int indent)
{
	return indent_of(s, l) == indent && indent_of(s, l + 1) == indent;
}

/*
 * Hands 0-based lines [first, last] to fn, blanked by the mask. Each
 * blanked character becomes one space so columns stay where they were.
 * Lines that a folded scalar joins end in " \", so that the shell reads
 * them as the one command YAML makes of them.
 */
static void emit(const struct source *s, int first, int last, bool folded,
		 embedded_fn *fn, void *ctx)
{
	struct buf b;
	size_t from = line_begin(s, first), to = line_end(s, last);
	int l = first, indent = -1;

	for (int k = first; folded && k <= last && indent < 0; k++)
		indent = indent_of(s, k);
	buf_init(&b, 0);
	for (size_t i = from; i < to; i++) {
		unsigned char c = (unsigned char)s->text[i];

		if (c == '\n' && folded && l < last && folds(s, l, indent))
			buf_adds(&b, " \\");
		if (c == '\n')
			l++;
		if (c == '\n' || s->mask[i] == KEEP)
			buf_addch(&b, (char)c);
		else if ((c & 0xc0) != 0x80)
			buf_addch(&b, ' ');
	}
	buf_addch(&b, '\n');
	fn(b.data, b.len, first + 1, ctx);
	buf_release(&b);
}

/* ---- Makefiles ---------------------------------------------------- */

/* "target: prerequisites", not "VAR := value" nor a recipe. */
static bool is_rule_line(const char *p, const char *end)
{
	if (p == end || *p == '\t' || *p == '#' || isspace((unsigned char)*p))
		return false;
	for (; p < end; p++) {
		if (*p == '=')
			return false;
		if (*p == ':')
			return p + 1 == end || p[1] != '=';
	}
	return false;
}

/* Masks one recipe line: keeps the shell, blanks make's own syntax. */
static void mask_recipe_line(struct source *s, int l, bool continued)
{
	size_t p = line_begin(s, l), end = line_end(s, l);

	mask_range(s, p, end, KEEP);
	if (p < end && s->text[p] == '\t')
		s->mask[p++] = BLANK;
	while (!continued && p < end && strchr("@-+ \t", s->text[p])) {
		if (!isspace((unsigned char)s->text[p]))
			s->mask[p] = BLANK;
		p++;
	}
}

static bool ends_with_backslash(const struct source *s, int l)
{
	size_t b = line_begin(s, l), e = line_end(s, l);

	return e > b && s->text[e - 1] == '\\';
}

void embedded_makefile(const char *text, size_t len, embedded_fn *fn,
		       void *ctx)
{
	struct source s;
	bool in_rule = false;
	int first = -1;

	source_init(&s, text, len);
	for (int l = 0; l < s.n_lines; l++) {
		const char *p = text + line_begin(&s, l);
		const char *end = text + line_end(&s, l);
		bool continued = first >= 0 && ends_with_backslash(&s, l - 1);

		if ((in_rule && p < end && *p == '\t') || continued) {
			mask_recipe_line(&s, l, continued);
			if (first < 0)
				first = l;
			continue;
		}
		if (first >= 0)
			emit(&s, first, l - 1, false, fn, ctx);
		first = -1;
		if (p == end || *p == '#')
			continue;
		in_rule = is_rule_line(p, end);
	}
	if (first >= 0)
		emit(&s, first, s.n_lines - 1, false, fn, ctx);
	source_release(&s);
}

/* ---- Markdown ------------------------------------------------------ */

struct fence {
	char c;			/* '`' or '~' */
	size_t n;		/* its length */
	bool shell;		/* tagged sh, bash, shell or console */
	bool console;
};

/* Reads a fence at [p, end): returns its length, or 0 when none. */
static size_t fence_at(const char *p, const char *end, char *c)
{
	size_t n = 0;

	while (p < end && *p == ' ')
		p++;
	if (p == end || (*p != '`' && *p != '~'))
		return 0;
	*c = *p;
	while (p + n < end && p[n] == *c)
		n++;
	return n >= 3 ? n : 0;
}

static void read_info(struct fence *f, const char *p, const char *end)
{
	static const char *const shells[] = { "sh", "bash", "shell",
					      "console" };
	const char *word;
	size_t n;

	while (p < end && (*p == ' ' || *p == f->c))
		p++;
	for (word = p; p < end && !isspace((unsigned char)*p) && *p != '{';)
		p++;
	n = (size_t)(p - word);
	f->shell = false;
	for (size_t i = 0; i < sizeof(shells) / sizeof(*shells); i++)
		if (strlen(shells[i]) == n && !strncasecmp(word, shells[i], n))
			f->shell = true;
	f->console = n == 7 && !strncasecmp(word, "console", 7);
}

static bool is_closing(const struct fence *f, const char *p, const char *end)
{
	char c;
	size_t n = fence_at(p, end, &c);

	if (!n || c != f->c || n < f->n)
		return false;
	while (p < end && (*p == ' ' || *p == c))
		p++;
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p == end;
}

/*
 * Masks one line of a shell fence: a `$ ` prompt is blanked; in a
 * console fence a line without one is output, unless it continues the
 * command above. Returns whether the line holds a command.
 */
static bool mask_fence_line(struct source *s, int l, const struct fence *f,
			    bool continued)
{
	size_t b = line_begin(s, l), e = line_end(s, l), p = b;

	while (p < e && (s->text[p] == ' ' || s->text[p] == '\t'))
		p++;
	if (p < e && s->text[p] == '$' && (p + 1 == e || s->text[p + 1] == ' ')) {
		mask_range(s, p + 1 < e ? p + 2 : e, e, KEEP);
		return true;
	}
	if (f->console && !continued)
		return false;
	mask_range(s, b, e, KEEP);
	return true;
}

void embedded_markdown(const char *text, size_t len, embedded_fn *fn,
		       void *ctx)
{
	struct source s;
	struct fence f = { 0, 0, false, false };
	int open = -1;
	bool continued = false;

	source_init(&s, text, len);
	for (int l = 0; l < s.n_lines; l++) {
		const char *p = text + line_begin(&s, l);
		const char *end = text + line_end(&s, l);

		if (open < 0) {
			f.n = fence_at(p, end, &f.c);
			if (f.n) {
				read_info(&f, p, end);
				open = l;
				continued = false;
			}
			continue;
		}
		if (is_closing(&f, p, end)) {
			if (f.shell && l > open + 1)
				emit(&s, open + 1, l - 1, false, fn, ctx);
			open = -1;
			continue;
		}
		if (f.shell)
			continued = mask_fence_line(&s, l, &f, continued) &&
				    ends_with_backslash(&s, l);
	}
	if (open >= 0 && f.shell && s.n_lines > open + 1)
		emit(&s, open + 1, s.n_lines - 1, false, fn, ctx);
	source_release(&s);
}

/* ---- CI files ------------------------------------------------------ */

#define CI_MAX_DEPTH 64

/* Where the event walk is: one entry a collection. */
struct ci_level {
	bool mapping;
	bool want_key;		/* mappings: the next scalar is a key */
	char *key;		/* mappings: the current key */
};

struct ci_walk {
	struct ci_level stack[CI_MAX_DEPTH];
	int depth;
	int skip;		/* collections nested too deep to follow */
	enum ci_kind kind;
};

static bool key_is(const struct ci_walk *w, int level, const char *key)
{
	const struct ci_level *v = &w->stack[level];

	return v->mapping && v->key && !strcmp(v->key, key);
}

static bool is_script_key(const struct ci_walk *w, int level)
{
	return key_is(w, level, "script") ||
	       key_is(w, level, "before_script") ||
	       key_is(w, level, "after_script");
}

/* jobs.<id>.steps[].run; the value at the top of the stack. */
static bool github_wants(const struct ci_walk *w)
{
	return w->depth == 5 && key_is(w, 0, "jobs") &&
	       w->stack[1].mapping && key_is(w, 2, "steps") &&
	       !w->stack[3].mapping && key_is(w, 4, "run");
}

/* <job>.script (and before_/after_), a scalar or (nested) lists. */
static bool gitlab_wants(const struct ci_walk *w)
{
	if (w->depth < 2 || !w->stack[0].mapping || !is_script_key(w, 1))
		return false;
	for (int i = 2; i < w->depth; i++)
		if (w->stack[i].mapping)
			return false;
	return true;
}

/* Byte offset of a libyaml mark, whose column counts characters. */
static size_t mark_offset(const struct source *s, const yaml_mark_t *m)
{
	size_t p;
	int l = (int)m->line;

	if (l >= s->n_lines)
		return s->len;
	p = line_begin(s, l);
	for (size_t col = 0; col < m->column && p < s->len; col++)
		p += utf8_len((unsigned char)s->text[p]);
	return p;
}

static void ci_scalar(struct source *s, const yaml_event_t *e,
		      embedded_fn *fn, void *ctx)
{
	yaml_scalar_style_t style = e->data.scalar.style;
	int first = (int)e->start_mark.line, last = (int)e->end_mark.line;
	size_t from = mark_offset(s, &e->start_mark);
	size_t to = mark_offset(s, &e->end_mark);

	if (style == YAML_LITERAL_SCALAR_STYLE ||
	    style == YAML_FOLDED_SCALAR_STYLE) {
		first++;	/* past the `|` or `>` line */
		if (e->end_mark.column == 0)
			last--;
		if (first > last || first >= s->n_lines)
			return;
		from = line_begin(s, first);
	}
	if (last >= s->n_lines)
		last = s->n_lines - 1;
	/* libyaml also breaks lines at a lone CR: its marks may count
	 * lines past the last newline */
	if (first > last)
		return;
	mask_range(s, from, to, KEEP);
	if ((style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	     style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) && to > from + 1) {
		s->mask[from] = BLANK;
		s->mask[to - 1] = BLANK;
	}
	emit(s, first, last, style == YAML_FOLDED_SCALAR_STYLE, fn, ctx);
	mask_range(s, line_begin(s, first), line_end(s, last), BLANK);
}

static void ci_push(struct ci_walk *w, bool mapping)
{
	struct ci_level *v;

	if (w->skip || w->depth == CI_MAX_DEPTH) {
		w->skip++;
		return;
	}
	v = &w->stack[w->depth++];
	v->mapping = mapping;
	v->want_key = true;
	v->key = NULL;
}

/* After a value: a mapping above wants its next key. */
static void ci_value_done(struct ci_walk *w)
{
	if (w->depth && w->stack[w->depth - 1].mapping) {
		struct ci_level *v = &w->stack[w->depth - 1];

		free(v->key);
		v->key = NULL;
		v->want_key = true;
	}
}

static void ci_pop(struct ci_walk *w)
{
	if (w->skip) {
		w->skip--;
		return;
	}
	if (!w->depth)
		return;
	free(w->stack[--w->depth].key);
	ci_value_done(w);
}

static void ci_event(struct ci_walk *w, struct source *s,
		     const yaml_event_t *e, embedded_fn *fn, void *ctx)
{
	struct ci_level *top = w->depth ? &w->stack[w->depth - 1] : NULL;

	switch (e->type) {
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		if (top && top->mapping)
			top->want_key = false;
		ci_push(w, e->type == YAML_MAPPING_START_EVENT);
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		ci_pop(w);
		break;
	case YAML_SCALAR_EVENT:
	case YAML_ALIAS_EVENT:
		if (w->skip)
			break;
		if (top && top->mapping && top->want_key) {
			top->key = e->type == YAML_SCALAR_EVENT ?
				xstrdup((const char *)e->data.scalar.value) :
				NULL;
			top->want_key = false;
			break;
		}
		if (e->type == YAML_SCALAR_EVENT &&
		    (w->kind == CI_GITHUB ? github_wants(w) : gitlab_wants(w)))
			ci_scalar(s, e, fn, ctx);
		ci_value_done(w);
		break;
	default:
		break;
	}
}

static void report_yaml_error(const yaml_parser_t *p, const char *path,
			      struct findings *out)
{
	struct loc loc = { path, (int)p->problem_mark.line + 1,
			   (int)p->problem_mark.column + 1,
			   (int)p->problem_mark.line + 1,
			   (int)p->problem_mark.column + 2 };

	finding_add(out, "ML001", SEV_OFF, &loc, NULL, NULL, "%s",
		    p->problem ? p->problem : "invalid YAML");
}

int embedded_ci(const char *text, size_t len, enum ci_kind kind,
		const char *path, struct findings *out, embedded_fn *fn,
		void *ctx)
{
	struct ci_walk w;
	struct source s;
	yaml_parser_t parser;
	yaml_event_t e;
	int ret = 0;

	memset(&w, 0, sizeof(w));
	w.kind = kind;
	source_init(&s, text, len);
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	for (;;) {
		if (!yaml_parser_parse(&parser, &e)) {
			report_yaml_error(&parser, path, out);
			ret = -1;
			break;
		}
		ci_event(&w, &s, &e, fn, ctx);
		if (e.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		yaml_event_delete(&e);
	}
	while (w.depth)
		free(w.stack[--w.depth].key);
	yaml_parser_delete(&parser);
	source_release(&s);
	return ret;
}
