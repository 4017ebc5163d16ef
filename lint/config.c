#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <yaml.h>

#include "buf.h"
#include "fsprobe.h"
#include "input.h"
#include "limits.h"
#include "mem.h"
#include "banned.h"

/* The state of one load: the document and whether a mistake was seen. */
struct loader {
	struct config *c;
	yaml_document_t doc;
	int errors;
};

static void config_error_at(struct loader *l, const yaml_node_t *n,
			    size_t shift, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Reports a mistake at node n, `shift` characters into it. */
static void config_error_at(struct loader *l, const yaml_node_t *n,
			    size_t shift, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d:%d: error: ", l->c->path,
		n ? (int)n->start_mark.line + 1 : 1,
		n ? (int)(n->start_mark.column + shift) + 1 : 1);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	l->errors++;
}

#define config_error(l, n, ...) config_error_at(l, n, 0, __VA_ARGS__)

static yaml_node_t *node(struct loader *l, int id)
{
	return yaml_document_get_node(&l->doc, id);
}

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ?
		(const char *)n->data.scalar.value : NULL;
}

/* The scalar value of n, or NULL after reporting that it is not one. */
static const char *want_scalar(struct loader *l, const yaml_node_t *n,
			       const char *what)
{
	const char *s = scalar(n);

	if (!s)
		config_error(l, n, "\"%s\" must be a single value", what);
	return s;
}

static bool want_type(struct loader *l, const yaml_node_t *n,
		      yaml_node_type_t type, const char *what)
{
	if (n && n->type == type)
		return true;
	config_error(l, n, "\"%s\" must be a %s", what,
		     type == YAML_MAPPING_NODE ? "mapping" : "list");
	return false;
}

static int parse_bool(const char *s)
{
	static const char *const yes[] = { "true", "True", "TRUE", "yes",
					   "on" };
	static const char *const no[] = { "false", "False", "FALSE", "no",
					  "off" };

	for (size_t i = 0; i < 5; i++) {
		if (!strcmp(s, yes[i]))
			return 1;
		if (!strcmp(s, no[i]))
			return 0;
	}
	return -1;
}

/* A PCRE2 pattern that does not compile is reported at its column. */
static bool check_pattern(struct loader *l, const yaml_node_t *n,
			  const char *pattern)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern,
				       PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err,
				       &off, NULL);
	PCRE2_UCHAR msg[256];

	if (re) {
		pcre2_code_free(re);
		return true;
	}
	pcre2_get_error_message(err, msg, sizeof(msg));
	/* a quoted scalar starts with its quote */
	config_error_at(l, n, off + (n->data.scalar.style !=
				     YAML_PLAIN_SCALAR_STYLE),
			"bad pattern \"%s\": %s", pattern,
			(const char *)msg);
	return false;
}

static void load_severity(struct loader *l, size_t rule, yaml_node_t *n)
{
	const char *s = want_scalar(l, n, "severity");
	int sev = s ? severity_parse(s) : -1;

	if (s && sev < 0)
		config_error(l, n, "unknown severity \"%s\": use error, "
			     "warning, info or off", s);
	if (sev < 0)
		return;
	l->c->has_severity[rule] = true;
	l->c->severity[rule] = (enum severity)sev;
}

static void load_exclusion(struct loader *l, const struct rule *r,
			   yaml_node_t *item)
{
	const char *service = NULL, *reason = NULL;
	struct exclusion *x;

	if (!want_type(l, item, YAML_MAPPING_NODE, "exclude_services item"))
		return;
	for (yaml_node_pair_t *p = item->data.mapping.pairs.start;
	     p < item->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(l, p->key), *v = node(l, p->value);
		const char *key = scalar(k);

		if (key && !strcmp(key, "service"))
			service = want_scalar(l, v, "service");
		else if (key && !strcmp(key, "reason"))
			reason = want_scalar(l, v, "reason");
		else
			config_error(l, k, "unknown key \"%s\" in "
				     "exclude_services: use service and reason",
				     key ? key : "");
	}
	if (!service || !reason || !*reason) {
		config_error(l, item, "an exclusion needs a service and a "
			     "reason");
		return;
	}
	grow_array(&l->c->exclusions, sizeof(*x), l->c->n_exclusions + 1,
		   &l->c->cap_exclusions);
	x = &l->c->exclusions[l->c->n_exclusions++];
	x->rule = r;
	x->service = xstrdup(service);
	x->reason = xstrdup(reason);
}

static void load_rule(struct loader *l, yaml_node_t *k, yaml_node_t *v)
{
	const char *id = scalar(k);
	const struct rule *r = id ? rule_find(id) : NULL;

	if (!r) {
		config_error(l, k, "unknown rule \"%s\"", id ? id : "");
		return;
	}
	if (v->type == YAML_SCALAR_NODE) {
		load_severity(l, rule_index(r), v);
		return;
	}
	if (!want_type(l, v, YAML_MAPPING_NODE, r->id))
		return;
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	     p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *kk = node(l, p->key), *vv = node(l, p->value);
		const char *key = scalar(kk);

		if (key && !strcmp(key, "severity")) {
			load_severity(l, rule_index(r), vv);
		} else if (key && !strcmp(key, "exclude_services")) {
			if (!want_type(l, vv, YAML_SEQUENCE_NODE, key))
				continue;
			for (yaml_node_item_t *i = vv->data.sequence.items.start;
			     i < vv->data.sequence.items.top; i++)
				load_exclusion(l, r, node(l, *i));
		} else {
			config_error(l, kk, "unknown key \"%s\" for %s: use "
				     "severity and exclude_services",
				     key ? key : "", r->id);
		}
	}
}

static void load_rules(struct loader *l, yaml_node_t *n)
{
	if (!want_type(l, n, YAML_MAPPING_NODE, "rules"))
		return;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	     p < n->data.mapping.pairs.top; p++)
		load_rule(l, node(l, p->key), node(l, p->value));
}

/* A mapping of strings; `pattern_keys`/`pattern_values` say which are
 * PCRE2 patterns to check. */
static void load_map(struct loader *l, yaml_node_t *n, const char *what,
		     struct kv_list *out, bool pattern_keys,
		     bool pattern_values)
{
	if (!want_type(l, n, YAML_MAPPING_NODE, what))
		return;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	     p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(l, p->key), *v = node(l, p->value);
		const char *key = want_scalar(l, k, what);
		const char *value = want_scalar(l, v, what);

		if (!key || !value)
			continue;
		if ((pattern_keys && !check_pattern(l, k, key)) ||
		    (pattern_values && !check_pattern(l, v, value)))
			continue;
		kv_add(out, key, value);
	}
}

static void load_patterns(struct loader *l, yaml_node_t *n, const char *what,
			  struct kv_list *out)
{
	if (!want_type(l, n, YAML_SEQUENCE_NODE, what))
		return;
	for (yaml_node_item_t *i = n->data.sequence.items.start;
	     i < n->data.sequence.items.top; i++) {
		yaml_node_t *item = node(l, *i);
		const char *s = want_scalar(l, item, what);

		if (s && check_pattern(l, item, s))
			kv_add(out, s, NULL);
	}
}

static void load_selinux(struct loader *l, yaml_node_t *n)
{
	const char *s = want_scalar(l, n, "selinux");
	int b = s ? parse_bool(s) : -1;

	if (s && b < 0)
		config_error(l, n, "\"selinux\" must be true or false, not "
			     "\"%s\"", s);
	if (b < 0)
		return;
	l->c->has_selinux = true;
	l->c->selinux = b;
}

static void load_top(struct loader *l, yaml_node_t *root)
{
	if (root->type == YAML_SCALAR_NODE && !*scalar(root))
		return;		/* an empty file */
	if (!want_type(l, root, YAML_MAPPING_NODE, "the configuration"))
		return;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(l, p->key), *v = node(l, p->value);
		const char *key = scalar(k) ? scalar(k) : "";

		if (!strcmp(key, "rules"))
			load_rules(l, v);
		else if (!strcmp(key, "selinux"))
			load_selinux(l, v);
		else if (!strcmp(key, "required_volume_labels"))
			load_map(l, v, key, &l->c->required_labels, false, true);
		else if (!strcmp(key, "sensitive_paths"))
			load_patterns(l, v, key, &l->c->sensitive_paths);
		else if (!strcmp(key, "secret_files"))
			load_patterns(l, v, key, &l->c->secret_files);
		else if (!strcmp(key, "stateful_images"))
			load_map(l, v, key, &l->c->stateful_images, true,
				 false);
		else
			config_error(l, k, "unknown key \"%s\"", key);
	}
}

/* Reads the configuration file into b; -1 with errno set when it
 * cannot. */
static int read_file(const char *path, struct buf *b)
{
	switch (input_slurp(path, false, b)) {
	case INPUT_OK:
		return 0;
	case INPUT_DIRECTORY:
		errno = EISDIR;
		break;
	case INPUT_TOO_BIG:
		errno = EFBIG;
		break;
	default:
		break;
	}
	return -1;
}

/* The keys (or values) of a list as an array of strings. */
static const char **vector(const struct kv_list *l, bool values)
{
	const char **v = xcalloc(l->n + 1, sizeof(*v));

	for (size_t i = 0; i < l->n; i++)
		v[i] = values ? l->items[i].value : l->items[i].key;
	return v;
}

static void make_vectors(struct config *c)
{
	c->label_keys = vector(&c->required_labels, false);
	c->label_values = vector(&c->required_labels, true);
	c->sensitive = vector(&c->sensitive_paths, false);
	c->secrets = vector(&c->secret_files, false);
	c->image_patterns = vector(&c->stateful_images, false);
	c->image_dirs = vector(&c->stateful_images, true);
}

int config_load(struct config *c, const char *path)
{
	struct loader l;
	yaml_parser_t parser;
	yaml_node_t *root;
	struct buf b;

	memset(&l, 0, sizeof(l));
	l.c = c;
	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	if (read_file(path, &b)) {
		fprintf(stderr, "%s: error: cannot read the configuration: "
			"%s\n", path, strerror(errno));
		buf_release(&b);
		return -1;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)b.data,
				     b.len);
	if (!yaml_parser_load(&parser, &l.doc)) {
		fprintf(stderr, "%s:%d:%d: error: %s\n", path,
			(int)parser.problem_mark.line + 1,
			(int)parser.problem_mark.column + 1,
			parser.problem ? parser.problem : "invalid YAML");
		yaml_parser_delete(&parser);
		buf_release(&b);
		return -1;
	}
	root = yaml_document_get_root_node(&l.doc);
	if (root)
		load_top(&l, root);
	yaml_document_delete(&l.doc);
	yaml_parser_delete(&parser);
	buf_release(&b);
	make_vectors(c);
	return l.errors ? -1 : 0;
}

void config_release(struct config *c)
{
	free(c->path);
	for (size_t i = 0; i < c->n_exclusions; i++) {
		free(c->exclusions[i].service);
		free(c->exclusions[i].reason);
	}
	free(c->exclusions);
	kv_list_release(&c->required_labels);
	kv_list_release(&c->sensitive_paths);
	kv_list_release(&c->secret_files);
	kv_list_release(&c->stateful_images);
	free(c->label_keys);
	free(c->label_values);
	free(c->sensitive);
	free(c->secrets);
	free(c->image_patterns);
	free(c->image_dirs);
	memset(c, 0, sizeof(*c));
}

static bool is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

/* "/cwd/sub/x" is shown as "sub/x"; takes and returns an owned string. */
static char *relative_to_cwd(char *path)
{
	char *cwd = getcwd(NULL, 0), *rel;
	size_t n = cwd ? strlen(cwd) : 0;

	if (!cwd || strncmp(path, cwd, n) || path[n] != '/') {
		free(cwd);
		return path;
	}
	rel = xstrdup(path + n + 1);
	free(cwd);
	free(path);
	return rel;
}

char *config_find(const char *path)
{
	static const char *const names[] = { ".mountlint.yaml",
					     ".mountlint.yml" };
	char *dir = realpath(strcmp(path, "-") ? path : ".", NULL);
	char *slash;

	if (!dir)
		return NULL;
	if (is_file(dir)) {
		slash = strrchr(dir, '/');
		*slash = '\0';
	}
	for (;;) {
		for (size_t i = 0; i < 2; i++) {
			char *candidate = xasprintf("%s/%s", dir, names[i]);

			if (is_file(candidate)) {
				free(dir);
				return relative_to_cwd(candidate);
			}
			free(candidate);
		}
		slash = strrchr(dir, '/');
		if (!slash || !dir[1])
			break;
		slash[slash == dir] = '\0';	/* "/a" becomes "/" */
	}
	free(dir);
	return NULL;
}

void config_apply(const struct config *c, struct policy *p,
		  struct settings *s)
{
	for (size_t i = 0; i < rule_count; i++)
		if (c->has_severity[i])
			p->severity[i] = c->severity[i];
	if (c->has_selinux)
		s->selinux = c->selinux;
	if (c->required_labels.n) {
		s->required_labels = c->label_keys;
		s->required_label_values = c->label_values;
		s->n_required_labels = c->required_labels.n;
	}
	s->sensitive_paths = c->sensitive;
	s->n_sensitive_paths = c->sensitive_paths.n;
	s->secret_files = c->secrets;
	s->n_secret_files = c->secret_files.n;
	s->stateful_images = c->image_patterns;
	s->stateful_dirs = c->image_dirs;
	s->n_stateful = c->stateful_images.n;
}

void config_exclude(const struct config *c, struct findings *f, size_t first)
{
	for (size_t i = first; i < f->n; i++) {
		struct finding *x = &f->items[i];

		for (size_t k = 0; k < c->n_exclusions && !x->suppressed; k++)
			if (c->exclusions[k].rule == x->rule && x->service &&
			    !strcmp(c->exclusions[k].service, x->service))
				x->suppressed = xstrdup(c->exclusions[k].reason);
	}
}

/*
 * The directory the search for path's configuration starts from, as
 * written: it names the same directory for every file in it that is not
 * a symbolic link (config_find follows a link to where it points). NULL
 * when path is not such a file.
 */
static char *search_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	struct stat st;

	if (!strcmp(path, "-") || fsprobe_lstat(path, &st) ||
	    !S_ISREG(st.st_mode))
		return NULL;
	if (!slash)
		return xstrdup(".");
	return xstrndup(path, (size_t)(slash - path) + 1);
}

/* config_find, once for all the files of one directory in a row. */
static char *find_cached(struct config_cache *cc, const char *path)
{
	char *dir = search_dir(path), *found;

	if (dir && cc->last_dir && !strcmp(dir, cc->last_dir)) {
		free(dir);
		return cc->last_found ? xstrdup(cc->last_found) : NULL;
	}
	found = config_find(path);
	if (dir) {
		free(cc->last_dir);
		free(cc->last_found);
		cc->last_dir = dir;
		cc->last_found = found ? xstrdup(found) : NULL;
	}
	return found;
}

const struct config *config_for(struct config_cache *cc, const char *path,
				bool *failed)
{
	char *found;
	struct config *c;

	*failed = false;
	if (cc->disabled)
		return NULL;
	found = cc->forced ? xstrdup(cc->forced) : find_cached(cc, path);
	if (!found)
		return NULL;
	for (size_t i = 0; i < cc->n; i++)
		if (!strcmp(cc->items[i].path, found)) {
			free(found);
			*failed = cc->failed[i];
			return *failed ? NULL : &cc->items[i];
		}
	grow_array(&cc->items, sizeof(*cc->items), cc->n + 1, &cc->cap);
	grow_array(&cc->failed, sizeof(*cc->failed), cc->n + 1,
		   &cc->cap_failed);
	c = &cc->items[cc->n];
	cc->failed[cc->n] = config_load(c, found) != 0;
	*failed = cc->failed[cc->n++];
	free(found);
	return *failed ? NULL : c;
}

void config_cache_release(struct config_cache *cc)
{
	for (size_t i = 0; i < cc->n; i++)
		config_release(&cc->items[i]);
	free(cc->items);
	free(cc->failed);
	free(cc->last_dir);
	free(cc->last_found);
	memset(cc, 0, sizeof(*cc));
}
