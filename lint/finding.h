/*
 * Findings: what the rules and parsers report about an input, collected
 * per run, then sorted and reported.
 */
#ifndef MOUNTLINT_FINDING_H
#define MOUNTLINT_FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "rule.h"

struct finding {
	const struct rule *rule;
	enum severity severity;
	unsigned seq;		/* order of insertion, for a stable sort */
	union {
		const char *file;	/* loc.file, as kept by the findings */
		struct loc loc;
	};
	/* One block holds message, service and fix: finding_release frees
	 * it through message. */
	char *message;
	char *service;		/* NULL when none */
	char *fix;		/* NULL when none */
	char *suppressed;	/* the reason, when suppressed; else NULL */
	char *excerpt;		/* the source line, for the caret; or NULL */
};

/* An input that could not be read at all (no location in it). */
struct input_error {
	char *file;
	int line;		/* 0: none */
	int col;
	char *message;
};

struct findings {
	struct finding *items;
	size_t n, cap;
	struct input_error *errors;
	size_t n_errors, cap_errors;

	/* The texts of the findings (message, service and fix, in one
	 * block each): they go with the list, not with each finding. */
	struct arena texts;

	/* Copies of the file names findings point at: a name repeats only
	 * when findings of other files came between. */
	char **files;
	size_t n_files, cap_files;

	/* Per-file cap (ML002); finding_begin_file resets the count. */
	size_t file_count;
	size_t file_limit;
	bool file_capped;
	bool parse_failed;	/* ML001/ML002/ML005 seen in this file */
	const struct rule *last_rule;	/* of the last finding: rules add
					 * theirs in a row */
	bool last_is_input;	/* last_rule is ML001, ML002 or ML005 */
};

void findings_init(struct findings *f);
/* Frees what one finding owns. */
void finding_release(struct finding *x);
void findings_release(struct findings *f);

/* Starts counting a new input against the per-file limit. */
void finding_begin_file(struct findings *f);

/* Where a findings list stood, to take it back there. */
struct findings_mark {
	size_t n, n_errors, file_count;
	struct arena_mark texts;
	bool file_capped, parse_failed;
	const struct rule *last_rule;
	bool last_is_input;
};

void findings_mark(const struct findings *f, struct findings_mark *m);
/* Drops what was added to f since m, as if it had never been. */
void findings_rollback(struct findings *f, const struct findings_mark *m);

/*
 * Adds a finding of rule `id` (which must exist in the registry) at loc.
 * severity SEV_OFF means the rule's default. service and fix may be NULL.
 * Past the per-file limit, adds one ML002 finding instead and then drops
 * the rest of that file's findings. Returns the new finding, or NULL when
 * it was dropped.
 */
struct finding *finding_add(struct findings *f, const char *id,
			    enum severity severity, const struct loc *loc,
			    const char *service, const char *fix,
			    const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Records an input that could not be read; line 0 when unknown. The
 * same error twice (one env file of several compose files) is kept once. */
void finding_error(struct findings *f, const char *file, int line, int col,
		   const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/*
 * Orders findings by file, line, column, rule id; stable. A finding that
 * repeats an earlier one (the same rule, place and message: a line that
 * several services share through `extends` or a YAML anchor) is dropped.
 */
void findings_sort(struct findings *f);

#endif
