#include "mountspec.h"

#include "../lint/banned.h"

int mountspec_short(struct mount *m, const char *spec, const struct loc *loc,
		    const struct spec_ctx *ctx)
{
	(void)m; (void)spec; (void)loc; (void)ctx;
	return -1;
}

int mountspec_csv(struct mount *m, const char *csv, const struct loc *loc,
		  const struct spec_ctx *ctx)
{
	(void)m; (void)csv; (void)loc; (void)ctx;
	return -1;
}

int mountspec_tmpfs(struct mount *m, const char *spec, const struct loc *loc,
		    const struct spec_ctx *ctx)
{
	(void)m; (void)spec; (void)loc; (void)ctx;
	return -1;
}

int mountspec_long(struct mount *m, const struct spec_field *fields,
		   size_t n, const struct loc *entry_loc,
		   const struct spec_ctx *ctx)
{
	(void)m; (void)fields; (void)n; (void)entry_loc; (void)ctx;
	return -1;
}

int csv_split(const char *s, char ***fields)
{
	(void)s; (void)fields;
	return -1;
}

void csv_free(char **fields, int n)
{
	(void)fields; (void)n;
}
