/*
 * The --mount CSV reader: the record splitter alone, and the whole
 * --mount grammar for docker and podman.
 */
#include "../../lint/model.h"
#include "../../parsers/mountspec.h"
#include "fuzz.h"

static void parse(const char *csv, enum spec_dialect d)
{
	struct findings out;
	struct kv_list rejected = { 0 };
	struct spec_ctx ctx = { &out, NULL, d, false, &rejected };
	struct loc loc = { "fuzz", 1, 1, 1, 1 + (int)strlen(csv) };
	struct mount m;

	findings_init(&out);
	memset(&m, 0, sizeof(m));
	if (mountspec_csv(&m, csv, &loc, &ctx) == 0)
		mount_release(&m);
	for (size_t i = 0; i < rejected.n; i++) {
		free(rejected.items[i].key);
		free(rejected.items[i].value);
	}
	free(rejected.items);
	findings_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *csv = fuzz_string(data, size);
	char **fields = NULL;
	int n = csv_split(csv, &fields);

	if (n >= 0)
		csv_free(fields, n);
	parse(csv, DIALECT_DOCKER);
	parse(csv, DIALECT_PODMAN);
	free(csv);
	return 0;
}
