#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mem.h"
#include "banned.h"

/* Deeper trees are not walked: a guard against loops and odd mounts. */
#define WALK_MAX_DEPTH 64

static const char *const skipped_dirs[] = { ".git", "node_modules",
					    "vendor" };

static int is_skipped_dir(const char *name)
{
	for (size_t i = 0; i < sizeof(skipped_dirs) / sizeof(*skipped_dirs);
	     i++)
		if (!strcmp(name, skipped_dirs[i]))
			return 1;
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* dir/name; name alone in "." (as a compose project shows its files). */
static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (!strcmp(dir, ".") || !strcmp(dir, "./"))
		return xstrdup(name);
	if (n && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

/* The names in dir, sorted; NULL when it cannot be read. */
static char **read_names(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		grow_array(&names, sizeof(*names), n + 1, &cap);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), compare_names);
	*count = n;
	return names ? names : xcalloc(1, sizeof(*names));
}

static int walk(const char *dir, int depth, walk_fn *fn, void *ctx)
{
	size_t n = 0;
	char **names = read_names(dir, &n);

	if (!names)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char *path = join(dir, names[i]);
		struct stat st;

		if (!lstat(path, &st)) {
			if (S_ISDIR(st.st_mode) && !is_skipped_dir(names[i]) &&
			    depth < WALK_MAX_DEPTH)
				walk(path, depth + 1, fn, ctx);
			else if (S_ISREG(st.st_mode))
				fn(path, ctx);
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return 0;
}

int walk_dir(const char *dir, walk_fn *fn, void *ctx)
{
	return walk(dir, 0, fn, ctx);
}

const char *const compose_file_names[COMPOSE_NAMES] = {
	"compose.yaml", "compose.yml",
	"docker-compose.yml", "docker-compose.yaml",
};

const char *const compose_override_names[COMPOSE_NAMES] = {
	"compose.override.yml", "compose.override.yaml",
	"docker-compose.override.yml", "docker-compose.override.yaml",
};

int walk_default_compose(const char *dir, walk_fn *fn, void *ctx)
{
	int found = 0;

	for (size_t i = 0; i < COMPOSE_NAMES && !found; i++) {
		const char *name = compose_file_names[i];
		char *path = join(dir, name);
		struct stat st;

		if (!stat(path, &st) && S_ISREG(st.st_mode)) {
			fn(path, ctx);
			found++;
		}
		free(path);
	}
	return found;
}
