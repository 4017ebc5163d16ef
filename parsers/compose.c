#include "compose.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dotenv.h"
#include "interp.h"
#include "mountspec.h"
#include "yaml_doc.h"
#include "../lint/fsprobe.h"
#include "../lint/mem.h"
#include "../lint/settings.h"
#include "../lint/utf8.h"
#include "../lint/banned.h"

/* Nested keys of a long-syntax mount deeper than this are not read. */
#define LONG_SYNTAX_DEPTH 3

struct reader {
	struct unit *u;
	struct findings *out;
	bool shape_failed;	/* ML005 reported */
	const struct compose_bases *bases;	/* NULL: every file's own */
};

static const char *kind_name(const struct ynode *n)
{
	if (ynode_is_null(n))
		return "null";
	switch (n->kind) {
	case YNODE_SCALAR:
		return "a string";
	case YNODE_SEQ:
		return "a list";
	default:
		return "a mapping";
	}
}

/* ML005: `what` holds n, of the wrong type, where `want` is needed. */
static void shape(struct reader *r, const struct ynode *n,
		  const char *service, const char *what, const char *want)
{
	char *fix = xasprintf("write %s as %s", what, want);

	finding_add(r->out, "ML005", SEV_OFF, &n->loc, service, fix,
		    "wrong type for %s: it is %s, and Compose needs %s",
		    what, kind_name(n), want);
	free(fix);
	r->shape_failed = true;
}

/* ML005 for the value of `key`, or for one of its items. */
static void shape_of(struct reader *r, const struct ynode *n,
		     const char *service, const char *key, bool item,
		     const char *want)
{
	char *what = xasprintf(item ? "an item of \"%s\"" : "\"%s\"", key);

	shape(r, n, service, what, want);
	free(what);
}

static bool is_scalar(const struct ynode *n)
{
	return n->kind == YNODE_SCALAR && !ynode_is_null(n);
}

/* True when a scalar holds a `$` that is not `$$`: its value is not known
 * before interpolation. */
static bool interpolated(const struct ynode *n)
{
	const char *s = n->kind == YNODE_SCALAR ? n->text : "";

	for (; *s; s++) {
		if (*s == '$' && s[1] == '$')
			s++;
		else if (*s == '$')
			return true;
	}
	return false;
}

/* Reads a boolean key; false when it is null or interpolated. */
static bool read_bool(struct reader *r, const struct container *c,
		      const struct ynode *key, const struct ynode *v)
{
	bool b = false;
	char *what;

	if (ynode_is_null(v) || interpolated(v) || !ynode_bool(v, &b))
		return b;
	what = xasprintf("\"%s\"", key->text);
	shape(r, v, c->name, what, "a boolean");
	free(what);
	return false;
}

/* A scalar's text, copied; NULL after ML005 when it is not a scalar. */
static char *read_string(struct reader *r, const struct container *c,
			 const struct ynode *key, const struct ynode *v)
{
	char *what;

	if (v->kind == YNODE_SCALAR)
		return ynode_is_null(v) ? NULL : xstrdup(v->text);
	what = xasprintf("\"%s\"", key->text);
	shape(r, v, c ? c->name : NULL, what, "a string");
	free(what);
	return NULL;
}

/*
 * A list of scalars: calls each(item) for every item. A lone string
 * counts as a list of one when `one_ok`. Null is an empty list.
 */
static void each_string(struct reader *r, struct container *c,
			const struct ynode *key, const struct ynode *v,
			bool one_ok,
			void (*each)(struct reader *, struct container *,
				     const struct ynode *))
{
	if (one_ok && is_scalar(v))
		each(r, c, v);
	else if (!ynode_is_null(v) && v->kind != YNODE_SEQ)
		shape_of(r, v, c->name, key->text, false, "a list");
	for (size_t i = 0; v->kind == YNODE_SEQ && i < v->n; i++) {
		if (is_scalar(v->items[i]))
			each(r, c, v->items[i]);
		else
			shape_of(r, v->items[i], c->name, key->text, true,
				 "a string");
	}
}

static struct spec_ctx mount_ctx(struct reader *r, const struct container *c)
{
	struct spec_ctx ctx = { r->out, c->name, DIALECT_COMPOSE, true,
				&r->u->rejected_volumes, &r->u->strings };

	return ctx;
}

/*
 * A relative host path written in a file whose paths resolve against
 * another directory than the project's is rewritten against the
 * project's: "./data" of "../common/compose.yaml" is "../common/data".
 */
static void rebase(const struct reader *r, struct mount *m)
{
	const char *base = NULL;
	char *joined, *clean;

	if (m->base != PATH_RELATIVE || !r->bases)
		return;
	for (size_t i = 0; i < r->bases->n && !base; i++)
		if (r->bases->files[i] == m->file)
			base = r->bases->dirs[i];
	if (!base || !*base)
		return;
	joined = xasprintf("%s/", base);
	clean = path_clean_cat(m->arena_strings ? &r->u->strings : NULL,
			       joined, m->source_path);
	if (!m->arena_strings)
		free(m->source_path);
	m->source_path = clean;
	free(joined);
	if (m->source_path[0] == '/')
		m->base = PATH_ABSOLUTE;
}

/* Adds m to c, which takes it over. */
static void add_mount(struct reader *r, struct container *c, struct mount *m)
{
	rebase(r, m);
	*container_add_mount(c) = *m;
}

/* key=value into l, with copies from a (or malloc: NULL); a lone key
 * has no value. */
static void add_pair(struct arena *a, struct kv_list *l, const char *text,
		     const struct loc *at)
{
	const char *eq = strchr(text, '=');
	char *key = eq ? xstrndup(text, (size_t)(eq - text)) : xstrdup(text);

	kv_add_in(a, l, key, eq ? eq + 1 : NULL)->loc = *at;
	free(key);
}

/*
 * A mapping of scalars, or a list of `key=value` strings, into l (as
 * Compose reads environment and labels), with copies from a (or malloc:
 * NULL).
 */
static void read_pairs(struct reader *r, const char *service,
		       const char *name, const struct ynode *v,
		       struct arena *a, struct kv_list *l)
{
	kv_list_reserve(l, v->kind == YNODE_SEQ ? v->n : ynode_pairs(v));
	for (size_t i = 0; v->kind == YNODE_SEQ && i < v->n; i++) {
		if (is_scalar(v->items[i]))
			add_pair(a, l, v->items[i]->text, &v->items[i]->loc);
		else
			shape_of(r, v->items[i], service, name, true,
				 "a \"key=value\" string");
	}
	for (size_t i = 0; i < ynode_pairs(v); i++) {
		const struct ynode *k = ynode_key(v, i);
		const struct ynode *val = ynode_value(v, i);

		if (k->kind != YNODE_SCALAR || val->kind != YNODE_SCALAR) {
			shape_of(r, k->kind != YNODE_SCALAR ? k : val, service,
				 name, true, "a string");
			continue;
		}
		kv_add_in(a, l, k->text, ynode_is_null(val) ? NULL : val->text)
			->loc = k->loc;
	}
	if (v->kind == YNODE_SCALAR && !ynode_is_null(v))
		shape_of(r, v, service, name, false, "a list or a mapping");
}

/* Service keys, one function each. */

static void svc_image(struct reader *r, struct container *c,
		      const struct ynode *key, const struct ynode *v)
{
	free(c->image);
	c->image = read_string(r, c, key, v);
	if (c->image)
		c->image_loc = v->loc;
}

static void svc_user(struct reader *r, struct container *c,
		     const struct ynode *key, const struct ynode *v)
{
	free(c->user);
	c->user = read_string(r, c, key, v);
	c->user_loc = key->loc;
}

static void svc_privileged(struct reader *r, struct container *c,
			   const struct ynode *key, const struct ynode *v)
{
	c->privileged = read_bool(r, c, key, v);
	c->privileged_loc = key->loc;
}

static void svc_read_only(struct reader *r, struct container *c,
			  const struct ynode *key, const struct ynode *v)
{
	c->read_only = read_bool(r, c, key, v);
}

static void svc_api_socket(struct reader *r, struct container *c,
			   const struct ynode *key, const struct ynode *v)
{
	c->use_api_socket = read_bool(r, c, key, v);
	c->use_api_socket_loc = key->loc;
}

static void add_secopt(struct reader *r, struct container *c,
		       const struct ynode *item)
{
	struct secopt *s = container_add_secopt(c);

	(void)r;
	s->text = xstrdup(item->text);
	s->loc = item->loc;
}

static void svc_security_opt(struct reader *r, struct container *c,
			     const struct ynode *key, const struct ynode *v)
{
	each_string(r, c, key, v, false, add_secopt);
}

static void add_volumes_from(struct reader *r, struct container *c,
			     const struct ynode *item)
{
	struct volumes_from *f = container_add_volumes_from(c);

	(void)r;
	f->text = xstrdup(item->text);
	f->loc = item->loc;
}

static void svc_volumes_from(struct reader *r, struct container *c,
			     const struct ynode *key, const struct ynode *v)
{
	each_string(r, c, key, v, false, add_volumes_from);
}

static void svc_environment(struct reader *r, struct container *c,
			    const struct ynode *key, const struct ynode *v)
{
	(void)key;
	read_pairs(r, c->name, "environment", v, NULL, &c->env);
}

static void add_tmpfs(struct reader *r, struct container *c,
		      const struct ynode *item)
{
	struct spec_ctx ctx = mount_ctx(r, c);
	struct mount m = { 0 };

	if (!item->broken &&
	    !mountspec_tmpfs(&m, item->text, &item->loc, &ctx))
		add_mount(r, c, &m);
}

static void svc_tmpfs(struct reader *r, struct container *c,
		      const struct ynode *key, const struct ynode *v)
{
	each_string(r, c, key, v, true, add_tmpfs);
}

struct fields {
	struct spec_field *items;
	size_t n, cap;
	/* The keys made by joining names ("bind.propagation"); the others
	 * are the YAML keys' own texts. */
	char **made;
	size_t n_made, cap_made;
};

static void fields_release(struct fields *f)
{
	for (size_t i = 0; i < f->n_made; i++)
		free(f->made[i]);
	free(f->made);
	free(f->items);
}

/* "prefix.key", owned by f. */
static const char *joined_name(struct fields *f, const char *prefix,
			       const char *key)
{
	size_t p = strlen(prefix), k = strlen(key);
	char *name = xmalloc(p + k + 2);

	memcpy(name, prefix, p);
	name[p] = '.';
	memcpy(name + p + 1, key, k + 1);
	grow_array(&f->made, sizeof(*f->made), f->n_made + 1, &f->cap_made);
	f->made[f->n_made++] = name;
	return name;
}

/* Flattens a long-syntax mapping: `bind: {propagation: x}` is the field
 * "bind.propagation". Null values are left out, as if absent. */
static void flatten(struct reader *r, const struct container *c,
		    struct fields *f, const struct ynode *map,
		    const char *prefix, int depth)
{
	for (size_t i = 0; i < ynode_pairs(map); i++) {
		const struct ynode *k = ynode_key(map, i);
		const struct ynode *v = ynode_value(map, i);
		const char *name;
		struct spec_field *sf;

		if (k->kind != YNODE_SCALAR) {
			shape(r, k, c->name, "a key of a mount", "a string");
			continue;
		}
		if (ynode_is_null(v))
			continue;
		name = prefix ? joined_name(f, prefix, k->text) : k->text;
		if (v->kind == YNODE_MAP && depth < LONG_SYNTAX_DEPTH) {
			flatten(r, c, f, v, name, depth + 1);
			continue;
		}
		sf = ARRAY_PUSH(*f);
		sf->key = name;
		sf->value = v->kind == YNODE_SCALAR ? v->text : NULL;
		sf->key_loc = k->loc;
		sf->value_loc = v->loc;
	}
}

static void add_long_mount(struct reader *r, struct container *c,
			   const struct ynode *map)
{
	struct spec_ctx ctx = mount_ctx(r, c);
	struct fields f = { 0 };
	const struct loc *entry = ynode_pairs(map) ?
				  &ynode_key(map, 0)->loc : &map->loc;
	struct mount m = { 0 };

	/* room for the usual fields at once */
	grow_array(&f.items, sizeof(*f.items), 8, &f.cap);
	flatten(r, c, &f, map, NULL, 1);
	if (!mountspec_long(&m, f.items, f.n, entry, &ctx))
		add_mount(r, c, &m);
	fields_release(&f);
}

static void add_volume_entry(struct reader *r, struct container *c,
			     const struct ynode *item)
{
	struct spec_ctx ctx = mount_ctx(r, c);
	struct mount m = { 0 };

	if (item->kind == YNODE_MAP) {
		add_long_mount(r, c, item);
		return;
	}
	if (!is_scalar(item)) {
		shape(r, item, c->name, "an item of \"volumes\"",
		      "a string or a mapping");
		return;
	}
	if (item->broken)	/* ML004 said why; what it means is unknown */
		return;
	if (!mountspec_short(&m, item->text, &item->loc, &ctx))
		add_mount(r, c, &m);
}

static void svc_volumes(struct reader *r, struct container *c,
			const struct ynode *key, const struct ynode *v)
{
	(void)key;
	if (ynode_is_null(v))
		return;
	if (v->kind != YNODE_SEQ) {
		shape(r, v, c->name, "\"volumes\"", "a list");
		return;
	}
	for (size_t i = 0; i < v->n; i++)
		add_volume_entry(r, c, v->items[i]);
}

/* Where a secret or config lands when its target is `name` (or none). */
static char *target_path(enum mount_kind kind, const char *name)
{
	if (kind == MOUNT_SECRET && name[0] != '/')
		return xasprintf("/run/secrets/%s", name);
	if (kind == MOUNT_CONFIG && name[0] != '/')
		return xasprintf("/%s", name);
	return xstrdup(name);
}

/* The long form {source, target}; the source names the file when no
 * target is given. */
static void read_target_map(struct reader *r, const struct container *c,
			    struct mount *m, const struct ynode *map)
{
	const struct ynode *src_key = NULL, *dst_key = NULL;
	const struct ynode *src = ynode_get(map, "source", &src_key);
	const struct ynode *dst = ynode_get(map, "target", &dst_key);

	mount_set_loc(m, MF_ENTRY, ynode_pairs(map) ? &ynode_key(map, 0)->loc :
					      &map->loc);
	if (src && is_scalar(src)) {
		m->raw = xstrdup(src->text);
		mount_set_loc(m, MF_SOURCE, &src->loc);
	} else if (src && !ynode_is_null(src)) {
		shape(r, src, c->name, "\"source\"", "a string");
	}
	if (dst && is_scalar(dst)) {
		m->target = xstrdup(dst->text);
		mount_set_loc(m, MF_TARGET, &dst->loc);
	} else if (dst && !ynode_is_null(dst)) {
		shape(r, dst, c->name, "\"target\"", "a string");
	}
}

static void add_target(struct reader *r, struct container *c,
		       const struct ynode *item, enum mount_kind kind)
{
	struct mount m = { 0 };
	char *target;

	m.kind = kind;
	m.syntax = SYNTAX_TARGET;
	m.read_only = true;	/* the engine mounts secrets and configs so */
	if (item->kind == YNODE_MAP) {
		read_target_map(r, c, &m, item);
	} else {
		m.raw = xstrdup(item->text);
		mount_set_loc(&m, MF_ENTRY, &item->loc);
	}
	if (!m.target && !m.raw) {
		mount_release(&m);
		return;
	}
	target = target_path(kind, m.target ? m.target : m.raw);
	free(m.target);
	m.target = target;
	if (!m.raw)
		m.raw = xstrdup(m.target);
	add_mount(r, c, &m);
}

static void read_targets(struct reader *r, struct container *c,
			 const struct ynode *key, const struct ynode *v,
			 enum mount_kind kind)
{
	if (!ynode_is_null(v) && v->kind != YNODE_SEQ)
		shape_of(r, v, c->name, key->text, false, "a list");
	for (size_t i = 0; v->kind == YNODE_SEQ && i < v->n; i++) {
		const struct ynode *item = v->items[i];

		if (item->kind == YNODE_MAP || is_scalar(item))
			add_target(r, c, item, kind);
		else
			shape_of(r, item, c->name, key->text, true,
				 "a string or a mapping");
	}
}

static void svc_secrets(struct reader *r, struct container *c,
			const struct ynode *key, const struct ynode *v)
{
	read_targets(r, c, key, v, MOUNT_SECRET);
}

static void svc_configs(struct reader *r, struct container *c,
			const struct ynode *key, const struct ynode *v)
{
	read_targets(r, c, key, v, MOUNT_CONFIG);
}

static const struct {
	const char *key;
	void (*read)(struct reader *, struct container *,
		     const struct ynode *, const struct ynode *);
} service_keys[] = {
	{ "image", svc_image },
	{ "user", svc_user },
	{ "privileged", svc_privileged },
	{ "read_only", svc_read_only },
	{ "use_api_socket", svc_api_socket },
	{ "security_opt", svc_security_opt },
	{ "volumes_from", svc_volumes_from },
	{ "environment", svc_environment },
	{ "volumes", svc_volumes },
	{ "tmpfs", svc_tmpfs },
	{ "secrets", svc_secrets },
	{ "configs", svc_configs },
};

static void read_service_key(struct reader *r, struct container *c,
			     const struct ynode *key, const struct ynode *v)
{
	size_t n = sizeof(service_keys) / sizeof(*service_keys);

	if (key->kind != YNODE_SCALAR)
		return;
	for (size_t i = 0; i < n; i++)
		if (key->text[0] == service_keys[i].key[0] &&
		    !strcmp(key->text, service_keys[i].key))
			service_keys[i].read(r, c, key, v);
}

static void read_service(struct reader *r, const struct ynode *key,
			 const struct ynode *svc)
{
	struct container *c;

	if (!ynode_is_null(svc) && svc->kind != YNODE_MAP) {
		char *what = xasprintf("service \"%s\"", key->text);

		shape(r, svc, key->text, what, "a mapping");
		free(what);
		return;
	}
	c = unit_add_container(r->u, ORIGIN_COMPOSE);
	c->engine = ENGINE_DOCKER;
	c->name = xstrdup(key->text);
	c->loc = key->loc;
	c->image_loc = key->loc;
	for (size_t i = 0; i < ynode_pairs(svc); i++)
		read_service_key(r, c, ynode_key(svc, i), ynode_value(svc, i));
}

/* One pair of the services mapping. */
static void read_pair(struct reader *r, const struct ynode *k,
		      const struct ynode *v)
{
	if (is_scalar(k))
		read_service(r, k, v);
	else
		shape(r, k, NULL, "a service name", "a string");
}

static void read_services(struct reader *r, const struct ynode *services)
{
	if (ynode_is_null(services))
		return;
	if (services->kind != YNODE_MAP) {
		shape(r, services, NULL, "\"services\"", "a mapping");
		return;
	}
	/* the services read while the file was parsed are not here */
	for (size_t i = 0; i < ynode_pairs(services); i++)
		read_pair(r, ynode_key(services, i), ynode_value(services, i));
}

/* Top-level volumes, one function per key. */

static void vol_driver(struct reader *r, struct volume *vol,
		       const struct ynode *key, const struct ynode *v)
{
	vol->has_driver = true;
	free(vol->driver);
	vol->driver = read_string(r, NULL, key, v);
}

static void vol_driver_opts(struct reader *r, struct volume *vol,
			    const struct ynode *key, const struct ynode *v)
{
	(void)key;
	vol->has_driver_opts = true;
	if (v->kind == YNODE_MAP)
		read_pairs(r, NULL, "driver_opts", v, &r->u->kept_strings,
			   &vol->driver_opts);
	else if (!ynode_is_null(v))
		shape(r, v, NULL, "\"driver_opts\"", "a mapping");
}

static void vol_labels(struct reader *r, struct volume *vol,
		       const struct ynode *key, const struct ynode *v)
{
	(void)key;
	vol->has_labels = true;
	read_pairs(r, NULL, "labels", v, &r->u->kept_strings, &vol->labels);
}

/* `external: true`, or the legacy `external: {name: x}`. */
static void vol_external(struct reader *r, struct volume *vol,
			 const struct ynode *key, const struct ynode *v)
{
	bool b = false;

	(void)key;
	if (v->kind == YNODE_MAP)
		b = true;
	else if (!ynode_is_null(v) && !interpolated(v) && ynode_bool(v, &b))
		shape(r, v, NULL, "\"external\"", "a boolean");
	vol->external = b;
}

static const struct {
	const char *key;
	void (*read)(struct reader *, struct volume *,
		     const struct ynode *, const struct ynode *);
} volume_keys[] = {
	{ "driver", vol_driver },
	{ "driver_opts", vol_driver_opts },
	{ "labels", vol_labels },
	{ "external", vol_external },
};

static void read_volume(struct reader *r, const struct ynode *key,
			const struct ynode *def)
{
	size_t n = sizeof(volume_keys) / sizeof(*volume_keys);
	struct volume *vol = unit_add_volume(r->u);

	vol->unit_strings = true;
	vol->name = unit_strdup(r->u, key->text);
	vol->loc = key->loc;
	if (!ynode_is_null(def) && def->kind != YNODE_MAP) {
		char *what = xasprintf("volume \"%s\"", key->text);

		shape(r, def, NULL, what, "a mapping");
		free(what);
		return;
	}
	for (size_t i = 0; i < ynode_pairs(def); i++) {
		const struct ynode *k = ynode_key(def, i);

		for (size_t j = 0; k->kind == YNODE_SCALAR && j < n; j++)
			if (!strcmp(k->text, volume_keys[j].key))
				volume_keys[j].read(r, vol, k,
						    ynode_value(def, i));
	}
}

static void read_volumes(struct reader *r, const struct ynode *volumes)
{
	if (ynode_is_null(volumes))
		return;
	if (volumes->kind != YNODE_MAP) {
		shape(r, volumes, NULL, "top-level \"volumes\"", "a mapping");
		return;
	}
	/* the volumes read while the file was parsed are not here */
	unit_reserve_volumes(r->u, ynode_pairs(volumes));
	for (size_t i = 0; i < ynode_pairs(volumes); i++) {
		const struct ynode *k = ynode_key(volumes, i);

		if (is_scalar(k))
			read_volume(r, k, ynode_value(volumes, i));
		else
			shape(r, k, NULL, "a volume name", "a string");
	}
}

/*
 * Interpolation. Every scalar value (never a key) is interpolated once,
 * shared nodes included. A value whose variables are all known is
 * replaced by its interpolated text with each literal dollar written
 * "$$", so the readers below keep treating a lone "$" as unknown; a value
 * with an unset variable, or with a problem (ML004), stays as written.
 */

/* The variables of one compose file. */
struct vars {
	struct dotenv file;
	bool process;		/* the environment, over the file */
};

static const char *vars_lookup(const char *name, size_t len, void *ctx)
{
	struct vars *v = ctx;
	const char *value = v->process ? environ_lookup(name, len, NULL) :
			    NULL;

	return value ? value : dotenv_get(&v->file, name, len);
}

/* Reads one env file; one that is not there is no problem when it is
 * only the project's .env. */
static void vars_file(struct vars *v, const char *path, bool optional,
		      struct findings *out)
{
	enum input_status r = dotenv_load(&v->file, path);

	if (r != INPUT_OK && !(optional && r == INPUT_CANNOT_OPEN &&
			       errno == ENOENT))
		finding_error(out, path, 0, 0, "cannot read the env file: %s",
			      input_problem(r));
}

/* The env files, or else the .env of the project directory. */
static void vars_load(struct vars *v, const struct compose_env *env,
		      struct findings *out)
{
	v->process = env->process;
	dotenv_init(&v->file, v->process ? environ_lookup : NULL, NULL);
	for (size_t i = 0; i < env->n_files; i++)
		vars_file(v, env->files[i], false, out);
	if (!env->n_files && env->dir) {
		char *path = xasprintf("%s/.env", env->dir);

		if (fsprobe_stat(path) != ENOENT)
			vars_file(v, path, true, out);
		free(path);
	}
}

struct interpolation {
	struct vars vars;
	const char *src;	/* the file's text, for columns */
	size_t len;
	struct findings *out;
};

/* The source line `line` (1-based) of src, or NULL. */
static const char *source_line(const char *src, size_t len, int line)
{
	const char *p = src, *end = src + len;

	for (int i = 1; i < line && p; i++) {
		p = memchr(p, '\n', (size_t)(end - p));
		p = p ? p + 1 : NULL;
	}
	return p;
}

/* Source bytes one value code point takes in a quoted scalar. */
static size_t source_step(const char *p, const char *end, char quote)
{
	size_t esc = 2;

	if (quote == '\'' && p + 1 < end && p[0] == '\'' && p[1] == '\'')
		return 2;
	if (quote != '"' || *p != '\\' || p + 1 >= end)
		return utf8_len((unsigned char)*p);
	if (p[1] == 'x')
		esc = 4;
	else if (p[1] == 'u')
		esc = 6;
	else if (p[1] == 'U')
		esc = 10;
	return esc <= (size_t)(end - p) ? esc : (size_t)(end - p);
}

/*
 * The column of byte `off` of the value of n, a scalar on one line,
 * counted in its source; 0 when the source does not match.
 */
static int value_column(const struct interpolation *in, const struct ynode *n,
			size_t off)
{
	const char *end = in->src + in->len;
	const char *p = source_line(in->src, in->len, n->loc.line);
	char quote = n->plain ? 0 : '?';
	int col = n->loc.col;

	for (int c = 1; p && p < end && c < n->loc.col; c++)
		p += utf8_len((unsigned char)*p);
	if (!p || p >= end)
		return 0;
	if (quote) {
		quote = *p++;
		col++;
	}
	for (size_t i = 0; i < off && p < end && *p != '\n'; col++) {
		size_t step = source_step(p, end, quote);

		col += step > 1 && quote ? (int)step - 1 : 0;
		p += step;
		i += utf8_len((unsigned char)n->text[i]);
	}
	return col;
}

/* Where a problem at value bytes [off, end) of n points. */
static struct loc problem_loc(const struct interpolation *in,
			      const struct ynode *n, size_t off, size_t end)
{
	struct loc at = n->loc;
	int start, stop;

	if (at.line != at.end_line || (!n->plain && n->text[0] == '\0'))
		return at;
	start = value_column(in, n, off);
	stop = value_column(in, n, end);
	if (!start || !stop || stop > at.end_col || start >= stop)
		return at;
	at.col = start;
	at.end_col = stop;
	return at;
}

static void report_problem(struct interpolation *in, const struct ynode *n,
			   const char *service, const struct interp_problem *p)
{
	struct loc at = problem_loc(in, n, p->offset, p->end);
	const char *fix = p->kind == INTERP_REQUIRED ?
		"set the variable in the .env file, or give it a default: "
		"\"${VAR:-default}\"" :
		"close the braces and use one of the operators :- - :+ + :? ?, "
		"or write a literal dollar as \"$$\"";

	finding_add(in->out, "ML004", SEV_OFF, &at, service, fix, "%s",
		    p->message);
}

/* value with each "$" doubled. */
static char *escape_dollars(const char *value, size_t *len)
{
	size_t n = 0;
	char *s, *q;

	for (const char *p = value; *p; p++)
		n += *p == '$' ? 2 : 1;
	s = q = xmalloc(n + 1);
	for (const char *p = value; *p; p++) {
		if (*p == '$')
			*q++ = '$';
		*q++ = *p;
	}
	*q = '\0';
	*len = n;
	return s;
}

static void interpolate_scalar(struct interpolation *in, struct ynode *n,
			       const char *service)
{
	struct interp_result r;

	if (!interp_needed(n->text))
		return;
	interp_expand(n->text, vars_lookup, &in->vars, &r);
	for (size_t i = 0; i < r.n; i++)
		report_problem(in, n, service, &r.items[i]);
	n->broken = r.status == INTERP_ERROR;
	if (r.status == INTERP_KNOWN) {
		size_t len;
		char *text = escape_dollars(r.value, &len);

		ynode_set_text(n, text, len);
	}
	interp_result_release(&r);
}

/*
 * Interpolates the values under n, n itself included, without
 * recursion. A node shared through aliases is met once for each way to
 * it (the alias limit bounds them); a scalar is interpolated the first
 * time only (it is marked). A subtree the parser saw no "$" in is
 * skipped.
 */
static void interpolate_tree(struct interpolation *in, struct ynode *n,
			     const char *service)
{
	struct ynode **stack = NULL;
	size_t depth = 0, cap = 0;

	grow_array(&stack, sizeof(*stack), 1, &cap);
	stack[depth++] = n;
	while (depth) {
		n = stack[--depth];
		if (!n->dollar)
			continue;
		if (n->kind == YNODE_SCALAR) {
			if (!n->interpolated && interp_needed(n->text)) {
				n->interpolated = true;
				interpolate_scalar(in, n, service);
			}
			continue;
		}
		for (size_t i = n->kind == YNODE_MAP; i < n->n;
		     i += n->kind == YNODE_MAP ? 2 : 1) {
			grow_array(&stack, sizeof(*stack), depth + 1, &cap);
			stack[depth++] = n->items[i];
		}
	}
	free(stack);
}

/* The service a value belongs to, for findings: its key's text. */
static const char *service_name(const struct ynode *key)
{
	return key->kind == YNODE_SCALAR ? key->text : NULL;
}

/* Interpolates the values of n top-level pairs (keys and values). */
static void interpolate_pairs(struct interpolation *in,
			      struct ynode *const *pairs, size_t n)
{
	for (size_t i = 0; i + 1 < n; i += 2) {
		const struct ynode *k = pairs[i];
		struct ynode *v = pairs[i + 1];
		bool services = k->kind == YNODE_SCALAR &&
				!strcmp(k->text, "services") &&
				v->kind == YNODE_MAP;

		for (size_t j = 0; services && j < ynode_pairs(v); j++)
			interpolate_tree(in, v->items[2 * j + 1],
					 service_name(ynode_key(v, j)));
		if (!services)
			interpolate_tree(in, v, NULL);
	}
}

void compose_interpolate(struct ynode *root, const char *src, size_t len,
			 const struct compose_env *env, struct findings *out)
{
	struct interpolation in = { .src = src, .len = len, .out = out };

	if (!root || root->kind != YNODE_MAP)
		return;
	vars_load(&in.vars, env, out);
	interpolate_pairs(&in, root->items, root->n);
	dotenv_release(&in.vars.file);
}

/* ---- services read while the file is parsed ------------------------- */

struct compose_stream {
	struct reader r;
	struct interpolation in;
	const struct compose_env *env;
	bool loaded;		/* the variables are read */
	struct compose_bases bases;
	const char *base_file, *base_dir;
};

/* The variables are read once the file is known to be compose. */
static struct interpolation *stream_interpolation(struct compose_stream *cs)
{
	if (!cs->loaded)
		vars_load(&cs->in.vars, cs->env, cs->in.out);
	cs->loaded = true;
	return &cs->in;
}

/* The top-level values before "services", interpolated first, as
 * compose_interpolate would. */
static void stream_before(void *ctx, struct ynode *const *pairs, size_t n)
{
	interpolate_pairs(stream_interpolation(ctx), pairs, n);
}

/* What streams: the services, then the top-level volumes. */
enum { STREAM_SERVICES, STREAM_VOLUMES };

static const char *const stream_keys[] = {
	[STREAM_SERVICES] = "services",
	[STREAM_VOLUMES] = "volumes",
	NULL,
};

/* A service must be a mapping, and one that extends another needs the
 * others whole; a volume is read alone, whatever it is. */
static bool stream_fits(void *ctx, size_t which, const struct ynode *key,
			const struct ynode *value)
{
	(void)ctx;
	if (which == STREAM_VOLUMES)
		return is_scalar(key);
	return value->kind == YNODE_MAP && !ynode_get(value, "extends", NULL);
}

static void stream_value(void *ctx, size_t which, const struct ynode *key,
			 struct ynode *value)
{
	struct compose_stream *cs = ctx;
	struct unit *u = cs->r.u;
	size_t n = u->n_containers;

	if (which == STREAM_VOLUMES) {
		interpolate_tree(stream_interpolation(cs), value, NULL);
		read_volume(&cs->r, key, value);
		return;
	}
	interpolate_tree(stream_interpolation(cs), value, service_name(key));
	read_pair(&cs->r, key, value);
	if (u->n_containers > n && u->container_read)
		u->container_read(u, u->container_ctx);
}

struct compose_stream *compose_stream_new(struct unit *u, const char *file,
					  const char *base, const char *src,
					  size_t len,
					  const struct compose_env *env,
					  struct findings *out,
					  struct ydoc_stream *s)
{
	static const char *const refuse[] = { "include", NULL };
	struct compose_stream *cs = xcalloc(1, sizeof(*cs));

	cs->base_file = file;
	cs->base_dir = base;
	cs->bases.files = &cs->base_file;
	cs->bases.dirs = &cs->base_dir;
	cs->bases.n = 1;
	cs->r.u = u;
	cs->r.out = out;
	cs->r.bases = &cs->bases;
	cs->in.src = src;
	cs->in.len = len;
	cs->in.out = out;
	cs->env = env;
	memset(s, 0, sizeof(*s));
	s->keys = stream_keys;
	s->before = stream_before;
	s->fits = stream_fits;
	s->each = stream_value;
	s->refuse = refuse;
	s->ctx = cs;
	return cs;
}

void compose_stream_interpolate(struct compose_stream *cs, struct ynode *root)
{
	if (root && root->kind == YNODE_MAP)
		interpolate_pairs(stream_interpolation(cs), root->items,
				  root->n);
}

bool compose_stream_failed(const struct compose_stream *cs)
{
	return cs->r.shape_failed;
}

void compose_stream_free(struct compose_stream *cs)
{
	if (!cs)
		return;
	if (cs->loaded)
		dotenv_release(&cs->in.vars.file);
	free(cs);
}

/* ML001 for a compose-named file that holds no mapping. */
static void not_a_mapping(const char *path, const struct ynode *root,
			  struct findings *out)
{
	struct loc start = { path, 1, 1, 1, 2 };

	if (!root || ynode_is_null(root))
		finding_add(out, "ML001", SEV_OFF, &start, NULL,
			    "add a \"services\" mapping, or delete the file",
			    "empty compose file");
	else
		finding_add(out, "ML001", SEV_OFF, &root->loc, NULL,
			    "make the top level a mapping with a "
			    "\"services\" key",
			    "top level of a compose file is %s, not a mapping",
			    kind_name(root));
}

enum compose_result compose_check_root(const char *path,
				       const struct ynode *root,
				       int compose_named, struct findings *out)
{
	if (!root || root->kind != YNODE_MAP) {
		if (!compose_named)
			return COMPOSE_NOT_COMPOSE;
		not_a_mapping(path, root, out);
		return COMPOSE_FAILED;
	}
	if (ynode_get(root, "services", NULL))
		return COMPOSE_OK;
	/* a project may be only what it includes */
	return compose_named && ynode_get(root, "include", NULL) ?
	       COMPOSE_OK : COMPOSE_NOT_COMPOSE;
}

enum compose_result compose_read(struct unit *u, const struct ynode *root,
				 const struct compose_bases *bases,
				 struct findings *out)
{
	struct reader r = { u, out, false, bases };
	const struct ynode *services, *volumes;

	u->kind = UNIT_COMPOSE;
	if (!root || root->kind != YNODE_MAP)
		return COMPOSE_OK;
	services = ynode_get(root, "services", NULL);
	if (services)
		read_services(&r, services);
	volumes = ynode_get(root, "volumes", NULL);
	if (volumes)
		read_volumes(&r, volumes);
	return r.shape_failed ? COMPOSE_FAILED : COMPOSE_OK;
}

void compose_env_of(struct compose_env *env, const struct unit *u)
{
	const struct settings *s = u->settings;

	env->dir = u->dir;
	env->files = s->env_files;
	env->n_files = s->n_env_files;
	env->process = s->env_process;
}

enum compose_result compose_parse(struct unit *u, const char *text,
				  size_t len, int compose_named,
				  struct findings *out)
{
	struct ydoc d;
	struct compose_env env;
	enum compose_result rc = COMPOSE_FAILED;

	if (!ydoc_load(&d, text, len, u->path, out)) {
		rc = compose_check_root(u->path, d.root, compose_named,
					out);
		compose_env_of(&env, u);
		if (rc == COMPOSE_OK)
			compose_interpolate(d.root, text, len, &env, out);
		if (d.n_reset)
			ydoc_drop_reset(&d);
		if (rc == COMPOSE_OK)
			rc = compose_read(u, d.root, NULL, out);
	}
	ydoc_release(&d);
	return rc;
}
