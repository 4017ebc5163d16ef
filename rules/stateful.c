/*
 * The stateful image table: rows read straight from the compiled-in
 * text, one line at a time, each time an image is looked up. The table
 * is small; keeping no parsed copy keeps no global state. A lookup
 * parses only the rows whose first field is the image.
 */
#include "stateful.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../lint/match.h"
#include "../lint/mem.h"
#include "../lint/banned.h"

enum { F_IMAGE, F_VERSION, F_DIR, F_SEVERITY, F_ENV, NFIELDS };

struct row {
	char *field[NFIELDS];
	long lo, hi;		/* versions covered, inclusive */
	enum severity severity;
};

/* A registry host is a first component with a dot, a port or "localhost". */
static const char *skip_registry_host(const char *s)
{
	const char *slash = strchr(s, '/');
	size_t n;

	if (!slash)
		return s;
	n = (size_t)(slash - s);
	if (memchr(s, '.', n) || memchr(s, ':', n) ||
	    (n == 9 && !strncmp(s, "localhost", 9)))
		return slash + 1;
	return s;
}

int image_ref_parse(struct image_ref *r, const char *image)
{
	char *name, *cut, *tag;
	const char *start;

	if (strpbrk(image, "$`"))
		return -1;
	start = skip_registry_host(image);
	if (!strncmp(start, "library/", 8))
		start += 8;
	name = xstrdup(start);
	cut = strchr(name, '@');
	if (cut)
		*cut = '\0';

	tag = strrchr(name, ':');
	if (tag && strchr(tag, '/'))
		tag = NULL;
	r->has_version = false;
	r->version = 0;
	if (tag) {
		*tag++ = '\0';
		if (isdigit((unsigned char)*tag)) {
			r->has_version = true;
			r->version = strtol(tag, NULL, 10);
		}
	}
	r->name = name;
	return 0;
}

void image_ref_release(struct image_ref *r)
{
	free(r->name);
	r->name = NULL;
}

/* Reads a number that must be all of [s, end); -1 when it is not. */
static int parse_number(const char *s, const char *end, long *out)
{
	char *stop;

	if (s == end || !isdigit((unsigned char)*s))
		return -1;
	*out = strtol(s, &stop, 10);
	return stop == end ? 0 : -1;
}

/* "*", "17", "18+", "-17" or "1-2" to an inclusive range. */
static int parse_versions(const char *s, long *lo, long *hi)
{
	const char *end = s + strlen(s);
	const char *dash = strchr(s, '-');

	*lo = LONG_MIN;
	*hi = LONG_MAX;
	if (!strcmp(s, "*"))
		return 0;
	if (end > s && end[-1] == '+')
		return parse_number(s, end - 1, lo);
	if (dash == s)
		return parse_number(s + 1, end, hi);
	if (dash)
		return parse_number(s, dash, lo) || parse_number(dash + 1, end, hi)
		       ? -1 : 0;
	if (parse_number(s, end, lo))
		return -1;
	*hi = *lo;
	return 0;
}

static int parse_severity(const char *s, enum severity *out)
{
	int sev;

	if (!strcmp(s, "default")) {
		*out = SEV_OFF;
		return 0;
	}
	sev = severity_parse(s);
	if (sev <= SEV_OFF)
		return -1;
	*out = (enum severity)sev;
	return 0;
}

/*
 * Splits one line (modified in place) into a row. Returns 1 for a row,
 * 0 for a comment or blank line, -1 for a malformed row.
 */
static int parse_row(char *line, struct row *row)
{
	size_t i = 0;
	char *p = line;

	if (*line == '#' || *line == '\0')
		return 0;
	for (i = 0; i < NFIELDS && p; i++) {
		row->field[i] = p;
		p = strchr(p, '\t');
		if (p)
			*p++ = '\0';
	}
	if (p || i < F_ENV || !*row->field[F_IMAGE] || *row->field[F_DIR] != '/')
		return -1;
	if (i == F_ENV || !strcmp(row->field[F_ENV], "-"))
		row->field[F_ENV] = NULL;
	if (parse_versions(row->field[F_VERSION], &row->lo, &row->hi) ||
	    parse_severity(row->field[F_SEVERITY], &row->severity))
		return -1;
	return 1;
}

/* Whether the line [p, p + len) starts with the field image and a tab. */
static bool first_field_is(const char *p, size_t len, const char *image)
{
	size_t n = strlen(image);

	return len > n && p[n] == '\t' && !memcmp(p, image, n);
}

/*
 * The start of the first line after the one ending at end (a '\n' or
 * the table's end) that starts with image, or the table's end.
 */
static const char *next_row_of(const char *end, const char *image)
{
	const char *p = end;

	while (*p) {
		const char *hit = strstr(p, image);

		if (!hit)
			return p + strlen(p);
		if (hit[-1] == '\n')
			return hit;
		p = hit + 1;
	}
	return p;
}

/*
 * Calls visit for each row of the table, with its 1-based line; stops
 * and returns that line at the first malformed row, else returns 0.
 * With image not NULL, only the rows of that image are parsed, and the
 * lines skipped to reach them are not counted.
 */
static int each_row(const char *image,
		    void (*visit)(const struct row *, void *), void *arg)
{
	const char *p = stateful_images_tsv;
	int line = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *copy;
		struct row row;
		int rc;

		line++;
		if (image && !first_field_is(p, len, image)) {
			p = next_row_of(p + len, image);
			continue;
		}
		copy = xstrndup(p, len);
		rc = parse_row(copy, &row);
		if (rc > 0 && visit)
			visit(&row, arg);
		free(copy);
		if (rc < 0)
			return line;
		p += len + (nl != NULL);
	}
	return 0;
}

static void add_dir(struct stateful_dirs *l, const char *dir,
		    const char *env, enum severity severity)
{
	struct stateful_dir *d = ARRAY_PUSH(*l);

	d->dir = xstrdup(dir);
	d->env = env ? xstrdup(env) : NULL;
	d->severity = severity;
}

struct lookup {
	struct stateful_dirs *l;
	const struct image_ref *r;
};

static void visit_lookup(const struct row *row, void *arg)
{
	const struct lookup *lk = arg;

	if (strcmp(row->field[F_IMAGE], lk->r->name))
		return;
	if (lk->r->has_version &&
	    (lk->r->version < row->lo || lk->r->version > row->hi))
		return;
	add_dir(lk->l, row->field[F_DIR], row->field[F_ENV], row->severity);
}

void stateful_lookup(struct stateful_dirs *l, const struct image_ref *r,
		     const char *image, const struct settings *s)
{
	struct lookup lk = { l, r };

	each_row(lk.r->name, visit_lookup, &lk);
	for (size_t i = 0; i < s->n_stateful; i++)
		if (match_pattern(s->stateful_images[i], r->name) ||
		    match_pattern(s->stateful_images[i], image))
			add_dir(l, s->stateful_dirs[i], NULL, SEV_OFF);
}

void stateful_dirs_release(struct stateful_dirs *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].dir);
		free(l->items[i].env);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

int stateful_table_check(void)
{
	return each_row(NULL, NULL, NULL);
}
