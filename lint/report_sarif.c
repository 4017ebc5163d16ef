/*
 * SARIF 2.1.0: the rules of the registry with their documentation, one
 * result per finding (suppressed ones with their justification), and the
 * inputs that could not be read as tool notifications.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "mem.h"
#include "policy.h"
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

static void add_text(cJSON *obj, const char *key, const char *text)
{
	cJSON *m = cJSON_AddObjectToObject(obj, key);

	cJSON_AddStringToObject(m, "text", text);
}

static cJSON *rule_json(const struct rule *r)
{
	cJSON *o = cJSON_CreateObject(), *conf;
	char *full = xasprintf("%s. %s", r->summary, r->rationale);
	char *uri = xasprintf("%s#%s", RULES_DOC_URL, r->id);
	char *help = xasprintf("%s Fix: %s", r->rationale, r->fix);

	cJSON_AddStringToObject(o, "id", r->id);
	cJSON_AddStringToObject(o, "name", r->name);
	add_text(o, "shortDescription", r->summary);
	add_text(o, "fullDescription", full);
	cJSON_AddStringToObject(o, "helpUri", uri);
	add_text(o, "help", help);
	conf = cJSON_AddObjectToObject(o, "defaultConfiguration");
	cJSON_AddStringToObject(conf, "level", sarif_level(r->severity));
	free(full);
	free(uri);
	free(help);
	return o;
}

static cJSON *location_json(const char *file, int line, int col,
			    int end_line, int end_col)
{
	cJSON *loc = cJSON_CreateObject();
	cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
	cJSON *art = cJSON_AddObjectToObject(phys, "artifactLocation");
	cJSON *region;

	cJSON_AddStringToObject(art, "uri", file);
	if (line < 1)
		return loc;
	region = cJSON_AddObjectToObject(phys, "region");
	cJSON_AddNumberToObject(region, "startLine", line);
	cJSON_AddNumberToObject(region, "startColumn", col);
	if (end_line >= line) {
		cJSON_AddNumberToObject(region, "endLine", end_line);
		cJSON_AddNumberToObject(region, "endColumn", end_col);
	}
	return loc;
}

static cJSON *result_json(const struct finding *x)
{
	cJSON *o = cJSON_CreateObject(), *locs, *props;

	cJSON_AddStringToObject(o, "ruleId", x->rule->id);
	cJSON_AddNumberToObject(o, "ruleIndex", (double)rule_index(x->rule));
	cJSON_AddStringToObject(o, "level", sarif_level(x->severity));
	add_text(o, "message", x->message);
	locs = cJSON_AddArrayToObject(o, "locations");
	cJSON_AddItemToArray(locs, location_json(x->file, x->loc.line,
						 x->loc.col, x->loc.end_line,
						 x->loc.end_col));
	if (x->suppressed) {
		cJSON *list = cJSON_AddArrayToObject(o, "suppressions");
		cJSON *s = cJSON_CreateObject();

		cJSON_AddStringToObject(s, "kind", "inSource");
		cJSON_AddStringToObject(s, "justification", x->suppressed);
		cJSON_AddItemToArray(list, s);
	}
	if (x->service || x->fix) {
		props = cJSON_AddObjectToObject(o, "properties");
		if (x->service)
			cJSON_AddStringToObject(props, "service", x->service);
		if (x->fix)
			cJSON_AddStringToObject(props, "fix", x->fix);
	}
	return o;
}

static cJSON *notification_json(const struct input_error *e)
{
	cJSON *o = cJSON_CreateObject(), *locs;

	cJSON_AddStringToObject(o, "level", "error");
	add_text(o, "message", e->message);
	locs = cJSON_AddArrayToObject(o, "locations");
	cJSON_AddItemToArray(locs, location_json(e->file, e->line, e->col,
						 0, 0));
	return o;
}

static cJSON *invocation_json(const struct findings *f)
{
	cJSON *inv = cJSON_CreateObject(), *notes;

	cJSON_AddBoolToObject(inv, "executionSuccessful", f->n_errors == 0);
	notes = cJSON_AddArrayToObject(inv, "toolExecutionNotifications");
	for (size_t i = 0; i < f->n_errors; i++)
		cJSON_AddItemToArray(notes, notification_json(&f->errors[i]));
	return inv;
}

void report_sarif(FILE *out, const struct findings *f,
		  const struct report_opts *o)
{
	cJSON *root = cJSON_CreateObject(), *runs, *run, *driver, *list;

	(void)o;
	cJSON_AddStringToObject(root, "$schema", SARIF_SCHEMA);
	cJSON_AddStringToObject(root, "version", "2.1.0");
	runs = cJSON_AddArrayToObject(root, "runs");
	run = cJSON_CreateObject();
	cJSON_AddItemToArray(runs, run);

	driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"),
					 "driver");
	cJSON_AddStringToObject(driver, "name", "mountlint");
	cJSON_AddStringToObject(driver, "version", MOUNTLINT_VERSION);
	cJSON_AddStringToObject(driver, "informationUri", RULES_DOC_URL);
	list = cJSON_AddArrayToObject(driver, "rules");
	for (size_t i = 0; i < rule_count; i++)
		cJSON_AddItemToArray(list, rule_json(rule_registry[i]));

	list = cJSON_AddArrayToObject(run, "results");
	for (size_t i = 0; i < f->n; i++)
		cJSON_AddItemToArray(list, result_json(&f->items[i]));
	list = cJSON_AddArrayToObject(run, "invocations");
	cJSON_AddItemToArray(list, invocation_json(f));

	report_print_json(out, root);
}
