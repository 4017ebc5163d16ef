/*
 * The default format, gcc-style:
 *	compose.yaml:12:9: warning: message [ML201]
 *	  fix: ...
 * with the source line and a caret under the span when asked.
 */
#include "report.h"

#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "banned.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"

static const char *severity_color(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return "\033[1;31m";
	case SEV_WARNING:
		return "\033[1;35m";
	default:
		return "\033[1;36m";
	}
}

/*
 * Adds the line, then spaces (tabs kept, so the caret lines up) up to
 * the start column and a caret with tildes to the end of the span.
 */
static void add_excerpt(struct buf *b, const struct finding *x, bool color)
{
	const char *line = x->excerpt;
	size_t len = strlen(line);
	int col = 1, end;
	size_t i = 0;

	end = x->loc.end_line == x->loc.line ? x->loc.end_col : 0;
	buf_addf(b, "  %s\n  ", line);
	while (i < len && col < x->loc.col) {
		buf_addch(b, line[i] == '\t' ? '\t' : ' ');
		i += utf8_len((unsigned char)line[i]);
		col++;
	}
	if (end <= col)
		end = (int)utf8_count(line, len) + 1;
	if (color)
		buf_adds(b, "\033[1;32m");
	buf_addch(b, '^');
	for (col++; col < end; col++)
		buf_addch(b, '~');
	if (color)
		buf_adds(b, C_RESET);
	buf_addch(b, '\n');
}

/* Writes one finding, gathered in b first. */
static void print_finding(FILE *out, struct buf *b, const struct finding *x,
			  const struct report_opts *o)
{
	const char *sev = severity_name(x->severity);

	buf_reset(b);
	if (o->color)
		buf_addf(b, C_BOLD "%s:%d:%d:" C_RESET " %s%s:" C_RESET
			 " %s [%s]\n", x->file, x->loc.line, x->loc.col,
			 severity_color(x->severity), sev, x->message,
			 x->rule->id);
	else
		buf_addf(b, "%s:%d:%d: %s: %s [%s]\n", x->file, x->loc.line,
			 x->loc.col, sev, x->message, x->rule->id);
	if (o->excerpt && x->excerpt)
		add_excerpt(b, x, o->color);
	if (x->fix)
		buf_addf(b, "  fix: %s\n", x->fix);
	fwrite(b->data, 1, b->len, out);
}

void report_text(FILE *out, const struct findings *f,
		 const struct report_opts *o)
{
	struct report_counts c = report_count(f);
	struct buf b;

	buf_init(&b, 0);
	for (size_t i = 0; i < f->n; i++)
		if (!f->items[i].suppressed)
			print_finding(out, &b, &f->items[i], o);
	buf_release(&b);
	fflush(out);	/* findings before the summary, even in a pipe */
	for (size_t i = 0; i < f->n_errors; i++) {
		const struct input_error *e = &f->errors[i];

		if (e->line)
			fprintf(stderr, "%s:%d:%d: error: %s\n", e->file,
				e->line, e->col, e->message);
		else
			fprintf(stderr, "%s: error: %s\n", e->file,
				e->message);
	}
	fprintf(stderr, "mountlint: %zu file%s, %zu error%s, %zu warning%s, "
		"%zu info\n", o->files, o->files == 1 ? "" : "s",
		c.error, c.error == 1 ? "" : "s",
		c.warning, c.warning == 1 ? "" : "s", c.info);
}
