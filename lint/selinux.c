#include "selinux.h"

#include <string.h>

#include "hostpath.h"
#include "banned.h"

static const char *const system_trees[] = {
	"/usr", "/etc", "/boot", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
	"/libx32", "/dev", "/proc", "/sys", "/root", "/var/log", NULL,
};

static const char *const system_dirs[] = {
	"/", "/home", "/var", "/var/lib", "/run", "/var/run", "/tmp", "/opt",
	"/srv", "/media", "/mnt", NULL,
};

bool selinux_system_path(const char *p)
{
	const char *home = hostpath_in_home(p);

	if (hostpath_below(p, system_trees) || hostpath_equals(p, system_dirs))
		return true;
	if (!home)
		return false;
	/* the home itself, or a dot-directory of it and what lies below */
	return !*home || !strncmp(home, "/.", 2);
}
