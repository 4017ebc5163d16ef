/*
 * A POSIX shell word splitter that never runs anything. It reads the text
 * once, left to right; a command substitution is read by the same loop
 * recursively (bounded by SHELL_MAX_DEPTH), so the commands inside it get
 * the locations they have in the file.
 */
#include <stdlib.h>
#include <string.h>

#include "shell.h"
#include "dockercli.h"
#include "../lint/buf.h"
#include "../lint/limits.h"
#include "../lint/mem.h"

#include "../lint/banned.h"

/* Nesting of $(...), backticks and <(...) read as commands. */
#define SHELL_MAX_DEPTH 64

struct heredoc {
	char *delim;
	bool strip_tabs;	/* <<- */
};

struct heredocs {
	struct heredoc *items;
	size_t n, cap;
};

struct lexer {
	const char *file;
	struct findings *out;
	shell_command_fn *fn;
	void *ctx;

	const char *s;
	size_t end;		/* reading stops here (a backtick's end) */
	size_t pos;
	int line, col;		/* of pos */

	int depth;
	bool make;		/* a Makefile recipe: "$$" is the shell's "$" */
	bool failed;		/* stop this document */
	bool fatal;		/* stop the whole text (ML001, ML002) */
	bool cut;		/* the document ends at a separator line */
	bool partial;		/* cut inside a quote: still hand over the
				 * commands read so far */
	size_t n_commands;	/* commands handed to fn so far */
	struct heredocs pending;	/* bodies start at the next newline */
};

struct command {
	struct {
		struct word *items;
		size_t n, cap;
	} words;
	size_t start;		/* byte offset of the first word */
};

/* What read_word learnt beyond the word itself. */
struct word_info {
	size_t start;		/* byte offset of the word */
	int pieces;		/* quoted strings, expansions, characters */
	bool empty_subst;	/* one command substitution holding nothing */
};

static void parse_list(struct lexer *lx, int term);

static bool at_end(const struct lexer *lx)
{
	return lx->pos >= lx->end || lx->failed;
}

static int cur(const struct lexer *lx)
{
	return lx->pos < lx->end ? (unsigned char)lx->s[lx->pos] : -1;
}

static int peek(const struct lexer *lx, size_t k)
{
	return lx->pos + k < lx->end ? (unsigned char)lx->s[lx->pos + k] : -1;
}

/* Moves past one byte; columns count code points, so a UTF-8
 * continuation byte does not move the column. */
static void advance(struct lexer *lx)
{
	unsigned char c = (unsigned char)lx->s[lx->pos++];

	if (c == '\n') {
		lx->line++;
		lx->col = 1;
	} else if ((c & 0xC0) != 0x80) {
		lx->col++;
	}
}

static void advance_to(struct lexer *lx, size_t pos)
{
	while (lx->pos < pos)
		advance(lx);
}

static struct loc here(const struct lexer *lx)
{
	struct loc l = { lx->file, lx->line, lx->col, lx->line, lx->col + 1 };

	return l;
}

/*
 * A quote left open where a document ends at a separator line is a cut
 * snippet: that document stops there, silently, and the words read
 * before the quote still count. Anything else is reported and stops the
 * whole text.
 */
static void fail(struct lexer *lx, const char *id, const struct loc *loc,
		 const char *message)
{
	lx->failed = true;
	if (lx->cut && !strcmp(id, "ML001")) {
		lx->partial = true;
		return;
	}
	finding_add(lx->out, id, SEV_OFF, loc, NULL, NULL, "%s", message);
	lx->fatal = true;
}

static bool is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Characters that end an unquoted word. */
/* Bytes that end a word, and bytes that stand for themselves in one
 * (not a metacharacter, a quote, an expansion, an escape, or the start
 * of a {{ template }}). */
static const bool meta_bytes[256] = {
	[' '] = true, ['\t'] = true, ['\r'] = true, ['\n'] = true,
	[';'] = true, ['&'] = true, ['|'] = true, ['('] = true, [')'] = true,
	['<'] = true, ['>'] = true,
};

static bool is_meta(int c)
{
	return c < 0 || meta_bytes[c];
}

static bool is_plain(unsigned char c)
{
	return !meta_bytes[c] && c != '\\' && c != '\'' && c != '"' &&
	       c != '$' && c != '`' && c != '{';
}

static bool is_name_start(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool is_name_char(int c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static void too_long(struct lexer *lx)
{
	struct loc l = here(lx);

	fail(lx, "ML002", &l, "command longer than the 1 MiB limit");
}

static void add_raw(struct lexer *lx, struct buf *b, size_t from)
{
	if (buf_add(b, lx->s + from, lx->pos - from))
		too_long(lx);
}

static void add_char(struct lexer *lx, struct buf *b)
{
	if (buf_addch(b, lx->s[lx->pos]))
		too_long(lx);
	advance(lx);
}

/*
 * The plain characters at lx->pos, added at once; those that reach the
 * length limit one at a time, so that the limit is reported where it is
 * passed. The run is cut short of the limit, not read again for each of
 * its characters.
 */
static void add_plain_run(struct lexer *lx, struct buf *b)
{
	size_t from = lx->pos, to = from, end = lx->end;

	if (b->max && b->max - b->len < end - from)
		end = from + (b->max - b->len);
	while (to < end && is_plain((unsigned char)lx->s[to]))
		to++;
	if (b->max && b->len + (to - from) >= b->max)
		to = from + (b->max - b->len > 0 ? b->max - b->len - 1 : 0);
	if (to - from < 2) {
		add_char(lx, b);
		return;
	}
	advance_to(lx, to);
	add_raw(lx, b, from);
}

/* Skips balanced parentheses from an opening one, quotes not honoured:
 * for $((...)) and for nesting past SHELL_MAX_DEPTH. */
static void skip_parens(struct lexer *lx)
{
	int depth = 0;

	while (!at_end(lx)) {
		int c = cur(lx);

		advance(lx);
		if (c == '(')
			depth++;
		else if (c == ')' && --depth == 0)
			return;
	}
}

/* $(...) read as commands; lx->pos is at the "(". */
static void read_subst(struct lexer *lx)
{
	if (lx->depth >= SHELL_MAX_DEPTH) {
		skip_parens(lx);
		return;
	}
	advance(lx);
	lx->depth++;
	parse_list(lx, ')');
	lx->depth--;
}

/* ${...}, nested braces counted. */
static void skip_braces(struct lexer *lx)
{
	int depth = 0;

	while (!at_end(lx)) {
		int c = cur(lx);

		if (c == '\\' && peek(lx, 1) >= 0)
			advance(lx);
		advance(lx);
		if (c == '{')
			depth++;
		else if (c == '}' && --depth == 0)
			return;
	}
}

/* $'...' (bash): kept as written, without its quotes. */
static void read_ansi_quote(struct lexer *lx, struct buf *b)
{
	struct loc open = here(lx);
	size_t from;

	advance(lx);
	from = lx->pos;
	while (!at_end(lx) && cur(lx) != '\'') {
		if (cur(lx) == '\\' && peek(lx, 1) >= 0)
			advance(lx);
		advance(lx);
	}
	if (at_end(lx)) {
		fail(lx, "ML001", &open, "unterminated single quote");
		return;
	}
	add_raw(lx, b, from);
	advance(lx);
}

/*
 * An expansion at "$", appended verbatim. Sets *opaque when it is one;
 * *subst when it was a command substitution.
 */
static void read_dollar(struct lexer *lx, struct buf *b, bool *opaque,
			bool *subst)
{
	size_t from;
	int c;

	if (lx->make && peek(lx, 1) == '$')
		advance(lx);	/* make hands the shell one "$" */
	from = lx->pos;
	c = peek(lx, 1);
	*opaque = true;
	if (c == '\'') {
		advance(lx);
		*opaque = false;
		read_ansi_quote(lx, b);
		return;
	}
	advance(lx);
	if (c == '(' && peek(lx, 1) == '(') {
		skip_parens(lx);
	} else if (c == '(') {
		read_subst(lx);
		*subst = true;
	} else if (c == '{') {
		skip_braces(lx);
	} else if (is_name_start(c)) {
		while (is_name_char(cur(lx)))
			advance(lx);
	} else if (c >= 0 && strchr("0123456789@*#?$!-", c)) {
		advance(lx);
	} else {
		*opaque = false;
	}
	add_raw(lx, b, from);
}

/* Offset of the backtick closing the one at lx->pos, or 0 when none. */
static size_t backtick_end(const struct lexer *lx)
{
	size_t i = lx->pos + 1;

	while (i < lx->end && lx->s[i] != '`') {
		if (lx->s[i] == '\\')
			i++;
		i++;
	}
	return i < lx->end ? i : 0;
}

/* `...`: the text between the backticks is read as commands. */
static void read_backtick(struct lexer *lx, struct buf *b)
{
	struct loc open = here(lx);
	size_t from = lx->pos, close = backtick_end(lx), saved = lx->end;

	if (!close) {
		fail(lx, "ML001", &open, "unterminated backquote");
		return;
	}
	advance(lx);
	if (lx->depth < SHELL_MAX_DEPTH) {
		lx->end = close;
		lx->depth++;
		parse_list(lx, 0);
		lx->depth--;
		lx->end = saved;
	}
	if (lx->failed)
		return;
	advance_to(lx, close + 1);
	add_raw(lx, b, from);
}

static bool is_alnum(int c)
{
	return is_name_char(c) && c != '_';
}

/*
 * An apostrophe inside a word of prose pasted among the options ("you
 * don't want") whose quote would only close on a later line: a shell
 * would read on to the next apostrophe and garble every command after
 * it; it is taken as a character instead, so one stray word costs one
 * command at most.
 */
static bool is_stray_apostrophe(const struct lexer *lx)
{
	const char *close, *nl;
	size_t p = lx->pos;

	if (p == 0 || !is_alnum((unsigned char)lx->s[p - 1]) ||
	    !is_alnum(peek(lx, 1)))
		return false;
	close = memchr(lx->s + p + 1, '\'', lx->end - p - 1);
	nl = memchr(lx->s + p + 1, '\n', lx->end - p - 1);
	return !close || (nl && nl < close);
}

static void read_single_quote(struct lexer *lx, struct buf *b)
{
	struct loc open = here(lx);
	size_t from;

	if (is_stray_apostrophe(lx)) {
		add_char(lx, b);
		return;
	}
	advance(lx);
	from = lx->pos;
	while (!at_end(lx) && cur(lx) != '\'')
		advance(lx);
	if (at_end(lx)) {
		fail(lx, "ML001", &open, "unterminated single quote");
		return;
	}
	add_raw(lx, b, from);
	advance(lx);
}

/* Inside double quotes a backslash escapes only these. */
static void read_dquote_escape(struct lexer *lx, struct buf *b)
{
	int c = peek(lx, 1);

	if (c == '\n') {
		advance(lx);
		advance(lx);
	} else if (c >= 0 && strchr("$`\"\\", c)) {
		advance(lx);
		add_char(lx, b);
	} else {
		add_char(lx, b);
	}
}

static void read_double_quote(struct lexer *lx, struct buf *b, bool *opaque)
{
	struct loc open = here(lx);
	bool op, subst = false;

	advance(lx);
	while (!at_end(lx) && cur(lx) != '"') {
		switch (cur(lx)) {
		case '\\':
			read_dquote_escape(lx, b);
			break;
		case '$':
			op = false;
			read_dollar(lx, b, &op, &subst);
			*opaque |= op;
			break;
		case '`':
			read_backtick(lx, b);
			*opaque = true;
			break;
		default:
			add_char(lx, b);
		}
	}
	if (lx->failed)
		return;
	if (at_end(lx)) {
		fail(lx, "ML001", &open, "unterminated double quote");
		return;
	}
	advance(lx);
}

/* A backslash outside quotes: a continuation, or a quoted character. */
static void read_backslash(struct lexer *lx, struct buf *b)
{
	if (peek(lx, 1) == '\n' || peek(lx, 1) < 0) {
		advance(lx);	/* a continuation, or one at the end */
		if (!at_end(lx))
			advance(lx);
		return;
	}
	if (peek(lx, 1) >= 0)
		advance(lx);
	add_char(lx, b);
}

/* One piece of a word at lx->pos: a quoted string, an expansion, an
 * escaped or a plain character. */
static void read_piece(struct lexer *lx, struct buf *b, struct word *w,
		       struct word_info *info)
{
	size_t before = lx->n_commands;
	bool subst = false, op = false;

	info->pieces++;
	switch (cur(lx)) {
	case '\\':
		w->plain = false;
		if (peek(lx, 1) < 0)
			info->pieces--;	/* a continuation at the end: nothing */
		read_backslash(lx, b);
		break;
	case '\'':
		w->plain = false;
		read_single_quote(lx, b);
		break;
	case '"':
		w->plain = false;
		read_double_quote(lx, b, &w->opaque);
		break;
	case '$':
		read_dollar(lx, b, &op, &subst);
		w->opaque |= op;
		info->empty_subst = subst && lx->n_commands == before;
		break;
	case '`':
		read_backtick(lx, b);
		w->opaque = true;
		info->empty_subst = lx->n_commands == before;
		break;
	default:
		add_plain_run(lx, b);
	}
}

/* A <placeholder> of documentation at lx->pos (image:<tag>): text, not
 * a redirection; returns its length, or 0. */
static size_t placeholder_len(const struct lexer *lx)
{
	size_t i = lx->pos + 1;

	if (cur(lx) != '<')
		return 0;
	while (i < lx->end && !is_meta((unsigned char)lx->s[i]))
		i++;
	if (i == lx->pos + 1 || i >= lx->end || lx->s[i] != '>')
		return 0;
	return i + 1 - lx->pos;
}

/* A placeholder that starts a word (<PATH>/config.json); one standing
 * alone (<OPTIONS>) is read as the shell reads it. */
static bool starts_placeholder_word(const struct lexer *lx)
{
	size_t n = placeholder_len(lx);

	return n && !is_meta(peek(lx, n));
}

/* A {{ template }} of documentation at lx->pos, closed on its line: one
 * opaque piece of a word. Returns its length, or 0. */
static size_t template_len(const struct lexer *lx)
{
	size_t i = lx->pos + 2;

	if (cur(lx) != '{' || peek(lx, 1) != '{')
		return 0;
	for (; i + 1 < lx->end && lx->s[i] != '\n'; i++)
		if (lx->s[i] == '}' && lx->s[i + 1] == '}')
			return i + 2 - lx->pos;
	return 0;
}

static void add_verbatim(struct lexer *lx, struct buf *b, size_t n)
{
	size_t from = lx->pos;

	advance_to(lx, from + n);
	add_raw(lx, b, from);
}

/* Reads one word at lx->pos (not a metacharacter). */
static void read_word(struct lexer *lx, struct word *w, struct word_info *info)
{
	struct buf b;

	buf_init(&b, LIMIT_COMMAND_BYTES);
	memset(w, 0, sizeof(*w));
	memset(info, 0, sizeof(*info));
	w->loc = here(lx);
	info->start = lx->pos;
	w->plain = true;
	w->tilde = cur(lx) == '~';
	while (!at_end(lx)) {
		size_t n = template_len(lx);

		w->opaque |= n > 0;
		if (!n)
			n = placeholder_len(lx);
		if (n) {
			add_verbatim(lx, &b, n);
			continue;
		}
		if (is_meta(cur(lx)))
			break;
		if (cur(lx) == '\\' && peek(lx, 1) == '\n')
			w->plain = false;
		read_piece(lx, &b, w, info);
	}
	w->tilde &= b.len > 0 && b.data[0] == '~';
	w->loc.end_line = lx->line;
	w->loc.end_col = lx->col;
	w->text = buf_detach(&b, NULL);
}

static void word_release(struct word *w)
{
	free(w->text);
	w->text = NULL;
}

static void command_reset(struct command *cmd)
{
	for (size_t i = 0; i < cmd->words.n; i++)
		word_release(&cmd->words.items[i]);
	cmd->words.n = 0;
}

static void command_release(struct command *cmd)
{
	command_reset(cmd);
	free(cmd->words.items);
	cmd->words.items = NULL;
	cmd->words.cap = 0;
}

/* Ends the current simple command: hands it over, then forgets it. */
static void end_command(struct lexer *lx, struct command *cmd)
{
	if (cmd->words.n && (!lx->failed || lx->partial)) {
		lx->n_commands++;
		lx->fn(cmd->words.items, cmd->words.n, lx->ctx);
	}
	command_reset(cmd);
}

static bool is_assignment(const char *s)
{
	if (!is_name_start((unsigned char)*s))
		return false;
	while (is_name_char((unsigned char)*s))
		s++;
	return *s == '=' || (s[0] == '+' && s[1] == '=');
}

/* Reserved words that open or close a compound command: what follows
 * them is a command of its own. */
static bool is_reserved(const char *s)
{
	static const char *const words[] = {
		"{", "}", "!", "if", "then", "else", "elif", "fi", "do",
		"done", "while", "until", "esac",
	};

	if (!s[0] || !strchr("{}!itefdwu", s[0]))	/* their first letters */
		return false;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(s, words[i]))
			return true;
	return false;
}

/* Digits right before < or > name a file descriptor, not a word. */
static bool is_fd_number(const struct lexer *lx, const struct word *w)
{
	const char *s = w->text;

	if (!w->plain || !*s || (cur(lx) != '<' && cur(lx) != '>'))
		return false;
	while (*s >= '0' && *s <= '9')
		s++;
	return !*s;
}

static void add_word(struct lexer *lx, struct command *cmd, struct word *w,
		     size_t start)
{
	if (!cmd->words.n) {
		if (is_assignment(w->text) || is_reserved(w->text)) {
			word_release(w);
			return;
		}
		cmd->start = start;
	}
	*ARRAY_PUSH(cmd->words) = *w;
	if (lx->pos - cmd->start > LIMIT_COMMAND_BYTES)
		fail(lx, "ML002", &cmd->words.items[0].loc,
		     "command longer than the 1 MiB limit");
}

static void skip_blanks(struct lexer *lx)
{
	while (!at_end(lx) && is_blank(cur(lx)))
		advance(lx);
}

/* The operator of a redirection at lx->pos; returns its length. */
static size_t redirect_op(const struct lexer *lx, bool *heredoc,
			  bool *strip_tabs)
{
	static const char *const ops[] = {
		"&>>", "<<<", "<<-", "&>", "<<", "<&", ">&", "<>", ">|",
		">>", "<", ">",
	};
	const char *p = lx->s + lx->pos;
	size_t left = lx->end - lx->pos;

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t n = strlen(ops[i]);

		if (n <= left && !memcmp(p, ops[i], n)) {
			*heredoc = !strcmp(ops[i], "<<") ||
				   !strcmp(ops[i], "<<-");
			*strip_tabs = !strcmp(ops[i], "<<-");
			return n;
		}
	}
	return 1;
}

/* A redirection and its target, which is not a word of the command; a
 * here-document's delimiter is remembered for the next newline. */
static void read_redirect(struct lexer *lx)
{
	bool heredoc = false, strip = false;
	size_t n = redirect_op(lx, &heredoc, &strip);
	struct word_info info;
	struct heredoc *h;
	struct word w;

	advance_to(lx, lx->pos + n);
	if (n == 1 && cur(lx) == '(') {
		read_subst(lx);		/* <(...) and >(...) */
		return;
	}
	skip_blanks(lx);
	if (at_end(lx) || is_meta(cur(lx)))
		return;
	read_word(lx, &w, &info);
	if (heredoc && !lx->failed) {
		h = ARRAY_PUSH(lx->pending);
		h->delim = w.text;
		h->strip_tabs = strip;
		return;
	}
	word_release(&w);
}

/* Does the line at lx->pos (up to its newline) close heredoc h? */
static bool closes_heredoc(const struct lexer *lx, const struct heredoc *h)
{
	size_t i = lx->pos, n;
	const char *nl;

	if (h->strip_tabs)
		while (i < lx->end && lx->s[i] == '\t')
			i++;
	nl = memchr(lx->s + i, '\n', lx->end - i);
	n = (nl ? (size_t)(nl - lx->s) : lx->end) - i;
	if (n && lx->s[i + n - 1] == '\r')
		n--;
	return n == strlen(h->delim) && !memcmp(lx->s + i, h->delim, n);
}

static void skip_line(struct lexer *lx)
{
	while (!at_end(lx) && cur(lx) != '\n')
		advance(lx);
	if (!at_end(lx))
		advance(lx);
}

/* After a newline: the bodies of the here-documents it started. */
static void skip_heredoc_bodies(struct lexer *lx)
{
	for (size_t i = 0; i < lx->pending.n; i++) {
		struct heredoc *h = &lx->pending.items[i];

		while (!at_end(lx) && !closes_heredoc(lx, h))
			skip_line(lx);
		skip_line(lx);
		free(h->delim);
	}
	lx->pending.n = 0;
}

/* A lone ^ closing a line: cmd.exe's line continuation. */
static bool is_caret_continuation(const struct lexer *lx)
{
	size_t k = 1;

	if (cur(lx) != '^')
		return false;
	if (peek(lx, k) == '\r')
		k++;
	return peek(lx, k) == '\n';
}

/* A Markdown fence line (```) pasted along with a command: a comment. */
static bool is_fence_line(const struct lexer *lx)
{
	size_t i = lx->pos;

	if (lx->end - i < 3 || memcmp(lx->s + i, "```", 3))
		return false;
	while (i > 0 && is_blank((unsigned char)lx->s[i - 1]))
		i--;
	return i == 0 || lx->s[i - 1] == '\n';
}

static void read_comment(struct lexer *lx)
{
	while (!at_end(lx) && cur(lx) != '\n')
		advance(lx);
}

/* "[...]" and "..." stand for what documentation left out. */
static bool is_elision(const struct word *w)
{
	return w->plain && (!strcmp(w->text, "[...]") ||
			    !strcmp(w->text, "..."));
}

/* A word at lx->pos goes into cmd, unless it expands to nothing or
 * names a redirection's file descriptor. */
static void read_command_word(struct lexer *lx, struct command *cmd)
{
	struct word_info info;
	struct word w;

	read_word(lx, &w, &info);
	if (lx->failed || info.pieces == 0 ||
	    (info.pieces == 1 && info.empty_subst) ||
	    is_fd_number(lx, &w) || is_elision(&w)) {
		word_release(&w);
		return;
	}
	add_word(lx, cmd, &w, info.start);
}

/* Handles one token of a list that is not a word; returns false when
 * lx->pos is at a word. */
static bool read_operator(struct lexer *lx, struct command *cmd)
{
	int c = cur(lx);

	if (is_blank(c)) {
		advance(lx);
	} else if (c == '\\' && peek(lx, 1) == '\n') {
		advance_to(lx, lx->pos + 2);
	} else if (c == '#' || (c == '`' && is_fence_line(lx))) {
		read_comment(lx);
	} else if (c == '\n') {
		end_command(lx, cmd);
		advance(lx);
		skip_heredoc_bodies(lx);
	} else if (is_caret_continuation(lx)) {
		skip_line(lx);
	} else if ((c == '&' && peek(lx, 1) == '>') || c == '>' ||
		   (c == '<' && !starts_placeholder_word(lx))) {
		read_redirect(lx);
	} else if (strchr(";&|()", c)) {
		end_command(lx, cmd);
		advance(lx);
	} else {
		return false;
	}
	return true;
}

/*
 * Commands until the end of the text or, when term is ')', until the
 * parenthesis closing a substitution (consumed).
 */
static void parse_list(struct lexer *lx, int term)
{
	struct command cmd = { { NULL, 0, 0 }, 0 };

	while (!at_end(lx)) {
		if (term && cur(lx) == term) {
			advance(lx);
			break;
		}
		if (!read_operator(lx, &cmd))
			read_command_word(lx, &cmd);
	}
	end_command(lx, &cmd);
	command_release(&cmd);
}

/*
 * Length of the separator line at offset i ("---" alone on its line,
 * newline included), or 0. Snippets glued into one file meet there; it
 * is never a command.
 */
static size_t separator_len(const char *s, size_t i, size_t len)
{
	size_t k = i + 3;

	if (len - i < 3 || memcmp(s + i, "---", 3) || (i && s[i - 1] != '\n'))
		return 0;
	if (k < len && s[k] == '\r')
		k++;
	if (k < len && s[k] != '\n')
		return 0;
	return k < len ? k + 1 - i : k - i;
}

/* Offset where the document starting at `from` ends, and the length of
 * the separator there (0 at the end of the text). */
static size_t document_end(const char *s, size_t from, size_t len,
			   size_t *sep)
{
	for (size_t i = from; i < len; i++) {
		if ((i == 0 || s[i - 1] == '\n') &&
		    (*sep = separator_len(s, i, len)))
			return i;
	}
	*sep = 0;
	return len;
}

static void free_pending(struct lexer *lx)
{
	for (size_t i = 0; i < lx->pending.n; i++)
		free(lx->pending.items[i].delim);
	lx->pending.n = 0;
}

static int split(const char *file, const char *text, size_t len,
		 int first_line, bool make, struct findings *out,
		 shell_command_fn *fn, void *ctx)
{
	struct lexer lx;
	size_t sep, end;

	memset(&lx, 0, sizeof(lx));
	lx.make = make;
	lx.file = file;
	lx.out = out;
	lx.fn = fn;
	lx.ctx = ctx;
	lx.s = text;
	lx.line = first_line;
	lx.col = 1;
	while (!lx.fatal) {
		end = document_end(text, lx.pos, len, &sep);
		lx.end = end;
		lx.cut = sep > 0;
		parse_list(&lx, 0);
		free_pending(&lx);
		if (!sep || lx.fatal)
			break;
		lx.failed = false;
		lx.partial = false;
		lx.end = len;
		advance_to(&lx, end + sep);
	}
	free(lx.pending.items);
	return lx.fatal ? -1 : 0;
}

int shell_split(const char *file, const char *text, size_t len,
		int first_line, struct findings *out, shell_command_fn *fn,
		void *ctx)
{
	return split(file, text, len, first_line, false, out, fn, ctx);
}

struct script_ctx {
	struct unit *u;
	struct findings *out;
};

static void script_command(const struct word *words, size_t n, void *ctx)
{
	struct script_ctx *sc = ctx;

	dockercli_command(sc->u, words, n, sc->out);
}

void shell_parse(struct unit *u, const char *text, size_t len,
		 int first_line, struct findings *out)
{
	struct script_ctx sc = { u, out };

	split(u->path, text, len, first_line, false, out, script_command, &sc);
}

void shell_parse_recipe(struct unit *u, const char *text, size_t len,
			int first_line, struct findings *out)
{
	struct script_ctx sc = { u, out };

	split(u->path, text, len, first_line, true, out, script_command, &sc);
}
