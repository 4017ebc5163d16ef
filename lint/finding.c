#include "finding.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "limits.h"
#include "mem.h"
#include "word.h"
#include "banned.h"

void findings_init(struct findings *f)
{
	memset(f, 0, sizeof(*f));
	f->file_limit = LIMIT_FINDINGS;
}

void finding_release(struct finding *x)
{
	/* its texts are in the list's arena */
	free(x->suppressed);
	free(x->excerpt);
}

void findings_release(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		finding_release(&f->items[i]);
	free(f->items);
	for (size_t i = 0; i < f->n_errors; i++) {
		free(f->errors[i].file);
		free(f->errors[i].message);
	}
	free(f->errors);
	arena_release(&f->texts);
	for (size_t i = 0; i < f->n_files; i++)
		free(f->files[i]);
	free(f->files);
	memset(f, 0, sizeof(*f));
}

void finding_begin_file(struct findings *f)
{
	f->file_count = 0;
	f->file_capped = false;
	f->parse_failed = false;
}

void findings_mark(const struct findings *f, struct findings_mark *m)
{
	m->n = f->n;
	m->n_errors = f->n_errors;
	m->texts = arena_mark(&f->texts);
	m->file_count = f->file_count;
	m->file_capped = f->file_capped;
	m->parse_failed = f->parse_failed;
	m->last_rule = f->last_rule;
	m->last_is_input = f->last_is_input;
}

void findings_rollback(struct findings *f, const struct findings_mark *m)
{
	while (f->n > m->n)
		finding_release(&f->items[--f->n]);
	while (f->n_errors > m->n_errors) {
		f->n_errors--;
		free(f->errors[f->n_errors].file);
		free(f->errors[f->n_errors].message);
	}
	arena_rewind(&f->texts, m->texts);
	f->file_count = m->file_count;
	f->file_capped = m->file_capped;
	f->parse_failed = m->parse_failed;
	f->last_rule = m->last_rule;
	f->last_is_input = m->last_is_input;
}

static bool is_input_rule(const char *id)
{
	return !strcmp(id, "ML001") || !strcmp(id, "ML002") ||
	       !strcmp(id, "ML005");
}

/* One byte at a time: see printable. */
static void printable_bytes(char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			s[i] = '?';
}

/*
 * Control characters from the linted input (an escape sequence, a
 * newline inside a value) would break a one-line format or reach the
 * terminal: each of the len bytes at s that is one becomes a '?'. Words
 * without any are passed over whole.
 */
static void printable(char *s, size_t len)
{
	for (; len >= 8; s += 8, len -= 8) {
		uint64_t w = word_load(s);

		if (word_below(w, 0x20) | word_equal(w, 0x7f))
			printable_bytes(s, 8);
	}
	printable_bytes(s, len);
}

/* The findings' copy of file name: findings come file by file, so the
 * last name kept is mostly the one. */
static const char *keep_file(struct findings *f, const char *file)
{
	if (f->n_files && !strcmp(f->files[f->n_files - 1], file))
		return f->files[f->n_files - 1];
	grow_array(&f->files, sizeof(*f->files), f->n_files + 1,
		   &f->cap_files);
	f->files[f->n_files] = xstrdup(file);
	return f->files[f->n_files++];
}

/* Copies the len bytes of s and a NUL to p, made printable; returns
 * where they end. */
static char *put_text(char *p, const char *s, size_t len)
{
	memcpy(p, s, len);
	p[len] = '\0';
	printable(p, len);
	return p + len + 1;
}

/* Gives x its message, service and fix, in one block that the message
 * owns. */
static void keep_texts(struct findings *f, struct finding *x,
		       const char *message, const char *service,
		       const char *fix)
{
	size_t m = strlen(message);
	size_t s = service ? strlen(service) : 0;
	size_t k = fix ? strlen(fix) : 0;
	char *p = arena_chars(&f->texts, m + s + k + 3);

	x->message = p;
	p = put_text(p, message, m);
	if (service) {
		x->service = p;
		p = put_text(p, service, s);
	}
	if (fix) {
		x->fix = p;
		put_text(p, fix, k);
	}
}

/* The rule whose id is exactly id, found by halves in the registry
 * (ordered by id); else as rule_find finds it. */
static const struct rule *registry_rule(const char *id)
{
	size_t lo = 0, hi = rule_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(rule_registry[mid]->id, id);

		if (!c)
			return rule_registry[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return rule_find(id);
}

/* registry_rule through a table of the rules found so far, by a hash of
 * their id: rules whose findings alternate (one service's, then the
 * next's) are found at the first try. The registry never changes, so
 * neither does what the table holds. */
static const struct rule *cached_rule(const char *id)
{
	static const struct rule *seen[64];
	size_t n = strlen(id);
	size_t slot = (size_t)hash_bytes(HASH_START, id, n) %
		      (sizeof(seen) / sizeof(*seen));

	if (!seen[slot] || strcmp(seen[slot]->id, id))
		seen[slot] = registry_rule(id);
	return seen[slot];
}

/* The rule of id: the last one's, or from the registry. */
static const struct rule *find_rule(struct findings *f, const char *id)
{
	const struct rule *rule;

	if (f->last_rule && !strcmp(f->last_rule->id, id))
		return f->last_rule;
	rule = cached_rule(id);
	if (!rule) {
		fprintf(stderr, "mountlint: internal error: no rule '%s'\n",
			id);
		abort();
	}
	f->last_rule = rule;
	f->last_is_input = is_input_rule(rule->id);
	return rule;
}

/* Room for one more finding at the end of f: half as much again when
 * it is full, which wastes less than doubling on a file of many. */
static struct finding *push_item(struct findings *f)
{
	return append_by_half(&f->items, sizeof(*f->items), &f->n, &f->cap);
}

static struct finding *push(struct findings *f, const char *id,
			    enum severity severity, const struct loc *loc,
			    const char *service, const char *fix,
			    const char *message)
{
	const struct rule *rule = find_rule(f, id);
	struct finding *x;

	if (f->last_is_input)
		f->parse_failed = true;
	x = push_item(f);
	memset(x, 0, sizeof(*x));
	x->rule = rule;
	x->seq = (unsigned)(f->n - 1);
	x->severity = severity ? severity : rule->severity;
	if (loc)
		x->loc = *loc;
	x->loc.file = keep_file(f, loc && loc->file ? loc->file : "");
	keep_texts(f, x, message, service, fix);
	return x;
}

struct finding *finding_add(struct findings *f, const char *id,
			    enum severity severity, const struct loc *loc,
			    const char *service, const char *fix,
			    const char *fmt, ...)
{
	struct finding *x;
	char small[512], *big = NULL;
	va_list ap;
	int len;

	if (f->file_capped)
		return NULL;
	if (++f->file_count > f->file_limit) {
		f->file_capped = true;
		snprintf(small, sizeof(small), "too many findings: more than "
			 "%zu in one file; the rest are not reported",
			 f->file_limit);
		push(f, "ML002", SEV_OFF, loc, NULL, NULL, small);
		return NULL;
	}

	/* Most messages fit the small buffer: formatted once there. */
	va_start(ap, fmt);
	len = vformat(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (len < 0 || (size_t)len >= sizeof(small)) {
		va_start(ap, fmt);
		big = xvasprintf(fmt, ap);
		va_end(ap);
	}
	x = push(f, id, severity, loc, service, fix, big ? big : small);
	free(big);
	return x;
}

void finding_error(struct findings *f, const char *file, int line, int col,
		   const char *fmt, ...)
{
	struct input_error *e;
	char *message;
	va_list ap;

	va_start(ap, fmt);
	message = xvasprintf(fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < f->n_errors; i++) {
		e = &f->errors[i];
		if (e->line == line && e->col == col &&
		    !strcmp(e->file, file) && !strcmp(e->message, message)) {
			free(message);
			return;
		}
	}
	grow_array(&f->errors, sizeof(*f->errors), f->n_errors + 1,
		   &f->cap_errors);
	e = &f->errors[f->n_errors++];
	e->file = xstrdup(file);
	e->line = line;
	e->col = col;
	e->message = message;
}

/*
 * Sorting compares packed keys, not findings: the file and the rule id
 * become their rank among the names the findings use, so that one key
 * compares with two integer comparisons where a finding took strcmp.
 */
struct sort_key {
	uint64_t place;		/* file rank, then line */
	uint64_t spot;		/* column, then rule rank */
	unsigned seq;
	size_t at;		/* the finding's index before the sort */
};

/* The distinct names of a list, sorted: a name's rank is its index. */
struct names {
	const char **items;
	size_t n, cap;
};

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void names_add(struct names *l, const char *name)
{
	*ARRAY_PUSH(*l) = name;
}

/* Sorts the names and drops the repeats. */
static void names_finish(struct names *l)
{
	size_t kept = 0;

	if (l->n > 1)
		qsort(l->items, l->n, sizeof(*l->items), compare_names);
	for (size_t i = 0; i < l->n; i++)
		if (!kept || strcmp(l->items[kept - 1], l->items[i]))
			l->items[kept++] = l->items[i];
	l->n = kept;
}

/* The rank of name, which the list holds. */
static uint32_t names_rank(const struct names *l, const char *name)
{
	size_t lo = 0, hi = l->n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(l->items[mid], name) <= 0)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

/* An int's order as an unsigned one. */
static uint32_t biased(int v)
{
	return (uint32_t)v ^ 0x80000000u;
}

static int compare_rules(const void *a, const void *b)
{
	return strcmp((*(const struct rule *const *)a)->id,
		      (*(const struct rule *const *)b)->id);
}

/* The rank of each rule of the registry among their ids, by the rule's
 * place in the registry; the caller frees it. */
static uint32_t *rule_ranks(void)
{
	const struct rule **sorted = xmalloc(st_mult(rule_count,
						     sizeof(*sorted)));
	uint32_t *ranks = xmalloc(st_mult(rule_count, sizeof(*ranks)));

	memcpy(sorted, rule_registry, rule_count * sizeof(*sorted));
	qsort(sorted, rule_count, sizeof(*sorted), compare_rules);
	for (size_t i = 0; i < rule_count; i++)
		for (size_t k = 0; k < rule_count; k++)
			if (rule_registry[k] == sorted[i])
				ranks[k] = (uint32_t)i;
	free(sorted);
	return ranks;
}

/* The place of rule in the registry. */
static size_t registry_index(const struct rule *rule)
{
	size_t i = 0;

	while (i + 1 < rule_count && rule_registry[i] != rule)
		i++;
	return i;
}

/*
 * The keys of the findings. Findings come file by file, so a name is
 * looked up only where it changes.
 */
static struct sort_key *make_keys(const struct findings *f)
{
	struct sort_key *keys = xmalloc(st_mult(f->n, sizeof(*keys)));
	struct names files = { 0 };
	uint32_t *ranks = rule_ranks();
	const char *file = NULL;
	const struct rule *rule = NULL;
	uint32_t file_rank = 0, rule_rank = 0;

	for (size_t i = 0; i < f->n; i++)
		if (f->items[i].file != file)
			names_add(&files, file = f->items[i].file);
	names_finish(&files);

	file = NULL;
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->items[i];

		if (x->file != file)
			file_rank = names_rank(&files, file = x->file);
		if (x->rule != rule)
			rule_rank = ranks[registry_index(rule = x->rule)];
		keys[i].place = (uint64_t)file_rank << 32 | biased(x->loc.line);
		keys[i].spot = (uint64_t)biased(x->loc.col) << 32 | rule_rank;
		keys[i].seq = x->seq;
		keys[i].at = i;
	}
	free(files.items);
	free(ranks);
	return keys;
}

static bool key_less(const struct sort_key *a, const struct sort_key *b)
{
	if (a->place != b->place)
		return a->place < b->place;
	if (a->spot != b->spot)
		return a->spot < b->spot;
	return a->seq < b->seq;
}

/* Merges the sorted runs a[0..na) and b[0..nb) into out. */
static void merge(const struct sort_key *a, size_t na,
		  const struct sort_key *b, size_t nb, struct sort_key *out)
{
	const struct sort_key *a_end = a + na, *b_end = b + nb;

	while (a < a_end && b < b_end)
		*out++ = key_less(b, a) ? *b++ : *a++;
	while (a < a_end)
		*out++ = *a++;
	while (b < b_end)
		*out++ = *b++;
}

/*
 * Sorts keys[0..n): a merge sort of the runs already in order. Findings
 * come rule by rule, each rule's in order, so there are few runs.
 */
static void sort_keys(struct sort_key *keys, size_t n)
{
	size_t *runs = NULL, n_runs = 0, cap = 0;	/* the runs' starts */
	struct sort_key *tmp, *from = keys, *to;

	for (size_t i = 0; i < n; i++) {
		if (i && !key_less(&keys[i], &keys[i - 1]))
			continue;
		grow_array(&runs, sizeof(*runs), n_runs + 1, &cap);
		runs[n_runs++] = i;
	}
	if (n_runs <= 1) {
		free(runs);
		return;
	}

	to = tmp = xmalloc(st_mult(n, sizeof(*keys)));
	while (n_runs > 1) {
		size_t w = 0;

		for (size_t r = 0; r < n_runs; r += 2) {
			size_t start = runs[r];
			size_t mid = r + 1 < n_runs ? runs[r + 1] : n;
			size_t end = r + 2 < n_runs ? runs[r + 2] : n;

			merge(from + start, mid - start, from + mid, end - mid,
			      to + start);
			runs[w++] = start;
		}
		n_runs = w;
		to = from;
		from = from == keys ? tmp : keys;
	}
	if (from != keys)
		memcpy(keys, from, n * sizeof(*keys));
	free(tmp);
	free(runs);
}

/*
 * Puts the findings in the order of the sorted keys, in place: each
 * cycle of the permutation is followed once, and each key it passes
 * is marked done by pointing at itself.
 */
static void apply_order(struct findings *f, struct sort_key *keys)
{
	for (size_t i = 0; i < f->n; i++) {
		struct finding first;
		size_t to = i;

		if (keys[i].at == i)
			continue;
		first = f->items[i];
		while (keys[to].at != i) {
			size_t from = keys[to].at;

			f->items[to] = f->items[from];
			keys[to].at = to;
			to = from;
		}
		f->items[to] = first;
		keys[to].at = to;
	}
}

/* Whether y repeats x, which shares its place and rule: the same
 * message and verdict. */
static bool repeats(const struct finding *x, const struct finding *y)
{
	return x->rule == y->rule && x->loc.end_line == y->loc.end_line &&
	       x->loc.end_col == y->loc.end_col &&
	       x->severity == y->severity && !strcmp(x->message, y->message) &&
	       !x->suppressed == !y->suppressed;
}

/* Drops each finding that repeats an earlier one of its run (same
 * file, line, column and rule), given the sorted keys. */
static void drop_repeats(struct findings *f, const struct sort_key *keys)
{
	size_t kept = 0, run = 0;

	for (size_t i = 0; i < f->n; i++) {
		struct finding *x = &f->items[i];
		bool dup = false;

		if (i == 0 || keys[i].place != keys[i - 1].place ||
		    keys[i].spot != keys[i - 1].spot)
			run = kept;
		for (size_t k = run; k < kept && !dup; k++)
			dup = repeats(&f->items[k], x);
		if (dup) {
			finding_release(x);
			continue;
		}
		f->items[kept++] = *x;
	}
	f->n = kept;
}

void findings_sort(struct findings *f)
{
	struct sort_key *keys;

	if (f->n == 0)
		return;
	keys = make_keys(f);
	sort_keys(keys, f->n);
	apply_order(f, keys);
	drop_repeats(f, keys);
	free(keys);
}
