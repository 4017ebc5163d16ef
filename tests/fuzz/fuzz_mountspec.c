/*
 * The -v / short syntax and --tmpfs readers, in every dialect, with and
 * without home tilde expansion.
 */
#include "../../lint/model.h"
#include "../../parsers/mountspec.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *spec = fuzz_string(data, size);

	for (int d = DIALECT_DOCKER; d <= DIALECT_COMPOSE; d++) {
		fuzz_mount(mountspec_short, spec, (enum spec_dialect)d,
		      d == DIALECT_COMPOSE);
		fuzz_mount(mountspec_tmpfs, spec, (enum spec_dialect)d, false);
	}
	fuzz_mount(mountspec_short, spec, DIALECT_DOCKER, true);
	free(spec);
	return 0;
}
