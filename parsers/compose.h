/*
 * Compose files to the mount model.
 */
#ifndef MOUNTLINT_COMPOSE_H
#define MOUNTLINT_COMPOSE_H

#include <stdbool.h>
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

/*
 * The steps of compose_parse, for a project of several files
 * (parsers/project.h): check a file's top level, interpolate its values,
 * then read the merged tree into the model.
 */
struct ynode;

/* Where the variables of a compose file come from. */
struct compose_env {
	const char *dir;		/* its .env, when no files are given;
					 * NULL: none */
	const char *const *files;	/* env files, read in order */
	size_t n_files;
	bool process;			/* the environment, over the files */
};

/* The variables u's settings name: --env-file, or the .env in u->dir. */
void compose_env_of(struct compose_env *env, const struct unit *u);

/* COMPOSE_OK when root is a mapping with `services` (or, for a
 * compose-named file, `include`); otherwise as compose_parse says (ML001
 * for a compose-named file, at path). */
enum compose_result compose_check_root(const char *path,
				       const struct ynode *root,
				       int compose_named, struct findings *out);

/*
 * Interpolates every value (never a key) under root in place. src and
 * len are the text of the file the nodes come from, for the columns of
 * ML004.
 */
void compose_interpolate(struct ynode *root, const char *src, size_t len,
			 const struct compose_env *env, struct findings *out);

/*
 * A compose file alone (nothing merged over it) can have its services
 * read into the model as the file is parsed, each released as soon as it
 * is read: compose_stream_new fills s for ydoc_load_stream. file is the
 * path locations carry and base the directory its relative paths
 * resolve against (see compose_bases); src/len/env as for
 * compose_interpolate. After loading, compose_stream_interpolate does
 * the rest of the document, and compose_read reads what did not stream
 * (each streamed service is left out). compose_stream_failed says
 * whether a service had a value of the wrong type (ML005). Each service
 * streamed into a container is handed to u->container_read, when set,
 * as soon as it is read.
 */
struct compose_stream;
struct ydoc_stream;

struct compose_stream *compose_stream_new(struct unit *u, const char *file,
					  const char *base, const char *src,
					  size_t len,
					  const struct compose_env *env,
					  struct findings *out,
					  struct ydoc_stream *s);
void compose_stream_interpolate(struct compose_stream *cs, struct ynode *root);
bool compose_stream_failed(const struct compose_stream *cs);
/* NULL is nothing to free. */
void compose_stream_free(struct compose_stream *cs);

/*
 * The directory each file's relative host paths resolve against, as a
 * path relative to the project directory ("" for the same) or absolute.
 * files[i] is compared by address with a location's file.
 */
struct compose_bases {
	const char *const *files;
	const char *const *dirs;
	size_t n;
};

/* Reads services and top-level volumes of root into u; bases may be
 * NULL (every path is relative to the project directory). */
enum compose_result compose_read(struct unit *u, const struct ynode *root,
				 const struct compose_bases *bases,
				 struct findings *out);

#endif
