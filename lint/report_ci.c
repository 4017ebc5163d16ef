/*
 * Formats for CI systems: GitHub workflow commands, Checkstyle XML,
 * GitLab code quality JSON, JUnit XML. Suppressed findings are left out
 * of all four: these formats have no place for them.
 */
#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "mem.h"
#include "report_out.h"
#include "banned.h"

/*
 * Writes s with each byte of `special` replaced by the string at the same
 * place in `as`; the runs between are written whole.
 */
static void escape_runs(FILE *out, const char *s, const char *special,
			const char *const *as)
{
	for (;;) {
		size_t run = strcspn(s, special);

		fwrite(s, 1, run, out);
		s += run;
		if (!*s)
			return;
		fputs(as[strchr(special, *s++) - special], out);
	}
}

/* Escapes text for a workflow command; `property` adds ':' and ','. */
static void github_escape(FILE *out, const char *s, int property)
{
	static const char *const as[] = { "%25", "%0D", "%0A", "%3A", "%2C" };

	escape_runs(out, s, property ? "%\r\n:," : "%\r\n", as);
}

static const char *github_level(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning"
							   : "notice";
}

void report_github(FILE *out, const struct findings *f,
		   const struct report_opts *o)
{
	(void)o;
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->items[i];
		char *title;

		if (x->suppressed)
			continue;
		title = xasprintf("%s %s", x->rule->id, x->rule->name);
		fprintf(out, "::%s file=", github_level(x->severity));
		github_escape(out, x->file, 1);
		fprintf(out, ",line=%d,col=%d,endLine=%d,endColumn=%d,title=",
			x->loc.line, x->loc.col, x->loc.end_line,
			x->loc.end_col);
		github_escape(out, title, 1);
		fputs("::", out);
		github_escape(out, x->message, 0);
		if (x->fix) {
			fputs("%0Afix: ", out);
			github_escape(out, x->fix, 0);
		}
		fputc('\n', out);
		free(title);
	}
	for (size_t i = 0; i < f->n_errors; i++) {
		fputs("::error file=", out);
		github_escape(out, f->errors[i].file, 1);
		fputs("::", out);
		github_escape(out, f->errors[i].message, 0);
		fputc('\n', out);
	}
}

static void xml_escape(FILE *out, const char *s)
{
	static const char *const as[] = {
		"&lt;", "&gt;", "&amp;", "&quot;", "&#10;",
	};

	escape_runs(out, s, "<>&\"\n", as);
}

void report_checkstyle(FILE *out, const struct findings *f,
		       const struct report_opts *o)
{
	const char *open = NULL;	/* the file of the open <file> */

	(void)o;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<checkstyle version=\"4.3\">\n", out);
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->items[i];

		if (x->suppressed)
			continue;
		if (!open || strcmp(open, x->file)) {
			if (open)
				fputs("  </file>\n", out);
			fputs("  <file name=\"", out);
			xml_escape(out, x->file);
			fputs("\">\n", out);
			open = x->file;
		}
		fprintf(out, "    <error line=\"%d\" column=\"%d\" "
			"severity=\"%s\" message=\"", x->loc.line, x->loc.col,
			severity_name(x->severity));
		xml_escape(out, x->message);
		fprintf(out, "\" source=\"mountlint.%s\"/>\n", x->rule->id);
	}
	if (open)
		fputs("  </file>\n", out);
	for (size_t i = 0; i < f->n_errors; i++) {
		fputs("  <file name=\"", out);
		xml_escape(out, f->errors[i].file);
		fputs("\">\n    <error severity=\"error\" message=\"", out);
		xml_escape(out, f->errors[i].message);
		fputs("\" source=\"mountlint\"/>\n  </file>\n", out);
	}
	fputs("</checkstyle>\n", out);
}

/* FNV-1a, 64 bits, continued from h; a 0xff byte ends each string. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	static const unsigned char end = 0xff;

	return hash_bytes(hash_bytes(h, s, strlen(s)), &end, 1);
}

/*
 * A fingerprint that stays the same while the finding does: the rule,
 * the file, the message and the source line's text, not its number, and
 * how many identical findings (same) came before it in the file.
 */
static char *fingerprint(const struct finding *x, unsigned same)
{
	uint64_t a = HASH_START, b = 0x84222325cbf29ce4ULL;
	char nth[16];
	const char *parts[5];

	snprintf(nth, sizeof(nth), "%u", same);
	parts[0] = x->rule->id;
	parts[1] = x->file;
	parts[2] = x->message;
	parts[3] = x->excerpt ? x->excerpt : "";
	parts[4] = nth;
	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		a = fnv1a(a, parts[k]);
		b = fnv1a(b ^ a, parts[k]);
	}
	return xasprintf("%016llx%016llx", (unsigned long long)a,
			 (unsigned long long)b);
}

/* Findings told apart by rule, file and message, each with a count. */
struct seen {
	struct seen_slot {
		const struct finding *x;	/* the first of its kind */
		unsigned count;
	} *slots;
	size_t mask;		/* the number of slots, less one */
};

static void seen_init(struct seen *t, size_t n)
{
	size_t size = 16;

	while (size < 2 * n)
		size *= 2;
	t->slots = xcalloc(size, sizeof(*t->slots));
	t->mask = size - 1;
}

static bool same_kind(const struct finding *x, const struct finding *y)
{
	return x->rule == y->rule && !strcmp(x->file, y->file) &&
	       !strcmp(x->message, y->message);
}

/* How many findings of x's kind were counted before; counts x. */
static unsigned seen_count(struct seen *t, const struct finding *x)
{
	uint64_t h = fnv1a(fnv1a(fnv1a(HASH_START, x->rule->id),
				 x->file), x->message);
	struct seen_slot *s;

	for (size_t i = (size_t)h & t->mask;; i = (i + 1) & t->mask) {
		s = &t->slots[i];
		if (!s->x || same_kind(s->x, x))
			break;
	}
	if (!s->x)
		s->x = x;
	return s->count++;
}

static const char *gitlab_severity(enum severity s)
{
	return s == SEV_ERROR ? "major" : s == SEV_WARNING ? "minor" : "info";
}

static void gitlab_issue(struct jw *w, const struct finding *x,
			 unsigned same)
{
	char *fp = fingerprint(x, same);

	jw_object(w, NULL);
	jw_string(w, "description", x->message);
	jw_string(w, "check_name", x->rule->id);
	jw_string(w, "fingerprint", fp);
	jw_string(w, "severity", gitlab_severity(x->severity));
	jw_object(w, "location");
	jw_string(w, "path", x->file);
	jw_object(w, "positions");
	jw_object(w, "begin");
	jw_number(w, "line", x->loc.line);
	jw_number(w, "column", x->loc.col);
	jw_end_object(w);
	jw_end_object(w);
	jw_end_object(w);
	jw_end_object(w);
	free(fp);
}

void report_gitlab(FILE *out, const struct findings *f,
		   const struct report_opts *o)
{
	struct jw *w = jw_open(out);
	struct seen seen;

	(void)o;
	seen_init(&seen, f->n);
	jw_array(w, NULL);
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->items[i];
		unsigned same = seen_count(&seen, x);

		if (!x->suppressed)
			gitlab_issue(w, x, same);
	}
	jw_end_array(w);
	jw_close(w);
	free(seen.slots);
}

static void junit_case(FILE *out, const struct finding *x)
{
	fprintf(out, "    <testcase classname=\"mountlint.%s\" name=\"",
		x->rule->id);
	xml_escape(out, x->file);
	fprintf(out, ":%d:%d %s\">\n      <failure type=\"%s\" message=\"",
		x->loc.line, x->loc.col, x->rule->name,
		severity_name(x->severity));
	xml_escape(out, x->message);
	fputs("\">", out);
	xml_escape(out, x->fix ? x->fix : "");
	fputs("</failure>\n    </testcase>\n", out);
}

void report_junit(FILE *out, const struct findings *f,
		  const struct report_opts *o)
{
	struct report_counts c = report_count(f);
	size_t failures = c.error + c.warning + c.info;

	(void)o;
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<testsuites name=\"mountlint\" tests=\"%zu\" "
		"failures=\"%zu\" errors=\"%zu\">\n"
		"  <testsuite name=\"mountlint\" tests=\"%zu\" "
		"failures=\"%zu\" errors=\"%zu\">\n",
		failures + f->n_errors, failures, f->n_errors,
		failures + f->n_errors, failures, f->n_errors);
	for (size_t i = 0; i < f->n; i++)
		if (!f->items[i].suppressed)
			junit_case(out, &f->items[i]);
	for (size_t i = 0; i < f->n_errors; i++) {
		fputs("    <testcase classname=\"mountlint\" name=\"", out);
		xml_escape(out, f->errors[i].file);
		fputs("\">\n      <error message=\"", out);
		xml_escape(out, f->errors[i].message);
		fputs("\"/>\n    </testcase>\n", out);
	}
	fputs("  </testsuite>\n</testsuites>\n", out);
}
