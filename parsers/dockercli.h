/*
 * docker and podman command lines, as their CLIs read them.
 *
 * Flags are parsed as Docker's CLI (pflag) does: --flag=value, --flag
 * value, -v value, -vvalue, bundled shorts (-itv /a:/b: the last one
 * takes the value), and `--` ends the options. Parsing of run/create
 * stops at the image: what follows is the container's command.
 */
#ifndef MOUNTLINT_DOCKERCLI_H
#define MOUNTLINT_DOCKERCLI_H

#include <stddef.h>

#include "../lint/finding.h"
#include "../lint/model.h"
#include "shell.h"

/*
 * Reads one simple command (its words, prefixes such as sudo, env X=y,
 * exec, command, time, nohup, doas and a `$ ` prompt included) and, when
 * it is a docker or podman command that matters here, adds to u:
 *
 *  - run, create, container run, container create: a container with its
 *    image, name, user, privileged, read_only, remove, security options,
 *    environment, volumes_from and mounts (-v, --mount, --tmpfs, each
 *    located at the option's value; a value the mount grammar rejects is
 *    reported to out and not added);
 *  - volume prune, system prune, rm, container rm, compose down (and
 *    docker-compose down), volume rm, volume create: a volcmd located at
 *    the docker (or podman) word.
 *
 * Other commands are ignored. Returns 1 when the command was one of
 * these, else 0.
 */
int dockercli_command(struct unit *u, const struct word *words, size_t n,
		      struct findings *out);

/*
 * `mountlint run -- docker run ...`: argv as the CLI sees it, no shell
 * in between (so no ~ is expanded). Locations are on line 1, columns the
 * 1-based offset in the argv joined by single spaces. A command that is
 * none of ours gets a note on stderr.
 */
void dockercli_argv(struct unit *u, int argc, char **argv,
		    struct findings *out);

#endif
