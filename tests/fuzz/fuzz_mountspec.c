/*
 * The -v / short syntax and --tmpfs readers, in every dialect, with and
 * without home tilde expansion.
 */
#include "../../lint/model.h"
#include "../../parsers/mountspec.h"
#include "fuzz.h"

typedef int spec_fn(struct mount *m, const char *spec, const struct loc *loc,
		    const struct spec_ctx *ctx);

static void parse(spec_fn *fn, const char *spec, enum spec_dialect d,
		  bool tilde)
{
	struct findings out;
	struct kv_list rejected = { 0 };
	struct spec_ctx ctx = { &out, "svc", d, tilde, &rejected };
	struct loc loc = { "fuzz", 2, 5, 2, 5 + (int)strlen(spec) };
	struct mount m;

	findings_init(&out);
	memset(&m, 0, sizeof(m));
	if (fn(&m, spec, &loc, &ctx) == 0)
		mount_release(&m);
	for (size_t i = 0; i < rejected.n; i++) {
		free(rejected.items[i].key);
		free(rejected.items[i].value);
	}
	free(rejected.items);
	findings_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *spec = fuzz_string(data, size);

	for (int d = DIALECT_DOCKER; d <= DIALECT_COMPOSE; d++) {
		parse(mountspec_short, spec, (enum spec_dialect)d,
		      d == DIALECT_COMPOSE);
		parse(mountspec_tmpfs, spec, (enum spec_dialect)d, false);
	}
	parse(mountspec_short, spec, DIALECT_DOCKER, true);
	free(spec);
	return 0;
}
