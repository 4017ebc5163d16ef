/*
 * Mount specifications, as Docker's CLI and daemon and Compose read them:
 * the -v / short syntax, --mount CSV, --tmpfs, and compose long syntax.
 * One grammar serves `docker run`, `podman run` and compose; the dialect
 * says whose rules apply.
 *
 * Every function fills a zeroed *m (kind, syntax, raw, source, base,
 * source_path, target, options, and m->at[] from the locations given),
 * and returns 0. When the spec is one the tool would reject, it reports
 * the problem to ctx->out (ML101, ML102, ML103, ML104 or ML107) at the
 * location given, releases m and returns -1: the caller must not add it.
 */
#ifndef MOUNTLINT_MOUNTSPEC_H
#define MOUNTLINT_MOUNTSPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "../lint/finding.h"
#include "../lint/model.h"

enum spec_dialect {
	DIALECT_DOCKER,		/* docker run/create */
	DIALECT_PODMAN,		/* podman run/create: more options */
	DIALECT_COMPOSE,	/* compose short and long syntax */
};

struct spec_ctx {
	struct findings *out;
	const char *service;	/* for findings; may be NULL */
	enum spec_dialect dialect;
	/*
	 * A leading "~" in the source means the home directory: true in
	 * compose, and in shell only where the shell expands it (an
	 * unquoted ~ at the start of a word).
	 */
	bool home_tilde;
	/*
	 * When not NULL, the named volume of a mount that is rejected is
	 * added here, so that a mistake in its options does not also make
	 * the volume look unused.
	 */
	struct kv_list *rejected_volumes;
	/*
	 * When not NULL, the strings of the mount are allocated here (the
	 * unit's arena) and the mount has arena_strings; else from malloc.
	 */
	struct arena *strings;
};

/* -v / --volume value, or one compose short-syntax string. */
int mountspec_short(struct mount *m, const char *spec, const struct loc *loc,
		    const struct spec_ctx *ctx);

/* --mount value: comma-separated key=value fields, CSV quoting. */
int mountspec_csv(struct mount *m, const char *csv, const struct loc *loc,
		  const struct spec_ctx *ctx);

/* --tmpfs value ("/run:rw,size=64m"), or one compose `tmpfs:` item. */
int mountspec_tmpfs(struct mount *m, const char *spec, const struct loc *loc,
		    const struct spec_ctx *ctx);

/*
 * One field of a compose long-syntax mapping. Nested mappings are
 * flattened with a dot: `bind: {propagation: rshared}` is the field
 * "bind.propagation". value is the scalar as written (NULL for a nested
 * mapping or sequence that is not a scalar where one is needed).
 */
struct spec_field {
	const char *key;
	const char *value;
	struct loc key_loc;
	struct loc value_loc;
};

/*
 * Compose long syntax. entry_loc is the mapping's first key; a finding
 * about one field points at that field's key (ML104) or value.
 */
int mountspec_long(struct mount *m, const struct spec_field *fields,
		   size_t n, const struct loc *entry_loc,
		   const struct spec_ctx *ctx);

/*
 * Splits one CSV record as Go's encoding/csv reads it (RFC 4180: fields
 * separated by commas, double quotes around a field, "" inside quotes is
 * one quote). Returns the number of fields and sets *fields to an array
 * of strings the caller frees with csv_free; -1 on a malformed record
 * (an unterminated quote, a quote in an unquoted field).
 */
int csv_split(const char *s, char ***fields);
void csv_free(char **fields, int n);

#endif
