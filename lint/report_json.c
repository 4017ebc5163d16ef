/*
 * The json format: one object with stable field names (SPEC.md, section
 * 3). Every key is always present; absent values are null.
 *
 * The document is streamed (report_out.h) in the layout of the other
 * JSON formats; its fixed parts are written as literals, each the end
 * of one member and the key of the next.
 */
#include "report.h"

#include "report_out.h"
#include "banned.h"


/* The text before a member's value: the end of the member before it, or
 * the opening brace, the indent and the key. */
#define FIRST(tabs, key)	"{\n" tabs "\"" key "\":\t"
#define NEXT(tabs, key)		",\n" tabs "\"" key "\":\t"

#define D1 "\t"
#define D2 "\t\t"
#define D3 "\t\t\t"

static void finding_json(struct rout *out, const struct finding *x)
{
	ROUT_PUT(out, FIRST(D3, "rule"));
	rout_string(out, x->rule->id);
	ROUT_PUT(out, NEXT(D3, "name"));
	rout_string(out, x->rule->name);
	ROUT_PUT(out, NEXT(D3, "severity"));
	rout_string(out, severity_name(x->severity));
	ROUT_PUT(out, NEXT(D3, "file"));
	rout_string(out, x->file);
	ROUT_PUT(out, NEXT(D3, "line"));
	rout_number(out, x->loc.line);
	ROUT_PUT(out, NEXT(D3, "column"));
	rout_number(out, x->loc.col);
	ROUT_PUT(out, NEXT(D3, "end_line"));
	rout_number(out, x->loc.end_line);
	ROUT_PUT(out, NEXT(D3, "end_column"));
	rout_number(out, x->loc.end_col);
	ROUT_PUT(out, NEXT(D3, "service"));
	rout_string(out, x->service);
	ROUT_PUT(out, NEXT(D3, "message"));
	rout_string(out, x->message);
	ROUT_PUT(out, NEXT(D3, "fix"));
	rout_string(out, x->fix);
	if (x->suppressed) {
		ROUT_PUT(out, NEXT(D3, "suppressed"));
		rout_string(out, x->suppressed);
	}
	ROUT_PUT(out, "\n" D2 "}");
}

static void error_json(struct rout *out, const struct input_error *e)
{
	ROUT_PUT(out, FIRST(D3, "file"));
	rout_string(out, e->file);
	ROUT_PUT(out, NEXT(D3, "line"));
	if (e->line)
		rout_number(out, e->line);
	else
		ROUT_PUT(out, "null");
	ROUT_PUT(out, NEXT(D3, "column"));
	if (e->line)
		rout_number(out, e->col);
	else
		ROUT_PUT(out, "null");
	ROUT_PUT(out, NEXT(D3, "message"));
	rout_string(out, e->message);
	ROUT_PUT(out, "\n" D2 "}");
}

static void summary_json(struct rout *out, const struct findings *f,
			 const struct report_opts *o)
{
	struct report_counts c = report_count(f);

	ROUT_PUT(out, FIRST(D2, "files"));
	rout_number(out, (long)o->files);
	ROUT_PUT(out, NEXT(D2, "error"));
	rout_number(out, (long)c.error);
	ROUT_PUT(out, NEXT(D2, "warning"));
	rout_number(out, (long)c.warning);
	ROUT_PUT(out, NEXT(D2, "info"));
	rout_number(out, (long)c.info);
	ROUT_PUT(out, "\n" D1 "}");
}

void report_json(FILE *fp, const struct findings *f,
		 const struct report_opts *o)
{
	struct jw *w = jw_open(fp);
	struct rout *out = &w->out;

	ROUT_PUT(out, FIRST(D1, "version") "1" NEXT(D1, "tool"));
	ROUT_PUT(out, FIRST(D2, "name"));
	rout_string(out, "mountlint");
	ROUT_PUT(out, NEXT(D2, "version"));
	rout_string(out, MOUNTLINT_VERSION);
	ROUT_PUT(out, "\n" D1 "}" NEXT(D1, "findings") "[");

	for (size_t i = 0; i < f->n; i++) {
		if (i)
			ROUT_PUT(out, ", ");
		finding_json(out, &f->items[i]);
	}
	ROUT_PUT(out, "]" NEXT(D1, "errors") "[");
	for (size_t i = 0; i < f->n_errors; i++) {
		if (i)
			ROUT_PUT(out, ", ");
		error_json(out, &f->errors[i]);
	}
	ROUT_PUT(out, "]" NEXT(D1, "summary"));
	summary_json(out, f, o);
	ROUT_PUT(out, "\n}");
	jw_close(w);
}
