/*
 * What a file name says about the thing it names, for rules that must
 * guess whether a host path is a file or a directory without looking.
 */
#ifndef MOUNTLINT_FILENAME_H
#define MOUNTLINT_FILENAME_H

#include <stdbool.h>

/*
 * True when the last component of path has an extension: a dot after
 * its first character with something after it ("nginx.conf",
 * ".env.local", "tls.pem"). A dotfile alone (".env", ".ssh") has none,
 * and neither has a ".d" directory ("conf.d", "vhost.d").
 */
bool name_has_extension(const char *path);

#endif
