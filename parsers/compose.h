/*
 * Compose files to the mount model.
 */
#ifndef MOUNTLINT_COMPOSE_H
#define MOUNTLINT_COMPOSE_H

#include <stddef.h>

#include "../lint/finding.h"
#include "../lint/model.h"

enum compose_result {
	COMPOSE_OK,		/* u holds the services and volumes */
	COMPOSE_NOT_COMPOSE,	/* valid YAML without a top-level `services`
				 * mapping: nothing added, nothing reported */
	COMPOSE_FAILED,		/* ML001/ML002/ML005 were reported; u may
				 * hold what could be read before */
};

/*
 * Parses `text` (len bytes of valid UTF-8 without NUL bytes; the caller
 * checks) as a compose file and fills u (kind UNIT_COMPOSE) with one
 * container per service and the top-level volumes. Findings of the
 * parser itself (ML001, ML002, ML005, ML101-ML104, ML107) go to out,
 * located at u->path. An empty document is reported as ML001 when
 * `empty_is_error`, else treated as not compose.
 */
enum compose_result compose_parse(struct unit *u, const char *text,
				  size_t len, int empty_is_error,
				  struct findings *out);

#endif
