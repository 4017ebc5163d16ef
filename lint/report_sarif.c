/*
 * SARIF 2.1.0: the rules of the registry with their documentation, one
 * result per finding (suppressed ones with their justification), and the
 * inputs that could not be read as tool notifications.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "policy.h"
#include "report_out.h"
#include "ruledoc.h"
#include "banned.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

static const char *sarif_level(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}

static void rule_json(struct jw *w, const struct rule *r)
{
	char *full = xasprintf("%s. %s", r->summary, r->rationale);
	char *uri = xasprintf("%s#%s", RULES_DOC_URL, r->id);
	char *help = xasprintf("%s Fix: %s", r->rationale, r->fix);

	jw_object(w, NULL);
	jw_string(w, "id", r->id);
	jw_string(w, "name", r->name);
	jw_text(w, "shortDescription", r->summary);
	jw_text(w, "fullDescription", full);
	jw_string(w, "helpUri", uri);
	jw_text(w, "help", help);
	jw_object(w, "defaultConfiguration");
	jw_string(w, "level", sarif_level(r->severity));
	jw_end_object(w);
	jw_end_object(w);
	free(full);
	free(uri);
	free(help);
}

/* A list of one location; the region only when the line is known. */
static void locations_json(struct jw *w, const char *file, int line, int col,
			   int end_line, int end_col)
{
	jw_array(w, "locations");
	jw_object(w, NULL);
	jw_object(w, "physicalLocation");
	jw_object(w, "artifactLocation");
	jw_string(w, "uri", file);
	jw_end_object(w);
	if (line >= 1) {
		jw_object(w, "region");
		jw_number(w, "startLine", line);
		jw_number(w, "startColumn", col);
		if (end_line >= line) {
			jw_number(w, "endLine", end_line);
			jw_number(w, "endColumn", end_col);
		}
		jw_end_object(w);
	}
	jw_end_object(w);
	jw_end_object(w);
	jw_end_array(w);
}

static void result_json(struct jw *w, const struct finding *x)
{
	jw_object(w, NULL);
	jw_string(w, "ruleId", x->rule->id);
	jw_number(w, "ruleIndex", (long)rule_index(x->rule));
	jw_string(w, "level", sarif_level(x->severity));
	jw_text(w, "message", x->message);
	locations_json(w, x->file, x->loc.line, x->loc.col, x->loc.end_line,
		       x->loc.end_col);
	if (x->suppressed) {
		jw_array(w, "suppressions");
		jw_object(w, NULL);
		jw_string(w, "kind", "inSource");
		jw_string(w, "justification", x->suppressed);
		jw_end_object(w);
		jw_end_array(w);
	}
	if (x->service || x->fix) {
		jw_object(w, "properties");
		if (x->service)
			jw_string(w, "service", x->service);
		if (x->fix)
			jw_string(w, "fix", x->fix);
		jw_end_object(w);
	}
	jw_end_object(w);
}

static void notification_json(struct jw *w, const struct input_error *e)
{
	jw_object(w, NULL);
	jw_string(w, "level", "error");
	jw_text(w, "message", e->message);
	locations_json(w, e->file, e->line, e->col, 0, 0);
	jw_end_object(w);
}

static void invocation_json(struct jw *w, const struct findings *f)
{
	jw_object(w, NULL);
	jw_bool(w, "executionSuccessful", f->n_errors == 0);
	jw_array(w, "toolExecutionNotifications");
	for (size_t i = 0; i < f->n_errors; i++)
		notification_json(w, &f->errors[i]);
	jw_end_array(w);
	jw_end_object(w);
}

static void driver_json(struct jw *w)
{
	jw_object(w, "tool");
	jw_object(w, "driver");
	jw_string(w, "name", "mountlint");
	jw_string(w, "version", MOUNTLINT_VERSION);
	jw_string(w, "informationUri", RULES_DOC_URL);
	jw_array(w, "rules");
	for (size_t i = 0; i < rule_count; i++)
		rule_json(w, rule_registry[i]);
	jw_end_array(w);
	jw_end_object(w);
	jw_end_object(w);
}

void report_sarif(FILE *out, const struct findings *f,
		  const struct report_opts *o)
{
	struct jw *w = jw_open(out);

	(void)o;
	jw_object(w, NULL);
	jw_string(w, "$schema", SARIF_SCHEMA);
	jw_string(w, "version", "2.1.0");
	jw_array(w, "runs");
	jw_object(w, NULL);
	driver_json(w);

	jw_array(w, "results");
	for (size_t i = 0; i < f->n; i++)
		result_json(w, &f->items[i]);
	jw_end_array(w);
	jw_array(w, "invocations");
	invocation_json(w, f);
	jw_end_array(w);

	jw_end_object(w);
	jw_end_array(w);
	jw_end_object(w);
	jw_close(w);
}
