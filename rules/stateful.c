/*
 * The stateful image table: the compiled-in text is split into rows and
 * indexed by image on the first lookup, and both are kept for the life
 * of the process (a few dozen rows, read for every container with an
 * image).
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

/* The rows up to the first malformed one, in the table's order. */
static struct {
	bool loaded;
	char *text;		/* a copy of the table, split in place */
	struct row *items;
	size_t n, cap;
	const struct row **by_image;	/* by image, then table order */
	int bad_line;		/* line of the malformed row (from 1), or 0 */
} table;

static int compare_rows(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a;
	const struct row *y = *(const struct row *const *)b;
	int diff = strcmp(x->field[F_IMAGE], y->field[F_IMAGE]);

	if (diff)
		return diff;
	return x < y ? -1 : x > y;
}

static void index_table(void)
{
	table.by_image = xcalloc(table.n ? table.n : 1,
				 sizeof(*table.by_image));
	for (size_t i = 0; i < table.n; i++)
		table.by_image[i] = &table.items[i];
	qsort(table.by_image, table.n, sizeof(*table.by_image),
	      compare_rows);
}

static void load_table(void)
{
	char *p;
	int line = 0;

	if (table.loaded)
		return;
	table.loaded = true;
	table.text = xstrdup(stateful_images_tsv);
	for (p = table.text; *p;) {
		char *nl = strchr(p, '\n');
		struct row row;
		int rc;

		line++;
		if (nl)
			*nl = '\0';
		rc = parse_row(p, &row);
		if (rc < 0) {
			table.bad_line = line;
			break;
		}
		if (rc > 0)
			*ARRAY_PUSH(table) = row;
		if (!nl)
			break;
		p = nl + 1;
	}
	index_table();
}

static void add_dir(struct stateful_dirs *l, const char *dir,
		    const char *env, enum severity severity)
{
	struct stateful_dir *d = ARRAY_PUSH(*l);

	d->dir = dir;
	d->env = env;
	d->severity = severity;
}

/* The position in by_image of the first row of name, or table.n. */
static size_t first_row_of(const char *name)
{
	size_t lo = 0, hi = table.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(table.by_image[mid]->field[F_IMAGE], name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void stateful_lookup(struct stateful_dirs *l, const struct image_ref *r,
		     const char *image, const struct settings *s)
{
	load_table();
	for (size_t i = first_row_of(r->name); i < table.n; i++) {
		const struct row *row = table.by_image[i];

		if (strcmp(row->field[F_IMAGE], r->name))
			break;
		if (!r->has_version ||
		    (r->version >= row->lo && r->version <= row->hi))
			add_dir(l, row->field[F_DIR], row->field[F_ENV],
				row->severity);
	}
	for (size_t i = 0; i < s->n_stateful; i++)
		if (match_pattern(s->stateful_images[i], r->name) ||
		    match_pattern(s->stateful_images[i], image))
			add_dir(l, s->stateful_dirs[i], NULL, SEV_OFF);
}

void stateful_dirs_release(struct stateful_dirs *l)
{
	free(l->items);
	memset(l, 0, sizeof(*l));
}

int stateful_table_check(void)
{
	load_table();
	return table.bad_line;
}
