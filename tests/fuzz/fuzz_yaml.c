/*
 * The fast YAML reader against libyaml on any bytes: every event it
 * hands over must be libyaml's (tests/yaml_check.h); a difference aborts.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../yaml_check.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool whole;
	const char *why = ycheck((const char *)data, size, &whole);

	if (why) {
		fprintf(stderr, "fast YAML reader differs: %s\n", why);
		abort();
	}
	return 0;
}
