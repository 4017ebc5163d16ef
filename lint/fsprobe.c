#include "fsprobe.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mem.h"
#include "banned.h"

/* Answers kept at most; past it, paths are asked each time. */
enum { MAX_ANSWERS = 1 << 16, MAX_MISSING_DIRS = 64 };

struct answer {
	char *path;		/* NULL: a free slot */
	int err;
};

/* Open addressing on the path's text; cap is 0 or a power of two. */
static struct {
	struct answer *slots;
	size_t n, cap;
} known;

static size_t hash_path(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

static struct answer *slot(const char *path, size_t len)
{
	size_t i = hash_path(path, len) & (known.cap - 1);

	for (;; i = (i + 1) & (known.cap - 1)) {
		struct answer *a = &known.slots[i];

		if (!a->path || (!strncmp(a->path, path, len) &&
				 !a->path[len]))
			return a;
	}
}

/* The answer kept for the first len bytes of path, or NULL. */
static const struct answer *lookup(const char *path, size_t len)
{
	const struct answer *a;

	if (!known.cap)
		return NULL;
	a = slot(path, len);
	return a->path ? a : NULL;
}

static void grow(void)
{
	struct answer *old = known.slots;
	size_t old_cap = known.cap;

	known.cap = old_cap ? old_cap * 2 : 64;
	known.slots = xcalloc(known.cap, sizeof(*known.slots));
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].path)
			*slot(old[i].path, strlen(old[i].path)) = old[i];
	free(old);
}

static void keep(const char *path, size_t len, int err)
{
	struct answer *a;

	if (known.n >= MAX_ANSWERS)
		return;
	if ((known.n + 1) * 2 > known.cap)
		grow();
	a = slot(path, len);
	if (a->path)
		return;
	a->path = xstrndup(path, len);
	a->err = err;
	known.n++;
}

static int ask(const char *path, size_t len)
{
	struct stat st;
	char *copy = xstrndup(path, len);
	int err = stat(copy, &st) ? errno : 0;

	free(copy);
	keep(path, len, err);
	return err;
}

/* The directories found missing when a path in them was asked: few. */
static struct {
	char **items;
	size_t n, cap;
} missing_dirs;

/* Whether path is below a directory known to be missing. */
static bool below_missing(const char *path)
{
	for (size_t i = 0; i < missing_dirs.n; i++) {
		const char *dir = missing_dirs.items[i];
		size_t n = strlen(dir);

		if (!strncmp(path, dir, n) && path[n] == '/')
			return true;
	}
	return false;
}

int fsprobe_stat(const char *path)
{
	size_t len = strlen(path);
	const struct answer *a = lookup(path, len);
	const char *slash;
	int err;

	if (a)
		return a->err;
	if (below_missing(path))
		return ENOENT;
	err = ask(path, len);
	/* a missing parent answers for its siblings to come */
	slash = strrchr(path, '/');
	if (err == ENOENT && slash && slash > path &&
	    !lookup(path, (size_t)(slash - path)) &&
	    ask(path, (size_t)(slash - path)) == ENOENT &&
	    missing_dirs.n < MAX_MISSING_DIRS)
		*ARRAY_PUSH(missing_dirs) = xstrndup(path,
						     (size_t)(slash - path));
	return err;
}

/* The directory resolved last: its name as asked and its real path. */
static struct {
	char *asked;
	char *real;		/* NULL when it could not be resolved */
} last_dir;

static char *dir_realpath(const char *dir)
{
	if (!last_dir.asked || strcmp(last_dir.asked, dir)) {
		free(last_dir.asked);
		free(last_dir.real);
		last_dir.asked = xstrdup(dir);
		last_dir.real = realpath(dir, NULL);
	}
	return last_dir.real ? xstrdup(last_dir.real) : NULL;
}

char *fsprobe_realpath(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	struct stat st;
	char *dir, *real, *full;

	if (lstat(path, &st) || S_ISLNK(st.st_mode))
		return realpath(path, NULL);
	if (S_ISDIR(st.st_mode))
		return dir_realpath(path);
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return realpath(path, NULL);
	dir = slash == path ? xstrdup("/") :
	      slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	real = dir_realpath(dir);
	free(dir);
	if (!real)
		return NULL;
	full = xasprintf("%s%s%s", real, strcmp(real, "/") ? "/" : "",
			 base);
	free(real);
	return full;
}
