/*
 * "Volume is in use": the containers that hold a volume and the order
 * of commands that frees it. Reads engine answers; sends nothing.
 */
#ifndef MOUNTLINT_PROBE_VOLUME_H
#define MOUNTLINT_PROBE_VOLUME_H

#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>

#include "errors.h"

struct holder {
	char *id;
	char *name;		/* without the leading "/" */
	char *state;		/* created, running, paused, restarting, ... */
	char *image;
	char *project;		/* compose project label, or NULL */
	char *service;		/* compose service label, or NULL */
	char *target;		/* where the volume is mounted */
};

struct holders {
	struct holder *items;
	size_t n, cap;
};

/*
 * Appends the containers of a GET /containers/json?all=1 answer that
 * mount the volume named volume (the engine's volume filter also
 * matches mount paths; those are left out). Returns 0, or -1 when list
 * is not an array.
 */
int holders_from_json(struct holders *h, const cJSON *list,
		      const char *volume);

/* Orders h for freeing: containers that run first, then the others. */
void holders_sort(struct holders *h);

/* Whether a container in this state must be stopped before removal. */
bool holder_is_live(const struct holder *c);

/*
 * The commands, in a safe order, that free the volume: stop what runs,
 * remove the containers, then remove the volume. Appended to out.
 */
void holders_commands(const struct holders *h, const char *volume,
		      struct strlist *out);

/* Whether id (full or a prefix of at least 4) is one of h's. */
bool holders_have(const struct holders *h, const char *id);

void holders_release(struct holders *h);

#endif
