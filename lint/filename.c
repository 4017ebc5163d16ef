#include "filename.h"

#include <string.h>

#include "banned.h"

bool name_has_extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	const char *dot = strrchr(name, '.');

	return dot && dot > name && dot[1] != '\0' && strcmp(dot, ".d") != 0;
}
