/*
 * The whole of linting one file: reading it by its kind, every rule,
 * suppressions, sorting and every report format. The first byte chooses
 * the file's name, and so its kind ('0' compose.yaml, '1' deploy.sh,
 * '2' README.md, '3' Makefile, '4' a GitHub workflow; other bytes
 * wrap round); the rest is its text, written to a scratch directory
 * that holds nothing else.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../lint/driver.h"
#include "../../lint/report.h"
#include "../../lint/settings.h"
#include "fuzz.h"

static const char *const names[] = {
	"compose.yaml", "deploy.sh", "README.md", "Makefile",
	".github/workflows/ci.yml",
};
#define N_NAMES (sizeof(names) / sizeof(*names))

static char dir[] = "/tmp/mountlint-fuzz-lint-XXXXXX";
static char paths[N_NAMES][sizeof(dir) + 32];
static FILE *sink;

static void clean(void)
{
	for (size_t i = 0; i < N_NAMES; i++)
		unlink(paths[i]);
	for (int up = 0; up < 2; up++) {
		char sub[sizeof(dir) + 32];

		snprintf(sub, sizeof(sub), "%s/%s", dir,
			 up ? ".github" : ".github/workflows");
		rmdir(sub);
	}
	rmdir(dir);
	if (sink)
		fclose(sink);
}

static bool setup(void)
{
	char sub[sizeof(dir) + 32];

	if (paths[0][0])
		return true;
	if (!mkdtemp(dir))
		return false;
	snprintf(sub, sizeof(sub), "%s/.github", dir);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/.github/workflows", dir);
	mkdir(sub, 0700);
	for (size_t i = 0; i < N_NAMES; i++)
		snprintf(paths[i], sizeof(paths[i]), "%s/%s", dir, names[i]);
	sink = fopen("/dev/null", "w");
	atexit(clean);
	return sink != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = {
		"text", "json", "sarif", "github", "checkstyle", "gitlab",
		"junit",
	};
	struct lint_opts o = { .settings = &settings_default,
			       .excerpts = true };
	struct lint_result res = { .files = 0 };
	struct report_opts ro = { .color = true, .excerpt = true, .files = 1 };
	struct findings out;
	const char *path;
	FILE *f;

	if (size < 1 || !setup())
		return 0;
	path = paths[(unsigned char)(data[0] - '0') % N_NAMES];
	f = fopen(path, "w");
	if (!f)
		return 0;
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	findings_init(&out);
	lint_path(path, true, &o, &out, &res);
	findings_sort(&out);
	for (size_t i = 0; i < sizeof(formats) / sizeof(*formats); i++)
		report_find(formats[i])(sink, &out, &ro);
	findings_release(&out);
	unlink(path);
	return 0;
}
