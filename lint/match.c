#define PCRE2_CODE_UNIT_WIDTH 8
#include "match.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "banned.h"

/* A compiled pattern; re is NULL when the pattern does not compile. */
struct compiled {
	char *pattern;
	const char *seen;	/* the caller's string it was last asked as */
	pcre2_code *re;
};

/* Every pattern seen so far: a handful (tables and configuration). */
static struct {
	struct compiled *items;
	size_t n, cap;
} cache;

/* Tables compiled as one alternation, by the table's address. */
struct combined {
	const char *const *table;
	size_t n;
	pcre2_code *re;		/* NULL: one of them does not compile */
};

static struct {
	struct combined *items;
	size_t n, cap;
} tables;

static pcre2_general_context *memory;
static pcre2_compile_context *compile_context;
static pcre2_match_data *match_data;

/* PCRE2 allocates through mem.h: out of memory ends the process, as
 * everywhere else. */
static void *pcre_alloc(PCRE2_SIZE size, void *unused)
{
	(void)unused;
	return xmalloc(size ? size : 1);
}

static void pcre_free(void *p, void *unused)
{
	(void)unused;
	free(p);
}

static void setup(void)
{
	if (memory)
		return;
	memory = pcre2_general_context_create(pcre_alloc, pcre_free, NULL);
	compile_context = pcre2_compile_context_create(memory);
	/* one block for every match: a pattern's captures are not read */
	match_data = pcre2_match_data_create(1, memory);
}

static const pcre2_code *compiled(const char *pattern)
{
	int err;
	PCRE2_SIZE off;
	struct compiled *c;

	setup();
	/* tables ask with the same strings again and again; a string
	 * freed and another one made at its address is told apart by its
	 * text */
	for (size_t i = 0; i < cache.n; i++)
		if (cache.items[i].seen == pattern &&
		    !strcmp(cache.items[i].pattern, pattern))
			return cache.items[i].re;
	for (size_t i = 0; i < cache.n; i++)
		if (!strcmp(cache.items[i].pattern, pattern)) {
			cache.items[i].seen = pattern;
			return cache.items[i].re;
		}
	c = ARRAY_PUSH(cache);
	c->pattern = xstrdup(pattern);
	c->seen = pattern;
	c->re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
			      PCRE2_UTF, &err, &off, compile_context);
	return c->re;
}

bool match_pattern(const char *pattern, const char *subject)
{
	const pcre2_code *re = compiled(pattern);

	if (!re)
		return false;
	return pcre2_match(re, (PCRE2_SPTR)subject, PCRE2_ZERO_TERMINATED,
			   0, 0, match_data, NULL) >= 0;
}

const char *match_first(const char *const *patterns, size_t n,
			const char *subject)
{
	for (size_t i = 0; i < n; i++)
		if (match_pattern(patterns[i], subject))
			return patterns[i];
	return NULL;
}

/* "(?:p1)|(?:p2)|...": each pattern's options stay inside its group. */
static pcre2_code *compile_table(const char *const *patterns, size_t n)
{
	struct buf b;
	pcre2_code *re;
	PCRE2_SIZE off;
	int err;

	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++)
		buf_addf(&b, "%s(?:%s)", i ? "|" : "", patterns[i]);
	re = pcre2_compile((PCRE2_SPTR)b.data, b.len, PCRE2_UTF, &err, &off,
			   compile_context);
	buf_release(&b);
	return re;
}

bool match_any(const char *const *patterns, size_t n, const char *subject)
{
	struct combined *c = NULL;

	setup();
	for (size_t i = 0; i < tables.n && !c; i++)
		if (tables.items[i].table == patterns && tables.items[i].n == n)
			c = &tables.items[i];
	if (!c) {
		c = ARRAY_PUSH(tables);
		c->table = patterns;
		c->n = n;
		c->re = n ? compile_table(patterns, n) : NULL;
	}
	if (!c->re)
		return match_first(patterns, n, subject) != NULL;
	return pcre2_match(c->re, (PCRE2_SPTR)subject, PCRE2_ZERO_TERMINATED,
			   0, 0, match_data, NULL) >= 0;
}
