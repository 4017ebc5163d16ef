/* SELinux judgements on host paths, shared by ML401 and ML402. */
#ifndef MOUNTLINT_SELINUX_H
#define MOUNTLINT_SELINUX_H

#include <stdbool.h>

/*
 * A clean host path (absolute or "~...") whose relabelling breaks the
 * host: system directories and all below them, home dot-directories,
 * or exactly "/", "/home", a home directory, "/var", "/var/lib", "/run",
 * "/tmp", "/opt", "/srv", "/media".
 */
bool selinux_system_path(const char *p);

#endif
