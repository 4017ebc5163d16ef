/*
 * Finding the files to lint: the default compose files of a directory,
 * and every file below a directory.
 */
#ifndef MOUNTLINT_WALK_H
#define MOUNTLINT_WALK_H

typedef void walk_fn(const char *path, void *ctx);

/*
 * Calls fn for every regular file below dir, in name order, skipping
 * `.git`, `node_modules` and `vendor` directories and not following
 * symbolic links to directories. Returns 0, or -1 when dir cannot be
 * read (errno tells why); unreadable subdirectories are skipped.
 */
int walk_dir(const char *dir, walk_fn *fn, void *ctx);

/* The names Docker Compose looks for, in its order of preference: the
 * compose file of a directory, and the override merged over it. */
#define COMPOSE_NAMES 4
extern const char *const compose_file_names[COMPOSE_NAMES];
extern const char *const compose_override_names[COMPOSE_NAMES];

/*
 * Calls fn for the compose file Docker Compose would read in dir ("."
 * for the current one): the first of compose_file_names that exists.
 * Returns 1, or 0 when there is none.
 */
int walk_default_compose(const char *dir, walk_fn *fn, void *ctx);

#endif
