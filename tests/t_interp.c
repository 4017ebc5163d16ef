/*
 * Interpolation of compose values (every form, nesting, `$$`, unset
 * variables, malformed expressions at their offsets) and .env files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lint/finding.h"
#include "../lint/model.h"
#include "../lint/settings.h"
#include "../parsers/compose.h"
#include "../parsers/dotenv.h"
#include "../parsers/interp.h"
#include "tap.h"

/* A=a, E (empty), P=/etc, D=$x; anything else is unset. */
static const char *vars(const char *name, size_t len, void *ctx)
{
	static const char *const table[][2] = {
		{ "A", "a" }, { "E", "" }, { "P", "/etc" }, { "D", "$x" },
		{ "LONG_name9", "L" },
	};

	(void)ctx;
	for (size_t i = 0; i < sizeof(table) / sizeof(*table); i++)
		if (strlen(table[i][0]) == len &&
		    !memcmp(table[i][0], name, len))
			return table[i][1];
	return NULL;
}

static struct interp_result r;

static enum interp_status run(const char *s)
{
	interp_result_release(&r);
	interp_expand(s, vars, NULL, &r);
	return r.status;
}

/* s interpolates to want. */
static void known(const char *s, const char *want)
{
	T_CHECK(run(s) == INTERP_KNOWN, "\"%s\" is known", s);
	T_EQ_STR(r.value ? r.value : "(null)", want);
}

static void unknown(const char *s)
{
	T_CHECK(run(s) == INTERP_UNKNOWN, "\"%s\" is unknown", s);
	T_CHECK(r.value == NULL && r.n == 0, "\"%s\": no value", s);
}

/* s is one problem of `kind` at [offset, end). */
static void fails(const char *s, enum interp_problem_kind kind,
		  size_t offset, size_t end, const char *message)
{
	T_CHECK(run(s) == INTERP_ERROR, "\"%s\" fails", s);
	T_EQ_INT(r.n, 1);
	if (r.n != 1)
		return;
	T_EQ_INT(r.items[0].kind, kind);
	T_EQ_INT(r.items[0].offset, offset);
	T_EQ_INT(r.items[0].end, end);
	T_EQ_STR(r.items[0].message, message);
}

static void test_forms(void)
{
	known("plain", "plain");
	known("", "");
	known("$A", "a");
	known("x$A/y", "xa/y");
	known("$LONG_name9-", "L-");
	known("${A}", "a");
	known("${A}${P}", "a/etc");
	known("${B:-d}", "d");
	known("${E:-d}", "d");
	known("${A:-d}", "a");
	known("${B-d}", "d");
	known("${E-d}", "");
	known("${A:+alt}", "alt");
	known("${E:+alt}", "");
	known("${B:+alt}", "");
	known("${A+alt}", "alt");
	known("${E+alt}", "alt");
	known("${B+alt}", "");
	known("${A:?must}", "a");
	known("${E?must}", "");
	known("${P:-x}:/host", "/etc:/host");
	known("${B:-/data:ro}:/x", "/data:ro:/x");
	known("${B:-}", "");
}

static void test_nested_and_dollars(void)
{
	known("${B:-${C:-x}}", "x");
	known("${B:-${A:-x}}/y", "a/y");
	known("${A:-${C}}", "a");
	known("${B:-pre-${P}-post}", "pre-/etc-post");
	known("${B:-{x}y}", "{x}y");
	known("$$", "$");
	known("$$A", "$A");
	known("a$$$A", "a$a");
	known("$$${A}", "$a");
	known("$", "$");
	known("cost $5", "cost $5");
	known("a $ b", "a $ b");
	known("$D", "$x");
	known("${B:-$$}", "$");
}

static void test_unset(void)
{
	unknown("$B");
	unknown("${B}");
	unknown("x/${B}/y");
	unknown("${B:-${C}}");
	unknown("${A}${B}");
	unknown("$B_and_more");
}

static void test_malformed(void)
{
	fails("${A", INTERP_MALFORMED, 0, 3,
	      "invalid interpolation \"${A\": no closing brace");
	fails("/x/${VAR:x}/y", INTERP_MALFORMED, 3, 11,
	      "invalid interpolation \"${VAR:x}\": the operator is none of "
	      ":- - :+ + :? ?");
	fails("${:-x}", INTERP_MALFORMED, 0, 6,
	      "invalid interpolation \"${:-x}\": a variable name must come "
	      "first");
	fails("ab${}", INTERP_MALFORMED, 2, 5,
	      "invalid interpolation \"${}\": a variable name must come first");
	fails("${A:-x", INTERP_MALFORMED, 0, 6,
	      "invalid interpolation \"${A:-x\": no closing brace");
	fails("${B:-${C}", INTERP_MALFORMED, 5, 8,
	      "invalid interpolation \"${C\": no closing brace");
	fails("${1}", INTERP_MALFORMED, 0, 4,
	      "invalid interpolation \"${1}\": a variable name must come "
	      "first");
	/* a malformed word that is not used is not read, as in Compose */
	known("${A:-${}", "a");
}

static void test_required(void)
{
	fails("${B:?set B first}", INTERP_REQUIRED, 0, 17,
	      "required variable \"B\" is not set: set B first");
	fails("x:${B?}", INTERP_REQUIRED, 2, 7,
	      "required variable \"B\" is not set");
	fails("${E:?no}", INTERP_REQUIRED, 0, 8,
	      "required variable \"E\" is empty: no");
	fails("$A${B:?x}$C", INTERP_REQUIRED, 2, 9,
	      "required variable \"B\" is not set: x");
	fails("${B:-${C:?inner}}", INTERP_REQUIRED, 5, 16,
	      "required variable \"C\" is not set: inner");
}

static void test_dotenv(void)
{
	struct dotenv e;
	static const char text[] =
		"\xEF\xBB\xBF# a comment\n"
		"\n"
		"PLAIN=/srv/data\n"
		"  export EXPORTED = spaced  \n"
		"COMMENTED=value # a comment\n"
		"HASH=a#b\n"
		"SINGLE='lit $PLAIN \\n'\n"
		"DOUBLE=\"a\\tb \\\"q\\\" ${PLAIN}/x \\$PLAIN\"\n"
		"REF=${PLAIN}/sub\n"
		"DEF=${NOPE:-dflt}\n"
		"UNSET_REF=${NOPE}\n"
		"COLON: yes\n"
		"EMPTY=\n"
		"MULTI=\"one\ntwo\"\n"
		"PLAIN=/srv/later\n"
		"bad line here\n"
		"A\n";

	dotenv_init(&e, vars, NULL);
	dotenv_parse(&e, text, strlen(text));
	T_EQ_STR(dotenv_get(&e, "PLAIN", 5), "/srv/later");
	T_EQ_STR(dotenv_get(&e, "EXPORTED", 8), "spaced");
	T_EQ_STR(dotenv_get(&e, "COMMENTED", 9), "value");
	T_EQ_STR(dotenv_get(&e, "HASH", 4), "a#b");
	T_EQ_STR(dotenv_get(&e, "SINGLE", 6), "lit $PLAIN \\n");
	T_EQ_STR(dotenv_get(&e, "DOUBLE", 6),
		 "a\tb \"q\" /srv/data/x $PLAIN");
	T_EQ_STR(dotenv_get(&e, "REF", 3), "/srv/data/sub");
	T_EQ_STR(dotenv_get(&e, "DEF", 3), "dflt");
	T_CHECK(dotenv_get(&e, "UNSET_REF", 9) == NULL, "unknown stays unset");
	T_EQ_STR(dotenv_get(&e, "COLON", 5), "yes");
	T_EQ_STR(dotenv_get(&e, "EMPTY", 5), "");
	T_EQ_STR(dotenv_get(&e, "MULTI", 5), "one\ntwo");
	T_EQ_STR(dotenv_get(&e, "A", 1), "a");
	T_EQ_STR(dotenv_lookup("P", 1, &e), "/etc");
	T_CHECK(dotenv_get(&e, "bad", 3) == NULL, "a bad line is skipped");
	T_EQ_INT(dotenv_load(&e, "/nonexistent/.env"), INPUT_CANNOT_OPEN);
	dotenv_release(&e);
}

/* The compose parser with a .env beside the file: the first mount's
 * source, and the findings. */
static char *parse_with(const char *dir, const struct settings *s,
			const char *text, struct findings *fs)
{
	struct unit u;
	char *source = NULL;

	unit_init(&u, UNIT_COMPOSE, "c.yaml", dir);
	u.settings = s;
	findings_init(fs);
	finding_begin_file(fs);
	compose_parse(&u, text, strlen(text), 1, fs);
	if (u.n_containers && u.containers[0].n_mounts &&
	    u.containers[0].mounts[0].source)
		source = strdup(u.containers[0].mounts[0].source);
	unit_release(&u);
	return source;
}

static void test_compose(void)
{
	char dir[] = "/tmp/mountlint-interp-XXXXXX";
	char *env, *other, *src;
	const char *files[1];
	struct settings s = settings_default;
	struct findings fs;
	static const char text[] =
		"services:\n"
		"  a:\n"
		"    image: x\n"
		"    volumes:\n"
		"      - ${SRC:-./d}/$$x:/t\n"
		"    environment:\n"
		"      K: \"\\t\\u00e9${B:?why}\"\n"
		"      ${KEY}: plain $1 ${C\n";

	if (!mkdtemp(dir)) {
		T_CHECK(0, "mkdtemp");
		return;
	}
	env = malloc(strlen(dir) + 16);
	other = malloc(strlen(dir) + 16);
	snprintf(env, strlen(dir) + 16, "%s/.env", dir);
	snprintf(other, strlen(dir) + 16, "%s/o.env", dir);
	t_write(env, "SRC=/etc\n");
	t_write(other, "SRC=/srv\nB=b\n");

	src = parse_with(NULL, &s, text, &fs);
	T_EQ_STR(src, "./d/$$x");
	T_EQ_INT(fs.n, 2);
	for (size_t i = 0; i < fs.n; i++) {
		const struct finding *f = &fs.items[i];
		bool quoted = f->loc.line == 7;

		T_EQ_STR(f->message, quoted ?
			 "required variable \"B\" is not set: why" :
			 "invalid interpolation \"${C\": no closing brace");
		T_EQ_INT(f->loc.col, quoted ? 19 : 24);
		T_EQ_INT(f->loc.end_col, quoted ? 28 : 27);
	}
	free(src);
	findings_release(&fs);

	src = parse_with(dir, &s, text, &fs);
	T_EQ_STR(src, "/etc/$$x");
	free(src);
	findings_release(&fs);

	files[0] = other;
	s.env_files = files;
	s.n_env_files = 1;
	src = parse_with(dir, &s, text, &fs);
	T_EQ_STR(src, "/srv/$$x");
	T_EQ_INT(fs.n, 1);
	free(src);
	findings_release(&fs);

	setenv("SRC", "/from-env", 1);
	s.env_process = true;
	src = parse_with(dir, &s, text, &fs);
	T_EQ_STR(src, "/from-env/$$x");
	free(src);
	findings_release(&fs);
	unsetenv("SRC");

	unlink(env);
	unlink(other);
	rmdir(dir);
	free(env);
	free(other);
}

int main(void)
{
	test_forms();
	test_nested_and_dollars();
	test_unset();
	test_malformed();
	test_required();
	test_dotenv();
	test_compose();
	interp_result_release(&r);
	return t_done("interp");
}
