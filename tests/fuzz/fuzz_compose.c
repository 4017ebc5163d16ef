/*
 * The compose loader: any text, named like a compose file or not.
 */
#include "../../lint/model.h"
#include "../../parsers/compose.h"
#include "fuzz.h"

static void parse(const char *text, size_t len, int named)
{
	struct unit u;
	struct findings out;

	findings_init(&out);
	unit_init(&u, UNIT_COMPOSE, "fuzz.yaml", NULL);
	compose_parse(&u, text, len, named, &out);
	unit_release(&u);
	findings_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);

	if (!text)
		return 0;
	parse(text, size, 1);
	parse(text, size, 0);
	free(text);
	return 0;
}
