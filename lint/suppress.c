#include "suppress.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "utf8.h"
#include "banned.h"

#define MAX_IDS 32

struct directive {
	struct loc loc;		/* from the comment to the end of the line */
	bool whole_file;
	int first_line, last_line;	/* the lines it covers */
	size_t n_ids;
	char *ids[MAX_IDS];
	const struct rule *rules[MAX_IDS];	/* NULL: unknown */
	bool used[MAX_IDS];
	char *reason;		/* NULL when none was given */
};

struct directives {
	struct directive *items;
	size_t n, cap;
};

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Reads "ID,ID" up to a blank or the end; returns where it stopped. */
static const char *read_ids(struct directive *d, const char *p,
			    const char *end)
{
	while (p < end && *p != ' ' && *p != '\t') {
		const char *start = p;

		while (p < end && *p != ',' && *p != ' ' && *p != '\t')
			p++;
		if (p > start && d->n_ids < MAX_IDS) {
			char *id = xstrndup(start, (size_t)(p - start));

			d->rules[d->n_ids] = rule_find(id);
			d->ids[d->n_ids++] = id;
		}
		if (p < end && *p == ',')
			p++;
	}
	return p;
}

/* The reason after "--", trimmed; NULL when there is none. */
static char *read_reason(const char *p, const char *end)
{
	p = skip_blanks(p, end);
	if (end - p < 2 || p[0] != '-' || p[1] != '-' ||
	    (end - p >= 3 && p[2] == '>'))	/* a Markdown comment's end */
		return NULL;
	p = skip_blanks(p + 2, end);
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	if (end - p >= 3 && !strncmp(end - 3, "-->", 3)) {
		end -= 3;	/* a Markdown comment's end */
		while (end > p && isspace((unsigned char)end[-1]))
			end--;
	}
	return end > p ? xstrndup(p, (size_t)(end - p)) : NULL;
}

/*
 * Parses a directive in the comment that starts at `start` (a '#', or
 * "<!--" in Markdown) up to the end of its line; returns false when the
 * comment is not one.
 */
static bool parse_directive(struct directive *d, const char *start,
			    const char *end)
{
	static const char tag[] = "mountlint:";
	const char *p = skip_blanks(start + (*start == '#' ? 1 : 4), end);

	if ((size_t)(end - p) < sizeof(tag) - 1 ||
	    strncmp(p, tag, sizeof(tag) - 1))
		return false;
	p = skip_blanks(p + sizeof(tag) - 1, end);
	if (end - p > 13 && !strncmp(p, "disable-file=", 13)) {
		d->whole_file = true;
		p += 13;
	} else if (end - p > 8 && !strncmp(p, "disable=", 8)) {
		p += 8;
	} else {
		return false;
	}
	p = read_ids(d, p, end);
	d->reason = read_reason(p, end);
	return true;
}

/*
 * A '#' that starts a comment: at the line's start or after a blank; in
 * Markdown, a "<!--" that starts the line.
 */
static const char *find_comment(const char *line, const char *end,
				bool markdown)
{
	if (markdown) {
		const char *p = skip_blanks(line, end);

		if (end - p >= 4 && !strncmp(p, "<!--", 4))
			return p;
	}
	/* a '#' inside quotes is text, not a comment */
	for (const char *p = line, *q = NULL; p < end; p++) {
		if (q && *p == '\\' && *q == '"' && p + 1 < end)
			p++;
		else if (q && *p == *q)
			q = NULL;
		else if (!q && (*p == '"' || *p == '\''))
			q = p;
		else if (!q && *p == '#' &&
			 (p == line || p[-1] == ' ' || p[-1] == '\t'))
			return p;
	}
	return NULL;
}

static bool is_fence(const char *p, const char *end)
{
	p = skip_blanks(p, end);
	return end - p >= 3 && (!strncmp(p, "```", 3) || !strncmp(p, "~~~", 3));
}

/* The line of the fence that closes the block opening after `p`. */
static int fence_end(const char *p, const char *end, int line)
{
	int opened = 0;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		eol = eol ? eol : end;
		line++;
		if (is_fence(p, eol) && opened++)
			return line;
		p = eol + 1;
	}
	return line;
}

static bool is_markdown(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown"));
}

/* Whether the line ending at eol (its '\n', or the text's end) ends
 * with a backslash that continues it. */
static bool continues(const char *line, const char *eol)
{
	if (eol > line && eol[-1] == '\r')
		eol--;
	return eol > line && eol[-1] == '\\';
}

/* How many lines continue the command that starts after eol (the end of
 * the directive's line): those after a line ending in a backslash. */
static int continued_after(const char *eol, const char *end)
{
	int n = 0;

	for (const char *p = eol + 1; p < end; n++) {
		const char *e = memchr(p, '\n', (size_t)(end - p));

		e = e ? e : end;
		if (!continues(p, e))
			break;
		p = e + 1;
	}
	return n;
}

/* How many lines before the one starting at line continue into it. */
static int continued_before(const char *text, const char *line)
{
	int n = 0;

	while (line > text) {
		const char *eol = line - 1, *q = eol;

		while (q > text && q[-1] != '\n')
			q--;
		if (!continues(q, eol))
			break;
		n++;
		line = q;
	}
	return n;
}

static void collect(struct directives *ds, const char *path,
		    const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	bool markdown = is_markdown(path);
	int line = 1;

	for (; p < end; line++) {
		const char *hit = memmem(p, (size_t)(end - p), "mountlint:",
					 10);
		const char *eol, *start;
		struct directive d;

		/* only a line that names mountlint can hold a directive */
		if (!hit)
			break;
		for (const char *nl; (nl = memchr(p, '\n', (size_t)(hit - p)));
		     line++)
			p = nl + 1;
		eol = memchr(p, '\n', (size_t)(end - p));
		eol = eol ? eol : end;
		start = find_comment(p, eol, markdown);
		memset(&d, 0, sizeof(d));
		if (start && parse_directive(&d, start, eol)) {
			d.loc.file = path;
			d.loc.line = d.loc.end_line = line;
			d.loc.col = (int)utf8_count(p, (size_t)(start - p)) + 1;
			d.loc.end_col = (int)utf8_count(p, (size_t)(eol - p)) + 1;
			/* a comment alone on its line covers the next one,
			 * a trailing one its own: with the lines continued
			 * into them by a backslash, a whole command */
			d.first_line = line;
			d.last_line = line;
			if (*start != '#')
				d.last_line = fence_end(eol + 1 < end ? eol + 1
								  : end,
							end, line);
			else if (skip_blanks(p, start) == start)
				d.last_line += 1 + continued_after(eol, end);
			else
				d.first_line -= continued_before(text, p);
			*ARRAY_PUSH(*ds) = d;
		}
		p = eol + 1;
	}
}

static bool covers(const struct directive *d, const struct finding *x)
{
	if (d->whole_file)
		return true;
	return x->loc.line >= d->first_line && x->loc.line <= d->last_line;
}

static void mark(struct directives *ds, struct finding *x)
{
	for (size_t i = 0; i < ds->n; i++) {
		struct directive *d = &ds->items[i];

		for (size_t k = 0; k < d->n_ids; k++) {
			if (d->rules[k] != x->rule || !covers(d, x))
				continue;
			d->used[k] = true;
			if (!x->suppressed && d->reason)
				x->suppressed = xstrdup(d->reason);
		}
	}
}

static void report_bad(const struct directive *d, const struct policy *p,
		       bool partial, struct findings *f)
{
	if (!d->reason)
		finding_add(f, "ML003", SEV_OFF, &d->loc, NULL,
			    "say why after \" -- \": \"# mountlint: "
			    "disable=ID -- why this is fine\"",
			    "suppression without a reason: it is not "
			    "applied");
	for (size_t k = 0; k < d->n_ids; k++) {
		if (!d->rules[k])
			finding_add(f, "ML003", SEV_OFF, &d->loc, NULL,
				    "see `mountlint rules` for the ids",
				    "unknown rule \"%s\" in a suppression",
				    d->ids[k]);
		else if (!d->used[k] && !partial &&
			 (!p || policy_on(p, d->rules[k])))
			finding_add(f, "ML003", SEV_OFF, &d->loc, NULL,
				    "remove the suppression",
				    "suppression of %s matches no finding",
				    d->rules[k]->id);
	}
}

void suppress_apply(const char *path, const char *text, size_t len,
		    const struct policy *p, bool partial, struct findings *f,
		    size_t first)
{
	struct directives ds = { NULL, 0, 0 };
	size_t end = f->n;

	collect(&ds, path, text, len);
	for (size_t i = first; i < end; i++)
		if (!strcmp(f->items[i].file, path))
			mark(&ds, &f->items[i]);
	for (size_t i = 0; i < ds.n; i++) {
		if (!p || policy_on(p, rule_find("ML003")))
			report_bad(&ds.items[i], p, partial, f);
		for (size_t k = 0; k < ds.items[i].n_ids; k++)
			free(ds.items[i].ids[k]);
		free(ds.items[i].reason);
	}
	free(ds.items);
}
