#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "mountspec.h"
#include "../lint/mem.h"
#include "../lint/banned.h"

/* How the items of a sequence meet those of the sequence under it. */
enum seq_merge {
	SEQ_APPEND,		/* all items, earlier first */
	SEQ_UNIQUE,		/* later items not already there */
	SEQ_REPLACE,		/* the later sequence alone */
	SEQ_BY_TARGET,		/* volumes: one per container path */
	SEQ_BY_SECRET,		/* secrets: one per path below /run/secrets */
	SEQ_BY_CONFIG,		/* configs: one per path */
	SEQ_BY_PORT,
	SEQ_BY_VARIABLE,	/* KEY=value items, one per KEY */
	SEQ_BY_PREFIX,		/* tmpfs: one per text before "=" */
};

static const struct {
	const char *key;
	enum seq_merge how;
} seq_rules[] = {
	{ "volumes", SEQ_BY_TARGET },
	{ "secrets", SEQ_BY_SECRET },
	{ "configs", SEQ_BY_CONFIG },
	{ "ports", SEQ_BY_PORT },
	{ "environment", SEQ_BY_VARIABLE },
	{ "labels", SEQ_BY_VARIABLE },
	{ "annotations", SEQ_BY_VARIABLE },
	{ "sysctls", SEQ_BY_VARIABLE },
	{ "args", SEQ_BY_VARIABLE },
	{ "extra_hosts", SEQ_UNIQUE },
	{ "security_opt", SEQ_UNIQUE },
	{ "volumes_from", SEQ_UNIQUE },
	{ "tmpfs", SEQ_BY_PREFIX },
	{ "dns", SEQ_UNIQUE },
	{ "dns_search", SEQ_UNIQUE },
	{ "dns_opt", SEQ_UNIQUE },
	{ "cap_add", SEQ_UNIQUE },
	{ "cap_drop", SEQ_UNIQUE },
	{ "devices", SEQ_UNIQUE },
	{ "expose", SEQ_UNIQUE },
	{ "env_file", SEQ_UNIQUE },
	{ "group_add", SEQ_UNIQUE },
	{ "links", SEQ_UNIQUE },
	{ "external_links", SEQ_UNIQUE },
	{ "profiles", SEQ_UNIQUE },
	{ "depends_on", SEQ_UNIQUE },
	{ "command", SEQ_REPLACE },
	{ "entrypoint", SEQ_REPLACE },
	{ "test", SEQ_REPLACE },
};

static enum seq_merge seq_rule(const char *key)
{
	for (size_t i = 0; key && i < sizeof(seq_rules) / sizeof(*seq_rules);
	     i++)
		if (!strcmp(seq_rules[i].key, key))
			return seq_rules[i].how;
	return SEQ_APPEND;
}

/* The text of a scalar mapping value, or NULL. */
static const char *scalar_at(const struct ynode *map, const char *key)
{
	const struct ynode *v = ynode_get(map, key, NULL);

	return v && v->kind == YNODE_SCALAR ? v->text : NULL;
}

/* The same, or "" when there is none. */
static const char *text_at(const struct ynode *map, const char *key)
{
	const char *t = scalar_at(map, key);

	return t ? t : "";
}

/* The container path of a volumes item, as written; NULL when none. */
static char *volume_target(const struct ynode *item)
{
	struct findings quiet;
	struct spec_ctx ctx = { &quiet, NULL, DIALECT_COMPOSE, true, NULL,
				NULL };
	struct mount m = { 0 };
	const char *t = NULL;
	char *key = NULL;

	if (item->kind == YNODE_MAP)
		t = scalar_at(item, "target");
	findings_init(&quiet);
	if (item->kind == YNODE_SCALAR &&
	    !mountspec_short(&m, item->text, &item->loc, &ctx))
		t = m.target;
	if (t)
		key = xstrdup(t);
	mount_release(&m);
	findings_release(&quiet);
	return key;
}

/* Where a secret or config item is mounted: its target, or its name
 * below dir. */
static char *file_target(const struct ynode *item, const char *dir)
{
	const char *t = NULL;

	if (item->kind == YNODE_SCALAR)
		return xasprintf("%s/%s", dir, item->text);
	if (item->kind != YNODE_MAP)
		return NULL;
	t = scalar_at(item, "target");
	if (t)
		return xstrdup(t);
	t = scalar_at(item, "source");
	return t ? xasprintf("%s/%s", dir, t) : NULL;
}

/* What identifies an item of a sequence merged `how`; NULL: nothing,
 * the item is kept. */
static char *item_key(const struct ynode *item, enum seq_merge how)
{
	if (how == SEQ_APPEND || how == SEQ_REPLACE)
		return NULL;
	if (how == SEQ_BY_TARGET)
		return volume_target(item);
	if (how == SEQ_BY_SECRET)
		return file_target(item, "/run/secrets");
	if (how == SEQ_BY_CONFIG)
		return file_target(item, "");
	if (item->kind == YNODE_SCALAR &&
	    (how == SEQ_BY_VARIABLE || how == SEQ_BY_PREFIX))
		return xstrndup(item->text, strcspn(item->text, "="));
	if (item->kind == YNODE_SCALAR)
		return xstrdup(item->text);
	if (item->kind == YNODE_MAP && how == SEQ_BY_PORT)
		return xasprintf("%s/%s/%s/%s", text_at(item, "host_ip"),
				 text_at(item, "published"),
				 text_at(item, "target"),
				 text_at(item, "protocol"));
	return NULL;
}

/* The index of the key in keys[0..n), or n. */
static size_t find_key(char *const *keys, size_t n, const char *key)
{
	for (size_t i = 0; key && i < n; i++)
		if (keys[i] && !strcmp(keys[i], key))
			return i;
	return n;
}

/* Each item's key is worked out once: long lists merge in time linear
 * in their items' lengths, times the number of items. */
static struct ynode *merge_seq(struct ydoc *made, struct ynode *base,
			       struct ynode *over, enum seq_merge how)
{
	struct ynode *out;
	char **keys;
	size_t n;

	if (how == SEQ_REPLACE)
		return over;
	out = ydoc_node(made, YNODE_SEQ, &over->loc);
	keys = xcalloc(base->n + over->n + 1, sizeof(*keys));
	for (size_t i = 0; i < base->n; i++) {
		ynode_append(out, base->items[i]);
		keys[i] = item_key(base->items[i], how);
	}
	n = base->n;
	for (size_t i = 0; i < over->n; i++) {
		struct ynode *item = over->items[i];
		char *key = item_key(item, how);
		size_t at = find_key(keys, n, key);

		if (ynode_tagged(item, "!reset")) {
			free(key);
		} else if (at == n) {
			ynode_append(out, item);
			keys[n++] = key;
		} else {
			if (how != SEQ_UNIQUE)
				out->items[at] = item;	/* the later wins */
			free(key);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	return out;
}

/* A lone scalar where a list may stand (`tmpfs: /run`): a list of one. */
static struct ynode *as_seq(struct ydoc *made, struct ynode *n)
{
	struct ynode *seq;

	if (n->kind != YNODE_SCALAR || ynode_is_null(n))
		return n;
	seq = ydoc_node(made, YNODE_SEQ, &n->loc);
	ynode_append(seq, n);
	return seq;
}

static struct ynode *scalar_node(struct ydoc *made, const struct loc *loc,
				 const char *text, size_t len)
{
	struct ynode *n = ydoc_node(made, YNODE_SCALAR, loc);

	n->text = xstrndup(text, len);
	n->len = len;
	n->plain = true;
	return n;
}

/* A list of KEY=value strings as a mapping (a lone KEY: null). */
static struct ynode *as_map(struct ydoc *made, struct ynode *seq)
{
	struct ynode *map = ydoc_node(made, YNODE_MAP, &seq->loc);

	for (size_t i = 0; i < seq->n; i++) {
		struct ynode *item = seq->items[i];
		const char *t = item->text;
		size_t k;

		if (item->kind != YNODE_SCALAR)
			continue;
		k = strcspn(t, "=");
		ynode_append(map, scalar_node(made, &item->loc, t, k));
		ynode_append(map, scalar_node(made, &item->loc,
					      t[k] ? t + k + 1 : "",
					      t[k] ? strlen(t + k + 1) : 0));
	}
	return map;
}

static struct ynode *merge_map(struct ydoc *made, struct ynode *base,
			       struct ynode *over)
{
	struct ynode *out = ydoc_node(made, YNODE_MAP, &base->loc);

	for (size_t i = 0; i < ynode_pairs(base); i++) {
		struct ynode *k = base->items[2 * i], *v = base->items[2 * i + 1];
		const struct ynode *later = k->kind == YNODE_SCALAR ?
			ynode_get(over, k->text, NULL) : NULL;

		if (later && ynode_tagged(later, "!reset"))
			continue;
		if (later)
			v = compose_merge(made, v, (struct ynode *)later,
					  k->text);
		ynode_append(out, k);
		ynode_append(out, v);
	}
	for (size_t i = 0; i < ynode_pairs(over); i++) {
		struct ynode *k = over->items[2 * i], *v = over->items[2 * i + 1];

		if (k->kind == YNODE_SCALAR && ynode_get(base, k->text, NULL))
			continue;
		if (ynode_tagged(v, "!reset"))
			continue;
		ynode_append(out, k);
		ynode_append(out, v);
	}
	return out;
}

struct ynode *compose_merge(struct ydoc *made, struct ynode *base,
			    struct ynode *over, const char *key)
{
	enum seq_merge how = seq_rule(key);

	if (ynode_tagged(over, "!override") || ynode_is_null(base))
		return over;
	if (ynode_is_null(over) && over->kind == YNODE_SCALAR &&
	    base->kind != YNODE_SCALAR)
		return base;	/* `volumes:` left empty adds nothing */
	if (how == SEQ_BY_VARIABLE && base->kind != over->kind) {
		base = base->kind == YNODE_SEQ ? as_map(made, base) : base;
		over = over->kind == YNODE_SEQ ? as_map(made, over) : over;
	}
	if (how != SEQ_APPEND && how != SEQ_BY_VARIABLE &&
	    base->kind != over->kind) {
		base = as_seq(made, base);
		over = as_seq(made, over);
	}
	if (base->kind == YNODE_MAP && over->kind == YNODE_MAP)
		return merge_map(made, base, over);
	if (base->kind == YNODE_SEQ && over->kind == YNODE_SEQ)
		return merge_seq(made, base, over, how);
	return over;
}
