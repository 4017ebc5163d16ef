/*
 * The Engine API answer readers of the doctor: any text as a
 * /system/df answer and as a /containers/json list (for a volume named
 * in the text), ranked and turned into commands; and the same text as a
 * pasted error and as an API version.
 */
#include <cJSON.h>

#include "../../probe/disk.h"
#include "../../probe/engine.h"
#include "../../probe/errors.h"
#include "../../probe/volume.h"
#include "fuzz.h"

static void read_df(const cJSON *root)
{
	struct df df;
	struct reclaim ways[8];

	if (!df_from_json(&df, root))
		df_rank(&df, 1 << 20, ways, 8);
	df_release(&df);
}

static void read_holders(const cJSON *root, const char *volume)
{
	struct holders h = { NULL, 0, 0 };
	struct strlist commands = { NULL, 0, 0 };

	if (!holders_from_json(&h, root, volume)) {
		holders_sort(&h);
		holders_commands(&h, volume, &commands);
		holders_have(&h, "abcd");
	}
	holders_release(&h);
	strlist_release(&commands);
}

static void read_pasted(const char *text)
{
	char *volume = NULL;
	struct strlist ids = { NULL, 0, 0 };
	int major, minor;

	pasted_match(text);
	pasted_volume_in_use(text, &volume, &ids);
	engine_parse_version(text, &major, &minor);
	engine_refuses_version(text);
	free(volume);
	strlist_release(&ids);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	cJSON *root;

	if (!text)
		return 0;
	root = cJSON_ParseWithLength(text, size);
	if (root) {
		read_df(root);
		read_holders(root, "data");
		read_holders(root, "");
		cJSON_Delete(root);
	}
	read_pasted(text);
	free(text);
	return 0;
}
