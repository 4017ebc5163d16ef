#include "fsprobe.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "mem.h"
#include "banned.h"

/*
 * Answers kept at most; past it, paths are asked each time. Listings
 * of directories (and the entries in each) read at most.
 */
enum {
	MAX_ANSWERS = 1 << 16,
	MAX_MISSING_DIRS = 64,
	MAX_LISTINGS = 64,
	MAX_LISTED = 4096,
};

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
	return (size_t)hash_bytes(HASH_START, s, len);
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

/*
 * A directory whose names are asked one after the other is read once,
 * at its second name: a name it does not hold is missing without a
 * stat. Links (which stat follows) and names that differ from one it
 * holds only in case (a file system may fold case) are still asked.
 */
struct listing {
	char *dir;
	enum { ASKED_ONCE, LISTED, UNUSABLE } state;
	char **names;		/* sorted; "\x01" in front of a link or
				 * what may be one */
	char **folded;		/* the names in lower case, sorted */
	size_t n;
};

static struct {
	struct listing *items;
	size_t n, cap;
} listings;

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *lower(const char *s)
{
	char *copy = xstrdup(s);

	for (char *p = copy; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return copy;
}

static void drop_names(struct listing *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->names[i]);
		free(l->folded[i]);
	}
	free(l->names);
	free(l->folded);
	l->names = l->folded = NULL;
	l->n = 0;
}

/*
 * Reads l->dir; UNUSABLE when it cannot be read, holds too much, or
 * cannot be searched (then stat fails on what it lists).
 */
static void read_listing(struct listing *l)
{
	DIR *d;
	size_t cap = 0;
	struct dirent *e;

	l->state = UNUSABLE;
	if (faccessat(AT_FDCWD, l->dir, X_OK, AT_EACCESS))
		return;
	d = opendir(l->dir);
	if (!d)
		return;
	while ((e = readdir(d))) {
		bool link = e->d_type == DT_LNK || e->d_type == DT_UNKNOWN;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (l->n == MAX_LISTED) {
			drop_names(l);
			closedir(d);
			return;
		}
		if (l->n == cap) {
			grow_array(&l->names, sizeof(*l->names), l->n + 1,
				   &cap);
			l->folded = xrealloc(l->folded,
					     st_mult(cap, sizeof(*l->folded)));
		}
		l->names[l->n] = link ? xasprintf("\x01%s", e->d_name) :
					xstrdup(e->d_name);
		l->folded[l->n++] = lower(e->d_name);
	}
	closedir(d);
	if (l->n) {
		qsort(l->names, l->n, sizeof(*l->names), compare_names);
		qsort(l->folded, l->n, sizeof(*l->folded), compare_names);
	}
	l->state = LISTED;
}

static bool listed(char *const *names, size_t n, const char *name)
{
	return n && bsearch(&name, names, n, sizeof(*names), compare_names);
}

/* The listing of dir (len bytes), made on its first use; or NULL. */
static struct listing *listing_of(const char *dir, size_t len)
{
	struct listing *l;

	for (size_t i = 0; i < listings.n; i++) {
		l = &listings.items[i];
		if (!strncmp(l->dir, dir, len) && !l->dir[len]) {
			if (l->state == ASKED_ONCE)
				read_listing(l);
			return l;
		}
	}
	if (listings.n == MAX_LISTINGS)
		return NULL;
	l = ARRAY_PUSH(listings);
	memset(l, 0, sizeof(*l));
	l->dir = xstrndup(dir, len);
	l->state = ASKED_ONCE;
	return l;
}

/* Answers for path from its directory's listing; false when it cannot. */
static bool listed_answer(const char *path, int *err)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : NULL;
	struct listing *l;
	char few[128], *folded;
	size_t n;
	bool answered = false;

	if (!slash || slash == path || !*base || !strcmp(base, ".") ||
	    !strcmp(base, ".."))
		return false;
	l = listing_of(path, (size_t)(slash - path));
	if (!l || l->state != LISTED)
		return false;
	if (listed(l->names, l->n, base)) {
		*err = 0;
		return true;
	}
	/* a link, or a name of another case: stat says */
	n = strlen(base);
	folded = n < sizeof(few) ? few : xmalloc(n + 1);
	for (size_t i = 0; i <= n; i++)
		folded[i] = (char)tolower((unsigned char)base[i]);
	if (!listed(l->folded, l->n, folded)) {
		*err = ENOENT;
		answered = true;
	}
	if (folded != few)
		free(folded);
	return answered;
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
	/* a listing answers again as cheaply: its answers are not kept */
	if (listed_answer(path, &err))
		return err;
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

int fsprobe_stat_in(const char *dir, const char *name)
{
	char joined[256];
	size_t d = strlen(dir), n = strlen(name);
	char *path;
	int err;

	/* most paths fit on the stack; a long one is joined on the heap */
	if (d + n + 2 <= sizeof(joined)) {
		memcpy(joined, dir, d);
		joined[d] = '/';
		memcpy(joined + d + 1, name, n + 1);
		return fsprobe_stat(joined);
	}
	path = xasprintf("%s/%s", dir, name);
	err = fsprobe_stat(path);
	free(path);
	return err;
}

/* The path lstat last asked for, and its answer. */
static struct {
	char *path;
	struct stat st;
	int err;
} last_lstat;

int fsprobe_lstat(const char *path, struct stat *st)
{
	if (!last_lstat.path || strcmp(last_lstat.path, path)) {
		free(last_lstat.path);
		last_lstat.path = xstrdup(path);
		last_lstat.err = lstat(path, &last_lstat.st) ? errno : 0;
	}
	*st = last_lstat.st;
	if (!last_lstat.err)
		return 0;
	errno = last_lstat.err;
	return -1;
}

/* The directory resolved last: its name as asked and its real path. */
static struct {
	char *asked;
	char *real;		/* NULL when it could not be resolved */
	bool is_dir;		/* asked is a directory, not a link */
} last_dir;

static char *dir_realpath(const char *dir)
{
	if (!last_dir.asked || strcmp(last_dir.asked, dir)) {
		free(last_dir.asked);
		free(last_dir.real);
		last_dir.asked = xstrdup(dir);
		last_dir.real = realpath(dir, NULL);
		last_dir.is_dir = false;
	}
	return last_dir.real ? xstrdup(last_dir.real) : NULL;
}

char *fsprobe_realpath(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	struct stat st;
	char *dir, *real, *full;

	if (last_dir.is_dir && !strcmp(path, last_dir.asked))
		return dir_realpath(path);
	if (fsprobe_lstat(path, &st) || S_ISLNK(st.st_mode))
		return realpath(path, NULL);
	if (S_ISDIR(st.st_mode)) {
		real = dir_realpath(path);
		last_dir.is_dir = true;
		return real;
	}
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
