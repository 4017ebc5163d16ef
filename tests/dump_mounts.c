/*
 * dump_mounts: the mounts mountlint resolves in one compose file, for the
 * differential test against `docker-compose config` (tests/differential.sh).
 *
 * usage: dump_mounts FILE
 *
 * Loads FILE as `mountlint FILE` does (its project: extends, include, the
 * .env beside it; no override file, no process environment) and prints
 * one line per mount of each service, sorted:
 *
 *	service TAB type TAB source TAB target TAB ro|rw
 *
 * type is the compose long-syntax name (bind, volume, tmpfs, npipe,
 * image, cluster, secret, config; an anonymous volume is a volume with
 * no source). source is "-" when there is none; a bind's host path is
 * absolute (a relative one joined to the project directory), or "~/..."
 * for the home directory; a named volume, secret or config is its name;
 * a source behind a variable that has no value is "?" and the text as
 * written. target is cleaned. The parser's own findings and input
 * errors go to stderr. Exits 0 when the project loaded without them, 1
 * when it did not (what was read is still printed), 2 on bad usage, 3
 * when FILE has no top-level `services` mapping.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lint/buf.h"
#include "../lint/finding.h"
#include "../lint/input.h"
#include "../lint/mem.h"
#include "../lint/model.h"
#include "../lint/settings.h"
#include "../parsers/project.h"
#include "../lint/banned.h"

static const char *type_name(enum mount_kind k)
{
	return k == MOUNT_ANON ? "volume" : mount_kind_name(k);
}

/* The source as both sides of the comparison write it; caller frees. */
static char *source_text(const struct mount *m, const char *wd)
{
	char *joined, *clean;

	switch (m->kind) {
	case MOUNT_ANON:
	case MOUNT_TMPFS:
		return xstrdup("-");
	case MOUNT_SECRET:
	case MOUNT_CONFIG:
		return xstrdup(m->raw ? m->raw : "-");
	case MOUNT_BIND:
		break;
	default:
		return xstrdup(m->source ? m->source : "-");
	}
	switch (m->base) {
	case PATH_ABSOLUTE:
	case PATH_HOME:
	case PATH_WINDOWS:
		return xstrdup(m->source_path);
	case PATH_RELATIVE:
		joined = xasprintf("%s/%s", wd, m->source_path);
		clean = path_clean(joined);
		free(joined);
		return clean;
	default:
		return xasprintf("?%s", m->source ? m->source : "");
	}
}

static char *mount_line(const struct container *c, const struct mount *m,
			const char *wd)
{
	char *source = source_text(m, wd);
	char *target = m->target ? path_clean(m->target) : xstrdup("-");
	char *line = xasprintf("%s\t%s\t%s\t%s\t%s", c->name ? c->name : "-",
			       type_name(m->kind), source, target,
			       m->read_only ? "ro" : "rw");

	free(source);
	free(target);
	return line;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void print_mounts(const struct unit *u, const char *wd)
{
	char **lines = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < u->n_containers; i++) {
		const struct container *c = &u->containers[i];

		for (size_t k = 0; k < c->n_mounts; k++) {
			grow_array(&lines, sizeof(*lines), n + 1, &cap);
			lines[n++] = mount_line(c, &c->mounts[k], wd);
		}
	}
	if (n)
		qsort(lines, n, sizeof(*lines), by_text);
	for (size_t i = 0; i < n; i++) {
		puts(lines[i]);
		free(lines[i]);
	}
	free(lines);
}

/* What the parser reported, on stderr; returns how many. */
static size_t print_findings(const struct findings *out)
{
	for (size_t i = 0; i < out->n; i++) {
		const struct finding *x = &out->items[i];

		fprintf(stderr, "%s:%d:%d: %s [%s]\n", x->file, x->loc.line,
			x->loc.col, x->message, x->rule->id);
	}
	for (size_t i = 0; i < out->n_errors; i++)
		fprintf(stderr, "%s: %s\n", out->errors[i].file,
			out->errors[i].message);
	return out->n + out->n_errors;
}

int main(int argc, char **argv)
{
	struct settings settings = settings_default;
	struct findings out;
	struct project p;
	struct unit u;
	struct buf b;
	char *dir;
	int status = 1;

	if (argc != 2) {
		fputs("usage: dump_mounts FILE\n", stderr);
		return 2;
	}
	findings_init(&out);
	finding_begin_file(&out);
	if (input_read(argv[1], argv[1], false, &b, &out)) {
		print_findings(&out);
		findings_release(&out);
		return 1;
	}

	dir = path_dir(argv[1]);
	unit_init(&u, UNIT_COMPOSE, argv[1], dir);
	u.settings = &settings;
	project_init(&p, &u, &out);
	if (!input_check_text(argv[1], &b, &out)) {
		enum compose_result cr = project_open(&p, b.data, b.len, 1);

		if (cr == COMPOSE_OK && project_read(&p) == COMPOSE_OK)
			status = 0;
		else if (cr == COMPOSE_NOT_COMPOSE)
			status = 3;
	}
	print_mounts(&u, p.wd);
	if (print_findings(&out) && status == 0)
		status = 1;

	project_release(&p);
	unit_release(&u);
	findings_release(&out);
	free(dir);
	buf_release(&b);
	return status;
}
