/*
 * mountlint doctor: options, the pasted error, the connection, and the
 * JSON envelope every report shares.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doctor_report.h"
#include "../lint/buf.h"
#include "../lint/diag.h"
#include "../lint/mem.h"
#include "../lint/report.h"
#include "../lint/banned.h"

#define EXIT_USAGE 3

static const char usage_text[] =
	"usage: mountlint doctor [OPTIONS] 'PASTED DOCKER ERROR'\n"
	"       mountlint doctor [OPTIONS] --volume NAME\n"
	"       mountlint doctor [OPTIONS] --disk\n"
	"\n"
	"options:\n"
	"  --format text|json   the report's format (default text)\n"
	"  --timeout SECONDS    for one request (default 30; /system/df\n"
	"                       gets ten times as long)\n"
	"\n"
	"The engine is DOCKER_HOST (unix:// or tcp://, with\n"
	"DOCKER_TLS_VERIFY and DOCKER_CERT_PATH), else the default socket.\n"
	"Only GET requests are sent; nothing on the host is changed.\n";

static int usage(const char *problem)
{
	if (problem)
		diag_error("%s", problem);
	fputs(usage_text, problem ? stderr : stdout);
	return problem ? EXIT_USAGE : 0;
}

static int parse_timeout(struct doctor *d, const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s < '0' || *s > '9' || *end || n < 1 || n > 86400) {
		diag_error("invalid timeout \"%s\": give whole seconds", s);
		return -1;
	}
	d->timeout = n;
	return 0;
}

/* "--opt VALUE" or "--opt=VALUE": the value, advancing *i; or NULL. */
static const char *option_value(int argc, char **argv, int *i,
				const char *name)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n))
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static int parse_format(struct doctor *d, const char *s)
{
	if (!strcmp(s, "json"))
		d->json = true;
	else if (strcmp(s, "text")) {
		diag_error("unknown format \"%s\": the doctor writes text "
			   "or json", s);
		return -1;
	}
	return 0;
}

static void add_word(struct buf *words, const char *w)
{
	if (words->len)
		buf_addch(words, ' ');
	buf_adds(words, w);
}

/* Returns -1 after a message, 1 for --help, else 0. */
static int parse_args(struct doctor *d, int argc, char **argv,
		      struct buf *words)
{
	bool only_words = false;

	for (int i = 0; i < argc; i++) {
		const char *v;

		if (only_words || argv[i][0] != '-' || !argv[i][1]) {
			add_word(words, argv[i]);
		} else if (!strcmp(argv[i], "--")) {
			only_words = true;
		} else if (!strcmp(argv[i], "--help") ||
			   !strcmp(argv[i], "-h")) {
			return 1;
		} else if (!strcmp(argv[i], "--disk")) {
			d->disk = true;
		} else if ((v = option_value(argc, argv, &i, "--volume"))) {
			d->volume = v;
		} else if ((v = option_value(argc, argv, &i, "--format"))) {
			if (parse_format(d, v))
				return -1;
		} else if ((v = option_value(argc, argv, &i, "--timeout"))) {
			if (parse_timeout(d, v))
				return -1;
		} else {
			diag_error("unknown or incomplete option \"%s\"",
				   argv[i]);
			return -1;
		}
	}
	return 0;
}

static void json_envelope(struct doctor *d, const char *report)
{
	cJSON *tool = cJSON_CreateObject();

	d->out = cJSON_CreateObject();
	cJSON_AddNumberToObject(d->out, "version", 1);
	cJSON_AddStringToObject(tool, "name", "mountlint");
	cJSON_AddStringToObject(tool, "version", MOUNTLINT_VERSION);
	cJSON_AddItemToObject(d->out, "tool", tool);
	cJSON_AddStringToObject(d->out, "report", report);
}

static void add_string_or_null(cJSON *obj, const char *key, const char *s)
{
	if (s)
		cJSON_AddStringToObject(obj, key, s);
	else
		cJSON_AddNullToObject(obj, key);
}

static void json_pasted(struct doctor *d)
{
	const struct pasted_error *p = d->match;
	cJSON *o = cJSON_CreateObject();
	cJSON *rules = cJSON_CreateArray();
	const char *r = p->rules;

	cJSON_AddStringToObject(o, "text", d->pasted);
	cJSON_AddStringToObject(o, "error", p->id);
	cJSON_AddStringToObject(o, "explanation", p->explanation);
	while (r && *r) {
		size_t n = strcspn(r, " ");
		char *id = xstrndup(r, n);

		cJSON_AddItemToArray(rules, cJSON_CreateString(id));
		free(id);
		r += n + (r[n] == ' ');
	}
	cJSON_AddItemToObject(o, "rules", rules);
	add_string_or_null(o, "fix", p->fix);
	cJSON_AddItemToObject(d->out, "pasted", o);
}

static void text_pasted(const struct doctor *d)
{
	const struct pasted_error *p = d->match;

	printf("recognised: %s\n  %s\n", p->id, p->explanation);
	if (p->rules)
		printf("  caught before Docker by: %s (mountlint --select "
		       "%.5s FILE)\n", p->rules, p->rules);
	if (p->fix)
		printf("  fix: %s\n", p->fix);
}

static void print_json(struct doctor *d)
{
	char *s = cJSON_PrintUnformatted(d->out);

	puts(s);
	free(s);
}

int doctor_engine_failed(struct doctor *d, int rc)
{
	const char *kind = rc == ENGINE_REFUSED ? "refused" :
			   rc == ENGINE_UNREACHABLE ? "unreachable" :
			   rc == ENGINE_USAGE ? "usage" : "answer";
	const char *why = d->engine.error ? d->engine.error : "unknown";

	diag_error("%s", why);
	if (rc == ENGINE_REFUSED)
		diag_note("the engine at \"%s\" refused API version %s",
			  d->engine.host ? d->engine.host : "?",
			  d->engine.api[0] ? d->engine.api : "(none)");
	if (d->json) {
		cJSON *e = cJSON_CreateObject();

		cJSON_AddStringToObject(e, "kind", kind);
		cJSON_AddStringToObject(e, "message", why);
		cJSON_DeleteItemFromObject(d->out, "error");
		cJSON_AddItemToObject(d->out, "error", e);
	}
	return DOCTOR_EXIT_ENGINE;
}

int doctor_connect(struct doctor *d)
{
	int rc = engine_open(&d->engine, getenv("DOCKER_HOST"));
	cJSON *eng;

	if (!rc) {
		if (d->timeout)
			d->engine.timeout = d->timeout;
		rc = engine_negotiate(&d->engine);
	}
	if (rc)
		return doctor_engine_failed(d, rc);
	if (!d->json)
		return 0;
	eng = cJSON_CreateObject();
	cJSON_AddStringToObject(eng, "host", d->engine.host);
	cJSON_AddStringToObject(eng, "api_version", d->engine.api);
	cJSON_AddItemToObject(d->out, "engine", eng);
	return 0;
}

const char *doctor_bytes(char *buf, size_t size, unsigned long long n)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double v = (double)n;
	size_t u = 0;

	while (v >= 1024 && u + 1 < sizeof(units) / sizeof(units[0])) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, size, "%llu B", n);
	else
		snprintf(buf, size, "%.1f %s", v, units[u]);
	return buf;
}

/* Which report the pasted words ask for; -1 when none is known. */
static int read_pasted(struct doctor *d)
{
	char *volume = NULL;

	d->match = pasted_match(d->pasted);
	if (!d->match) {
		diag_error("no Docker error that the doctor knows in \"%.80s\"",
			   d->pasted);
		return -1;
	}
	if (d->match->kind == PASTED_VOLUME_IN_USE && !d->volume) {
		if (pasted_volume_in_use(d->pasted, &volume, &d->pasted_ids)) {
			diag_error("no volume name in \"%.80s\": give "
				   "--volume NAME", d->pasted);
			return -1;
		}
		d->volume = volume;
	}
	if (d->match->kind == PASTED_NO_SPACE)
		d->disk = true;
	return 0;
}

static const char *report_name(const struct doctor *d)
{
	if (d->volume)
		return "volume-in-use";
	if (d->disk)
		return "disk";
	return "explain";
}

static int run_reports(struct doctor *d)
{
	int rc;

	if (!d->volume && !d->disk)
		return 0;
	rc = doctor_connect(d);
	if (!rc && d->volume)
		rc = doctor_volume_report(d);
	if (!rc && d->disk)
		rc = doctor_disk_report(d);
	return rc;
}

static int doctor_run(struct doctor *d)
{
	int rc;

	if (d->pasted && read_pasted(d))
		return EXIT_USAGE;
	if (!d->pasted && !d->volume && !d->disk)
		return usage("say what to diagnose: a pasted error, "
			     "--volume NAME or --disk");
	if (d->json)
		json_envelope(d, report_name(d));
	if (d->match && d->json)
		json_pasted(d);
	else if (d->match)
		text_pasted(d);
	rc = run_reports(d);
	if (d->json)
		print_json(d);
	return rc;
}

int doctor_main(int argc, char **argv)
{
	struct doctor d = { 0 };
	struct buf words;
	const char *pasted_volume;
	int rc;

	buf_init(&words, 1 << 16);
	rc = parse_args(&d, argc, argv, &words);
	if (rc) {
		buf_release(&words);
		return rc > 0 ? usage(NULL) : EXIT_USAGE;
	}
	if (words.len)
		d.pasted = buf_detach(&words, NULL);
	buf_release(&words);
	pasted_volume = d.volume;
	rc = doctor_run(&d);

	if (d.volume != pasted_volume)
		free((char *)d.volume);
	free(d.pasted);
	strlist_release(&d.pasted_ids);
	engine_close(&d.engine);
	cJSON_Delete(d.out);
	return rc;
}
