#include "yaml_doc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "yaml_fast.h"

#include "../lint/hash.h"
#include "../lint/limits.h"
#include "../lint/mem.h"
#include "../lint/utf8.h"
#include "../lint/word.h"
#include "../lint/banned.h"

#define MERGE_TAG "tag:yaml.org,2002:merge"

/* Mappings of up to this many pairs are checked for duplicate keys
 * without a table. */
#define SMALL_MAP 8

/*
 * A small open-addressing table from byte strings to pointers: anchors
 * to their nodes, and the keys a mapping already holds. Keys are not
 * copied; they must outlive the table.
 */
struct slot {
	const char *key;
	size_t len;
	void *val;
};

struct strmap {
	struct slot *slots;
	size_t n, cap;		/* cap is 0 or a power of two */
};


static struct slot *strmap_slot(const struct strmap *m, const char *key,
				size_t len)
{
	size_t i = (size_t)hash_bytes(HASH_START, key, len) & (m->cap - 1);

	for (;; i = (i + 1) & (m->cap - 1)) {
		struct slot *s = &m->slots[i];

		if (!s->key)
			return s;
		if (s->len == len && !memcmp(s->key, key, len))
			return s;
	}
}

static void *strmap_get(const struct strmap *m, const char *key, size_t len)
{
	return m->cap ? strmap_slot(m, key, len)->val : NULL;
}

static void strmap_grow(struct strmap *m)
{
	struct strmap bigger = { NULL, 0, m->cap ? m->cap * 2 : 16 };

	bigger.slots = xcalloc(bigger.cap, sizeof(*bigger.slots));
	for (size_t i = 0; i < m->cap; i++) {
		struct slot *s = &m->slots[i];

		if (s->key)
			*strmap_slot(&bigger, s->key, s->len) = *s;
	}
	bigger.n = m->n;
	free(m->slots);
	*m = bigger;
}

/* Sets key to val, replacing what it held. */
static void strmap_put(struct strmap *m, const char *key, size_t len,
		       void *val)
{
	struct slot *s;

	if ((m->n + 1) * 2 > m->cap)
		strmap_grow(m);
	s = strmap_slot(m, key, len);
	if (!s->key)
		m->n++;
	s->key = key;
	s->len = len;
	s->val = val;
}

static void strmap_release(struct strmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

/* Nodes, allocated together: a walk over all of them reads memory in
 * order. */
struct ynode_block {
	struct ynode_block *next;
	size_t n, cap;
	struct ynode nodes[];
};

/* What the document held when a streamed value opened, to give back
 * what the value took once it is handed over. */
struct stream_mark {
	struct ynode_block *block;	/* the newest block, and its count */
	size_t n;
	struct arena_mark arena;
	size_t anchors;			/* anchors set, and nodes tagged
					 * !reset: neither may be dropped */
	size_t resets;
};

struct frame {
	struct ynode *node;
	char *anchor;		/* owned; NULL when none */
	size_t first;		/* its first child in the loader's pending */
	bool hand;		/* a value of the streaming mapping */
	struct stream_mark mark;	/* when hand */
};

struct loader {
	yaml_parser_t parser;	/* when libyaml reads the text */
	bool libyaml;
	struct ydoc *d;
	struct findings *out;
	const char *text;
	size_t len;

	struct frame *stack;
	size_t depth, cap;

	/* The children of the open collections, the innermost last; a
	 * collection's list is copied to the arena once it closes. */
	struct ynode **pending;
	size_t n_pending, cap_pending;

	struct strmap anchors;	/* names point into anchor_names */
	char **anchor_names;
	size_t n_anchor_names, cap_anchor_names;

	unsigned long aliased;	/* nodes reached through aliases */
	int documents;

	struct ydoc_stream *stream;	/* NULL: nothing streams */
	bool stream_open;	/* a streaming mapping is open (frame 1) */
	bool stream_done;	/* none can come any more */
	size_t which;		/* the key of the open one, in stream->keys */
	struct stream_mark key_mark;	/* before the key of its value
					 * read last */
	uint64_t *handed_keys;	/* hashes of the keys of the open one
				 * handed over, in open addressing (0: a
				 * free slot) */
	size_t n_handed_keys, cap_handed_keys;
	uint32_t handed_weight;	/* of the pairs handed over */
	size_t before_from;	/* the top-level pairs from this one on
				 * (counted in the top frame's pending)
				 * are not passed to stream->before yet */

	size_t *line_starts;	/* byte offset of each line, built when
				 * first needed */
	size_t n_lines, cap_lines;
	int last_line, last_col;	/* the position offset_of found last, */
	size_t last_off;		/* to walk on from it: events come in
					 * text order */
};

/*
 * libyaml's marks count lines and columns from 0 (columns in characters);
 * this is the one place that turns them into 1-based, end-exclusive
 * locations. Equal marks give a one-character span.
 */
static struct loc span(const char *file, const yaml_mark_t *start,
		       const yaml_mark_t *end)
{
	struct loc l;

	l.file = file;
	l.line = (int)start->line + 1;
	l.col = (int)start->column + 1;
	l.end_line = (int)end->line + 1;
	l.end_col = (int)end->column + 1;
	if (l.end_line == l.line && l.end_col <= l.col)
		l.end_col = l.col + 1;
	return l;
}

static void index_lines(struct loader *l)
{
	grow_array(&l->line_starts, sizeof(*l->line_starts), 1,
		   &l->cap_lines);
	l->line_starts[l->n_lines++] = 0;
	for (size_t i = 0; i < l->len; i++) {
		if (l->text[i] != '\n')
			continue;
		grow_array(&l->line_starts, sizeof(*l->line_starts),
			   l->n_lines + 1, &l->cap_lines);
		l->line_starts[l->n_lines++] = i + 1;
	}
}

/* Byte offset of a 1-based line and column. */
static size_t offset_of(struct loader *l, int line, int col)
{
	size_t off;
	int c = 1;

	if (!l->line_starts)
		index_lines(l);
	if (line < 1 || (size_t)line > l->n_lines)
		return l->len;
	off = l->line_starts[line - 1];
	if (line == l->last_line && col >= l->last_col) {
		off = l->last_off;
		c = l->last_col;
	}
	for (; c < col && off < l->len; c++)
		off += utf8_len((unsigned char)l->text[off]);
	l->last_line = line;
	l->last_col = c;
	l->last_off = off;
	return off < l->len ? off : l->len;
}

/* Moves at past one code point of text at *off. */
static void step(const char *text, size_t *off, struct loc *at)
{
	if (text[*off] == '\n') {
		at->line++;
		at->col = 1;
	} else {
		at->col++;
	}
	*off += utf8_len((unsigned char)text[*off]);
}

/*
 * libyaml starts a scalar's span at its anchor or tag; a finding must
 * point at the value itself, so skip `&name`, `!tag`, blanks and
 * comments before it.
 */
static void skip_properties(struct loader *l, struct loc *at)
{
	size_t off = offset_of(l, at->line, at->col);
	const char *t = l->text;

	while (off < l->len && (at->line < at->end_line ||
				(at->line == at->end_line &&
				 at->col < at->end_col))) {
		if (t[off] == '&' || t[off] == '!') {
			while (off < l->len && !strchr(" \t\r\n", t[off]))
				step(t, &off, at);
		} else if (t[off] == '#') {
			while (off < l->len && t[off] != '\n')
				step(t, &off, at);
		} else if (strchr(" \t\r\n", t[off])) {
			step(t, &off, at);
		} else {
			return;
		}
	}
}

static const char *const tag_names[] = {
	[YTAG_RESET] = "!reset",
	[YTAG_OVERRIDE] = "!override",
	[YTAG_MERGE] = MERGE_TAG,
};

static enum ytag tag_of(const char *tag)
{
	if (!tag)
		return YTAG_NONE;
	for (int t = YTAG_RESET; t < YTAG_OTHER; t++)
		if (!strcmp(tag, tag_names[t]))
			return (enum ytag)t;
	return YTAG_OTHER;
}

static struct ynode *node_alloc(struct ydoc *d);

/* A new node of d: empty, one node heavy, maybe holding a '$'. */
static inline struct ynode *make_node(struct ydoc *d, enum ynode_kind kind,
				      enum ytag tag, const struct loc *loc)
{
	struct ynode *n = node_alloc(d);

	*n = (struct ynode){ .kind = kind, .tag = tag, .weight = 1,
			     .dollar = true, .loc = *loc };
	return n;
}

static struct ynode *node_new(struct loader *l, enum ynode_kind kind,
			      const yaml_event_t *e, const yaml_char_t *tag)
{
	struct loc at = span(l->d->file, &e->start_mark, &e->end_mark);
	struct ynode *n = make_node(l->d, kind, tag_of((const char *)tag),
				    &at);

	n->arena_items = true;
	if (n->tag == YTAG_RESET)
		l->d->n_reset++;
	return n;
}

static void node_push(struct ynode *parent, struct ynode *child)
{
	size_t cap = parent->cap;

	if (parent->n == UINT32_MAX) {
		fputs("mountlint: out of memory\n", stderr);
		exit(70);
	}
	if (parent->arena_items && parent->n == parent->cap) {
		struct ynode **heap = NULL;

		cap = 0;
		grow_array(&heap, sizeof(*heap), parent->n + 1, &cap);
		if (parent->n)
			memcpy(heap, parent->items,
			       parent->n * sizeof(*heap));
		parent->items = heap;
		parent->arena_items = false;
	}
	grow_array(&parent->items, sizeof(*parent->items), parent->n + 1,
		   &cap);
	parent->cap = cap < UINT32_MAX ? (uint32_t)cap : UINT32_MAX;
	parent->items[parent->n++] = child;
}

static void add_weight(uint32_t *w, uint32_t more)
{
	uint32_t cap = (uint32_t)LIMIT_ALIAS_NODES + 1;

	*w = (*w > cap - more || more > cap) ? cap : *w + more;
}

/* Hangs a finished node under the open collection, or makes it the root
 * of the first document. */
static void attach(struct loader *l, struct ynode *n)
{
	if (!l->depth) {
		struct ydoc *d = l->d;

		if (l->documents == 1 && !d->root) {
			d->root = n;
		} else if (l->documents > 1) {
			grow_array(&d->more, sizeof(*d->more), d->n_more + 1,
				   &d->cap_more);
			d->more[d->n_more++] = n;
		}
		return;
	}
	grow_array(&l->pending, sizeof(*l->pending), l->n_pending + 1,
		   &l->cap_pending);
	l->pending[l->n_pending++] = n;
}

/* Moves the children of the innermost open collection to its node. */
static void take_pending(struct loader *l, const struct frame *f)
{
	struct ynode *n = f->node;
	size_t count = l->n_pending - f->first;

	n->items = count ? arena_alloc(&l->d->arena,
				       st_mult(count, sizeof(*n->items))) :
			   NULL;
	if (count)
		memcpy(n->items, l->pending + f->first,
		       count * sizeof(*n->items));
	n->n = n->cap = count;
	l->n_pending = f->first;
}

static void anchor_set(struct loader *l, char *name, struct ynode *n)
{
	grow_array(&l->anchor_names, sizeof(*l->anchor_names),
		   l->n_anchor_names + 1, &l->cap_anchor_names);
	l->anchor_names[l->n_anchor_names++] = name;
	strmap_put(&l->anchors, name, strlen(name), n);
}

static void anchors_release(struct loader *l)
{
	for (size_t i = 0; i < l->n_anchor_names; i++)
		free(l->anchor_names[i]);
	free(l->anchor_names);
	l->anchor_names = NULL;
	l->n_anchor_names = l->cap_anchor_names = 0;
	strmap_release(&l->anchors);
}

static void fail_at(struct loader *l, const char *id, const struct loc *at,
		    const char *fix, const char *msg)
{
	finding_add(l->out, id, SEV_OFF, at, NULL, fix, "%s", msg);
}

/* ---- streaming ------------------------------------------------------ */

/* Whether the next node of the innermost open collection is a value. */
static bool at_value(const struct loader *l)
{
	const struct frame *f = &l->stack[l->depth - 1];

	return f->node->kind == YNODE_MAP && (l->n_pending - f->first) % 2;
}

/* A node directly in the streaming mapping. */
static bool in_stream(const struct loader *l)
{
	return l->stream_open && l->depth == 2;
}

static void stream_unfit(struct loader *l)
{
	if (l->stream->handed)
		l->stream->unfit = true;
	l->stream_done = true;
	l->stream_open = false;
}

/* A top-level key that makes the document unfit for streaming. */
static bool refused(const struct loader *l, const struct ynode *key)
{
	if (!l->stream || !l->stream->refuse || l->depth != 1 ||
	    l->documents != 1 || at_value(l) || key->kind != YNODE_SCALAR)
		return false;
	for (const char *const *k = l->stream->refuse; *k; k++)
		if (!strcmp(key->text, *k))
			return true;
	return false;
}

/* Whether a mapping opening now is a streaming one: the value of one of
 * the keys in the top-level mapping of the first document; sets *which. */
static bool stream_opens(const struct loader *l, bool map, size_t *which)
{
	const struct ynode *key;

	if (!l->stream || l->stream_done || !map || l->depth != 1 ||
	    l->documents != 1 || !at_value(l))
		return false;
	key = l->pending[l->n_pending - 1];
	for (size_t i = 0; key->kind == YNODE_SCALAR && l->stream->keys[i];
	     i++) {
		if (!strcmp(key->text, l->stream->keys[i])) {
			*which = i;
			return true;
		}
	}
	return false;
}

/* Whether the finished value n, of the open streaming mapping, streams. */
static bool stream_fits(const struct loader *l, const struct ynode *n)
{
	const struct ydoc_stream *s = l->stream;

	return !s->fits || s->fits(s->ctx, l->which,
				   l->pending[l->n_pending - 1], n);
}

static struct stream_mark stream_mark(const struct loader *l)
{
	struct stream_mark m;

	m.block = l->d->blocks;
	m.n = m.block ? m.block->n : 0;
	m.arena = arena_mark(&l->d->arena);
	m.anchors = l->n_anchor_names;
	m.resets = l->d->n_reset;
	return m;
}

/* Frees the nodes made since m; the newest block is kept, emptied, for
 * the nodes to come. */
static void rewind_nodes(struct ydoc *d, const struct stream_mark *m)
{
	struct ynode_block *newest = d->blocks, *b;

	for (b = newest; b; b = b->next) {
		for (size_t i = b == m->block ? m->n : 0; i < b->n; i++) {
			struct ynode *n = &b->nodes[i];

			if (!n->arena_text)
				free(n->text);
			if (!n->arena_items)
				free(n->items);
		}
		if (b == m->block)
			break;
	}
	arena_rewind(&d->arena, m->arena);
	if (m->block)
		m->block->n = m->n;
	if (newest == m->block)
		return;
	for (b = newest->next; b != m->block;) {
		struct ynode_block *older = b->next;

		free(b);
		b = older;
	}
	newest->next = m->block;
	newest->n = 0;
}

/*
 * Whether a key like key was handed over already (the hash of its text;
 * a false match only costs a load without streaming); records it if not.
 */
static bool handed_before(struct loader *l, const struct ynode *key)
{
	uint64_t h = hash_bytes(HASH_START, key->text, key->len) | 1;
	size_t mask, i;

	if ((l->n_handed_keys + 1) * 4 > l->cap_handed_keys * 3) {
		uint64_t *old = l->handed_keys;
		size_t old_cap = l->cap_handed_keys;

		l->cap_handed_keys = old_cap ? old_cap * 2 : 64;
		l->handed_keys = xcalloc(l->cap_handed_keys, sizeof(*old));
		mask = l->cap_handed_keys - 1;
		for (size_t j = 0; j < old_cap; j++) {
			if (!old[j])
				continue;
			for (i = old[j] & mask; l->handed_keys[i];)
				i = (i + 1) & mask;
			l->handed_keys[i] = old[j];
		}
		free(old);
	}
	mask = l->cap_handed_keys - 1;
	for (i = h & mask; l->handed_keys[i]; i = (i + 1) & mask)
		if (l->handed_keys[i] == h)
			return true;
	l->handed_keys[i] = h;
	l->n_handed_keys++;
	return false;
}

/*
 * Hands the finished value n, whose key is the last pending node, to the
 * stream, and drops the pair from the tree: returns 1. The nodes of the
 * key and value are released unless an anchor was set among them. A key
 * handed over before makes the document unfit instead (it is read again
 * whole, which reports the duplicate): returns 0, the pair stays.
 */
static int hand_over(struct loader *l, struct ynode *n)
{
	struct ynode *key = l->pending[l->n_pending - 1];

	if (key->kind != YNODE_SCALAR || handed_before(l, key)) {
		stream_unfit(l);
		return 0;
	}
	l->stream->each(l->stream->ctx, l->which, key, n);
	l->stream->handed++;
	add_weight(&l->handed_weight, key->weight);
	add_weight(&l->handed_weight, n->weight);
	l->n_pending--;
	if (l->n_anchor_names == l->key_mark.anchors)
		rewind_nodes(l->d, &l->key_mark);
	return 1;
}

/* Whether the len bytes at s hold a '$': inline, as scalars are short. */
static bool has_dollar(const char *s, size_t len)
{
	size_t i = 0;

	for (; i + 8 <= len; i += 8)
		if (word_equal_exact(word_load(s + i), '$'))
			return true;
	for (; i < len; i++)
		if (s[i] == '$')
			return true;
	return false;
}

static int on_scalar(struct loader *l, const yaml_event_t *e)
{
	struct ynode *n;

	if (in_stream(l) && !at_value(l))	/* a key that may stream */
		l->key_mark = stream_mark(l);
	n = node_new(l, YNODE_SCALAR, e, e->data.scalar.tag);

	n->len = e->data.scalar.length;
	n->text = arena_strndup(&l->d->arena,
				(const char *)e->data.scalar.value, n->len);
	n->arena_text = true;
	n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	n->dollar = has_dollar(n->text, n->len);
	if (e->data.scalar.anchor || e->data.scalar.tag)
		skip_properties(l, &n->loc);
	if (e->data.scalar.anchor)
		anchor_set(l, xstrdup((const char *)e->data.scalar.anchor), n);
	/* a scalar value streams as fits allows; a merge key does not */
	if (in_stream(l) && at_value(l) && n->tag == YTAG_NONE &&
	    stream_fits(l, n) && hand_over(l, n))
		return 0;
	if (in_stream(l) && (at_value(l) || (n->plain && n->len == 2 &&
					     !memcmp(n->text, "<<", 2))))
		stream_unfit(l);
	if (refused(l, n))
		stream_unfit(l);
	attach(l, n);
	return 0;
}

static int on_alias(struct loader *l, const yaml_event_t *e)
{
	const char *name = (const char *)e->data.alias.anchor;
	struct ynode *target = strmap_get(&l->anchors, name, strlen(name));
	struct loc at = span(l->d->file, &e->start_mark, &e->end_mark);
	char *msg;

	if (!target) {
		msg = xasprintf("undefined alias \"%s\": no anchor \"&%s\" "
				"comes before it", name, name);
		fail_at(l, "ML001", &at, "define the anchor before the alias",
			msg);
		free(msg);
		return -1;
	}
	l->aliased += target->weight;
	if (l->aliased > LIMIT_ALIAS_NODES) {
		msg = xasprintf("aliases expand to more than %lu nodes: "
				"linting of this file stops",
				(unsigned long)LIMIT_ALIAS_NODES);
		fail_at(l, "ML002", &at, "expand fewer aliases", msg);
		free(msg);
		return -1;
	}
	if (in_stream(l))
		stream_unfit(l);
	attach(l, target);
	return 0;
}

static int on_open(struct loader *l, const yaml_event_t *e)
{
	bool map = e->type == YAML_MAPPING_START_EVENT;
	const yaml_char_t *tag = map ? e->data.mapping_start.tag :
				 e->data.sequence_start.tag;
	const yaml_char_t *anchor = map ? e->data.mapping_start.anchor :
				    e->data.sequence_start.anchor;
	struct stream_mark mark = { 0 };
	bool hand, opens;
	struct ynode *n;
	struct frame *f;

	if (l->depth >= LIMIT_YAML_DEPTH) {
		struct loc at = span(l->d->file, &e->start_mark,
				     &e->end_mark);
		char *msg = xasprintf("YAML nested deeper than %d levels: "
				      "linting of this file stops",
				      LIMIT_YAML_DEPTH);

		fail_at(l, "ML002", &at, "flatten the document", msg);
		free(msg);
		return -1;
	}
	hand = in_stream(l) && map && at_value(l);
	if (in_stream(l) && !hand)
		stream_unfit(l);
	opens = stream_opens(l, map, &l->which);
	if (hand)
		mark = stream_mark(l);
	n = node_new(l, map ? YNODE_MAP : YNODE_SEQ, e, tag);
	grow_array(&l->stack, sizeof(*l->stack), l->depth + 1, &l->cap);
	f = &l->stack[l->depth++];
	f->node = n;
	f->anchor = anchor ? xstrdup((const char *)anchor) : NULL;
	f->first = l->n_pending;
	f->hand = hand;
	f->mark = mark;
	/* a reset mapping is dropped whole: it is read as a tree */
	if (opens && n->tag == YTAG_RESET) {
		l->stream_done = true;
		opens = false;
	}
	if (opens) {
		size_t first = l->stack[0].first, from = first + l->before_from;

		l->stream_open = true;
		if (l->stream->before)
			l->stream->before(l->stream->ctx, l->pending + from,
					  l->n_pending - 1 - from);
		/* after this key and the mapping that opens */
		l->before_from = l->n_pending - first + 1;
		/* a volume may have a service's name */
		if (l->n_handed_keys)
			memset(l->handed_keys, 0, l->cap_handed_keys *
			       sizeof(*l->handed_keys));
		l->n_handed_keys = 0;
	}
	return 0;
}

static bool is_merge_key(const struct ynode *k)
{
	return k->kind == YNODE_SCALAR && k->plain && k->len == 2 &&
	       !memcmp(k->text, "<<", 2) &&
	       (k->tag == YTAG_NONE || k->tag == YTAG_MERGE);
}

static bool same_key(const struct ynode *a, const struct ynode *b)
{
	return a->kind == YNODE_SCALAR && b->kind == YNODE_SCALAR &&
	       a->len == b->len && !memcmp(a->text, b->text, a->len);
}

/*
 * Whether the scalar key at items[i] of map repeats an earlier one; if
 * not, it is added to keys. A small mapping without merge keys is
 * searched through instead: cheaper than a table, which only merging
 * needs.
 */
static bool seen_key(const struct ynode *map, size_t i, bool small,
		     struct strmap *keys)
{
	struct ynode *k = map->items[i];

	if (small) {
		for (size_t j = 0; j < i; j += 2)
			if (same_key(map->items[j], k))
				return true;
		return false;
	}
	if (strmap_get(keys, k->text, k->len))
		return true;
	strmap_put(keys, k->text, k->len, k);
	return false;
}

/* Records the explicit scalar keys of map; -1 on a duplicate. */
static int explicit_keys(struct loader *l, const struct ynode *map,
			 struct strmap *keys, size_t *merges)
{
	bool small = map->n <= 2 * SMALL_MAP;

	for (size_t i = 0; small && i + 1 < map->n; i += 2)
		small = !is_merge_key(map->items[i]);
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		struct ynode *k = map->items[i];
		char *msg;

		if (is_merge_key(k)) {
			(*merges)++;
			continue;
		}
		if (k->kind != YNODE_SCALAR || !seen_key(map, i, small, keys))
			continue;
		msg = xasprintf("duplicate key \"%s\": a mapping holds each "
				"key once, and Compose refuses the file",
				k->text);
		fail_at(l, "ML001", &k->loc, "remove one of the two keys, "
			"or merge their values", msg);
		free(msg);
		return -1;
	}
	return 0;
}

/* Adds the pairs of one merged mapping that no earlier key holds. */
static void merge_from(struct ynode *out, const struct ynode *src,
		       struct strmap *keys)
{
	for (size_t i = 0; i + 1 < src->n; i += 2) {
		struct ynode *k = src->items[i];

		if (k->kind == YNODE_SCALAR) {
			if (strmap_get(keys, k->text, k->len))
				continue;
			strmap_put(keys, k->text, k->len, k);
		}
		node_push(out, k);
		node_push(out, src->items[i + 1]);
	}
}

static int merge_value(struct loader *l, struct ynode *out,
		       const struct ynode *v, struct strmap *keys)
{
	if (v->kind == YNODE_MAP) {
		merge_from(out, v, keys);
		return 0;
	}
	for (size_t i = 0; v->kind == YNODE_SEQ && i < v->n; i++)
		if (v->items[i]->kind != YNODE_MAP)
			goto bad;
	for (size_t i = 0; v->kind == YNODE_SEQ && i < v->n; i++)
		merge_from(out, v->items[i], keys);
	if (v->kind == YNODE_SEQ)
		return 0;
bad:
	fail_at(l, "ML001", &v->loc, "merge an alias of a mapping, or a "
		"list of them", "merge key \"<<\" needs a mapping or a list "
		"of mappings");
	return -1;
}

/*
 * Checks a finished mapping for duplicate keys and resolves its merge
 * keys in place.
 */
static int resolve_map(struct loader *l, struct ynode *map)
{
	struct strmap keys = { NULL, 0, 0 };
	struct ynode merged = { 0 };
	size_t merges = 0;
	int rc = explicit_keys(l, map, &keys, &merges);

	for (size_t i = 0; !rc && merges && i + 1 < map->n; i += 2) {
		if (is_merge_key(map->items[i])) {
			rc = merge_value(l, &merged, map->items[i + 1], &keys);
			continue;
		}
		node_push(&merged, map->items[i]);
		node_push(&merged, map->items[i + 1]);
	}
	if (!rc && merges) {
		if (!map->arena_items)
			free(map->items);
		map->arena_items = false;
		map->items = merged.items;
		map->n = merged.n;
		map->cap = merged.cap;
	} else {
		free(merged.items);
	}
	strmap_release(&keys);
	return rc;
}

static int on_close(struct loader *l, const yaml_event_t *e)
{
	struct frame f = l->stack[--l->depth];
	struct ynode *n = f.node;
	int rc = 0;

	take_pending(l, &f);
	n->loc.end_line = (int)e->end_mark.line + 1;
	n->loc.end_col = (int)e->end_mark.column + 1;
	if (n->kind == YNODE_MAP)
		rc = resolve_map(l, n);
	n->dollar = false;
	for (size_t i = 0; i < n->n; i++) {
		add_weight(&n->weight, n->items[i]->weight);
		n->dollar |= n->items[i]->dollar;
	}
	if (f.anchor)
		anchor_set(l, f.anchor, n);
	if (l->stream_open && l->depth == 1) {	/* a streaming mapping */
		add_weight(&n->weight, l->handed_weight);
		l->handed_weight = 0;
		l->stream_open = false;
	}
	if (!rc && f.hand && l->stream_open) {
		if (l->d->n_reset != f.mark.resets || !stream_fits(l, n))
			stream_unfit(l);
		else if (hand_over(l, n))
			return 0;
	}
	if (!rc)
		attach(l, n);
	return rc;
}

static int on_event(struct loader *l, const yaml_event_t *e)
{
	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		l->documents++;
		anchors_release(l);
		if (l->stream && l->documents > 1)
			stream_unfit(l);
		return 0;
	case YAML_SCALAR_EVENT:
		return on_scalar(l, e);
	case YAML_ALIAS_EVENT:
		return on_alias(l, e);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return on_open(l, e);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return on_close(l, e);
	default:
		return 0;
	}
}

/* Reports what libyaml refused, at the position it gives. */
static void report_libyaml(struct loader *l)
{
	const yaml_parser_t *p = &l->parser;
	const char *problem = p->problem ? p->problem : "cannot be parsed";
	struct loc at = span(l->d->file, &p->problem_mark, &p->problem_mark);
	char *msg;

	if (p->error == YAML_READER_ERROR) {
		size_t off = p->problem_offset < l->len ?
			     p->problem_offset : l->len;

		utf8_position(l->text, off, &at.line, &at.col);
		at.end_line = at.line;
		at.end_col = at.col + 1;
	}
	if (p->context)
		msg = xasprintf("invalid YAML: %s %s from line %d", problem,
				p->context, (int)p->context_mark.line + 1);
	else
		msg = xasprintf("invalid YAML: %s", problem);
	fail_at(l, "ML001", &at, NULL, msg);
	free(msg);
}

static int fast_event(void *ctx, const yaml_event_t *e)
{
	return on_event(ctx, e) ? -1 : 0;
}

/*
 * The fast reader first; where it stops, libyaml reads the text from its
 * start, and the events the fast reader handed over are passed over.
 */
static int run_parser(struct loader *l)
{
	yaml_event_t e;
	size_t skip = 0;
	bool done = false;
	int rc = yfast_read(l->text, l->len, fast_event, l, &skip);

	if (rc != YFAST_STOPPED)
		return rc;
	if (!yaml_parser_initialize(&l->parser)) {
		/* libyaml fails here only when it cannot allocate */
		fputs("mountlint: out of memory\n", stderr);
		exit(70);
	}
	l->libyaml = true;
	yaml_parser_set_input_string(&l->parser,
				     (const unsigned char *)l->text, l->len);
	yaml_parser_set_encoding(&l->parser, YAML_UTF8_ENCODING);
	for (rc = 0; !done && !rc; yaml_event_delete(&e)) {
		if (!yaml_parser_parse(&l->parser, &e)) {
			report_libyaml(l);
			return -1;
		}
		done = e.type == YAML_STREAM_END_EVENT;
		if (skip)
			skip--;
		else
			rc = on_event(l, &e);
	}
	return rc;
}

int ydoc_load(struct ydoc *d, const char *text, size_t len, const char *file,
	      struct findings *out)
{
	return ydoc_load_stream(d, text, len, file, out, NULL);
}

int ydoc_load_stream(struct ydoc *d, const char *text, size_t len,
		     const char *file, struct findings *out,
		     struct ydoc_stream *s)
{
	struct loader l;
	int rc;

	memset(d, 0, sizeof(*d));
	d->file = file;
	memset(&l, 0, sizeof(l));
	l.d = d;
	l.out = out;
	l.stream = s;
	l.text = text;
	l.len = len;
	rc = run_parser(&l);

	while (l.depth)
		free(l.stack[--l.depth].anchor);
	free(l.stack);
	free(l.pending);
	free(l.line_starts);
	free(l.handed_keys);
	anchors_release(&l);
	if (l.libyaml)
		yaml_parser_delete(&l.parser);
	if (rc)
		d->root = NULL;
	return rc;
}


/* The first block is small, for the many small documents. */
enum { BLOCK_FIRST = 32, BLOCK_MAX = 4096 };

static struct ynode *node_alloc(struct ydoc *d)
{
	struct ynode_block *b = d->blocks;

	if (!b || b->n == b->cap) {
		size_t cap = !b ? BLOCK_FIRST :
			     b->cap < BLOCK_MAX ? b->cap * 2 : BLOCK_MAX;

		b = xmalloc(sizeof(*b) + st_mult(cap, sizeof(b->nodes[0])));
		b->next = d->blocks;
		b->n = 0;
		b->cap = cap;
		d->blocks = b;
	}
	return &b->nodes[b->n++];
}

void ydoc_release(struct ydoc *d)
{
	while (d->blocks) {
		struct ynode_block *b = d->blocks;

		for (size_t i = 0; i < b->n; i++) {
			struct ynode *n = &b->nodes[i];

			if (!n->arena_text)
				free(n->text);
			if (!n->arena_items)
				free(n->items);
		}
		d->blocks = b->next;
		free(b);
	}
	arena_release(&d->arena);
	free(d->more);
	memset(d, 0, sizeof(*d));
}

size_t ynode_pairs(const struct ynode *map)
{
	return map->kind == YNODE_MAP ? map->n / 2 : 0;
}

const struct ynode *ynode_key(const struct ynode *map, size_t i)
{
	return map->items[2 * i];
}

const struct ynode *ynode_value(const struct ynode *map, size_t i)
{
	return map->items[2 * i + 1];
}

const struct ynode *ynode_get(const struct ynode *map, const char *key,
			      const struct ynode **key_node)
{
	size_t len = strlen(key);

	for (size_t i = 0; i < ynode_pairs(map); i++) {
		const struct ynode *k = ynode_key(map, i);

		if (k->kind != YNODE_SCALAR || k->len != len ||
		    memcmp(k->text, key, len))
			continue;
		if (key_node)
			*key_node = k;
		return ynode_value(map, i);
	}
	return NULL;
}

bool ynode_is_null(const struct ynode *n)
{
	const char *t = n->text;

	if (n->kind != YNODE_SCALAR || !n->plain)
		return false;
	switch (n->len) {
	case 0:
		return true;
	case 1:
		return t[0] == '~';
	case 4:
		return !memcmp(t, "null", 4) || !memcmp(t, "Null", 4) ||
		       !memcmp(t, "NULL", 4);
	default:
		return false;
	}
}

int ynode_bool(const struct ynode *n, bool *value)
{
	static const char *const yes[] = { "y", "yes", "true", "on" };
	static const char *const no[] = { "n", "no", "false", "off" };

	if (n->kind != YNODE_SCALAR)
		return -1;
	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++) {
		if (!strcasecmp(n->text, yes[i])) {
			*value = true;
			return 0;
		}
		if (!strcasecmp(n->text, no[i])) {
			*value = false;
			return 0;
		}
	}
	return -1;
}

struct ynode *ydoc_node(struct ydoc *d, enum ynode_kind kind,
			const struct loc *loc)
{
	return make_node(d, kind, YTAG_NONE, loc);
}

void ynode_set_text(struct ynode *n, char *text, size_t len)
{
	if (!n->arena_text)
		free(n->text);
	n->text = text;
	n->len = len;
	n->arena_text = false;
}

void ynode_append(struct ynode *parent, struct ynode *child)
{
	node_push(parent, child);
	add_weight(&parent->weight, child->weight);
}

bool ynode_tagged(const struct ynode *n, const char *tag)
{
	enum ytag t = tag_of(tag);

	return t != YTAG_NONE && t != YTAG_OTHER && n->tag == t;
}

/* Drops the `!reset` items and pairs of one collection. */
static void drop_reset_in(struct ynode *n)
{
	size_t step = n->kind == YNODE_MAP ? 2 : 1, kept = 0;

	for (size_t i = 0; i + step <= n->n; i += step) {
		if (ynode_tagged(n->items[i + step - 1], "!reset"))
			continue;
		for (size_t k = 0; k < step; k++)
			n->items[kept++] = n->items[i + k];
	}
	n->n = kept;
}

void ydoc_drop_reset(struct ydoc *d)
{
	for (struct ynode_block *b = d->blocks; b; b = b->next)
		for (size_t i = 0; i < b->n; i++)
			if (b->nodes[i].kind != YNODE_SCALAR)
				drop_reset_in(&b->nodes[i]);
	if (d->root && ynode_tagged(d->root, "!reset"))
		d->root = NULL;
}
