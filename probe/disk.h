/*
 * "No space left on device": how full the Docker root and the volumes'
 * file systems are, in bytes and in inodes, and what in the engine uses
 * the space, read from either /system/df shape.
 */
#ifndef MOUNTLINT_PROBE_DISK_H
#define MOUNTLINT_PROBE_DISK_H

#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>

#include "errors.h"

/* One kind of object in /system/df. */
struct df_part {
	long long count, active;	/* -1 when not told */
	unsigned long long size, reclaimable;
};

struct df {
	bool current_shape;	/* API >= 1.52: ImageUsage, ContainerUsage... */
	struct df_part images, containers, volumes, build_cache;
	long long dangling, anonymous;	/* volumes no container uses */
	unsigned long long dangling_size, anonymous_size;
	struct strlist mountpoints;	/* of every volume */
	struct strlist container_ids;
};

/*
 * Reads a GET /system/df answer of either shape into df (zeroed first).
 * Returns 0, or -1 when root is not an object. df_release frees it.
 */
int df_from_json(struct df *df, const cJSON *root);
void df_release(struct df *df);

/* Whether a volume name is one the engine made up (64 hex digits). */
bool volume_is_anonymous(const char *name);

struct fs_usage {
	char *path;
	unsigned long long bytes_total, bytes_free;
	unsigned long long inodes_total, inodes_free;
	unsigned long fsid;
	int err;		/* errno of statvfs, 0 when read */
};

/* Under 1 % left (or none at all): "bytes", "inodes", "bytes and
 * inodes", or NULL when neither is. */
const char *fs_exhausted(const struct fs_usage *u);

/* statvfs of path into u (u->path is a copy the caller frees). */
void fs_usage_read(struct fs_usage *u, const char *path);

/* One way to free space, for the ranking. */
struct reclaim {
	const char *what;
	unsigned long long bytes;
	const char *command;
	const char *note;	/* or NULL */
};

/*
 * The ways df (and log_bytes of container log files) could free space,
 * largest first, those that free nothing left out. Returns how many were
 * written to out, at most max.
 */
size_t df_rank(const struct df *df, unsigned long long log_bytes,
	       struct reclaim *out, size_t max);

#endif
