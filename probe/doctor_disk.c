/*
 * The "no space left on device" report: how full the file systems are,
 * what in the engine uses the space, and what could be reclaimed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "disk.h"
#include "doctor_report.h"
#include "../lint/mem.h"
#include "../lint/banned.h"

#define MAX_FILESYSTEMS 16
#define MAX_LOG_CONTAINERS 500
#define MAX_RECLAIM 8

struct disk {
	char *root;			/* DockerRootDir */
	char *driver;
	struct df df;
	struct fs_usage fs[MAX_FILESYSTEMS];
	size_t n_fs;
	bool local;			/* the engine's files are on this host */
	unsigned long long log_bytes;
	size_t logs_unreadable;
};

static char *info_string(const cJSON *info, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(info, key);

	return cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL;
}

static int read_info(struct doctor *d, struct disk *k)
{
	cJSON *info = NULL;
	int rc = engine_get_json(&d->engine, "/info", &info);

	if (!rc) {
		k->root = info_string(info, "DockerRootDir");
		k->driver = info_string(info, "Driver");
	}
	cJSON_Delete(info);
	return rc;
}

/* On a terminal, a line that says the engine is still counting. */
static void show_wait(void *data, const char *path, long seconds)
{
	(void)data;
	fprintf(stderr, "\rmountlint: waiting for %s: %ld s", path, seconds);
	fflush(stderr);
}

static int read_df(struct doctor *d, struct disk *k)
{
	bool tty = isatty(STDERR_FILENO);
	const char *path = engine_api_at_least(&d->engine, 1, 52) ?
			   "/system/df?verbose=1" : "/system/df";
	long saved = d->engine.timeout;
	cJSON *root = NULL;
	int rc;

	/* The engine sums every layer and volume: minutes on a big host. */
	d->engine.timeout = saved * 10;
	if (tty) {
		d->engine.wait = show_wait;
		fprintf(stderr, "mountlint: reading /system/df; this can take "
			"minutes on a big host\n");
	}
	rc = engine_get_json(&d->engine, path, &root);
	if (tty)
		fprintf(stderr, "\r\033[K");
	d->engine.wait = NULL;
	d->engine.timeout = saved;
	if (!rc && df_from_json(&k->df, root))
		rc = ENGINE_BAD;
	cJSON_Delete(root);
	return rc;
}

static bool fs_known(const struct disk *k, unsigned long fsid)
{
	for (size_t i = 0; i < k->n_fs; i++)
		if (!k->fs[i].err && k->fs[i].fsid == fsid)
			return true;
	return false;
}

/* The Docker root, then each other file system a volume lives on. */
static void read_filesystems(struct disk *k)
{
	if (!k->local || !k->root)
		return;
	fs_usage_read(&k->fs[k->n_fs++], k->root);
	for (size_t i = 0; i < k->df.mountpoints.n; i++) {
		struct fs_usage u;

		if (k->n_fs == MAX_FILESYSTEMS)
			break;
		fs_usage_read(&u, k->df.mountpoints.items[i]);
		if (!u.err && !fs_known(k, u.fsid))
			k->fs[k->n_fs++] = u;
		else
			free(u.path);
	}
}

static void add_log_size(struct doctor *d, struct disk *k, const char *id)
{
	char *path = xasprintf("/containers/%s/json", id);
	cJSON *c = NULL;
	const cJSON *log;
	struct stat st;

	if (!engine_get_json(&d->engine, path, &c)) {
		log = cJSON_GetObjectItemCaseSensitive(c, "LogPath");
		if (cJSON_IsString(log) && *log->valuestring &&
		    !stat(log->valuestring, &st))
			k->log_bytes += (unsigned long long)st.st_size;
		else if (cJSON_IsString(log) && *log->valuestring)
			k->logs_unreadable++;
	}
	free(path);
	cJSON_Delete(c);
}

static void read_logs(struct doctor *d, struct disk *k)
{
	const struct strlist *ids = &k->df.container_ids;

	if (!k->local)
		return;
	for (size_t i = 0; i < ids->n && i < MAX_LOG_CONTAINERS; i++)
		add_log_size(d, k, ids->items[i]);
}

static cJSON *fs_json(const struct fs_usage *u, bool root)
{
	cJSON *o = cJSON_CreateObject();
	const char *full = fs_exhausted(u);

	cJSON_AddStringToObject(o, "path", u->path);
	cJSON_AddStringToObject(o, "role", root ? "docker-root" : "volumes");
	if (u->err) {
		cJSON_AddStringToObject(o, "error", strerror(u->err));
		return o;
	}
	cJSON_AddNumberToObject(o, "bytes_total", (double)u->bytes_total);
	cJSON_AddNumberToObject(o, "bytes_free", (double)u->bytes_free);
	cJSON_AddNumberToObject(o, "inodes_total", (double)u->inodes_total);
	cJSON_AddNumberToObject(o, "inodes_free", (double)u->inodes_free);
	if (full)
		cJSON_AddStringToObject(o, "exhausted", full);
	else
		cJSON_AddNullToObject(o, "exhausted");
	return o;
}

static cJSON *part_json(const struct df_part *p)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "count", (double)p->count);
	cJSON_AddNumberToObject(o, "active", (double)p->active);
	cJSON_AddNumberToObject(o, "size", (double)p->size);
	cJSON_AddNumberToObject(o, "reclaimable", (double)p->reclaimable);
	return o;
}

static cJSON *usage_json(const struct disk *k)
{
	const struct df *df = &k->df;
	cJSON *o = cJSON_CreateObject();
	cJSON *v = part_json(&df->volumes);

	cJSON_AddStringToObject(o, "shape", df->current_shape ?
				"1.52" : "legacy");
	cJSON_AddItemToObject(o, "images", part_json(&df->images));
	cJSON_AddItemToObject(o, "containers", part_json(&df->containers));
	cJSON_AddNumberToObject(v, "dangling", (double)df->dangling);
	cJSON_AddNumberToObject(v, "dangling_size", (double)df->dangling_size);
	cJSON_AddNumberToObject(v, "anonymous", (double)df->anonymous);
	cJSON_AddNumberToObject(v, "anonymous_size",
				(double)df->anonymous_size);
	cJSON_AddItemToObject(o, "volumes", v);
	cJSON_AddItemToObject(o, "build_cache", part_json(&df->build_cache));
	if (k->local)
		cJSON_AddNumberToObject(o, "container_logs",
					(double)k->log_bytes);
	else
		cJSON_AddNullToObject(o, "container_logs");
	return o;
}

static void disk_json(struct doctor *d, const struct disk *k,
		      const struct reclaim *r, size_t n)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *fs = cJSON_CreateArray(), *rank = cJSON_CreateArray();

	if (k->root)
		cJSON_AddStringToObject(o, "docker_root", k->root);
	else
		cJSON_AddNullToObject(o, "docker_root");
	for (size_t i = 0; i < k->n_fs; i++)
		cJSON_AddItemToArray(fs, fs_json(&k->fs[i], i == 0));
	cJSON_AddItemToObject(o, "filesystems", fs);
	cJSON_AddItemToObject(o, "usage", usage_json(k));
	for (size_t i = 0; i < n; i++) {
		cJSON *x = cJSON_CreateObject();

		cJSON_AddStringToObject(x, "what", r[i].what);
		cJSON_AddNumberToObject(x, "bytes", (double)r[i].bytes);
		cJSON_AddStringToObject(x, "command", r[i].command);
		if (r[i].note)
			cJSON_AddStringToObject(x, "note", r[i].note);
		else
			cJSON_AddNullToObject(x, "note");
		cJSON_AddItemToArray(rank, x);
	}
	cJSON_AddItemToObject(o, "reclaimable", rank);
	cJSON_AddItemToObject(d->out, "disk", o);
}

static void fs_text(const struct fs_usage *u, bool root)
{
	char a[32], b[32];
	const char *full = fs_exhausted(u);

	printf("%s \"%s\":\n", root ? "Docker root" : "volumes on", u->path);
	if (u->err) {
		printf("  cannot read: %s\n", strerror(u->err));
		return;
	}
	printf("  bytes:  %s free of %s\n", doctor_bytes(a, sizeof(a),
	       u->bytes_free), doctor_bytes(b, sizeof(b), u->bytes_total));
	printf("  inodes: %llu free of %llu\n", u->inodes_free,
	       u->inodes_total);
	if (full)
		printf("  full: out of %s\n", full);
	if (full && !strcmp(full, "inodes"))
		printf("  it ran out of inodes (files), not of bytes: remove "
		       "many small files (build cache, unused images), not "
		       "a few large ones\n");
}

static void part_text(const char *what, const struct df_part *p)
{
	char a[32], b[32];

	printf("  %-12s %lld (%lld in use), %s, %s reclaimable\n", what,
	       p->count, p->active, doctor_bytes(a, sizeof(a), p->size),
	       doctor_bytes(b, sizeof(b), p->reclaimable));
}

static void usage_text(const struct doctor *d, const struct disk *k)
{
	const struct df *df = &k->df;
	char a[32];

	printf("what uses the space (API %s, /system/df):\n", d->engine.api);
	part_text("images", &df->images);
	part_text("containers", &df->containers);
	part_text("volumes", &df->volumes);
	printf("  %-12s %lld unused (%lld anonymous), %s\n", "",
	       df->dangling, df->anonymous,
	       doctor_bytes(a, sizeof(a), df->dangling_size));
	part_text("build cache", &df->build_cache);
	if (k->local)
		printf("  %-12s %s%s\n", "logs",
		       doctor_bytes(a, sizeof(a), k->log_bytes),
		       k->logs_unreadable ? " (some unreadable)" : "");
}

static void disk_text(const struct doctor *d, const struct disk *k,
		      const struct reclaim *r, size_t n)
{
	char a[32];

	for (size_t i = 0; i < k->n_fs; i++)
		fs_text(&k->fs[i], i == 0);
	if (!k->local)
		printf("the engine is not on this host: file systems and "
		       "log files are not read\n");
	usage_text(d, k);
	printf(n ? "what could be reclaimed, largest first:\n" :
	       "nothing the engine counts could be reclaimed\n");
	for (size_t i = 0; i < n; i++) {
		printf("  %zu. %s: %s\n     %s\n", i + 1,
		       doctor_bytes(a, sizeof(a), r[i].bytes), r[i].what,
		       r[i].command);
		if (r[i].note)
			printf("     (%s)\n", r[i].note);
	}
}

static void disk_release(struct disk *k)
{
	free(k->root);
	free(k->driver);
	df_release(&k->df);
	for (size_t i = 0; i < k->n_fs; i++)
		free(k->fs[i].path);
}

int doctor_disk_report(struct doctor *d)
{
	struct disk k = { 0 };
	struct reclaim r[MAX_RECLAIM];
	size_t n;
	int rc;

	k.local = d->engine.ep.socket != NULL;
	rc = read_info(d, &k);
	if (!rc)
		rc = read_df(d, &k);
	if (rc) {
		disk_release(&k);
		return doctor_engine_failed(d, rc);
	}
	read_filesystems(&k);
	read_logs(d, &k);
	n = df_rank(&k.df, k.log_bytes, r, MAX_RECLAIM);
	if (d->json)
		disk_json(d, &k, r, n);
	else
		disk_text(d, &k, r, n);
	disk_release(&k);
	return 0;
}
