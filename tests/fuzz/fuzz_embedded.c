/*
 * The Makefile, Markdown, GitHub Actions and GitLab CI extractors, each
 * region handed on to the shell reader as the driver does. The first
 * byte chooses the extractor.
 */
#include "../../lint/model.h"
#include "../../parsers/embedded.h"
#include "../../parsers/shell.h"
#include "fuzz.h"

struct region_ctx {
	struct unit *u;
	struct findings *out;
	int recipe;
};

static void region(const char *text, size_t len, int first_line, void *ctx)
{
	struct region_ctx *r = ctx;

	if (first_line < 1)	/* the contract: lines count from 1 */
		abort();
	if (r->recipe)
		shell_parse_recipe(r->u, text, len, first_line, r->out);
	else
		shell_parse(r->u, text, len, first_line, r->out);
}

static void extract(const char *text, size_t len, unsigned kind)
{
	struct unit u;
	struct findings out;
	struct region_ctx r = { &u, &out, kind == 0 };

	findings_init(&out);
	unit_init(&u, UNIT_SCRIPT, "fuzz", NULL);
	switch (kind) {
	case 0:
		embedded_makefile(text, len, region, &r);
		break;
	case 1:
		embedded_markdown(text, len, region, &r);
		break;
	default:
		embedded_ci(text, len, kind == 2 ? CI_GITHUB : CI_GITLAB,
			    "fuzz.yml", &out, region, &r);
		break;
	}
	unit_release(&u);
	findings_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size < 1)
		return 0;
	text = fuzz_text(data + 1, size - 1);
	if (!text)
		return 0;
	extract(text, size - 1, data[0] % 4u);
	free(text);
	return 0;
}
