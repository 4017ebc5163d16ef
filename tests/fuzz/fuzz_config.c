/*
 * The configuration loader, on the input written to a file of its own.
 */
#include <stdio.h>
#include <unistd.h>

#include "../../lint/config.h"
#include "fuzz.h"

static char path[64];

static void remove_input(void)
{
	unlink(path);
}

static void write_input(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;

	if (!path[0]) {
		snprintf(path, sizeof(path), "/tmp/mountlint-fuzz-config.%ld",
			 (long)getpid());
		atexit(remove_input);
	}
	write_input(data, size);
	memset(&c, 0, sizeof(c));
	config_load(&c, path);
	config_release(&c);
	return 0;
}
