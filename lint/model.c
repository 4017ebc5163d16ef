#include "model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "mem.h"
#include "settings.h"
#include "banned.h"

static const char *const default_labels[] = { "backup" };

const struct settings settings_default = {
	.selinux = false,
	.required_labels = default_labels,
	.n_required_labels = 1,
};

void unit_init(struct unit *u, enum unit_kind kind, const char *path,
	       const char *dir)
{
	memset(u, 0, sizeof(*u));
	u->kind = kind;
	u->settings = &settings_default;
	u->path = xstrdup(path);
	u->dir = dir ? xstrdup(dir) : NULL;
}

void kv_list_release(struct kv_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].key);
		free(l->items[i].value);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void mount_release(struct mount *m)
{
	kv_list_release(&m->labels);
	if (m->arena_strings)
		return;
	free(m->raw);
	free(m->source);
	free(m->source_path);
	free(m->target);
	free(m->propagation);
	free(m->subpath);
	free(m->mode);
	free(m->reenabled);
	free(m->volume_driver);
}

static void container_release(struct container *c)
{
	free(c->name);
	free(c->image);
	free(c->user);
	for (size_t i = 0; i < c->n_secopts; i++)
		free(c->secopts[i].text);
	free(c->secopts);
	kv_list_release(&c->env);
	for (size_t i = 0; i < c->n_volumes_from; i++)
		free(c->volumes_from[i].text);
	free(c->volumes_from);
	for (size_t i = 0; i < c->n_mounts; i++)
		mount_release(&c->mounts[i]);
	free(c->mounts);
}

void volume_release(struct volume *v)
{
	free(v->driver);
	if (v->unit_strings) {
		free(v->driver_opts.items);
		free(v->labels.items);
		return;
	}
	free(v->name);
	kv_list_release(&v->driver_opts);
	kv_list_release(&v->labels);
}

/* What unit_fold keeps of a mount, and of the container it was in. */
struct kept_mount {
	const char *source;
	const char *detail;	/* a bind's source_path, a volume's target */
	struct mount_at entry, field;	/* see struct mount_digest */
	unsigned owner;		/* in u->owners */
	unsigned char kind, syntax, selinux;
};

struct kept_owner {
	const char *name;
	const char *file;	/* of the locations of its mounts */
	unsigned container;	/* see struct mount_digest */
	enum origin origin;
};

void unit_mark(const struct unit *u, struct unit_mark *m)
{
	m->n_containers = u->n_containers;
	m->n_volumes = u->n_volumes;
	m->n_rejected = u->rejected_volumes.n;
	m->n_kept = u->n_kept;
	m->n_owners = u->n_owners;
	m->n_folded = u->n_folded;
}

void unit_truncate(struct unit *u, const struct unit_mark *m)
{
	struct kv_list *r = &u->rejected_volumes;

	while (u->n_containers > m->n_containers)
		container_release(&u->containers[--u->n_containers]);
	while (u->n_volumes > m->n_volumes)
		volume_release(&u->volumes[--u->n_volumes]);
	/* the index may hold volumes dropped: made again when asked */
	free(u->volume_index);
	u->volume_index = NULL;
	u->volume_slots = u->n_indexed = 0;
	while (r->n > m->n_rejected) {
		r->n--;
		free(r->items[r->n].key);
		free(r->items[r->n].value);
	}
	/* their strings stay in the arena until the unit is released */
	u->n_kept = m->n_kept;
	u->n_owners = m->n_owners;
	u->n_folded = m->n_folded;
}

/* The mounts a folded container keeps: what ML106, ML109, ML403 and
 * ML502 read. */
static bool digest_kept(const struct mount *m)
{
	if (m->kind == MOUNT_VOLUME && m->source)
		return true;
	if (m->kind == MOUNT_BIND && m->source_path &&
	    m->selinux != SELINUX_NONE)
		return true;
	return m->source && m->source[0] == '$' && !strchr(m->source, '/');
}

/* A copy of s (or NULL) owned by u: one kept a moment ago when they
 * are equal (a volume's name and target repeat from mount to mount). */
static const char *kept_string(struct unit *u, const char *s)
{
	size_t n = sizeof(u->recent) / sizeof(*u->recent), len, slot;

	if (!s)
		return NULL;
	len = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (u->recent[i] && u->recent_len[i] == len &&
		    !memcmp(u->recent[i], s, len))
			return u->recent[i];
	slot = u->n_recent++ % n;
	u->recent_len[slot] = len;
	return u->recent[slot] = arena_strndup(&u->kept_strings, s, len);
}

/* The owner of the mounts of c in file, the container folded now. */
static unsigned kept_owner_of(struct unit *u, const struct container *c,
			      const char *file)
{
	struct kept_owner *o = u->n_owners ? &u->owners[u->n_owners - 1] :
			       NULL;
	const char *name;

	if (o && o->container == u->n_folded && o->file == file)
		return (unsigned)(u->n_owners - 1);
	name = o && o->container == u->n_folded ? o->name :
	       kept_string(u, c->name);
	o = append_by_half(&u->owners, sizeof(*u->owners), &u->n_owners,
			   &u->cap_owners);
	o->name = name;
	o->file = file;
	o->container = (unsigned)u->n_folded;
	o->origin = c->origin;
	return (unsigned)(u->n_owners - 1);
}

void unit_fold(struct unit *u)
{
	struct container *c = &u->containers[u->n_containers - 1];

	for (size_t i = 0; i < c->n_mounts; i++) {
		const struct mount *m = &c->mounts[i];
		struct kept_mount *k;

		if (!digest_kept(m))
			continue;
		k = append_by_half(&u->kept, sizeof(*u->kept), &u->n_kept,
				   &u->cap_kept);
		k->owner = kept_owner_of(u, c, m->file);
		k->source = kept_string(u, m->source);
		k->detail = NULL;
		if (m->kind == MOUNT_BIND && m->source_path)
			k->detail = !strcmp(m->source, m->source_path) ?
				    k->source :	/* mostly */
				    kept_string(u, m->source_path);
		else if (m->kind == MOUNT_VOLUME)
			k->detail = kept_string(u, m->target);
		k->entry = m->at[MF_ENTRY];
		k->field = m->at[m->kind == MOUNT_BIND ? MF_SELINUX :
				 MF_SOURCE];
		k->kind = (unsigned char)m->kind;
		k->syntax = (unsigned char)m->syntax;
		k->selinux = (unsigned char)m->selinux;
	}
	container_release(c);
	u->n_containers--;
	u->n_folded++;
	if (!u->n_containers)	/* no mount is left to use them */
		arena_rewind(&u->strings, (struct arena_mark){ NULL, NULL });
}

/* The digest of a kept mount. */
static void digest_of_kept(const struct unit *u, const struct kept_mount *k,
			   struct mount_digest *d)
{
	const struct kept_owner *o = &u->owners[k->owner];

	d->service = o->name;
	d->file = o->file;
	d->source = k->source;
	d->source_path = k->kind == MOUNT_BIND ? k->detail : NULL;
	d->target = k->kind == MOUNT_VOLUME ? k->detail : NULL;
	d->entry = k->entry;
	d->field = k->field;
	d->container = o->container;
	d->kind = (enum mount_kind)k->kind;
	d->syntax = (enum mount_syntax)k->syntax;
	d->selinux = (enum selinux_label)k->selinux;
	d->origin = o->origin;
}

/* The digest of m, a mount of c, the index-th container; its strings
 * point into m. */
static void digest_of(const struct container *c, size_t index,
		      const struct mount *m, struct mount_digest *d)
{
	d->service = c->name;
	d->file = m->file;
	d->source = m->source;
	d->source_path = m->source_path;
	d->target = m->target;
	d->entry = m->at[MF_ENTRY];
	d->field = m->at[m->kind == MOUNT_BIND ? MF_SELINUX : MF_SOURCE];
	d->container = (unsigned)index;
	d->kind = m->kind;
	d->syntax = m->syntax;
	d->selinux = m->selinux;
	d->origin = c->origin;
}

bool unit_next_mount(const struct unit *u, struct mount_iter *it,
		     struct mount_digest *d)
{
	const struct container *c;

	if (it->kept < u->n_kept) {
		digest_of_kept(u, &u->kept[it->kept++], d);
		return true;
	}
	while (it->container < u->n_containers &&
	       it->mount >= u->containers[it->container].n_mounts) {
		it->container++;
		it->mount = 0;
	}
	if (it->container >= u->n_containers)
		return false;
	c = &u->containers[it->container];
	digest_of(c, u->n_folded + it->container, &c->mounts[it->mount++], d);
	return true;
}

/* a, a location of file, into buf (no file when a is not set). */
static const struct loc *at_loc(const struct mount_at *a, const char *file,
				struct loc *buf)
{
	buf->file = a->line ? file : NULL;
	buf->line = a->line;
	buf->col = a->col;
	buf->end_line = a->end_line;
	buf->end_col = a->end_col;
	return buf;
}

const struct loc *digest_loc_in(const struct mount_digest *d,
				enum mount_field f, struct loc *buf)
{
	const struct mount_at *a = f != MF_ENTRY && d->field.line > 0 ?
				   &d->field : &d->entry;

	return at_loc(a, d->file, buf);
}

void unit_release(struct unit *u)
{
	for (size_t i = 0; i < u->n_containers; i++)
		container_release(&u->containers[i]);
	free(u->containers);
	for (size_t i = 0; i < u->n_volumes; i++)
		volume_release(&u->volumes[i]);
	free(u->volumes);
	for (size_t i = 0; i < u->n_volcmds; i++) {
		free(u->volcmds[i].name);
		kv_list_release(&u->volcmds[i].labels);
	}
	free(u->volcmds);
	kv_list_release(&u->rejected_volumes);
	free(u->volume_index);
	arena_release(&u->strings);
	free(u->kept);
	free(u->owners);
	arena_release(&u->kept_strings);
	free(u->path);
	free(u->dir);
	memset(u, 0, sizeof(*u));
}

#define APPEND_ZEROED(arr, n, cap) \
	(grow_array(&(arr), sizeof(*(arr)), (n) + 1, &(cap)), \
	 memset(&(arr)[n], 0, sizeof(*(arr))), &(arr)[(n)++])

struct container *unit_add_container(struct unit *u, enum origin origin)
{
	struct container *c = APPEND_ZEROED(u->containers, u->n_containers,
					     u->cap_containers);

	c->origin = origin;
	return c;
}

struct volume *unit_add_volume(struct unit *u)
{
	struct volume *v = append_by_half(&u->volumes, sizeof(*u->volumes),
					  &u->n_volumes, &u->cap_volumes);

	memset(v, 0, sizeof(*v));
	return v;
}

struct volcmd *unit_add_volcmd(struct unit *u)
{
	return APPEND_ZEROED(u->volcmds, u->n_volcmds, u->cap_volcmds);
}

struct mount *container_add_mount(struct container *c)
{
	return APPEND_ZEROED(c->mounts, c->n_mounts, c->cap_mounts);
}

struct secopt *container_add_secopt(struct container *c)
{
	return APPEND_ZEROED(c->secopts, c->n_secopts, c->cap_secopts);
}

struct volumes_from *container_add_volumes_from(struct container *c)
{
	return APPEND_ZEROED(c->volumes_from, c->n_volumes_from,
			     c->cap_volumes_from);
}

struct kv *kv_add(struct kv_list *l, const char *key, const char *value)
{
	return kv_add_in(NULL, l, key, value);
}

static char *copy_in(struct arena *a, const char *s)
{
	return a ? arena_strndup(a, s, strlen(s)) : xstrdup(s);
}

struct kv *kv_add_in(struct arena *a, struct kv_list *l, const char *key,
		     const char *value)
{
	struct kv *kv = APPEND_ZEROED(l->items, l->n, l->cap);

	kv->key = copy_in(a, key);
	kv->value = value ? copy_in(a, value) : NULL;
	return kv;
}

char *unit_strdup(struct unit *u, const char *s)
{
	return copy_in(&u->kept_strings, s);
}

/* Room for n more elements of size in the array *items of *n_items
 * and capacity *cap. */
static void reserve(void *items, size_t size, size_t n_items, size_t n,
		    size_t *cap)
{
	void **p = items;

	size_t want = n_items + n;

	if (n <= *cap - n_items)
		return;
	if (want < n)
		want = SIZE_MAX;	/* st_mult dies of it */
	*p = xrealloc(*p, st_mult(want, size));
	*cap = want;
}

void kv_list_reserve(struct kv_list *l, size_t n)
{
	reserve(&l->items, sizeof(*l->items), l->n, n, &l->cap);
}

void unit_reserve_volumes(struct unit *u, size_t n)
{
	reserve(&u->volumes, sizeof(*u->volumes), u->n_volumes, n,
		&u->cap_volumes);
}

const char *kv_get(const struct kv_list *l, const char *key)
{
	for (size_t i = l->n; i-- > 0;)
		if (!strcmp(l->items[i].key, key))
			return l->items[i].value ? l->items[i].value : "";
	return NULL;
}

void mount_set_loc(struct mount *m, enum mount_field f, const struct loc *loc)
{
	m->at[f].line = loc->line;
	m->at[f].col = loc->col;
	m->at[f].end_line = loc->end_line;
	m->at[f].end_col = loc->end_col;
	if (loc->file)
		m->file = loc->file;
}

const struct loc *mount_field_loc(const struct mount *m, enum mount_field f,
				  struct loc *buf)
{
	return at_loc(&m->at[f], m->file, buf);
}

const struct loc *mount_loc_in(const struct mount *m, enum mount_field f,
			       struct loc *buf)
{
	return mount_field_loc(m, m->at[f].line > 0 ? f : MF_ENTRY, buf);
}

bool mount_has_host_path(const struct mount *m)
{
	return m->kind == MOUNT_BIND && m->source_path &&
	       (m->base == PATH_ABSOLUTE || m->base == PATH_HOME ||
		m->base == PATH_RELATIVE);
}

const char *mount_source_basename(const struct mount *m)
{
	const char *s, *slash;
	size_t len;

	if (m->kind != MOUNT_BIND || !m->source)
		return NULL;
	s = m->source;
	len = strlen(s);
	while (len > 1 && s[len - 1] == '/')
		len--;
	slash = NULL;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '/' || s[i] == '\\')
			slash = s + i;
	s = slash ? slash + 1 : s;
	if (!*s || strchr(s, '$') || strchr(s, '`') || strchr(s, ')'))
		return NULL;
	if (len != strlen(m->source))	/* trailing slashes: a directory */
		return NULL;
	return s;
}

/* The slot of name in the index: its volume's, or the empty one where
 * it would go. */
static const struct volume **volume_slot(const struct unit *u,
					 const char *name)
{
	size_t mask = u->volume_slots - 1;
	size_t i = (size_t)hash_bytes(HASH_START, name, strlen(name)) & mask;

	while (u->volume_index[i] && strcmp(u->volume_index[i]->name, name))
		i = (i + 1) & mask;
	return &u->volume_index[i];
}

void unit_index(struct unit *u)
{
	size_t slots = 8;

	while (slots < u->n_volumes + u->n_volumes / 2)	/* 2/3 full */
		slots *= 2;
	free(u->volume_index);
	u->volume_index = xcalloc(slots, sizeof(*u->volume_index));
	u->volume_slots = slots;
	u->n_indexed = u->n_volumes;
	for (size_t i = 0; i < u->n_volumes; i++)	/* the last one wins */
		*volume_slot(u, u->volumes[i].name) = &u->volumes[i];
}

const struct volume *unit_find_volume(const struct unit *u, const char *name)
{
	if (u->n_indexed != u->n_volumes || !u->volume_index) {
		for (size_t i = u->n_volumes; i-- > 0;)
			if (!strcmp(u->volumes[i].name, name))
				return &u->volumes[i];
		return NULL;
	}
	return *volume_slot(u, name);
}

/*
 * Whether path_clean would return path as it is: "/", or components that
 * are neither empty, "." nor "..". Some clean paths ("..") answer false.
 */
static bool looks_clean(const char *path, size_t n)
{
	size_t start = path[0] == '/';

	if (n == 1 && start)
		return true;
	for (size_t i = start; i <= n; i++) {
		size_t len;

		if (i < n && path[i] != '/')
			continue;
		len = i - start;
		if (!len || (len <= 2 && path[start] == '.' &&
			     (len == 1 || path[start + 1] == '.')))
			return false;
		start = i + 1;
	}
	return true;
}

char *path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* path_clean of the n bytes at path into out, which has room for n + 2. */
static char *clean_into(char *out, const char *path, size_t n)
{
	bool rooted = n > 0 && path[0] == '/';
	size_t w = 0, r = 0, dotdot = 0;

	if (n && looks_clean(path, n)) {
		memcpy(out, path, n);
		out[n] = '\0';
		return out;
	}
	if (n == 0) {
		out[0] = '.';
		out[1] = '\0';
		return out;
	}
	if (rooted) {
		out[w++] = '/';
		r = 1;
		dotdot = 1;
	}
	while (r < n) {
		if (path[r] == '/') {
			r++;
		} else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/')) {
			r++;
		} else if (path[r] == '.' && path[r + 1] == '.' &&
			   (r + 2 == n || path[r + 2] == '/')) {
			r += 2;
			if (w > dotdot) {
				w--;
				while (w > dotdot && out[w] != '/')
					w--;
			} else if (!rooted) {
				if (w > 0)
					out[w++] = '/';
				out[w++] = '.';
				out[w++] = '.';
				dotdot = w;
			}
		} else {
			if ((rooted && w != 1) || (!rooted && w != 0))
				out[w++] = '/';
			while (r < n && path[r] != '/')
				out[w++] = path[r++];
		}
	}
	if (w == 0)
		out[w++] = '.';
	out[w] = '\0';
	return out;
}

char *path_clean(const char *path)
{
	size_t n = strlen(path);

	return clean_into(xmalloc(n + 2), path, n);
}

const char *path_clean_view(const char *path, char **owned)
{
	size_t n = strlen(path);

	*owned = looks_clean(path, n) ? NULL : clean_into(xmalloc(n + 2),
							  path, n);
	return *owned ? *owned : path;
}

char *path_clean_cat(struct arena *a, const char *head, const char *tail)
{
	size_t h = strlen(head), t = strlen(tail);
	char small[256];
	char *joined = h + t < sizeof(small) ? small : xmalloc(h + t + 1);
	size_t room = h + t + 2;
	char *clean = a ? arena_alloc(a, room) : xmalloc(room);

	memcpy(joined, head, h);
	memcpy(joined + h, tail, t + 1);
	clean_into(clean, joined, h + t);
	if (joined != small)
		free(joined);
	return clean;
}

bool path_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (strncmp(path, dir, n))
		return false;
	if (path[n] == '\0')
		return true;
	if (n > 0 && dir[n - 1] == '/')
		return true;
	return path[n] == '/';
}

const char *mount_kind_name(enum mount_kind k)
{
	static const char *const names[] = {
		[MOUNT_BIND] = "bind",
		[MOUNT_VOLUME] = "volume",
		[MOUNT_ANON] = "anonymous volume",
		[MOUNT_TMPFS] = "tmpfs",
		[MOUNT_NPIPE] = "npipe",
		[MOUNT_IMAGE] = "image",
		[MOUNT_CLUSTER] = "cluster",
		[MOUNT_SECRET] = "secret",
		[MOUNT_CONFIG] = "config",
	};
	return names[k];
}
