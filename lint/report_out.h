/*
 * Output for the JSON formats, streamed: nothing is built in memory, so
 * a run with many findings does not hold them twice.
 *
 * struct rout gathers bytes in a block and writes it when it fills;
 * strings are escaped as cJSON escapes them. struct jw writes values in
 * the layout of cJSON_Print: one object member a line, indented by tabs
 * (one per enclosing object or array), a tab after each colon, array
 * items separated by ", ".
 *
 *	struct jw *w = jw_open(stdout);
 *	jw_object(w, NULL);
 *	jw_string(w, "name", "mountlint");
 *	jw_end_object(w);
 *	jw_close(w);	(a newline, everything written, w freed)
 */
#ifndef MOUNTLINT_REPORT_OUT_H
#define MOUNTLINT_REPORT_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { ROUT_BLOCK = 1 << 16 };

struct rout {
	FILE *fp;
	char *at, *end;		/* the free part of buf */
	char buf[ROUT_BLOCK];
};

/* Writes the block out; it is empty after. */
void rout_flush(struct rout *o);

/* Room for n more bytes at o->at; n is at most ROUT_BLOCK. */
static inline void rout_room(struct rout *o, size_t n)
{
	if ((size_t)(o->end - o->at) < n)
		rout_flush(o);
}

/* Adds len bytes, at most ROUT_BLOCK, as they are. */
static inline void rout_bytes(struct rout *o, const char *s, size_t len)
{
	rout_room(o, len);
	memcpy(o->at, s, len);
	o->at += len;
}

/* Adds a string literal as it is: the layout, keys. */
#define ROUT_PUT(o, literal) rout_bytes(o, literal, sizeof(literal) - 1)

/* Adds s as a JSON string, or null when s is NULL. */
void rout_string(struct rout *o, const char *s);
void rout_number(struct rout *o, long n);

/* A writer of the cJSON_Print layout; at most 32 levels deep. */
struct jw {
	int depth;		/* open objects and arrays */
	uint32_t arrays;	/* bit d: the level d container is an array */
	uint32_t started;	/* bit d: it has a member or item */
	struct rout out;
};

/* A writer to fp; never NULL. */
struct jw *jw_open(FILE *fp);
/* Ends the document with a newline, writes it all and frees w. */
void jw_close(struct jw *w);

/*
 * Values: key is the member's name inside an object, NULL inside an
 * array or at the top. A NULL string is written as null.
 */
void jw_object(struct jw *w, const char *key);
void jw_end_object(struct jw *w);
void jw_array(struct jw *w, const char *key);
void jw_end_array(struct jw *w);
void jw_string(struct jw *w, const char *key, const char *s);
void jw_number(struct jw *w, const char *key, long n);
void jw_bool(struct jw *w, const char *key, bool b);

/* An object of one member "text": how SARIF gives a message. */
void jw_text(struct jw *w, const char *key, const char *text);

#endif
