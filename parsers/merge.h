/*
 * Several compose files of one project, merged as Docker Compose merges
 * them: a later file's service fields win, its mounts replace those of
 * the same target and add the others, its top-level volumes replace
 * those of the same name.
 */
#ifndef MOUNTLINT_MERGE_H
#define MOUNTLINT_MERGE_H

#include "../lint/model.h"

/*
 * Moves what `over` (a later file, such as compose.override.yaml) holds
 * into `base`. What moves keeps its locations, which point at over's
 * path: `over` must be released only after base's findings are made.
 */
void compose_merge(struct unit *base, struct unit *over);

#endif
