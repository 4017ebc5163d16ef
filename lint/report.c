#include "report.h"

#include <string.h>

#include "banned.h"

struct report_counts report_count(const struct findings *f)
{
	struct report_counts c = { 0, 0, 0 };

	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->items[i];

		if (x->suppressed)
			continue;
		if (x->severity == SEV_ERROR)
			c.error++;
		else if (x->severity == SEV_WARNING)
			c.warning++;
		else if (x->severity == SEV_INFO)
			c.info++;
	}
	return c;
}

static const struct {
	const char *name;
	report_fn *fn;
} formats[] = {
	{ "text", report_text },
	{ "json", report_json },
	{ "sarif", report_sarif },
	{ "github", report_github },
	{ "checkstyle", report_checkstyle },
	{ "gitlab", report_gitlab },
	{ "junit", report_junit },
};

report_fn *report_find(const char *name)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(formats[i].name, name))
			return formats[i].fn;
	return NULL;
}
