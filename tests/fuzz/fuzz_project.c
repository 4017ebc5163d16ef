/*
 * Compose projects: merging, `extends` and `include`. The text before a
 * line "#over" is the first file; the text after it is "over.yaml",
 * merged over the first and reachable by `extends` and `include` from a
 * scratch directory that holds nothing else. A text without that line is
 * a project alone, whose services are read as it is parsed.
 */
#include <stdio.h>
#include <unistd.h>

#include "../../lint/settings.h"
#include "../../parsers/project.h"
#include "fuzz.h"

static char dir[] = "/tmp/mountlint-fuzz-XXXXXX";
static char over[sizeof(dir) + 16];

static void clean(void)
{
	unlink(over);
	rmdir(dir);
}

/* Writes the over file; false when the scratch directory is unusable. */
static bool put_over(const char *text, size_t len)
{
	FILE *f;

	if (!over[0]) {
		if (!mkdtemp(dir))
			return false;
		snprintf(over, sizeof(over), "%s/over.yaml", dir);
		atexit(clean);
	}
	f = fopen(over, "w");
	if (!f)
		return false;
	fwrite(text, 1, len, f);
	fclose(f);
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), *cut;
	size_t len = size;
	struct unit u;
	struct findings out;
	struct project p;

	if (!text)
		return 0;
	cut = strstr(text, "\n#over\n");
	if (cut)
		len = (size_t)(cut - text) + 1;
	if (!put_over(cut ? cut + 7 : "", cut ? size - len - 6 : 0)) {
		free(text);
		return 0;
	}
	findings_init(&out);
	unit_init(&u, UNIT_COMPOSE, "compose.yaml", dir);
	u.settings = &settings_default;
	project_init(&p, &u, &out);
	p.alone = !cut;
	if (project_open(&p, text, len, 1) == COMPOSE_OK) {
		if (cut)
			project_add(&p, over);
		project_read(&p);
	}
	project_release(&p);
	unit_release(&u);
	findings_release(&out);
	free(text);
	return 0;
}
