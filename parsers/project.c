#include "project.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "merge.h"
#include "../lint/fsprobe.h"
#include "../lint/input.h"
#include "../lint/mem.h"
#include "../lint/settings.h"
#include "../lint/banned.h"

/* `extends` chains longer than this are reported. */
#define EXTENDS_DEPTH 256
/* `include` nesting deeper than this is reported. */
#define INCLUDE_DEPTH 32

/* What a project owns besides its files. */
struct pool {
	char **strings;
	size_t n_strings, cap_strings;
	struct compose_env **envs;
	size_t n_envs, cap_envs;
	const char **base_files, **base_dirs;
	const char **included;	/* "real\nproject directory" of each
				 * project included so far */
	size_t n_included, cap_included;
};

/* One service whose `extends` is being resolved. */
struct ext_frame {
	const struct project_file *file;
	size_t index;		/* of the service in its file's services */
	struct loc at;		/* its `extends` key */
};

/* The included files being loaded, for cycles. */
struct inc_stack {
	const char *real[INCLUDE_DEPTH];
	size_t depth;
};

static struct pool *pool_of(struct project *p)
{
	return p->pool;
}

/* The project frees s with itself. */
static char *keep(struct project *p, char *s)
{
	struct pool *pl = pool_of(p);

	grow_array(&pl->strings, sizeof(*pl->strings), pl->n_strings + 1,
		   &pl->cap_strings);
	pl->strings[pl->n_strings++] = s;
	return s;
}

/* rel against dir, cleaned; rel itself when it is absolute. */
static char *join(const char *dir, const char *rel)
{
	char *both, *clean;

	if (rel[0] == '/' || !*dir)
		return path_clean(rel);
	both = xasprintf("%s/%s", dir, rel);
	clean = path_clean(both);
	free(both);
	return clean;
}

/* to as seen from from, both absolute and clean: "" when the same. */
static char *relative(const char *from, const char *to)
{
	size_t common = 0, i = 0;
	struct buf b;

	if (!strcmp(from, "/"))
		return xstrdup(to[1] ? to + 1 : "");
	for (; from[i] && from[i] == to[i]; i++)
		if (from[i] == '/')
			common = i;
	if (!from[i] && (to[i] == '/' || !to[i]))
		common = i;
	buf_init(&b, 0);
	for (const char *s = from + common; *s; s++)
		if (*s == '/')
			buf_adds(&b, b.len ? "/.." : "..");
	if (to[common] == '/' && to[common + 1]) {
		if (b.len)
			buf_addch(&b, '/');
		buf_adds(&b, to + common + 1);
	}
	return buf_detach(&b, NULL);
}

/* The absolute directory of an existing path, or NULL. */
static char *real_dir(const char *path)
{
	char *dir = path_dir(path), *real = realpath(dir, NULL);

	free(dir);
	return real;
}

static const struct ynode *get(const struct ynode *map, const char *key)
{
	return map && map->kind == YNODE_MAP ? ynode_get(map, key, NULL) :
					       NULL;
}

/* The index of the pair of map whose key is `key`, or the pair count. */
static size_t pair_index(const struct ynode *map, const char *key)
{
	size_t i = 0;

	for (; i < ynode_pairs(map); i++) {
		const struct ynode *k = ynode_key(map, i);

		if (k->kind == YNODE_SCALAR && !strcmp(k->text, key))
			break;
	}
	return i;
}

static bool is_text(const struct ynode *n)
{
	return n && n->kind == YNODE_SCALAR && !ynode_is_null(n);
}

/* Files */

static struct project_file *file_add(struct project *p, const char *shown,
				     char *real, const char *wd,
				     const struct compose_env *env)
{
	struct project_file *f = xcalloc(1, sizeof(*f));

	f->path = xstrdup(shown);
	f->real = real;
	f->wd = xstrdup(wd);
	f->base = relative(p->wd, wd);
	f->env = env;
	buf_init(&f->owned, 0);
	grow_array(&p->files, sizeof(*p->files), p->n_files + 1,
		   &p->cap_files);
	p->files[p->n_files++] = f;
	return f;
}

/* Loads f's YAML; a file of several documents (`---`) is read as
 * Docker Compose reads it, each merged over those before it. */
static void merge_documents(struct project *p, struct project_file *f)
{
	struct ydoc *d = &f->doc;

	for (size_t i = 0; i < d->n_more; i++)
		d->root = !d->root || ynode_is_null(d->root) ? d->more[i] :
			  compose_merge(&p->made, d->root, d->more[i], NULL);
}

static int load_yaml(struct project *p, struct project_file *f)
{
	if (ydoc_load(&f->doc, f->text, f->len, f->path, p->out))
		return -1;
	merge_documents(p, f);
	return 0;
}

/*
 * Loads the first file of a project alone: its services are read into
 * the unit as they are parsed (compose_stream_new), so that a large file
 * is never whole in memory. When the file turns out unfit for that, or
 * does not parse, what was read is dropped and the file is loaded again
 * the plain way, which reports as always.
 */
static int load_first(struct project *p, struct project_file *f)
{
	struct unit *u = p->u;
	struct unit_mark at;
	struct findings_mark mark;
	struct ydoc_stream s;
	int rc;

	if (!p->alone)
		return load_yaml(p, f);
	findings_mark(p->out, &mark);
	unit_mark(u, &at);
	p->stream = compose_stream_new(u, f->path, f->base, f->text, f->len,
				       f->env, p->out, &s);
	rc = ydoc_load_stream(&f->doc, f->text, f->len, f->path, p->out, &s);
	/* a file without services is no compose file: what its volumes
	 * reported is taken back with them, and it is read again whole */
	if (!rc && !s.unfit &&
	    (!s.handed || ynode_get(f->doc.root, "services", NULL))) {
		merge_documents(p, f);
		return 0;
	}
	findings_rollback(p->out, &mark);
	unit_truncate(u, &at);
	compose_stream_free(p->stream);
	p->stream = NULL;
	ydoc_release(&f->doc);
	return load_yaml(p, f);
}

/* Parses f's text: a mapping whose values are interpolated. */
static bool file_parse(struct project *p, struct project_file *f)
{
	if (load_yaml(p, f))
		return false;
	if (!f->doc.root || ynode_is_null(f->doc.root)) {
		struct loc start = { f->path, 1, 1, 1, 1 };

		/* an empty file adds nothing, as an empty mapping */
		f->doc.root = ydoc_node(&p->made, YNODE_MAP, &start);
		return true;
	}
	if (compose_check_root(f->path, f->doc.root, 1, p->out) ==
	    COMPOSE_FAILED) {
		f->doc.root = NULL;
		return false;
	}
	compose_interpolate(f->doc.root, f->text, f->len, f->env, p->out);
	return true;
}

/* The file read already from real, with the same directory and
 * variables, or NULL. */
static struct project_file *file_find(struct project *p, const char *real,
				      const char *wd,
				      const struct compose_env *env)
{
	for (size_t i = 0; i < p->n_files; i++) {
		struct project_file *f = p->files[i];

		if (f->real && f->env == env && !strcmp(f->real, real) &&
		    !strcmp(f->wd, wd))
			return f;
	}
	return NULL;
}

/*
 * The compose file at `path` (shown as `shown`), its relative paths
 * resolving against wd (NULL: its own directory), read once. NULL after
 * reporting at `asked` (or at the file itself) why it cannot be read.
 */
static struct project_file *file_load(struct project *p, const char *shown,
				      const char *path, const char *wd,
				      const struct compose_env *env,
				      const struct loc *asked)
{
	char *real = realpath(path, NULL), *dir;
	struct project_file *f;
	enum input_status r;

	if (!real) {
		if (asked)
			finding_error(p->out, asked->file, asked->line,
				      asked->col, "cannot read \"%s\": %s",
				      shown, strerror(errno));
		else
			finding_error(p->out, shown, 0, 0, "cannot open: %s",
				      strerror(errno));
		return NULL;
	}
	dir = real_dir(real);
	f = file_find(p, real, wd ? wd : dir, env);
	if (f) {
		free(real);
		free(dir);
		return f->doc.root ? f : NULL;
	}
	f = file_add(p, shown, real, wd ? wd : dir, env);
	free(dir);
	r = input_slurp(path, true, &f->owned);
	if (asked && r != INPUT_OK && r != INPUT_TOO_BIG) {
		finding_error(p->out, asked->file, asked->line, asked->col,
			      "cannot read \"%s\": %s", shown,
			      input_problem(r));
		return NULL;
	}
	if (input_report(r, f->path, p->out))
		return NULL;
	if (input_check_text(f->path, &f->owned, p->out))
		return NULL;
	f->text = f->owned.data;
	f->len = f->owned.len;
	return file_parse(p, f) ? f : NULL;
}

/* extends */

static struct ynode *services_of(const struct project_file *f)
{
	const struct ynode *s = get(f->doc.root, "services");

	return s && s->kind == YNODE_MAP ? (struct ynode *)s : NULL;
}

/* A copy of the mapping svc without its `extends` pair. */
static struct ynode *without_extends(struct project *p, struct ynode *svc)
{
	struct ynode *out = ydoc_node(&p->made, YNODE_MAP, &svc->loc);

	for (size_t i = 0; i < ynode_pairs(svc); i++) {
		const struct ynode *k = ynode_key(svc, i);

		if (k->kind == YNODE_SCALAR && !strcmp(k->text, "extends"))
			continue;
		ynode_append(out, svc->items[2 * i]);
		ynode_append(out, svc->items[2 * i + 1]);
	}
	return out;
}

/* The file an `extends: {file: ref}` of f names: ref is relative to the
 * directory f's paths resolve against (for the project's own files, the
 * project directory). */
static struct project_file *extends_file(struct project *p,
					 const struct project_file *f,
					 const struct ynode *ref)
{
	char *dir = xstrdup(f->wd), *top = path_dir(p->u->path);
	char *shown_dir = join(top, f->base);
	char *path = join(dir, ref->text), *shown = join(shown_dir, ref->text);
	size_t before = p->n_files;
	struct project_file *g = file_load(p, shown, path, NULL, f->env,
					   &ref->loc);

	if (g && p->n_files > before)
		g->partial = true;

	free(dir);
	free(top);
	free(shown_dir);
	free(path);
	free(shown);
	return g;
}

static struct ynode *resolve(struct project *p, struct project_file *f,
			     size_t i, struct ext_frame *stack, size_t depth);

/*
 * The service `ext` names (the value of the `extends` of service i of
 * f), resolved; NULL after reporting why there is none.
 */
static struct ynode *extended(struct project *p, struct project_file *f,
			      const struct ynode *ext, struct ext_frame *stack,
			      size_t depth)
{
	const struct ynode *name = ext, *file = NULL;
	struct project_file *target = f;
	struct ynode *services;
	size_t j;

	if (ext->kind == YNODE_MAP) {
		name = get(ext, "service");
		file = get(ext, "file");
	}
	if (!is_text(name)) {
		finding_error(p->out, ext->loc.file, ext->loc.line,
			      ext->loc.col, "\"extends\" needs the name of a "
			      "service");
		return NULL;
	}
	if (is_text(file))
		target = extends_file(p, f, file);
	if (!target)
		return NULL;
	services = services_of(target);
	j = services ? pair_index(services, name->text) : 0;
	if (!services || j == ynode_pairs(services)) {
		finding_error(p->out, name->loc.file, name->loc.line,
			      name->loc.col, "\"extends\" names service "
			      "\"%s\", which \"%s\" does not define",
			      name->text, target->path);
		return NULL;
	}
	return resolve(p, target, j, stack, depth);
}

/* Whether service i of f is already being resolved. */
static bool on_stack(const struct ext_frame *stack, size_t depth,
		     const struct project_file *f, size_t i)
{
	for (size_t k = 0; k < depth; k++)
		if (stack[k].file == f && stack[k].index == i)
			return true;
	return false;
}

/*
 * Service i of f with its `extends` resolved: the service it extends,
 * resolved, with this one merged over it. The result replaces the
 * service in its file, so each is resolved once. NULL when service i is
 * already being resolved: a cycle, reported.
 */
static struct ynode *resolve(struct project *p, struct project_file *f,
			     size_t i, struct ext_frame *stack, size_t depth)
{
	struct ynode *services = services_of(f);
	struct ynode *svc = services->items[2 * i + 1], *own, *base;
	const struct ynode *ext_key = NULL;
	const struct ynode *ext = svc->kind == YNODE_MAP ?
		ynode_get(svc, "extends", &ext_key) : NULL;

	if (on_stack(stack, depth, f, i)) {
		const struct loc *at = &stack[depth - 1].at;

		finding_error(p->out, at->file, at->line, at->col,
			      "\"extends\" goes round in a cycle back to "
			      "service \"%s\"", ynode_key(services, i)->text);
		return NULL;
	}
	if (depth == EXTENDS_DEPTH) {
		const struct loc *at = &stack[0].at;

		finding_error(p->out, at->file, at->line, at->col,
			      "\"extends\" chains more than %d services",
			      EXTENDS_DEPTH);
		return NULL;
	}
	if (!ext)
		return svc;
	own = without_extends(p, svc);
	stack[depth].file = f;
	stack[depth].index = i;
	stack[depth].at = ext_key->loc;
	base = extended(p, f, ext, stack, depth + 1);
	svc = base ? compose_merge(&p->made, base, own, NULL) : own;
	services->items[2 * i + 1] = svc;
	return svc;
}

static void resolve_all(struct project *p, struct project_file *f)
{
	struct ynode *services = services_of(f);
	struct ext_frame stack[EXTENDS_DEPTH];

	for (size_t i = 0; services && i < ynode_pairs(services); i++)
		resolve(p, f, i, stack, 0);
}

/* include */

/* The paths of a `path` or `env_file` value: a string or a list. */
static size_t texts_of(const struct ynode *v, const struct ynode **out,
		       size_t max)
{
	size_t n = 0;

	if (is_text(v))
		out[n++] = v;
	for (size_t i = 0; v && v->kind == YNODE_SEQ && i < v->n && n < max;
	     i++)
		if (is_text(v->items[i]))
			out[n++] = v->items[i];
	return n;
}

/* A list of env files being gathered. */
struct env_paths {
	const char **items;
	size_t n, cap;
};

static void env_paths_add(struct env_paths *l, const char *path)
{
	grow_array(&l->items, sizeof(*l->items), l->n + 1, &l->cap);
	l->items[l->n++] = path;
}

/* The env files of env, every one named (the .env of its directory, if
 * there is one, when it names none). */
static void env_files_of(struct project *p, const struct compose_env *env,
			 struct env_paths *l)
{
	char *dotenv;

	for (size_t i = 0; i < env->n_files; i++)
		env_paths_add(l, env->files[i]);
	if (env->n_files || !env->dir)
		return;
	dotenv = keep(p, xasprintf("%s/.env", env->dir));
	if (!fsprobe_stat(dotenv))
		env_paths_add(l, dotenv);
}

/* Whether the env file at path can be read: INPUT_OK, or why not. */
static enum input_status env_file_status(const char *path)
{
	struct stat st;

	if (stat(path, &st) || access(path, R_OK))
		return INPUT_CANNOT_OPEN;
	if (S_ISDIR(st.st_mode))
		return INPUT_DIRECTORY;
	return S_ISREG(st.st_mode) ? INPUT_OK : INPUT_SPECIAL;
}

/*
 * The variables of an included project: its env files (or the .env of
 * its project directory), with those of the project including it over
 * them.
 */
static const struct compose_env *include_env(struct project *p,
					     const struct ynode *item,
					     const char *parent_wd,
					     const char *wd,
					     const struct compose_env *parent)
{
	const struct ynode *files[64];
	size_t n = texts_of(get(item, "env_file"), files, 64);
	struct compose_env *env = xcalloc(1, sizeof(*env));
	struct compose_env own = { wd, NULL, 0, false };
	struct pool *pl = pool_of(p);
	struct env_paths l = { NULL, 0, 0 };

	for (size_t i = 0; i < n; i++) {
		char *path = keep(p, join(parent_wd, files[i]->text));
		enum input_status r = env_file_status(path);

		if (r == INPUT_OK)
			env_paths_add(&l, path);
		else
			finding_error(p->out, files[i]->loc.file,
				      files[i]->loc.line, files[i]->loc.col,
				      "cannot read the env file \"%s\": %s",
				      files[i]->text, input_problem(r));
	}
	if (!n)
		env_files_of(p, &own, &l);
	env_files_of(p, parent, &l);
	env->files = l.items;
	env->n_files = l.n;
	env->process = parent->process;
	keep(p, (char *)l.items);
	grow_array(&pl->envs, sizeof(*pl->envs), pl->n_envs + 1,
		   &pl->cap_envs);
	pl->envs[pl->n_envs++] = env;
	return env;
}

static void include_all(struct project *p, struct ynode *root,
			const char *wd, const char *shown_dir,
			const struct compose_env *env, struct inc_stack *st);

static const struct {
	const char *key, *one;
} resources[] = {
	{ "services", "service" },
	{ "volumes", "volume" },
	{ "networks", "network" },
	{ "secrets", "secret" },
	{ "configs", "config" },
};

/*
 * Adds the services, volumes, ... of an included project (sub) to root,
 * the tree of the file with the `include` (with what it included before).
 * A name root has already is a conflict, as Compose reports it; the
 * files of the project are merged only after their includes, so an
 * override still changes an included service.
 */
static void copy_resources(struct project *p, struct ynode *root,
			   const struct ynode *sub, const struct ynode *item)
{
	for (size_t r = 0; r < sizeof(resources) / sizeof(*resources); r++) {
		const char *key = resources[r].key;
		const struct ynode *from = get(sub, key);
		size_t at = pair_index(root, key);
		const struct ynode *to = at < ynode_pairs(root) ?
					 ynode_value(root, at) : NULL;
		struct ynode *out;

		if (!from || from->kind != YNODE_MAP)
			continue;
		out = ydoc_node(&p->made, YNODE_MAP, &from->loc);
		for (size_t i = 0; to && i < ynode_pairs(to); i++) {
			ynode_append(out, to->items[2 * i]);
			ynode_append(out, to->items[2 * i + 1]);
		}
		for (size_t i = 0; i < ynode_pairs(from); i++) {
			const struct ynode *name = ynode_key(from, i);
			size_t j = name->kind == YNODE_SCALAR && to ?
				   pair_index(to, name->text) : 0;

			if (to && j < ynode_pairs(to)) {
				finding_error(p->out, item->loc.file,
					      item->loc.line, item->loc.col,
					      "the included project defines "
					      "%s \"%s\", which the project "
					      "defines already",
					      resources[r].one, name->text);
				continue;
			}
			ynode_append(out, from->items[2 * i]);
			ynode_append(out, from->items[2 * i + 1]);
		}
		if (at < ynode_pairs(root)) {
			root->items[2 * at + 1] = out;
		} else {
			ynode_append(root, (struct ynode *)ynode_key(sub,
					pair_index(sub, key)));
			ynode_append(root, out);
		}
	}
}

/* Whether the file `real` that `path` names is one of those being
 * included already (or the nesting is too deep): reported. */
static bool include_cycle(struct project *p, const struct inc_stack *st,
			  const char *real, const struct ynode *path)
{
	bool cycle = false;

	for (size_t i = 0; i < st->depth && !cycle; i++)
		cycle = !strcmp(st->real[i], real);
	if (cycle)
		finding_error(p->out, path->loc.file, path->loc.line,
			      path->loc.col, "\"include\" goes round in a "
			      "cycle: \"%s\" is being included already",
			      path->text);
	else if (st->depth == INCLUDE_DEPTH)
		finding_error(p->out, path->loc.file, path->loc.line,
			      path->loc.col, "\"include\" nests deeper than "
			      "%d projects", INCLUDE_DEPTH);
	return cycle || st->depth == INCLUDE_DEPTH;
}

/* Loads the files of an included project, merged; NULL when none could
 * be read. */
static void expand(struct project *p, struct project_file *f,
		   const char *wd, const char *shown_dir,
		   struct inc_stack *st);

static struct ynode *include_files(struct project *p,
				   const struct ynode *const *paths, size_t n,
				   const char *wd, const char *shown_dir,
				   const char *sub_wd, const char *sub_shown,
				   const struct compose_env *sub_env,
				   struct inc_stack *st)
{
	struct ynode *sub = NULL;

	for (size_t i = 0; i < n; i++) {
		char *path = join(wd, paths[i]->text);
		char *shown = join(shown_dir, paths[i]->text);
		struct project_file *f = file_load(p, shown, path, sub_wd,
						   sub_env, &paths[i]->loc);

		free(path);
		free(shown);
		if (!f)
			continue;
		expand(p, f, sub_wd, sub_shown, st);
		sub = sub ? compose_merge(&p->made, sub, f->doc.root, NULL) :
			    f->doc.root;
	}
	return sub;
}

/* Whether the project at real, with this directory, was included
 * already (its resources are in the project); records it when not. */
static bool included_before(struct project *p, const char *real,
			    const char *wd)
{
	struct pool *pl = pool_of(p);
	char *id = xasprintf("%s\n%s", real, wd);

	for (size_t i = 0; i < pl->n_included; i++)
		if (!strcmp(pl->included[i], id)) {
			free(id);
			return true;
		}
	grow_array(&pl->included, sizeof(*pl->included),
		   pl->n_included + 1, &pl->cap_included);
	pl->included[pl->n_included++] = keep(p, id);
	return false;
}

/* Loads the project one `include` entry names and adds it to root. A
 * project included twice (two included projects that include a third)
 * is added once, as Compose adds the same resources once. */
static void include_one(struct project *p, struct ynode *root,
			const struct ynode *item, const char *wd,
			const char *shown_dir, const struct compose_env *env,
			struct inc_stack *st)
{
	const struct ynode *paths[64], *pd = get(item, "project_directory");
	size_t n = texts_of(item->kind == YNODE_MAP ? get(item, "path") : item,
			    paths, 64);
	char *first, *real, *sub_wd, *sub_shown;
	int err;
	const struct compose_env *sub_env;
	struct ynode *sub;

	if (!n) {
		finding_error(p->out, item->loc.file, item->loc.line,
			      item->loc.col, "\"include\" needs a path");
		return;
	}
	if (n == 64 && item->kind == YNODE_MAP &&
	    get(item, "path")->kind == YNODE_SEQ && get(item, "path")->n > 64)
		finding_error(p->out, item->loc.file, item->loc.line,
			      item->loc.col, "\"include\" names more than 64 "
			      "files: the rest are not read");
	first = join(wd, paths[0]->text);
	real = realpath(first, NULL);
	err = errno;
	sub_wd = !real ? NULL : is_text(pd) ? join(wd, pd->text) :
		 real_dir(first);
	free(first);
	if (!real || !sub_wd) {
		finding_error(p->out, paths[0]->loc.file, paths[0]->loc.line,
			      paths[0]->loc.col, "cannot read \"%s\": %s",
			      paths[0]->text, strerror(real ? errno : err));
	} else if (!include_cycle(p, st, real, paths[0]) &&
		   !included_before(p, real, sub_wd)) {
		sub_env = include_env(p, item, wd, sub_wd, env);
		first = join(shown_dir, paths[0]->text);
		sub_shown = is_text(pd) ? join(shown_dir, pd->text) :
			    path_dir(first);
		st->real[st->depth++] = real;
		sub = include_files(p, paths, n, wd, shown_dir, sub_wd,
				    sub_shown, sub_env, st);
		if (sub)
			copy_resources(p, root, sub, item);
		st->depth--;
		free(sub_shown);
		free(first);
	}
	free(real);
	free(sub_wd);
}

static void include_all(struct project *p, struct ynode *root,
			const char *wd, const char *shown_dir,
			const struct compose_env *env, struct inc_stack *st)
{
	const struct ynode *inc = get(root, "include");

	if (inc && inc->kind == YNODE_MAP)
		finding_error(p->out, inc->loc.file, inc->loc.line,
			      inc->loc.col, "\"include\" must be a list");
	if (is_text(inc))
		include_one(p, root, inc, wd, shown_dir, env, st);
	for (size_t i = 0; inc && inc->kind == YNODE_SEQ && i < inc->n; i++)
		include_one(p, root, inc->items[i], wd, shown_dir, env, st);
}

/*
 * What Docker Compose does to each file before it merges the files: the
 * projects it includes are added to it, then its services' `extends`
 * are resolved. Done once a file.
 */
static void expand(struct project *p, struct project_file *f,
		   const char *wd, const char *shown_dir, struct inc_stack *st)
{
	bool push;

	if (f->expanded)
		return;
	f->expanded = true;
	push = f->real && st->depth < INCLUDE_DEPTH &&
	       (!st->depth || strcmp(st->real[st->depth - 1], f->real));
	if (push)
		st->real[st->depth++] = f->real;
	include_all(p, f->doc.root, wd, shown_dir, f->env, st);
	if (push)
		st->depth--;
	resolve_all(p, f);
}

/* The project */

/* expand for one of the project's own files: its paths resolve against
 * the project directory, and its includes are shown beside the first
 * file. */
static void expand_top(struct project *p, struct project_file *f)
{
	struct inc_stack st = { .depth = 0 };
	char *shown_dir = path_dir(p->u->path);

	expand(p, f, p->wd, shown_dir, &st);
	free(shown_dir);
}

void project_init(struct project *p, struct unit *u, struct findings *out)
{
	memset(p, 0, sizeof(*p));
	p->u = u;
	p->out = out;
	p->pool = xcalloc(1, sizeof(struct pool));
	p->wd = u->dir ? fsprobe_realpath(u->dir) : NULL;
	if (!p->wd) {
		char *cwd = getcwd(NULL, 0);

		p->wd = xstrdup(cwd ? cwd : "/");
		free(cwd);
	}
	compose_env_of(&p->env, u);
	if (!p->env.dir)
		p->env.dir = p->wd;	/* standard input: the .env here */
	memset(&p->made, 0, sizeof(p->made));
}

enum compose_result project_open(struct project *p, const char *text,
				 size_t len, int compose_named)
{
	char *real = strcmp(p->u->path, "<stdin>") ?
		     fsprobe_realpath(p->u->path) : NULL;
	struct project_file *f = file_add(p, p->u->path, real, p->wd,
					  &p->env);
	enum compose_result rc;

	f->text = text;
	f->len = len;
	if (load_first(p, f))
		return COMPOSE_FAILED;
	rc = compose_check_root(p->u->path, f->doc.root, compose_named,
				p->out);
	if (rc != COMPOSE_OK)
		return rc;
	if (p->stream)
		compose_stream_interpolate(p->stream, f->doc.root);
	else
		compose_interpolate(f->doc.root, text, len, f->env, p->out);
	expand_top(p, f);
	p->root = f->doc.root;
	return COMPOSE_OK;
}

void project_add(struct project *p, const char *path)
{
	struct project_file *f = file_load(p, path, path, p->wd, &p->env,
					   NULL);

	if (!f || !p->root)
		return;
	expand_top(p, f);
	p->root = compose_merge(&p->made, p->root, f->doc.root, NULL);
}

enum compose_result project_read(struct project *p)
{
	struct pool *pl = pool_of(p);
	struct compose_bases bases;
	bool reset = false;

	if (!p->root)
		return COMPOSE_FAILED;
	pl->base_files = xcalloc(p->n_files + 1, sizeof(char *));
	pl->base_dirs = xcalloc(p->n_files + 1, sizeof(char *));
	for (size_t i = 0; i < p->n_files; i++) {
		reset |= p->files[i]->doc.n_reset > 0;
		pl->base_files[i] = p->files[i]->path;
		pl->base_dirs[i] = p->files[i]->base;
	}
	for (size_t i = 0; reset && i < p->n_files; i++)
		ydoc_drop_reset(&p->files[i]->doc);
	if (reset)
		ydoc_drop_reset(&p->made);
	bases.files = pl->base_files;
	bases.dirs = pl->base_dirs;
	bases.n = p->n_files;
	if (compose_read(p->u, p->root, &bases, p->out) != COMPOSE_OK ||
	    (p->stream && compose_stream_failed(p->stream)))
		return COMPOSE_FAILED;
	return COMPOSE_OK;
}

void project_drop_yaml(struct project *p)
{
	for (size_t i = 0; i < p->n_files; i++)
		ydoc_release(&p->files[i]->doc);
	ydoc_release(&p->made);
	p->root = NULL;
}

void project_release(struct project *p)
{
	struct pool *pl = pool_of(p);

	for (size_t i = 0; i < p->n_files; i++) {
		struct project_file *f = p->files[i];

		ydoc_release(&f->doc);
		buf_release(&f->owned);
		free(f->path);
		free(f->real);
		free(f->wd);
		free(f->base);
		free(f);
	}
	free(p->files);
	ydoc_release(&p->made);
	for (size_t i = 0; i < pl->n_strings; i++)
		free(pl->strings[i]);
	free(pl->strings);
	for (size_t i = 0; i < pl->n_envs; i++)
		free(pl->envs[i]);
	free(pl->envs);
	free(pl->base_files);
	free(pl->base_dirs);
	free(pl->included);
	free(pl);
	compose_stream_free(p->stream);
	free(p->wd);
	memset(p, 0, sizeof(*p));
}
