/*
 * Shell text embedded in other files: Makefile recipes, Markdown code
 * fences, GitHub Actions `run:` steps and GitLab CI scripts.
 *
 * Each extractor finds the regions of shell text and hands each to a
 * callback as a copy of the region's whole lines in which everything
 * that is not shell is blanked (one space for each character; newlines
 * kept), so that shell_parse on the copy, told the region's first line,
 * reports the lines and columns of the original file.
 */
#ifndef MOUNTLINT_EMBEDDED_H
#define MOUNTLINT_EMBEDDED_H

#include <stddef.h>

#include "../lint/finding.h"

/* text: len bytes of shell; first_line: its line in the file. */
typedef void embedded_fn(const char *text, size_t len, int first_line,
			 void *ctx);

/* Recipe lines, without the leading tab and `@`, `-` and `+` prefixes;
 * make's `$$` is left for shell_parse_recipe. */
void embedded_makefile(const char *text, size_t len, embedded_fn *fn,
		       void *ctx);

/*
 * Fences tagged sh, bash, shell or console; `$ ` prompts are blanked,
 * and in console fences a line without a prompt is output (blanked)
 * unless it continues a command.
 */
void embedded_markdown(const char *text, size_t len, embedded_fn *fn,
		       void *ctx);

enum ci_kind {
	CI_GITHUB,		/* jobs.*.steps[].run */
	CI_GITLAB,		/* script, before_script, after_script */
};

/*
 * The steps of a CI file. A YAML syntax error is reported as ML001 at
 * path; returns 0, or -1 after such an error.
 */
int embedded_ci(const char *text, size_t len, enum ci_kind kind,
		const char *path, struct findings *out, embedded_fn *fn,
		void *ctx);

#endif
