/*
 * Output formats. Each writes the run's findings (already sorted and
 * filtered; suppressed ones included and marked) to stdout.
 */
#ifndef MOUNTLINT_REPORT_H
#define MOUNTLINT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "finding.h"

#define MOUNTLINT_VERSION "0.1.0"

/* Where rules.md is installed; SARIF links each rule's section there. */
#ifndef RULES_DOC_URL
#define RULES_DOC_URL "file:///usr/local/share/doc/mountlint/rules.md"
#endif

struct report_opts {
	bool color;		/* ANSI colours */
	bool excerpt;		/* the source line and a caret under the span */
	size_t files;		/* inputs linted, for the summary */
};

struct report_counts {
	size_t error, warning, info;
};

/* Counts the findings that are not suppressed, by severity. */
struct report_counts report_count(const struct findings *f);

void report_text(FILE *out, const struct findings *f,
		 const struct report_opts *o);
void report_json(FILE *out, const struct findings *f,
		 const struct report_opts *o);
void report_sarif(FILE *out, const struct findings *f,
		  const struct report_opts *o);
void report_github(FILE *out, const struct findings *f,
		   const struct report_opts *o);
void report_checkstyle(FILE *out, const struct findings *f,
		       const struct report_opts *o);
void report_gitlab(FILE *out, const struct findings *f,
		   const struct report_opts *o);
void report_junit(FILE *out, const struct findings *f,
		  const struct report_opts *o);

/* Looks up a format by name; NULL when there is none. */
typedef void report_fn(FILE *out, const struct findings *f,
		       const struct report_opts *o);
report_fn *report_find(const char *name);

#endif
