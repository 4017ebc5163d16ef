/*
 * Shell text to words and simple commands, as a POSIX shell splits them,
 * without running anything: $VAR, ${VAR}, $(...) and backticks are kept
 * as opaque text, and the commands inside $(...), backticks and <(...)
 * are read as commands of their own.
 *
 * What the splitter knows: single and double quotes, backslashes, line
 * continuations, comments, the separators ; && || | & and newline, ( )
 * and { } groups, redirections (not words of the command), here-documents
 * (their bodies are skipped), and assignments before a command (dropped).
 * A word made only of a command substitution that holds no command (the
 * `#comment` idiom of documentation) expands to nothing and is dropped.
 *
 * Documentation pasted into scripts is read with a little tolerance, as
 * none of these is meaningful shell: a lone `^` at the end of a line
 * continues it (cmd.exe); a line starting with ``` (a Markdown fence) is
 * a comment; `<tag>` inside a word (image:<tag>) is text, not a
 * redirection; an apostrophe between letters ("don't") whose quote would
 * close only on a later line is a character. A line holding only `---`
 * separates documents: a quote still open there ends that document
 * without a finding (the snippet was cut), and the next starts afresh.
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
	bool plain;		/* written without quotes or backslashes: its
				 * text is exactly what loc spans */
};

/*
 * Called once for each simple command, in the order their ends are met
 * (a command inside $(...) comes before the command holding it). The
 * words and their texts belong to the splitter and live until the
 * callback returns.
 */
typedef void shell_command_fn(const struct word *words, size_t n, void *ctx);

/*
 * Splits text into simple commands and hands each to fn. Locations are in
 * file `file`, starting at line first_line, column 1. An unterminated
 * quote is an ML001 finding at the opening quote, a command longer than
 * LIMIT_COMMAND_BYTES is ML002; either stops the splitting. Returns 0, or
 * -1 after such a finding.
 */
int shell_split(const char *file, const char *text, size_t len,
		int first_line, struct findings *out, shell_command_fn *fn,
		void *ctx);

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

/* The same for Makefile recipe lines, where make turns "$$" into "$". */
void shell_parse_recipe(struct unit *u, const char *text, size_t len,
			int first_line, struct findings *out);

#endif
