/*
 * docker and podman command lines, as their CLIs read them.
 */
#ifndef MOUNTLINT_DOCKERCLI_H
#define MOUNTLINT_DOCKERCLI_H

#include <stddef.h>

#include "../lint/finding.h"
#include "../lint/model.h"
#include "shell.h"

/*
 * Reads one simple command (its words, prefixes such as sudo, env X=y
 * and exec included) and, when it is a docker or podman command that
 * matters here, adds a container or a volcmd to u. Other commands are
 * ignored. Returns 1 when the command was one of ours, else 0.
 */
int dockercli_command(struct unit *u, const struct word *words, size_t n,
		      struct findings *out);

/*
 * `mountlint run -- docker run ...`: argv as the CLI sees it. Locations
 * are on line 1, columns the 1-based offset in the argv joined by spaces.
 */
void dockercli_argv(struct unit *u, int argc, char **argv,
		    struct findings *out);

#endif
