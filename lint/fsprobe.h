/*
 * What the rules ask of the host's file system: whether a path exists.
 * Each path is asked once a run (the file system is taken not to change
 * while mountlint runs), and a path below one known to be missing is
 * missing without asking. The answers are kept for the life of the
 * process, up to a limit past which they are asked each time.
 */
#ifndef MOUNTLINT_FSPROBE_H
#define MOUNTLINT_FSPROBE_H

/*
 * 0 when stat(2) finds path (following links), else the errno it gave
 * (ENOENT: path or a directory above it does not exist).
 */
int fsprobe_stat(const char *path);

#endif
