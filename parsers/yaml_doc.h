/*
 * A YAML document as a tree of nodes with 1-based positions, built on
 * libyaml's event parser without recursion.
 *
 * Anchors and aliases are resolved: an alias is the anchored node itself
 * (shared, so it keeps the anchored text's positions). `<<` merge keys are
 * resolved: a mapping holds its explicit keys and, where the `<<` key
 * stood, the merged keys it does not hold itself (earlier entries of a
 * merge list win over later ones). Tags are kept: a mapping value or
 * sequence item tagged `!reset` stays until ydoc_drop_reset, so that a
 * later compose file can use it to remove what an earlier one set.
 *
 * Ownership: the document owns every node; ydoc_release frees them all.
 * Nodes may be shared, so a walk over the tree may meet a node twice.
 * The nodes the parser makes keep their texts and item lists in the
 * document's arena: replace a text with ynode_set_text, and grow an item
 * list with ynode_append, never with free or realloc.
 */
#ifndef MOUNTLINT_YAML_DOC_H
#define MOUNTLINT_YAML_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../lint/finding.h"
#include "../lint/mem.h"
#include "../lint/model.h"

enum ynode_kind {
	YNODE_SCALAR,
	YNODE_SEQ,
	YNODE_MAP,
};

/* The tags mountlint acts on; a node with any other tag has YTAG_OTHER. */
enum ytag {
	YTAG_NONE,
	YTAG_RESET,		/* !reset */
	YTAG_OVERRIDE,		/* !override */
	YTAG_MERGE,		/* tag:yaml.org,2002:merge */
	YTAG_OTHER,
};

struct ynode {
	/* Flags are bits, and the counts follow them, so that a node takes
	 * 56 bytes: a document has one per scalar and collection. */
	enum ynode_kind kind : 4;
	enum ytag tag : 4;
	bool plain : 1;		/* scalars: neither quoted nor a block */
	/* Where text and items live: in the document's arena (true), or
	 * from malloc, freed by ydoc_release. */
	bool arena_text : 1, arena_items : 1;
	bool broken : 1;	/* scalars: an interpolation problem was
				 * reported, the value is unknown */
	bool dollar : 1;	/* a "$" may be in its text or under it;
				 * false only when the parser saw none */
	bool interpolated : 1;	/* scalars: interpolated already (a node
				 * an alias shares is met more than once) */
	union {
		uint32_t len;	/* scalars: bytes in text */
		uint32_t cap;	/* collections: room in items */
	};
	/* Sequences: n items. Mappings: n/2 pairs, items[2i] the key and
	 * items[2i+1] its value. */
	uint32_t n;
	uint32_t weight;	/* nodes in this tree, aliases expanded;
				 * saturates past the alias limit */

	struct loc loc;		/* the node's text; a quoted scalar's span
				 * includes its quotes */

	char *text;		/* scalars: the value, NUL-terminated */
	struct ynode **items;
};

struct ynode_block;

struct ydoc {
	const char *file;	/* for locations; not owned */
	struct ynode *root;	/* the first document's root; NULL when the
				 * stream holds no document or an empty one */
	struct ynode **more;	/* the roots of the documents after it */
	size_t n_more, cap_more;
	struct ynode_block *blocks;	/* every node, in blocks (internal) */
	struct arena arena;	/* the texts and item lists */
	size_t n_reset;		/* nodes read tagged !reset */
};

/*
 * Parses text (len bytes) into d. Returns 0, or -1 after reporting to out
 * (at `file`): ML001 for what libyaml rejects (with its problem and its
 * position), an undefined alias, a merge of something not a mapping and
 * a duplicate mapping key (at the second key); ML002 past the depth or
 * alias limits of lint/limits.h. After -1, d holds nothing useful but
 * must still be released.
 */
int ydoc_load(struct ydoc *d, const char *text, size_t len, const char *file,
	      struct findings *out);
void ydoc_release(struct ydoc *d);

/*
 * Streaming: the values of some mappings at the top of the first document
 * (a compose file's "services" and "volumes") are handed over one at a
 * time, as soon as each is complete, and then released, so that the
 * document is never whole in memory. Each pair handed over is left out
 * of the tree (its weight stays in its mapping's, for the alias limit).
 * The nodes of a pair that holds an anchor are kept, as an alias after
 * it may name it.
 *
 * Streaming needs each value to be under a plain scalar key (no "<<"),
 * without a `!reset` tag, a mapping or a scalar as `fits` allows, no
 * `refuse` key at the top, and the document to be the only one; when a
 * document breaks that after values were handed over, `unfit` is set,
 * and what was handed over must be forgotten and the text loaded again,
 * without streaming. Values are handed over also when loading fails
 * later.
 */
struct ydoc_stream {
	/* The top-level keys whose mappings stream, NULL-terminated; a
	 * callback's `which` is the index of one of them. */
	const char *const *keys;
	/* Called, when one of those mappings opens, with the pairs of the
	 * top-level mapping read since the last call (keys and values,
	 * alternating; the first call: all before it). */
	void (*before)(void *ctx, struct ynode *const *pairs, size_t n);
	/* Whether a finished value, a mapping or a scalar, may stream;
	 * one that may not makes the document unfit. */
	bool (*fits)(void *ctx, size_t which, const struct ynode *key,
		     const struct ynode *value);
	/* Called with each value and its key; value is released after. */
	void (*each)(void *ctx, size_t which, const struct ynode *key,
		     struct ynode *value);
	void *ctx;
	/* Top-level keys that make a document unfit; NULL-terminated, or
	 * NULL for none. */
	const char *const *refuse;
	size_t handed;		/* values handed over */
	bool unfit;
};

/* ydoc_load, handing over the values that stream s names. */
int ydoc_load_stream(struct ydoc *d, const char *text, size_t len,
		     const char *file, struct findings *out,
		     struct ydoc_stream *s);

/*
 * Drops every mapping pair whose value, and every sequence item, tagged
 * `!reset`, in every node d holds, as Compose drops them once the files
 * of a project are merged. Nothing is tagged so when no document read
 * has n_reset.
 */
void ydoc_drop_reset(struct ydoc *d);

/* A new empty node, owned by d, at loc (for nodes a merge makes). */
struct ynode *ydoc_node(struct ydoc *d, enum ynode_kind kind,
			const struct loc *loc);
/*
 * Replaces the text of scalar n with text (len bytes, NUL-terminated,
 * from malloc); the document frees it.
 */
void ynode_set_text(struct ynode *n, char *text, size_t len);
/* Appends child to a sequence, or a key or value to a mapping. */
void ynode_append(struct ynode *parent, struct ynode *child);
/* The node carries this tag: "!reset" or "!override" (others: false). */
bool ynode_tagged(const struct ynode *n, const char *tag);

/* Number of key/value pairs of a mapping. */
size_t ynode_pairs(const struct ynode *map);
const struct ynode *ynode_key(const struct ynode *map, size_t i);
const struct ynode *ynode_value(const struct ynode *map, size_t i);

/*
 * The value of the pair whose key is the scalar `key` (NULL when none);
 * sets *key_node to that key when key_node is not NULL.
 */
const struct ynode *ynode_get(const struct ynode *map, const char *key,
			      const struct ynode **key_node);

/* A plain null scalar: empty, "~", "null", "Null", "NULL". */
bool ynode_is_null(const struct ynode *n);

/*
 * The boolean a scalar spells, as Compose reads it: y, yes, true, on and
 * n, no, false, off in any case. Returns 0, or -1 when it is none.
 */
int ynode_bool(const struct ynode *n, bool *value);

#endif
