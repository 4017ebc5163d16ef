/*
 * Disk use: /system/df in both shapes, statvfs, and the ranking of what
 * could be reclaimed.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "disk.h"
#include "../lint/mem.h"
#include "../lint/banned.h"

static const cJSON *item(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* A number of obj, clamped to the range of long long; dflt when it is
 * not a number. */
static long long num(const cJSON *obj, const char *key, long long dflt)
{
	const cJSON *v = item(obj, key);
	double d;

	if (!cJSON_IsNumber(v) || v->valuedouble != v->valuedouble)
		return dflt;
	d = v->valuedouble;
	if (d >= 9.2e18)
		return LLONG_MAX;
	if (d <= -9.2e18)
		return LLONG_MIN;
	return (long long)d;
}

static unsigned long long size_of(const cJSON *obj, const char *key)
{
	long long n = num(obj, key, 0);

	return n > 0 ? (unsigned long long)n : 0;
}

static bool is_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdef", s[i]) || !s[i])
			return false;
	return !s[n];
}

bool volume_is_anonymous(const char *name)
{
	return name && strlen(name) == 64 && is_hex(name, 64);
}

static bool container_is_active(const cJSON *c)
{
	const cJSON *state = item(c, "State");
	const char *s = cJSON_IsString(state) ? state->valuestring : "";

	return !strcmp(s, "running") || !strcmp(s, "paused") ||
	       !strcmp(s, "restarting");
}

static void read_containers(struct df *df, const cJSON *list, bool totals)
{
	const cJSON *c;

	cJSON_ArrayForEach(c, list) {
		const cJSON *id = item(c, "Id");
		unsigned long long rw = size_of(c, "SizeRw");
		bool active = container_is_active(c);

		if (cJSON_IsString(id))
			strlist_push(&df->container_ids,
				     xstrdup(id->valuestring));
		if (!totals)
			continue;
		df->containers.count++;
		df->containers.active += active;
		df->containers.size += rw;
		if (!active)
			df->containers.reclaimable += rw;
	}
}

static bool volume_is_anonymous_json(const cJSON *v)
{
	const cJSON *name = item(v, "Name");
	const cJSON *labels = item(v, "Labels");

	if (item(labels, "com.docker.volume.anonymous"))
		return true;
	return cJSON_IsString(name) && volume_is_anonymous(name->valuestring);
}

static void read_volumes(struct df *df, const cJSON *list, bool totals)
{
	const cJSON *v;

	cJSON_ArrayForEach(v, list) {
		const cJSON *usage = item(v, "UsageData");
		const cJSON *mp = item(v, "Mountpoint");
		long long refs = num(usage, "RefCount", -1);
		unsigned long long size = size_of(usage, "Size");

		if (cJSON_IsString(mp) && *mp->valuestring)
			strlist_push(&df->mountpoints, xstrdup(mp->valuestring));
		if (refs == 0) {
			bool anon = volume_is_anonymous_json(v);

			df->dangling++;
			df->dangling_size += size;
			df->anonymous += anon;
			df->anonymous_size += anon ? size : 0;
		}
		if (!totals)
			continue;
		df->volumes.count++;
		df->volumes.active += refs > 0;
		df->volumes.size += size;
		if (refs == 0)
			df->volumes.reclaimable += size;
	}
}

/* Images: what the ones in use hold apart from shared layers stays. */
static void read_images_legacy(struct df *df, const cJSON *root)
{
	const cJSON *img;
	unsigned long long used = 0, sum = 0;

	cJSON_ArrayForEach(img, item(root, "Images")) {
		unsigned long long size = size_of(img, "Size");
		long long shared = num(img, "SharedSize", -1);

		df->images.count++;
		sum += size;
		if (num(img, "Containers", 0) > 0) {
			df->images.active++;
			used += shared >= 0 && (unsigned long long)shared <= size
				? size - (unsigned long long)shared : size;
		}
	}
	df->images.size = item(root, "LayersSize") ?
			  size_of(root, "LayersSize") : sum;
	df->images.reclaimable = df->images.size > used ?
				 df->images.size - used : 0;
}

static void read_build_cache_legacy(struct df *df, const cJSON *list)
{
	const cJSON *r;

	cJSON_ArrayForEach(r, list) {
		const cJSON *in_use = item(r, "InUse");
		const cJSON *shared = item(r, "Shared");
		unsigned long long size = size_of(r, "Size");

		df->build_cache.count++;
		df->build_cache.active += cJSON_IsTrue(in_use);
		if (cJSON_IsTrue(shared))
			continue;
		df->build_cache.size += size;
		if (!cJSON_IsTrue(in_use))
			df->build_cache.reclaimable += size;
	}
}

static void read_legacy(struct df *df, const cJSON *root)
{
	read_images_legacy(df, root);
	read_containers(df, item(root, "Containers"), true);
	read_volumes(df, item(root, "Volumes"), true);
	read_build_cache_legacy(df, item(root, "BuildCache"));
}

/* A summary of the current shape: {ActiveCount, TotalCount, ...}. */
static void read_part(struct df_part *p, const cJSON *usage)
{
	p->count = num(usage, "TotalCount", -1);
	p->active = num(usage, "ActiveCount", -1);
	p->size = size_of(usage, "TotalSize");
	p->reclaimable = size_of(usage, "Reclaimable");
}

static void read_current(struct df *df, const cJSON *root)
{
	const cJSON *volumes = item(root, "VolumeUsage");

	df->current_shape = true;
	read_part(&df->images, item(root, "ImageUsage"));
	read_part(&df->containers, item(root, "ContainerUsage"));
	read_part(&df->volumes, volumes);
	read_part(&df->build_cache, item(root, "BuildCacheUsage"));
	read_containers(df, item(item(root, "ContainerUsage"), "Items"),
			false);
	read_volumes(df, item(volumes, "Items"), false);
}

int df_from_json(struct df *df, const cJSON *root)
{
	memset(df, 0, sizeof(*df));
	if (!cJSON_IsObject(root))
		return -1;
	if (item(root, "ImageUsage") || item(root, "ContainerUsage") ||
	    item(root, "VolumeUsage") || item(root, "BuildCacheUsage"))
		read_current(df, root);
	else
		read_legacy(df, root);
	return 0;
}

void df_release(struct df *df)
{
	strlist_release(&df->mountpoints);
	strlist_release(&df->container_ids);
}

const char *fs_exhausted(const struct fs_usage *u)
{
	bool bytes = u->bytes_total &&
		     u->bytes_free * 100 < u->bytes_total;
	bool inodes = u->inodes_total &&
		      u->inodes_free * 100 < u->inodes_total;

	if (u->err)
		return NULL;
	if (bytes && inodes)
		return "bytes and inodes";
	return bytes ? "bytes" : inodes ? "inodes" : NULL;
}

void fs_usage_read(struct fs_usage *u, const char *path)
{
	struct statvfs st;

	memset(u, 0, sizeof(*u));
	u->path = xstrdup(path);
	if (statvfs(path, &st)) {
		u->err = errno;
		return;
	}
	u->bytes_total = (unsigned long long)st.f_blocks * st.f_frsize;
	u->bytes_free = (unsigned long long)st.f_bfree * st.f_frsize;
	u->inodes_total = st.f_files;
	u->inodes_free = st.f_ffree;
	u->fsid = st.f_fsid;
}

static int by_bytes(const void *a, const void *b)
{
	const struct reclaim *x = a, *y = b;

	return x->bytes < y->bytes ? 1 : x->bytes > y->bytes ? -1 : 0;
}

static void put(struct reclaim *out, size_t *n, size_t max,
		struct reclaim r)
{
	if (r.bytes && *n < max)
		out[(*n)++] = r;
}

size_t df_rank(const struct df *df, unsigned long long log_bytes,
	       struct reclaim *out, size_t max)
{
	size_t n = 0;

	put(out, &n, max, (struct reclaim){
		"writable layers of stopped containers",
		df->containers.reclaimable, "docker container prune",
		"removes every stopped container" });
	put(out, &n, max, (struct reclaim){
		"images no container uses", df->images.reclaimable,
		"docker image prune -a",
		"removed images must be pulled or built again" });
	put(out, &n, max, (struct reclaim){
		"build cache", df->build_cache.reclaimable,
		"docker builder prune", NULL });
	put(out, &n, max, (struct reclaim){
		"anonymous volumes no container uses", df->anonymous_size,
		"docker volume prune",
		"deletes the data in those volumes" });
	put(out, &n, max, (struct reclaim){
		"named volumes no container uses",
		df->dangling_size - df->anonymous_size,
		"docker volume ls -f dangling=true",
		"check each one's data, then docker volume rm NAME" });
	put(out, &n, max, (struct reclaim){
		"container log files", log_bytes,
		"docker inspect -f '{{.LogPath}}' NAME",
		"truncate -s 0 that file, and cap logs with "
		"--log-opt max-size=10m" });
	qsort(out, n, sizeof(*out), by_bytes);
	return n;
}
