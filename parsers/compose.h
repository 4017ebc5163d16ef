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
 * parser itself (ML001, ML002, ML005, and ML101-ML104, ML107 through the
 * mount grammar) go to out, located at u->path.
 *
 * `compose_named` says the file is named like a compose file
 * (compose*.y*ml, docker-compose*.y*ml): then an empty document, or a top
 * level that is not a mapping, is ML001; otherwise such a file is not
 * compose. A top-level mapping without a `services` key is not compose
 * either way. A value of the wrong type (ML005) is reported and skipped;
 * the rest of the file is still read.
 */
enum compose_result compose_parse(struct unit *u, const char *text,
				  size_t len, int compose_named,
				  struct findings *out);

#endif
