/*
 * ML501 tmpfs-without-size: a tmpfs without a size.
 *
 * A tmpfs lives in memory. Without a size, the kernel lets it grow to
 * half of the host's memory, and a runaway writer pushes the host into
 * swap or the OOM killer before the container's own memory limit is
 * noticed.
 */
#include <stdlib.h>
#include <string.h>

#include "../lint/finding.h"
#include "../lint/mem.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

/* How to give this tmpfs a size, in the syntax it was written in; the
 * caller frees it. */
static char *size_fix(const struct container *c, const struct mount *m)
{
	const char *spec = m->raw ? m->raw : m->target ? m->target : "/tmp";

	if (m->syntax == SYNTAX_LONG)
		return xstrdup(c->origin == ORIGIN_COMPOSE ?
			       "add \"tmpfs: {size: 64m}\"" :
			       "add \",tmpfs-size=64m\"");
	if (strstr(spec, "size="))	/* size=0: the kernel's "no limit" */
		return xstrdup("give it a size above 0, such as size=64m: 0 "
			       "means no limit");
	return xasprintf("add a size: \"%s%ssize=64m\"", spec,
			 strchr(spec, ':') ? "," : ":");
}

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	(void)u;
	for (size_t k = 0; k < c->n_mounts; k++) {
		const struct mount *m = &c->mounts[k];
		char *fix;

		if (m->kind != MOUNT_TMPFS || m->has_size)
			continue;
		fix = size_fix(c, m);
		finding_add(out, "ML501", SEV_OFF,
			    mount_loc(m, MF_ENTRY), c->name, fix,
			    "tmpfs \"%s\" has no size: it may grow to "
			    "half of the host's memory",
			    m->target ? m->target : "");
		free(fix);
	}
}

const struct rule rule_ml501 = {
	.id = "ML501",
	.name = "tmpfs-without-size",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a tmpfs without a size",
	.rationale = "A tmpfs is memory. Without a size the kernel lets it "
		"grow to half of the host's RAM, so one runaway writer can "
		"push the whole host into swap or the OOM killer.",
	.bad = "services:\n  web:\n    image: nginx:1.27\n    tmpfs:\n"
	       "      - /var/cache/nginx\n",
	.good = "services:\n  web:\n    image: nginx:1.27\n    tmpfs:\n"
		"      - /var/cache/nginx:size=64m\n",
	.fix = "give every tmpfs a size",
	.check_container = check_container,
};
