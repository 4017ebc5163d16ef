/*
 * The table of Docker errors the doctor recognises. More specific
 * entries come first: the first match wins.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "errors.h"
#include "../lint/mem.h"
#include "../lint/banned.h"

static const struct pasted_error table[] = {
	{ "volume-in-use", "volume is in use", NULL, PASTED_VOLUME_IN_USE,
	  "the engine refuses to remove a volume while any container that "
	  "mounts it exists, running, stopped or only created",
	  NULL,
	  "remove the containers that hold it first (mountlint doctor "
	  "--volume NAME lists them)" },
	{ "no-space", "no space left on device", NULL, PASTED_NO_SPACE,
	  "a write failed because a file system ran out of bytes or of "
	  "inodes",
	  NULL,
	  "free space on the file system that holds the Docker root or "
	  "the volume (mountlint doctor --disk ranks what can go)" },
	{ "bind-source-missing", "bind source path does not exist", NULL,
	  PASTED_EXPLAINED,
	  "a --mount or long-syntax bind names a host path that does not "
	  "exist; unlike -v, --mount does not create it",
	  "ML110",
	  "create the host path first, or correct the source path" },
	{ "read-only-source", "read-only file system", "mount source path",
	  PASTED_EXPLAINED,
	  "a -v bind names a host path that does not exist, and the engine "
	  "could not create it because that host file system is read-only",
	  "ML110",
	  "create the host path, or point the bind at an existing one" },
	{ "invalid-mount-config", "invalid mount config", NULL,
	  PASTED_EXPLAINED,
	  "a --mount or long-syntax mount has a field or option Docker "
	  "rejects for its type",
	  "ML104",
	  "fix the named field: keep bind-, volume- and tmpfs- options on "
	  "their own type" },
	{ "invalid-volume-name", "includes invalid characters for a local "
	  "volume name", NULL, PASTED_EXPLAINED,
	  "the source of a -v or short-syntax mount was read as a volume "
	  "name because it does not start with / or . (a relative path, "
	  "an unexpanded ~ or a file name), and that name is not valid",
	  "ML107 ML109",
	  "write a host path as an absolute path or start it with ./" },
	{ "duplicate-mount", "duplicate mount point", NULL, PASTED_EXPLAINED,
	  "two mounts of one container have the same target path",
	  "ML105",
	  "keep one mount per container path" },
	{ "selinux-relabel", "selinux relabeling of", "is not allowed",
	  PASTED_EXPLAINED,
	  "a :z or :Z on a system directory asked the engine to relabel "
	  "it, which would break the host, so the engine refused",
	  "ML402",
	  "drop :z/:Z from system paths; bind a project directory instead" },
	{ "invalid-mode", "invalid mode", NULL, PASTED_EXPLAINED,
	  "a -v or short-syntax mount has an option Docker does not know, "
	  "or two options that contradict each other",
	  "ML102",
	  "use only ro, rw, z, Z, nocopy and the propagation modes" },
	{ "invalid-spec", "invalid volume specification", NULL,
	  PASTED_EXPLAINED,
	  "a -v or short-syntax mount does not have the form "
	  "SOURCE:TARGET[:OPTIONS]",
	  "ML101 ML103",
	  "write SOURCE:TARGET with an absolute target path" },
	{ "socket-permission", "permission denied while trying to connect",
	  NULL, PASTED_EXPLAINED,
	  "the user may not use the Docker socket",
	  NULL,
	  "run as a user allowed to use the socket (its group), or use a "
	  "rootless engine" },
	{ "read-only", "read-only file system", NULL, PASTED_EXPLAINED,
	  "the container wrote to a path mounted read-only (:ro, "
	  "read_only: true or --read-only); no rule flags this, since a "
	  "read-only mount is usually deliberate",
	  NULL,
	  "mount a writable volume or tmpfs on the path the program writes "
	  "to" },
	{ "bind-permission", "permission denied", NULL, PASTED_EXPLAINED,
	  "the container's user may not read or write a bound host path: on "
	  "an SELinux host the path needs a :z or :Z label; elsewhere the "
	  "host owner and mode keep the container's user out",
	  "ML401 ML305",
	  "label the bind with :z (shared) or :Z (private) on SELinux; "
	  "else give the path to the container's user id" },
};

/* strstr, ignoring ASCII case. */
static const char *find_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return hay;
	return NULL;
}

const struct pasted_error *pasted_match(const char *text)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct pasted_error *p = &table[i];

		if (find_nocase(text, p->needle) &&
		    (!p->needle2 || find_nocase(text, p->needle2)))
			return p;
	}
	return NULL;
}

void strlist_push(struct strlist *l, char *s)
{
	*ARRAY_PUSH(*l) = s;
}

void strlist_release(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* The IDs in "[a, b]" after the match. */
static void split_ids(const char *s, struct strlist *ids)
{
	const char *open = strchr(s, '['), *end;

	if (!open || !(end = strchr(open, ']')))
		return;
	for (s = open + 1; s < end;) {
		size_t n;

		while (s < end && (*s == ' ' || *s == ','))
			s++;
		n = strcspn(s, ", ]");
		if (n && s + n <= end)
			strlist_push(ids, xstrndup(s, n));
		s += n;
	}
}

int pasted_volume_in_use(const char *text, char **volume,
			 struct strlist *ids)
{
	const char *hit = find_nocase(text, ": volume is in use");
	const char *start;

	*volume = NULL;
	if (!hit)
		return -1;
	split_ids(hit, ids);

	/* The name is the word before the match ("remove NAME: ..."). */
	for (start = hit; start > text && start[-1] != ' '; start--)
		;
	if (start == hit)
		return -1;
	*volume = xstrndup(start, (size_t)(hit - start));
	return 0;
}
