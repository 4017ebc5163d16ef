/*
 * A compose project as Docker Compose loads it: in each file, the
 * projects it `include`s added, then its services' `extends` resolved;
 * the files merged in order; then read into one unit.
 *
 *	project_init(&p, u, out);
 *	if (project_open(&p, text, len, named) == COMPOSE_OK) {
 *		project_add(&p, "compose.prod.yaml");
 *		project_read(&p);
 *	}
 *	... run the rules on u; findings point into every file read ...
 *	project_release(&p);
 *
 * Every value keeps the location of the file that wrote it. A relative
 * host path resolves against the directory of the file that wrote it
 * when that file was reached through `extends` or `include`, and is
 * rewritten relative to the project directory (u->dir). What stops a
 * project from loading (a file that cannot be read, an `extends` or
 * `include` that goes round in a cycle, a service `extends` names that
 * does not exist, an included service whose name is taken) is an input
 * error at the entry that asked for it; the rest is still linted.
 */
#ifndef MOUNTLINT_PROJECT_H
#define MOUNTLINT_PROJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "compose.h"
#include "yaml_doc.h"
#include "../lint/buf.h"

struct project_file {
	char *path;		/* as shown in findings */
	char *real;		/* its absolute path; NULL for standard
				 * input */
	char *wd;		/* the absolute directory its relative paths
				 * resolve against */
	char *base;		/* wd, relative to the project directory */
	const char *text;	/* its text */
	size_t len;
	struct buf owned;	/* the text, when the project read it */
	struct ydoc doc;
	const struct compose_env *env;	/* its variables */
	bool partial;		/* read for `extends` alone: only the
				 * services extended are linted */
	bool expanded;		/* its includes and extends resolved */
};

struct project {
	struct unit *u;
	struct findings *out;
	struct project_file **files;	/* every file read, first the first */
	size_t n_files, cap_files;
	struct ydoc made;	/* nodes that merging makes */
	struct ynode *root;	/* the project so far */
	char *wd;		/* the project directory, absolute */
	struct compose_env env;
	void *pool;		/* what the project owns besides (internal) */
	/* Set before project_open when no file will be merged over the
	 * first: its services may then be read as it is parsed. */
	bool alone;
	struct compose_stream *stream;	/* internal */
};

void project_init(struct project *p, struct unit *u, struct findings *out);

/*
 * Loads the first file, whose text (len bytes, UTF-8 without NUL) the
 * caller keeps until project_release; its path is u->path, and u->dir
 * is the project directory. Returns what compose_check_root says of it.
 */
enum compose_result project_open(struct project *p, const char *text,
				 size_t len, int compose_named);

/* Reads the compose file at path and merges it over the project. */
void project_add(struct project *p, const char *path);

/* Resolves `include`, then reads the project into u. */
enum compose_result project_read(struct project *p);

/*
 * Frees the YAML of every file of the project (once it is read into u:
 * the model holds copies); the texts and paths stay until
 * project_release.
 */
void project_drop_yaml(struct project *p);

void project_release(struct project *p);

#endif
