/*
 * Rules: one file per rule under rules/, each defining one
 * `const struct rule rule_mlNNN`, all listed once in rules/registry.c.
 * The registry is the single source of rules.md, `mountlint rules` and
 * `mountlint explain`.
 */
#ifndef MOUNTLINT_RULE_H
#define MOUNTLINT_RULE_H

#include <stddef.h>

#include "model.h"

enum severity {
	SEV_OFF = 0,
	SEV_INFO,
	SEV_WARNING,
	SEV_ERROR,
};

struct findings;

/* Which inputs a rule reads: a mask of these bits. */
#define APPLIES_COMPOSE	1u
#define APPLIES_RUN	2u
#define APPLIES_SCRIPT	4u	/* volume commands in scripts */
#define APPLIES_ANY	8u	/* the input itself */

struct rule {
	const char *id;		/* "ML201" */
	const char *name;	/* "anonymous-volume" */
	enum severity severity;	/* default severity */
	unsigned applies;	/* APPLIES_* */
	const char *summary;	/* one line: what triggers it */
	const char *rationale;	/* why it matters, a short paragraph */
	const char *bad;	/* an input that triggers it */
	const char *good;	/* the same input, mended */
	const char *fix;	/* how to mend it, in general */

	/*
	 * Reads the unit's model and adds findings. NULL for rules whose
	 * findings come from the parsers themselves (ML001, ML101...), and
	 * for those with check_container only.
	 */
	void (*check)(const struct unit *u, struct findings *out);
	/*
	 * For a rule that reads each container alone (its mounts, and the
	 * unit's settings and directory, never the other containers or
	 * the top-level volumes): check on one container of u, which may
	 * then be run on each container as soon as it is read. NULL for the
	 * other rules.
	 */
	void (*check_container)(const struct unit *u, const struct container *c,
				struct findings *out);
};

/* The registry, ordered by id. */
extern const struct rule *const rule_registry[];
extern const size_t rule_count;

/* Runs rule r on the whole unit u: its check, or its check_container on
 * each container in turn. */
void rule_run(const struct rule *r, const struct unit *u,
	      struct findings *out);

/* The rule with that id (case-insensitive) or name ("anonymous-volume");
 * NULL when there is none. */
const struct rule *rule_find(const char *id);

const char *severity_name(enum severity s);
/* Returns -1 for a word that is not a severity ("off" is SEV_OFF). */
int severity_parse(const char *word);

#endif
