/*
 * The fast YAML reader against libyaml: the events the fast reader hands
 * over must be the first events libyaml gives for the same text, equal in
 * every part the document loader reads, and when it reads a text whole,
 * libyaml must read it whole to the same end. Shared by the unit test and
 * the fuzz target.
 */
#ifndef MOUNTLINT_YAML_CHECK_H
#define MOUNTLINT_YAML_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "../parsers/yaml_fast.h"

/* libyaml's events for a text, up to its end or its first error. */
struct ycheck {
	yaml_event_t *ev;
	size_t n, cap;
	bool error;		/* libyaml stopped on an error */
	size_t next;		/* the event the fast reader compares next */
	char why[200];		/* the first difference, "" when none */
};

static inline void ycheck_libyaml(struct ycheck *c, const char *text,
				  size_t len)
{
	yaml_parser_t p;
	bool done = false;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done) {
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 64;
			c->ev = realloc(c->ev, c->cap * sizeof(*c->ev));
			if (!c->ev)
				abort();
		}
		if (!yaml_parser_parse(&p, &c->ev[c->n])) {
			c->error = true;
			break;
		}
		done = c->ev[c->n++].type == YAML_STREAM_END_EVENT;
	}
	yaml_parser_delete(&p);
}

static inline bool ycheck_same_str(const yaml_char_t *a, const yaml_char_t *b)
{
	return (!a && !b) || (a && b && !strcmp((const char *)a,
						(const char *)b));
}

/* What a sequence or mapping start holds. */
struct ycheck_start {
	int style;
	const yaml_char_t *anchor, *tag;
};

static inline struct ycheck_start ycheck_start_of(const yaml_event_t *e)
{
	struct ycheck_start s;

	if (e->type == YAML_SEQUENCE_START_EVENT) {
		s.style = (int)e->data.sequence_start.style;
		s.anchor = e->data.sequence_start.anchor;
		s.tag = e->data.sequence_start.tag;
	} else {
		s.style = (int)e->data.mapping_start.style;
		s.anchor = e->data.mapping_start.anchor;
		s.tag = e->data.mapping_start.tag;
	}
	return s;
}

/* Whether two events agree in what the loader reads. */
static inline bool ycheck_same(const yaml_event_t *a, const yaml_event_t *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case YAML_SCALAR_EVENT:
		return a->data.scalar.length == b->data.scalar.length &&
		       !memcmp(a->data.scalar.value, b->data.scalar.value,
			       a->data.scalar.length) &&
		       a->data.scalar.style == b->data.scalar.style &&
		       a->data.scalar.plain_implicit ==
			       b->data.scalar.plain_implicit &&
		       ycheck_same_str(a->data.scalar.anchor,
				       b->data.scalar.anchor) &&
		       ycheck_same_str(a->data.scalar.tag, b->data.scalar.tag);
	case YAML_ALIAS_EVENT:
		return ycheck_same_str(a->data.alias.anchor,
				       b->data.alias.anchor);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		struct ycheck_start x = ycheck_start_of(a);
		struct ycheck_start y = ycheck_start_of(b);

		return x.style == y.style &&
		       ycheck_same_str(x.anchor, y.anchor) &&
		       ycheck_same_str(x.tag, y.tag);
	}
	case YAML_DOCUMENT_START_EVENT:
		return a->data.document_start.implicit ==
		       b->data.document_start.implicit;
	default:
		return true;
	}
}

static inline bool ycheck_same_marks(const yaml_event_t *a,
				     const yaml_event_t *b)
{
	/* the loader reads no marks of the stream's and documents' events */
	if (a->type == YAML_STREAM_START_EVENT ||
	    a->type == YAML_STREAM_END_EVENT ||
	    a->type == YAML_DOCUMENT_START_EVENT ||
	    a->type == YAML_DOCUMENT_END_EVENT)
		return true;
	return a->start_mark.line == b->start_mark.line &&
	       a->start_mark.column == b->start_mark.column &&
	       a->end_mark.line == b->end_mark.line &&
	       a->end_mark.column == b->end_mark.column;
}

static inline int ycheck_event(void *ctx, const yaml_event_t *e)
{
	struct ycheck *c = ctx;
	const yaml_event_t *want;

	if (c->next >= c->n) {
		snprintf(c->why, sizeof(c->why), "event %zu (type %d) is "
			 "past libyaml's %zu%s", c->next, (int)e->type, c->n,
			 c->error ? ", before its error" : "");
		return -1;
	}
	want = &c->ev[c->next];
	if (!ycheck_same(e, want) || !ycheck_same_marks(e, want)) {
		snprintf(c->why, sizeof(c->why), "event %zu: type %d at "
			 "%zu:%zu-%zu:%zu, libyaml: type %d at %zu:%zu-%zu:%zu",
			 c->next, (int)e->type, e->start_mark.line,
			 e->start_mark.column, e->end_mark.line,
			 e->end_mark.column, (int)want->type,
			 want->start_mark.line, want->start_mark.column,
			 want->end_mark.line, want->end_mark.column);
		return -1;
	}
	c->next++;
	return 0;
}

/*
 * Compares the two readers on text. Returns NULL when they agree, or the
 * first difference (a static buffer); *whole tells whether the fast
 * reader read the text whole.
 */
static inline const char *ycheck(const char *text, size_t len, bool *whole)
{
	static char why[200];
	struct ycheck c;
	size_t handed = 0;
	int rc;

	memset(&c, 0, sizeof(c));
	ycheck_libyaml(&c, text, len);
	rc = yfast_read(text, len, ycheck_event, &c, &handed);
	*whole = rc == 0;
	if (rc == 0 && (c.error || handed != c.n))
		snprintf(c.why, sizeof(c.why), "read whole with %zu events; "
			 "libyaml gives %zu%s", handed, c.n,
			 c.error ? " and an error" : "");
	else if (rc != 0 && rc != YFAST_STOPPED && !c.why[0])
		snprintf(c.why, sizeof(c.why), "returned %d", rc);
	else if (handed != c.next)
		snprintf(c.why, sizeof(c.why), "counted %zu events handed, "
			 "%zu compared", handed, c.next);
	for (size_t i = 0; i < c.n; i++)
		yaml_event_delete(&c.ev[i]);
	free(c.ev);
	memcpy(why, c.why, sizeof(why));
	return why[0] ? why : NULL;
}

#endif
