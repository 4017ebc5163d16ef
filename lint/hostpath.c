#include "hostpath.h"

#include <string.h>

#include "banned.h"

const char *hostpath_in_home(const char *p)
{
	const char *slash;

	if (p[0] == '~')
		return p + 1;
	if (!strncmp(p, "/root", 5) && (p[5] == '/' || !p[5]))
		return p + 5;
	if (strncmp(p, "/home/", 6) || !p[6])
		return NULL;
	slash = strchr(p + 6, '/');
	return slash ? slash : p + strlen(p);
}

bool hostpath_is_home(const char *p)
{
	const char *rest = hostpath_in_home(p);

	return rest && !*rest;
}

/*
 * Whether p matches one entry; rest is hostpath_in_home(p), worked out
 * once for a list's "~" entries. Entries rarely share p's first two bytes, so
 * those are compared before the rest.
 */
static bool matches(const char *p, const char *rest, const char *entry,
		    bool below)
{
	if (entry[0] == '~') {
		if (!rest)
			return false;
		p = rest;
		entry++;
		if (!*p)
			return !*entry;
	}
	if (entry[0] && (p[0] != entry[0] ||
			 (entry[1] && p[1] != entry[1])))
		return false;
	return below ? path_within(p, entry) : !strcmp(p, entry);
}

static const char *first_match(const char *p, const char *const *list,
			       bool below)
{
	const char *rest = NULL;
	bool homed = false;

	for (; *list; list++) {
		if (**list == '~' && !homed) {
			rest = hostpath_in_home(p);
			homed = true;
		}
		if (matches(p, rest, *list, below))
			return *list;
	}
	return NULL;
}

const char *hostpath_below(const char *p, const char *const *list)
{
	return first_match(p, list, true);
}

const char *hostpath_equals(const char *p, const char *const *list)
{
	return first_match(p, list, false);
}

const char *hostpath_of(const struct mount *m)
{
	if (m->kind != MOUNT_BIND || !m->source_path)
		return NULL;
	if (m->base != PATH_ABSOLUTE && m->base != PATH_HOME)
		return NULL;
	return m->source_path;
}

