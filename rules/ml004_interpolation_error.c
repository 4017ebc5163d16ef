/*
 * ML004 interpolation-error: a compose value holds a `${...}` expression
 * Compose cannot read, or a required variable that is not set.
 *
 * The compose parser interpolates every value (never a key) with the
 * variables of the .env file beside the compose file (or of --env-file),
 * and of the process environment with --env. It reports what Compose
 * would refuse at the `$` that starts the expression, and keeps the
 * value as written, so the other rules treat it as unknown.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

const struct rule rule_ml004 = {
	.id = "ML004",
	.name = "interpolation-error",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE,
	.summary = "a malformed `${...}` expression, or a required variable "
		"that is not set",
	.rationale = "Compose interpolates the whole file before it reads "
		"it: an expression it cannot parse (`${DATA`, `${:-x}`, "
		"`${DATA:x}`) or a `${VAR:?message}` whose variable is unset "
		"stops `docker compose up` with an error. A dollar meant "
		"literally must be written `$$`.",
	.bad = "services:\n"
		"  db:\n"
		"    image: postgres:16\n"
		"    volumes:\n"
		"      - ${PGDATA:?set PGDATA in .env}:/var/lib/postgresql/data\n",
	.good = "services:\n"
		"  db:\n"
		"    image: postgres:16\n"
		"    volumes:\n"
		"      - ${PGDATA:-pgdata}:/var/lib/postgresql/data\n"
		"volumes:\n"
		"  pgdata:\n",
	.fix = "Close the braces and use one of the operators `:-`, `-`, "
		"`:+`, `+`, `:?` and `?`; set a required variable in `.env` "
		"or give it a default; write a literal dollar as `$$`.",
	.check = NULL,
};
