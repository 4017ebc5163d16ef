/*
 * The shell splitter and the docker/podman reader, on a script unit, and
 * the same text as Makefile recipe lines.
 */
#include "../../lint/model.h"
#include "../../parsers/shell.h"
#include "fuzz.h"

static void parse(const char *text, size_t len, int recipe)
{
	struct unit u;
	struct findings out;

	findings_init(&out);
	unit_init(&u, UNIT_SCRIPT, "fuzz.sh", NULL);
	if (recipe)
		shell_parse_recipe(&u, text, len, 3, &out);
	else
		shell_parse(&u, text, len, 1, &out);
	unit_release(&u);
	findings_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);

	if (!text)
		return 0;
	parse(text, size, 0);
	parse(text, size, 1);
	free(text);
	return 0;
}
