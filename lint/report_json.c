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

#include <stdlib.h>
#include <string.h>

#include "banned.h"

/* Writes s as a JSON string: quotes, backslash and controls escaped. */
static void put_string(FILE *out, const char *s)
{
	const char *run = s;

	putc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *esc;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		fwrite(run, 1, (size_t)(s - run), out);
		run = s + 1;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default: esc = NULL; break;
		}
		if (esc)
			fputs(esc, out);
		else
			fprintf(out, "\\u%04x", c);
	}
	fwrite(run, 1, (size_t)(s - run), out);
	putc('"', out);
}

static void put_indent(FILE *out, int depth)
{
	for (int i = 0; i < depth; i++)
		putc('\t', out);
}

/* Opens a member at depth: the indent, the key and the colon. */
static void put_key(FILE *out, int depth, const char *key)
{
	put_indent(out, depth);
	put_string(out, key);
	fputs(":\t", out);
}

/* Ends a member: a comma unless it is the object's last. */
static void put_end(FILE *out, bool last)
{
	fputs(last ? "\n" : ",\n", out);
}

static void member_string(FILE *out, int depth, const char *key,
			  const char *s, bool last)
{
	put_key(out, depth, key);
	if (s)
		put_string(out, s);
	else
		fputs("null", out);
	put_end(out, last);
}

static void member_number(FILE *out, int depth, const char *key, long n,
			  bool last)
{
	put_key(out, depth, key);
	fprintf(out, "%ld", n);
	put_end(out, last);
}

static void member_null(FILE *out, int depth, const char *key, bool last)
{
	member_string(out, depth, key, NULL, last);
}

static void finding_json(FILE *out, const struct finding *x)
{
	const int d = 3;

	fputs("{\n", out);
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
	putc('}', out);
}

static void error_json(FILE *out, const struct input_error *e)
{
	const int d = 3;

	fputs("{\n", out);
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
	putc('}', out);
}

void report_json(FILE *out, const struct findings *f,
		 const struct report_opts *o)
{
	struct report_counts c = report_count(f);

	fputs("{\n", out);
	member_number(out, 1, "version", 1, false);
	put_key(out, 1, "tool");
	fputs("{\n", out);
	member_string(out, 2, "name", "mountlint", false);
	member_string(out, 2, "version", MOUNTLINT_VERSION, true);
	put_indent(out, 1);
	fputs("},\n", out);

	put_key(out, 1, "findings");
	putc('[', out);
	for (size_t i = 0; i < f->n; i++) {
		if (i)
			fputs(", ", out);
		finding_json(out, &f->items[i]);
	}
	fputs("],\n", out);
	put_key(out, 1, "errors");
	putc('[', out);
	for (size_t i = 0; i < f->n_errors; i++) {
		if (i)
			fputs(", ", out);
		error_json(out, &f->errors[i]);
	}
	fputs("],\n", out);

	put_key(out, 1, "summary");
	fputs("{\n", out);
	member_number(out, 2, "files", (long)o->files, false);
	member_number(out, 2, "error", (long)c.error, false);
	member_number(out, 2, "warning", (long)c.warning, false);
	member_number(out, 2, "info", (long)c.info, true);
	put_indent(out, 1);
	fputs("}\n}\n", out);
}
