/*
 * What mountlint asks of the host's file system: whether a path exists,
 * and where it really is.
 * Each path is asked once a run (the file system is taken not to change
 * while mountlint runs), and a path below one known to be missing is
 * missing without asking. The answers are kept for the life of the
 * process, up to a limit past which they are asked each time.
 */
#ifndef MOUNTLINT_FSPROBE_H
#define MOUNTLINT_FSPROBE_H

#include <sys/stat.h>

/*
 * 0 when stat(2) finds path (following links), else the errno it gave
 * (ENOENT: path or a directory above it does not exist).
 */
int fsprobe_stat(const char *path);

/* fsprobe_stat() of dir "/" name, for a name beside a linted file. */
int fsprobe_stat_in(const char *dir, const char *name);

/*
 * lstat(2) of path into *st: 0, or -1 with errno set. The answer for the
 * last path asked is kept, as each file linted is asked several times in
 * a row.
 */
int fsprobe_lstat(const char *path, struct stat *st);

/*
 * realpath(3) of path, which the caller frees, or NULL when it fails.
 * The directory of a file that is not a symbolic link is resolved once
 * for the files of that directory in a row.
 */
char *fsprobe_realpath(const char *path);

#endif
