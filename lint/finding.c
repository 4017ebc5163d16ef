#include "finding.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "mem.h"
#include "banned.h"

void findings_init(struct findings *f)
{
	memset(f, 0, sizeof(*f));
	f->file_limit = LIMIT_FINDINGS;
}

void finding_release(struct finding *x)
{
	free(x->service);
	free(x->message);
	free(x->fix);
	free(x->suppressed);
	free(x->excerpt);
}

void findings_release(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		finding_release(&f->items[i]);
	free(f->items);
	for (size_t i = 0; i < f->n_errors; i++) {
		free(f->errors[i].file);
		free(f->errors[i].message);
	}
	free(f->errors);
	for (size_t i = 0; i < f->n_files; i++)
		free(f->files[i]);
	free(f->files);
	memset(f, 0, sizeof(*f));
}

void finding_begin_file(struct findings *f)
{
	f->file_count = 0;
	f->file_capped = false;
	f->parse_failed = false;
}

void findings_mark(const struct findings *f, struct findings_mark *m)
{
	m->n = f->n;
	m->n_errors = f->n_errors;
	m->file_count = f->file_count;
	m->file_capped = f->file_capped;
	m->parse_failed = f->parse_failed;
	m->last_rule = f->last_rule;
}

void findings_rollback(struct findings *f, const struct findings_mark *m)
{
	while (f->n > m->n)
		finding_release(&f->items[--f->n]);
	while (f->n_errors > m->n_errors) {
		f->n_errors--;
		free(f->errors[f->n_errors].file);
		free(f->errors[f->n_errors].message);
	}
	f->file_count = m->file_count;
	f->file_capped = m->file_capped;
	f->parse_failed = m->parse_failed;
	f->last_rule = m->last_rule;
}

static bool is_input_rule(const char *id)
{
	return !strcmp(id, "ML001") || !strcmp(id, "ML002") ||
	       !strcmp(id, "ML005");
}

/*
 * Control characters from the linted input (an escape sequence, a
 * newline inside a value) would break a one-line format or reach the
 * terminal: each becomes a '?'.
 */
static char *printable(char *s)
{
	for (char *p = s; p && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return s;
}

/* The findings' copy of file name: findings come file by file, so the
 * last name kept is mostly the one. */
static const char *keep_file(struct findings *f, const char *file)
{
	if (f->n_files && !strcmp(f->files[f->n_files - 1], file))
		return f->files[f->n_files - 1];
	grow_array(&f->files, sizeof(*f->files), f->n_files + 1,
		   &f->cap_files);
	f->files[f->n_files] = xstrdup(file);
	return f->files[f->n_files++];
}

static struct finding *push(struct findings *f, const char *id,
			    enum severity severity, const struct loc *loc,
			    const char *service, const char *fix, char *message)
{
	const struct rule *rule = f->last_rule &&
				  !strcmp(f->last_rule->id, id) ?
				  f->last_rule : rule_find(id);
	struct finding *x;

	if (!rule) {
		fprintf(stderr, "mountlint: internal error: no rule '%s'\n", id);
		abort();
	}
	f->last_rule = rule;
	if (is_input_rule(rule->id))
		f->parse_failed = true;
	x = ARRAY_PUSH(*f);
	memset(x, 0, sizeof(*x));
	x->rule = rule;
	x->seq = f->n - 1;
	x->severity = severity ? severity : rule->severity;
	x->file = keep_file(f, loc && loc->file ? loc->file : "");
	if (loc)
		x->loc = *loc;
	x->loc.file = x->file;
	x->service = service ? printable(xstrdup(service)) : NULL;
	x->fix = fix ? printable(xstrdup(fix)) : NULL;
	x->message = printable(message);
	return x;
}

struct finding *finding_add(struct findings *f, const char *id,
			    enum severity severity, const struct loc *loc,
			    const char *service, const char *fix,
			    const char *fmt, ...)
{
	va_list ap;
	char *message;

	if (f->file_capped)
		return NULL;
	if (++f->file_count > f->file_limit) {
		f->file_capped = true;
		push(f, "ML002", SEV_OFF, loc, NULL, NULL,
		     xasprintf("too many findings: more than %zu in one file; "
			       "the rest are not reported", f->file_limit));
		return NULL;
	}

	va_start(ap, fmt);
	message = xvasprintf(fmt, ap);
	va_end(ap);
	return push(f, id, severity, loc, service, fix, message);
}

void finding_error(struct findings *f, const char *file, int line, int col,
		   const char *fmt, ...)
{
	struct input_error *e;
	char *message;
	va_list ap;

	va_start(ap, fmt);
	message = xvasprintf(fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < f->n_errors; i++) {
		e = &f->errors[i];
		if (e->line == line && e->col == col &&
		    !strcmp(e->file, file) && !strcmp(e->message, message)) {
			free(message);
			return;
		}
	}
	grow_array(&f->errors, sizeof(*f->errors), f->n_errors + 1,
		   &f->cap_errors);
	e = &f->errors[f->n_errors++];
	e->file = xstrdup(file);
	e->line = line;
	e->col = col;
	e->message = message;
}

/* File, line, column and rule: 0 when x and y share them. */
static int compare_place(const struct finding *x, const struct finding *y)
{
	int c = x->file == y->file ? 0 : strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->loc.line != y->loc.line)
		return x->loc.line < y->loc.line ? -1 : 1;
	if (x->loc.col != y->loc.col)
		return x->loc.col < y->loc.col ? -1 : 1;
	return strcmp(x->rule->id, y->rule->id);
}

static int compare(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = compare_place(x, y);

	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Whether y repeats x: the same rule, place, message and verdict. */
static bool repeats(const struct finding *x, const struct finding *y)
{
	return x->rule == y->rule &&
	       (x->file == y->file || !strcmp(x->file, y->file)) &&
	       x->loc.line == y->loc.line && x->loc.col == y->loc.col &&
	       x->loc.end_line == y->loc.end_line &&
	       x->loc.end_col == y->loc.end_col &&
	       x->severity == y->severity && !strcmp(x->message, y->message) &&
	       !x->suppressed == !y->suppressed;
}

/* Drops each finding that repeats an earlier one of its run (same
 * file, line, column and rule). */
static void drop_repeats(struct findings *f)
{
	size_t kept = 0, run = 0;

	for (size_t i = 0; i < f->n; i++) {
		struct finding *x = &f->items[i];
		bool dup = false;

		if (kept && compare_place(&f->items[kept - 1], x))
			run = kept;
		for (size_t k = run; k < kept && !dup; k++)
			dup = repeats(&f->items[k], x);
		if (dup) {
			finding_release(x);
			continue;
		}
		f->items[kept++] = *x;
	}
	f->n = kept;
}

void findings_sort(struct findings *f)
{
	if (f->n > 1)
		qsort(f->items, f->n, sizeof(*f->items), compare);
	drop_repeats(f);
}
