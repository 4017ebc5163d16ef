/*
 * The mount model: what every parser produces and every rule reads.
 * Rules never see YAML nodes or argv, only these structures.
 *
 * Ownership: a unit owns everything reachable from it (strings, arrays,
 * containers, mounts); unit_release frees it all. Most strings are from
 * malloc; those of a mount with arena_strings are from the unit's arena.
 * Locations point at the unit's path string, which lives as long as the
 * unit.
 */
#ifndef MOUNTLINT_MODEL_H
#define MOUNTLINT_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "mem.h"

/* A span of source text: 1-based line and column (Unicode code points,
 * a tab is one), end exclusive. line == 0 means "no location". */
struct loc {
	const char *file;
	int line, col;
	int end_line, end_col;
};

struct kv {
	char *key;
	char *value;		/* NULL when the key has no value */
	struct loc loc;		/* the key */
};

struct kv_list {
	struct kv *items;
	size_t n, cap;
};

enum mount_kind {
	MOUNT_BIND,
	MOUNT_VOLUME,		/* named volume */
	MOUNT_ANON,		/* anonymous volume: no source */
	MOUNT_TMPFS,
	MOUNT_NPIPE,
	MOUNT_IMAGE,
	MOUNT_CLUSTER,
	MOUNT_SECRET,		/* compose secrets: target only */
	MOUNT_CONFIG,		/* compose configs: target only */
};

/* How a mount was written. */
enum mount_syntax {
	SYNTAX_SHORT,		/* -v / --volume, compose short string */
	SYNTAX_LONG,		/* --mount CSV, compose long mapping */
	SYNTAX_TMPFS,		/* --tmpfs, compose service tmpfs: */
	SYNTAX_TARGET,		/* secrets:/configs: of a service */
};

/* What the host side of a bind is, after normalising it. */
enum path_base {
	PATH_NONE,		/* no host path (volumes, tmpfs...) */
	PATH_ABSOLUTE,		/* source_path is a clean absolute path */
	PATH_HOME,		/* source_path is "~" or "~/..." */
	PATH_RELATIVE,		/* source_path is clean and relative ("data") */
	PATH_UNKNOWN,		/* a $VAR or $(...) prefix: not known */
	PATH_WINDOWS,		/* a drive or UNC path, as written */
};

enum selinux_label {
	SELINUX_NONE,
	SELINUX_SHARED,		/* z */
	SELINUX_PRIVATE,	/* Z */
};

/* Fields of a mount whose own location a finding may point at. */
enum mount_field {
	MF_ENTRY,		/* the whole entry (or a long mapping's first key) */
	MF_SOURCE,
	MF_TARGET,
	MF_READ_ONLY,
	MF_PROPAGATION,
	MF_SELINUX,
	MF_TMPFS_SIZE,
	MF_TMPFS_MODE,
	MF_NFIELDS
};

/* A place in the file of the mount that holds it: a struct loc without
 * its file, which every field of a mount shares. */
struct mount_at {
	int line, col;
	int end_line, end_col;
};

struct mount {
	enum mount_kind kind : 8;
	enum mount_syntax syntax : 8;
	enum path_base base : 8;	/* of source_path */
	enum selinux_label selinux : 8;
	bool read_only;
	bool nocopy;
	bool has_size;		/* tmpfs: size holds its size */
	bool arena_strings;	/* its strings are from an arena (the
				 * unit's), not from malloc: mount_release
				 * leaves them */

	char *raw;		/* the entry as written, for messages */
	char *source;		/* as written; NULL when there is none */
	char *source_path;	/* normalised host path, see enum path_base;
				 * NULL unless base is ABSOLUTE, HOME or
				 * RELATIVE (WINDOWS: as written) */
	char *target;		/* as written; NULL for a secret/config with
				 * none yet resolved */

	char *propagation;	/* "rshared", ...; NULL when not set */
	char *subpath;

	/* tmpfs */
	unsigned long long size;	/* bytes, when has_size */
	char *mode;			/* as written, or NULL */
	char *reenabled;	/* "exec", "suid" or "dev" that a tmpfs turned
				 * back on (first one), or NULL */

	char *volume_driver;
	struct kv_list labels;	/* --mount volume-label=, compose volume.labels */

	const char *file;	/* of every location in at */
	struct mount_at at[MF_NFIELDS];	/* line 0: not set */
};

struct secopt {
	char *text;		/* "label=disable", "seccomp:unconfined", ... */
	struct loc loc;
};

struct volumes_from {
	char *text;
	struct loc loc;
};

enum origin {
	ORIGIN_COMPOSE,		/* a compose service */
	ORIGIN_RUN,		/* docker/podman run or create */
};

enum engine {
	ENGINE_DOCKER,
	ENGINE_PODMAN,
};

struct container {
	enum origin origin;
	enum engine engine;
	char *name;		/* service name, or --name; may be NULL */
	struct loc loc;		/* service key, or the command's first word */

	char *image;		/* as written, NULL when none */
	struct loc image_loc;	/* image value/token, else loc */

	char *user;		/* NULL when not set */
	struct loc user_loc;

	bool privileged;
	struct loc privileged_loc;
	bool read_only;
	bool use_api_socket;
	struct loc use_api_socket_loc;
	bool remove;		/* docker run --rm */

	struct secopt *secopts;
	size_t n_secopts, cap_secopts;

	struct kv_list env;	/* environment (PGDATA and the like) */

	struct volumes_from *volumes_from;
	size_t n_volumes_from, cap_volumes_from;

	struct mount *mounts;
	size_t n_mounts, cap_mounts;
};

/* A compose top-level volume. */
struct volume {
	char *name;
	struct loc loc;		/* its key */
	bool external;
	bool has_driver;
	bool has_driver_opts;
	bool has_labels;
	/* The name and the keys and values of driver_opts and labels are
	 * the unit's (unit_strdup): volume_release leaves them. */
	bool unit_strings;
	char *driver;
	struct kv_list driver_opts;
	struct kv_list labels;
};

/* Commands of scripts that create or destroy volumes. */
enum volcmd_kind {
	VOLCMD_VOLUME_PRUNE,	/* docker volume prune */
	VOLCMD_SYSTEM_PRUNE,	/* docker system prune */
	VOLCMD_CONTAINER_RM,	/* docker rm, docker container rm */
	VOLCMD_COMPOSE_DOWN,	/* docker compose down, docker-compose down */
	VOLCMD_VOLUME_RM,	/* docker volume rm */
	VOLCMD_VOLUME_CREATE,	/* docker volume create */
};

struct volcmd {
	enum volcmd_kind kind;
	enum engine engine;
	bool has_filter;	/* --filter given */
	bool volumes;		/* -v / --volumes given (rm, down, system prune) */
	bool all_volumes;	/* volume rm of $(docker volume ls -q) */
	char *name;		/* volume create/rm NAME, or NULL */
	struct kv_list labels;	/* volume create --label */
	struct loc loc;		/* the docker (or podman) word */
};

enum unit_kind {
	UNIT_COMPOSE,
	UNIT_SCRIPT,		/* shell, and later Makefiles, Markdown, CI */
	UNIT_ARGV,		/* mountlint run -- ... */
};

struct settings;

/*
 * A mount as the rules that look across containers, or at the top-level
 * volumes, read it: from a container still whole in the unit, or kept
 * of one folded away (unit_fold). Only named volumes, binds with an
 * SELinux label, and sources that begin with a `$` are kept of a folded
 * container. The strings belong to the unit or to the container's
 * mount.
 */
struct mount_digest {
	const char *service;	/* its container's name, or NULL */
	const char *file;	/* of its locations */
	const char *source;	/* as written; NULL when none */
	const char *source_path;	/* of a bind, see struct mount */
	const char *target;	/* of a named volume, else may be NULL */
	struct mount_at entry;	/* the whole entry */
	/* A named volume's source, a bind's SELinux label (line 0: not
	 * set): see digest_loc. */
	struct mount_at field;
	unsigned container;	/* its container's place in the unit, the
				 * folded ones first */
	enum mount_kind kind : 8;
	enum mount_syntax syntax : 8;
	enum selinux_label selinux : 8;
	enum origin origin : 8;	/* of its container */
};

/* Where unit_next_mount stands; zero it to start. */
struct mount_iter {
	size_t kept;		/* the next mount kept of folded containers */
	size_t container, mount;	/* then the next container's mount */
};

struct kept_mount;
struct kept_owner;

/* One linted input and everything parsed out of it. */
struct unit {
	enum unit_kind kind;
	const struct settings *settings;	/* never NULL */
	char *path;		/* as shown in findings */
	char *dir;		/* directory holding it, for files beside it;
				 * NULL for stdin and argv */

	struct container *containers;
	size_t n_containers, cap_containers;

	struct volume *volumes;
	size_t n_volumes, cap_volumes;

	struct volcmd *volcmds;
	size_t n_volcmds, cap_volcmds;

	/* Named volumes that mounts refer to although the mount grammar
	 * rejected them (and left them out of the containers). */
	struct kv_list rejected_volumes;

	/* volumes by name, for unit_find_volume (unit_index): a table of
	 * volume_slots slots (a power of two), made when the unit had
	 * n_indexed volumes */
	const struct volume **volume_index;
	size_t volume_slots, n_indexed;

	/* The strings of mounts with arena_strings, freed all at once. */
	struct arena strings;

	/* What is kept of the containers folded away (unit_fold): their
	 * mounts, their names and files; the strings of those and of
	 * unit_strdup; the strings kept last, which the next mounts often
	 * repeat. */
	struct kept_mount *kept;
	size_t n_kept, cap_kept;
	struct kept_owner *owners;
	size_t n_owners, cap_owners;
	size_t n_folded;
	struct arena kept_strings;
	const char *recent[8];
	size_t recent_len[8];
	unsigned n_recent;

	/*
	 * When set, a parser that reads containers one at a time (a
	 * compose file read as it is parsed) calls it with each container
	 * once it is read whole: the last of u->containers. It may fold
	 * that container away.
	 */
	void (*container_read)(struct unit *u, void *ctx);
	void *container_ctx;
};

/* Where a unit stood, to take it back there (unit_truncate). */
struct unit_mark {
	size_t n_containers, n_volumes, n_rejected, n_kept, n_owners,
	       n_folded;
};

void unit_init(struct unit *u, enum unit_kind kind, const char *path,
	       const char *dir);
void unit_release(struct unit *u);
void unit_mark(const struct unit *u, struct unit_mark *m);
/* Drops the containers, top-level and rejected volumes and folded
 * containers added since m. */
void unit_truncate(struct unit *u, const struct unit_mark *m);

/*
 * Releases the last container of u, keeping of it only the digests of
 * the mounts the rules that look across containers read (see struct
 * mount_digest). Once no container is left whole, the strings of their
 * mounts are freed too.
 */
void unit_fold(struct unit *u);

/*
 * The next mount of u, folded containers first, then each container's
 * mounts in order, written to *d; false when there is none left. The
 * digest of a whole container's mount points into that mount.
 */
bool unit_next_mount(const struct unit *u, struct mount_iter *it,
		     struct mount_digest *d);

/* mount_loc_in for a digest: f is MF_ENTRY, or the field digest.field
 * holds for its kind (MF_SOURCE, MF_SELINUX). */
const struct loc *digest_loc_in(const struct mount_digest *d,
				enum mount_field f, struct loc *buf);
#define digest_loc(d, f) digest_loc_in((d), (f), &(struct loc){ 0 })

/* Append a zeroed element; the returned pointer is valid until the next
 * append to the same array. */
struct container *unit_add_container(struct unit *u, enum origin origin);
struct volume *unit_add_volume(struct unit *u);
struct volcmd *unit_add_volcmd(struct unit *u);
struct mount *container_add_mount(struct container *c);
struct secopt *container_add_secopt(struct container *c);
struct volumes_from *container_add_volumes_from(struct container *c);
struct kv *kv_add(struct kv_list *l, const char *key, const char *value);
/* kv_add with copies from a, or from malloc when a is NULL. */
struct kv *kv_add_in(struct arena *a, struct kv_list *l, const char *key,
		     const char *value);
/* A copy of s that u owns, freed with it: for the many short strings of
 * a large file. */
char *unit_strdup(struct unit *u, const char *s);
/* Room for n more items in l, or u's volumes, made at once and no
 * more: for lists whose length is known before they are filled. */
void kv_list_reserve(struct kv_list *l, size_t n);
void unit_reserve_volumes(struct unit *u, size_t n);
const char *kv_get(const struct kv_list *l, const char *key);
/* Frees the list's keys, values and array; the list is left empty. */
void kv_list_release(struct kv_list *l);

void mount_release(struct mount *m);
void volume_release(struct volume *v);

/* Sets the location of field f; every field of a mount is in one file. */
void mount_set_loc(struct mount *m, enum mount_field f, const struct loc *loc);

/*
 * The location of field f as set (line 0 when it was not), written to
 * *buf; returns buf.
 */
const struct loc *mount_field_loc(const struct mount *m, enum mount_field f,
				  struct loc *buf);

/*
 * The location of a field, falling back to the whole entry, written to
 * *buf; returns buf. mount_loc(m, f) writes it to a struct loc that lives
 * until the end of the enclosing block.
 */
const struct loc *mount_loc_in(const struct mount *m, enum mount_field f,
			       struct loc *buf);
#define mount_loc(m, f) mount_loc_in((m), (f), &(struct loc){ 0 })

/* True for binds whose host path is known (absolute, home or relative). */
bool mount_has_host_path(const struct mount *m);

/*
 * The last component of a bind's source when it is known (not behind
 * a $), e.g. "id_rsa" for "$HOME/.ssh/id_rsa"; NULL otherwise. Points
 * into m->source.
 */
const char *mount_source_basename(const struct mount *m);

/* Looks up a volume by name; NULL when the unit has none such. The last
 * one of a name wins. Fast once unit_index has run. */
const struct volume *unit_find_volume(const struct unit *u, const char *name);

/* Indexes the unit's volumes by name; call it once they are all in. */
void unit_index(struct unit *u);

/*
 * Path helpers for POSIX paths.
 * path_clean: lexical clean as Go's path.Clean does ("//a/./b/../c/" is
 * "/a/c", "" is "."); the caller frees the result.
 * path_within: path equals dir or lies below it; both clean.
 * path_dir: the directory part of path ("." when it has none, "/" for a
 * file at the root); the caller frees it.
 */
char *path_clean(const char *path);
/*
 * path_clean without a copy when cleaning changes nothing: path itself,
 * or a clean copy that *owned gets (NULL when none) for the caller to
 * free.
 */
const char *path_clean_view(const char *path, char **owned);
/*
 * path_clean of head and tail written one after the other, allocated
 * from a, or from malloc when a is NULL.
 */
char *path_clean_cat(struct arena *a, const char *head, const char *tail);
char *path_dir(const char *path);
bool path_within(const char *path, const char *dir);

const char *mount_kind_name(enum mount_kind k);

#endif
