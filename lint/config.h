/*
 * .mountlint.yaml: per-project configuration, found from each linted
 * file's directory upward, or named with --config.
 *
 *	selinux: true
 *	rules:
 *	  ML304: off                   # a severity, or a mapping:
 *	  ML201:
 *	    severity: info
 *	    exclude_services:
 *	      - service: cache
 *	        reason: scratch space, recreated on purpose
 *	required_volume_labels:        # label key: PCRE2 pattern of its value
 *	  backup: "^(daily|weekly)$"
 *	sensitive_paths: ["^/srv/keys(/|$)"]     # PCRE2, on clean host paths
 *	secret_files: ["\\.vault$"]              # PCRE2, on file names
 *	stateful_images:               # image pattern: its data directory
 *	  "^myorg/db$": /var/lib/db
 */
#ifndef MOUNTLINT_CONFIG_H
#define MOUNTLINT_CONFIG_H

#include <stdbool.h>

#include "finding.h"
#include "policy.h"
#include "settings.h"

struct exclusion {
	const struct rule *rule;
	char *service;
	char *reason;
};

struct config {
	char *path;			/* the file it came from */
	bool has_selinux;
	bool selinux;
	bool has_severity[POLICY_MAX_RULES];
	enum severity severity[POLICY_MAX_RULES];
	struct exclusion *exclusions;
	size_t n_exclusions, cap_exclusions;
	struct kv_list required_labels;	/* key -> value pattern */
	struct kv_list sensitive_paths;	/* pattern -> NULL */
	struct kv_list secret_files;	/* pattern -> NULL */
	struct kv_list stateful_images;	/* image pattern -> data dir */

	/* The same as arrays of strings, as struct settings wants them. */
	const char **label_keys, **label_values;
	const char **sensitive, **secrets;
	const char **image_patterns, **image_dirs;
};

/*
 * Reads the configuration at path into c. Returns 0, or -1 after
 * printing "FILE:LINE:COL: error: ..." on stderr for each mistake (an
 * unknown key or rule, a bad value or pattern): bad configuration is
 * exit status 3, never silence.
 */
int config_load(struct config *c, const char *path);
void config_release(struct config *c);

/*
 * The configuration file that governs a file at `path` ("-": standard
 * input, from the current directory): the first `.mountlint.yaml` or
 * `.mountlint.yml` in its directory or above.
 * Returns a new string the caller frees, or NULL when there is none.
 */
char *config_find(const char *path);

/* Layers c over a policy and settings (the command line goes on top). */
void config_apply(const struct config *c, struct policy *p,
		  struct settings *s);

/* Marks the findings from `first` on of excluded services as suppressed. */
void config_exclude(const struct config *c, struct findings *f, size_t first);

/* The configurations a run has loaded, each once. */
struct config_cache {
	const char *forced;	/* --config FILE, or NULL */
	bool disabled;		/* --no-config */
	struct config *items;
	bool *failed;
	size_t n, cap, cap_failed;

	/* The directory looked up last and what was found there (NULL:
	 * none), for the next file of the same directory. */
	char *last_dir;
	char *last_found;
};

/*
 * The configuration for a file at path (loaded the first time it is
 * needed), or NULL when there is none. Sets *failed when it could not be
 * loaded (the mistakes are printed once).
 */
const struct config *config_for(struct config_cache *cc, const char *path,
				bool *failed);
void config_cache_release(struct config_cache *cc);

#endif
