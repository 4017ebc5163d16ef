/*
 * The --mount CSV reader: the record splitter alone, and the whole
 * --mount grammar for docker and podman.
 */
#include "../../lint/model.h"
#include "../../parsers/mountspec.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *csv = fuzz_string(data, size);
	char **fields = NULL;
	int n = csv_split(csv, &fields);

	if (n >= 0)
		csv_free(fields, n);
	fuzz_mount(mountspec_csv, csv, DIALECT_DOCKER, false);
	fuzz_mount(mountspec_csv, csv, DIALECT_PODMAN, false);
	free(csv);
	return 0;
}
