/*
 * ML108 external-volume-options: an external volume with driver,
 * driver_opts or labels.
 *
 * An external volume is created outside Compose; Compose only looks it up
 * by name. Options that would shape its creation contradict that, and
 * Compose refuses the file.
 */
#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

/* The first creation option an external volume sets, or NULL. */
static const char *creation_option(const struct volume *v)
{
	if (v->has_driver)
		return "driver";
	if (v->has_driver_opts)
		return "driver_opts";
	if (v->has_labels)
		return "labels";
	return NULL;
}

static void check(const struct unit *u, struct findings *out)
{
	for (size_t i = 0; i < u->n_volumes; i++) {
		const struct volume *v = &u->volumes[i];
		const char *opt = creation_option(v);

		if (!v->external || !opt)
			continue;
		finding_add(out, "ML108", SEV_OFF, &v->loc, NULL,
			    "remove driver, driver_opts and labels, or drop "
			    "\"external: true\" and let Compose create it",
			    "external volume \"%s\" sets \"%s\": Compose does "
			    "not create an external volume and refuses options "
			    "for its creation", v->name, opt);
	}
}

const struct rule rule_ml108 = {
	.id = "ML108",
	.name = "external-volume-options",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE,
	.summary = "an external volume with driver, driver_opts or labels",
	.rationale = "An external volume is made outside the project, and "
		"Compose only looks it up by name. A `driver`, `driver_opts` "
		"or `labels` on it would shape a creation that never happens, "
		"so Compose refuses the file instead of silently ignoring them.",
	.bad = "services:\n"
		"  app:\n"
		"    image: alpine:3.20\n"
		"    volumes:\n"
		"      - shared:/data\n"
		"volumes:\n"
		"  shared:\n"
		"    external: true\n"
		"    driver: local\n",
	.good = "services:\n"
		"  app:\n"
		"    image: alpine:3.20\n"
		"    volumes:\n"
		"      - shared:/data\n"
		"volumes:\n"
		"  shared:\n"
		"    external: true\n",
	.fix = "Remove `driver`, `driver_opts` and `labels` from the external "
		"volume and set them where it is created (`docker volume "
		"create`), or drop `external: true` and let Compose create it.",
	.check = check,
};
