#include "dockercli.h"

#include "../lint/banned.h"

int dockercli_command(struct unit *u, const struct word *words, size_t n,
		      struct findings *out)
{
	(void)u; (void)words; (void)n; (void)out;
	return 0;
}

void dockercli_argv(struct unit *u, int argc, char **argv,
		    struct findings *out)
{
	(void)u; (void)argc; (void)argv; (void)out;
}
