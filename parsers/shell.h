/*
 * Shell text to words and simple commands, as a POSIX shell splits them,
 * without running anything: $VAR, ${VAR}, $(...) and backticks are kept
 * as opaque text.
 */
#ifndef MOUNTLINT_SHELL_H
#define MOUNTLINT_SHELL_H

#include <stdbool.h>
#include <stddef.h>

#include "../lint/finding.h"
#include "../lint/model.h"

/* One word after quote removal. */
struct word {
	char *text;		/* quotes removed; expansions kept verbatim */
	struct loc loc;		/* the word as written, quotes included */
	bool tilde;		/* starts with an unquoted ~ (the shell
				 * expands it to the home directory) */
	bool opaque;		/* holds an unexpanded $... or `...` */
};

/*
 * Finds every docker/podman command in a shell script and adds what it
 * finds to u: containers for run/create, volcmds for volume commands.
 * Findings of the parser itself (ML001 for an unterminated quote, ML002,
 * and the mount grammar's) go to out, located at u->path. `first_line`
 * is the line number of text's first line in the file (1 for a whole
 * script; more for a block inside Markdown).
 */
void shell_parse(struct unit *u, const char *text, size_t len,
		 int first_line, struct findings *out);

#endif
