/*
 * The fast YAML reader: what it reads whole, where it stops, and that
 * every event it hands over is libyaml's, on hand-written texts and on
 * every YAML file of the fixtures and the shared corpus, whole, cut at
 * each line and with each line left out (one check per file).
 */
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../parsers/yaml_fast.h"
#include "tap.h"
#include "yaml_check.h"

static int counted(void *ctx, const yaml_event_t *e)
{
	(void)e;
	++*(size_t *)ctx;
	return 0;
}

/* Reads text, checks it against libyaml; returns the events handed over,
 * and sets *whole. */
static size_t read_text(const char *text, bool *whole)
{
	const char *why = ycheck(text, strlen(text), whole);
	size_t n = 0, handed = 0;

	T_CHECK(!why, "%s: %s", text, why ? why : "");
	yfast_read(text, strlen(text), counted, &n, &handed);
	T_EQ_INT(n, handed);
	return handed;
}

static void whole(const char *text)
{
	bool w = false;

	read_text(text, &w);
	T_CHECK(w, "not read whole: %s", text);
}

/* text stops after `handed` events. */
static void stops(const char *text, size_t handed)
{
	bool w = true;
	size_t n = read_text(text, &w);

	T_CHECK(!w, "read whole: %s", text);
	T_EQ_INT(n, handed);
}

static void texts(void)
{
	whole("a: 1\n");
	whole("a: 1");
	whole("a: 1\nb:\n  c: d\n  e: f\ng: h\n");
	whole("services:\n  web:\n    image: nginx:1.25\n    volumes:\n"
	      "      - ./site:/usr/share/nginx/html:ro\n"
	      "      - type: bind\n        source: /srv\n"
	      "        target: /srv\n        read_only: true\n"
	      "volumes:\n  data:\n");
	/* a sequence at its key's column, ended by a key and by the end */
	whole("a:\n- x\n- y\nb: 1\n");
	whole("a:\n- x\n-\n- k: v\n  l: w\n");
	whole("top:\n  a:\n  - x\nz: 1\n");
	/* empty values, at the end too, and after a dash */
	whole("a:\nb:\n");
	whole("a:\n  -\n  - x\n  -\n");
	whole("- a: 1\n  b:\n- c\n-\n");
	/* anchors, aliases, merges */
	whole("x-base: &base\n  image: a\ns:\n  <<: *base\n  user: &u \"1\"\n"
	      "t: *u\n");
	whole("a: &s\n- x\nb: *s\n");
	/* quoted keys and values, blanks inside them */
	whole("\"a b\": ' c '\n'd': \"e # f\"\n\"g\" : h\n");
	/* comments, blank lines, spaces at ends of lines */
	whole("# head\n\na: 1   # c\n\n   \n  # x\nb: 'q'  \n# tail");
	/* a last line without a newline: libyaml ends the collections
	 * deeper than its last column there */
	whole("a:\n  b:\n    c: 1\n  ");
	whole("a:\n  b:\n    c: 1\n #");
	whole("a:\n  b:\n    c: 1\n     # c");
	whole("a:\n- x\n   ");
	whole("---\na: 1\n");
	whole("--- # doc\na: 1\n");
	whole("  a: 1\n  b: 2\n");
	whole("- 1\n- two words\n- a:b\n- x#y\n- -z\n- ?q\n- :p\n");
	whole("key with spaces : v\n<<: *a\n");

	/* flow sequences of scalars on one line */
	whole("a: [x, 'y', \"z\"]\nb: []\nc: [ ]\n");
	whole("- [a b , c#d,-e]   # c\n- [\"80:80\"]\n");
	whole("a: &s [1]\nb: *s\n");
	stops("a: [x:y]\n", 0);
	stops("a: [a, ]\n", 0);
	stops("a: [a,\n  b]\n", 0);
	stops("a: [[a]]\n", 0);
	stops("a: [a] b\n", 0);
	stops("a: [a]: b\n", 0);
	stops("a: [? a]\n", 0);
	stops("a: [a #c\n]\n", 0);
	stops("a: [a, {b: c}]\n", 0);
	stops("a: ['a' 'b']\n", 0);

	/* line 1 waits for line 2, which stops */
	stops("a: 1\nb: {x: y}\n", 0);
	stops("a: 1\nb: 2\nc: {x: y}\n", 5);
	stops("", 0);
	stops("# only a comment\n", 0);
	stops("a: 1\n---\nb: 2\n", 0);
	stops("a: 1\n...\n", 0);
	stops("%YAML 1.1\n---\na: 1\n", 0);
	stops("a: |\n  x\n", 0);
	stops("a: >\n  x\n", 0);
	stops("a: !reset x\n", 0);
	stops("a: {b: c}\n", 0);
	stops("a:\tb\n", 0);
	/* bytes past printable ASCII, in the first eight bytes and after */
	stops("key: va\x7flue and more\n", 0);
	stops("key: value and more \x1f words\n", 0);
	stops("key: value and more words\x80\n", 0);
	whole("k:\n\n\n\n\n\n\n\n\n  v: ~}{|\n");
	stops("a: b\r\n", 0);
	stops("a: \xc3\xa9\n", 0);
	stops("a: b\n  c\n", 0);
	stops("a: \"b\\n\"\n", 0);
	stops("a: 'it''s'\n", 0);
	stops("? a\n: b\n", 0);
	stops("*a : b\n", 0);
	stops("a: &x\nb: 1\n", 0);
	stops("- - x\n", 0);
	stops("a: b: c\n", 0);
	stops("a: \"b\"c\n", 0);
	stops("a: 1\n    b: 2\n", 0);
	stops("a:\n  b: 1\n c: 2\n", 4);
	stops("- a\nb: 1\n", 0);
	stops("a: 1\n- b\n", 0);
	stops("a: @b\n", 0);
	stops("a: *b c\n", 0);
	stops("- &a k: v\n", 0);
	stops("a\n", 0);
	stops("\"a\":b\n", 0);
}

/* A key longer than libyaml keeps a simple key for is left to it, and
 * so is a flow sequence too long to wait for the next line. */
static void long_lines(void)
{
	char text[1200], *seq = malloc(5 * 6000 + 16);

	memset(text, 'k', 1050);
	strcpy(text + 1050, ": v\n");
	stops(text, 0);
	T_CHECK(seq != NULL, "out of memory");
	if (!seq)
		return;
	strcpy(seq, "a: [");
	for (int i = 0; i < 4000; i++)
		strcat(seq + 4 + 4 * i, "xy, ");
	strcpy(seq + 4 + 4 * 4000, "z]\nb: 1\n");
	whole(seq);
	for (int i = 4000; i < 6000; i++)
		strcpy(seq + 4 + 4 * i, "xy, ");
	strcpy(seq + 4 + 4 * 6000, "z]\nb: 1\n");
	stops(seq, 0);
	free(seq);
}

static size_t files, whole_files, variants;
static char first_why[300];	/* a file's first difference */

static void check_variant(const char *text, size_t len)
{
	bool w;
	const char *why = ycheck(text, len, &w);

	variants++;
	if (why && !first_why[0])
		snprintf(first_why, sizeof(first_why), "a variant of %zu bytes: %s",
			 len, why);
}

static int check_file(const char *path, const struct stat *st, int type,
		      struct FTW *ftw)
{
	size_t len = strlen(path), n;
	char *text, *cut;
	FILE *f;
	bool w;

	(void)st;
	(void)ftw;
	if (type != FTW_F || !((len > 5 && !strcmp(path + len - 5, ".yaml")) ||
			       (len > 4 && !strcmp(path + len - 4, ".yml"))))
		return 0;
	f = fopen(path, "rb");
	T_CHECK(f != NULL, "cannot read %s", path);
	if (!f)
		return 0;
	text = malloc(1 << 20);
	n = text ? fread(text, 1, 1 << 20, f) : 0;
	fclose(f);
	if (!text)
		return 1;
	files++;
	if (!ycheck(text, n, &w) && w)
		whole_files++;
	first_why[0] = '\0';
	check_variant(text, n);
	cut = malloc(n + 1);
	for (size_t i = 0; cut && i < n; i++) {
		size_t next;

		if (text[i] != '\n')
			continue;
		/* cut after this line, and without the line after it */
		check_variant(text, i + 1);
		for (next = i + 1; next < n && text[next] != '\n'; next++)
			;
		if (next >= n)
			continue;
		memcpy(cut, text, i + 1);
		memcpy(cut + i + 1, text + next + 1, n - next - 1);
		check_variant(cut, n - (next - i));
	}
	T_CHECK(!first_why[0], "%s: %s", path, first_why);
	free(cut);
	free(text);
	return 0;
}

static void tree(const char *dir, bool needed)
{
	int rc = nftw(dir, check_file, 16, FTW_PHYS);

	T_CHECK(rc == 0 || !needed, "cannot walk %s", dir);
}

int main(void)
{
	texts();
	long_lines();
	tree("fixtures", true);
	tree("../shared/corpus", false);
	printf("yaml_fast: %zu YAML files, %zu read whole without libyaml; "
	       "%zu texts compared\n", files, whole_files, variants);
	T_CHECK(files > 100, "only %zu YAML files found", files);
	return t_done("yaml_fast");
}
