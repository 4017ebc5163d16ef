/*
 * The json format: one object with stable field names (SPEC.md, section
 * 3). Every key is always present; absent values are null.
 */
#include "report.h"

#include <stdlib.h>

#include <cJSON.h>

#include "mem.h"
#include "banned.h"

static void add_string_or_null(cJSON *obj, const char *key, const char *s)
{
	if (s)
		cJSON_AddStringToObject(obj, key, s);
	else
		cJSON_AddNullToObject(obj, key);
}

static cJSON *finding_json(const struct finding *x)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "rule", x->rule->id);
	cJSON_AddStringToObject(o, "name", x->rule->name);
	cJSON_AddStringToObject(o, "severity", severity_name(x->severity));
	cJSON_AddStringToObject(o, "file", x->file);
	cJSON_AddNumberToObject(o, "line", x->loc.line);
	cJSON_AddNumberToObject(o, "column", x->loc.col);
	cJSON_AddNumberToObject(o, "end_line", x->loc.end_line);
	cJSON_AddNumberToObject(o, "end_column", x->loc.end_col);
	add_string_or_null(o, "service", x->service);
	cJSON_AddStringToObject(o, "message", x->message);
	add_string_or_null(o, "fix", x->fix);
	if (x->suppressed)
		cJSON_AddStringToObject(o, "suppressed", x->suppressed);
	return o;
}

static cJSON *error_json(const struct input_error *e)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "file", e->file);
	if (e->line) {
		cJSON_AddNumberToObject(o, "line", e->line);
		cJSON_AddNumberToObject(o, "column", e->col);
	} else {
		cJSON_AddNullToObject(o, "line");
		cJSON_AddNullToObject(o, "column");
	}
	cJSON_AddStringToObject(o, "message", e->message);
	return o;
}

void report_json(FILE *out, const struct findings *f,
		 const struct report_opts *o)
{
	struct report_counts c = report_count(f);
	cJSON *root = cJSON_CreateObject();
	cJSON *tool, *list, *summary;

	cJSON_AddNumberToObject(root, "version", 1);
	tool = cJSON_AddObjectToObject(root, "tool");
	cJSON_AddStringToObject(tool, "name", "mountlint");
	cJSON_AddStringToObject(tool, "version", MOUNTLINT_VERSION);

	list = cJSON_AddArrayToObject(root, "findings");
	for (size_t i = 0; i < f->n; i++)
		cJSON_AddItemToArray(list, finding_json(&f->items[i]));
	list = cJSON_AddArrayToObject(root, "errors");
	for (size_t i = 0; i < f->n_errors; i++)
		cJSON_AddItemToArray(list, error_json(&f->errors[i]));

	summary = cJSON_AddObjectToObject(root, "summary");
	cJSON_AddNumberToObject(summary, "files", (double)o->files);
	cJSON_AddNumberToObject(summary, "error", (double)c.error);
	cJSON_AddNumberToObject(summary, "warning", (double)c.warning);
	cJSON_AddNumberToObject(summary, "info", (double)c.info);

	report_print_json(out, root);
}
