/*
 * ML303 secret-file-bind: a bind of a secret-like file.
 *
 * A key or a .env file bound into a container is visible to everything
 * in it, copied by `docker cp` and left in backups of the container's
 * mounts. Compose secrets (or a tmpfs filled at start) keep it out of
 * sight, with permissions of their own.
 */
#include <string.h>

#include "../lint/finding.h"
#include "../lint/match.h"
#include "../lint/rule.h"
#include "../lint/settings.h"
#include "../lint/banned.h"

/*
 * PCRE2 patterns on the file name; configuration adds more. A public
 * key (id_rsa.pub), a template of a .env file (.env.example) and a
 * program that handles secrets (print_secrets.sh) are no secrets
 * themselves. may_be_secret() below must admit every name these match:
 * a pattern added here may need a case there.
 */
static const char *const secret_names[] = {
	"^\\.env(\\.(?!(example|sample|template|dist)$)[^.]+)?$",
	"\\.pem$", "\\.key$",
	"^id_(rsa|dsa|ecdsa|ed25519)(?!.*\\.pub$)",
	"\\.p12$", "\\.pfx$", "^\\.htpasswd$", "^credentials",
	"(?i)secret(?!.*\\.(sh|bash|py|js|ts|rb|go|pl|php|c|java)$)",
};

/* "pem", "key", "p12" or "pfx" closing a name ("$" in PCRE2 also
 * allows a final newline). */
static bool ends_key_extension(const char *ext)
{
	static const char *const exts[] = { "pem", "key", "p12", "pfx" };

	for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++)
		if (!strncmp(ext, exts[i], 3))
			return !ext[3] || (ext[3] == '\n' && !ext[4]);
	return false;
}

/* Whether "secret" is in name in any case of its ASCII letters, or name
 * has a byte past ASCII, which PCRE2 may fold (U+017F, a long s, is one). */
static bool may_say_secret(const char *name)
{
	static const char word[] = "secret";

	for (const char *p = name; *p; p++) {
		size_t i = 0;

		if ((unsigned char)*p >= 0x80)
			return true;
		while (i < sizeof(word) - 1 && (p[i] | 0x20) == word[i])
			i++;
		if (i == sizeof(word) - 1)
			return true;
	}
	return false;
}

/*
 * Whether name can match one of secret_names: most names are ruled out
 * here without running PCRE2. Each pattern needs one of these: a name
 * starting with ".", "id_" or "credentials", a key extension after the
 * last dot, or the word "secret".
 */
static bool may_be_secret(const char *name)
{
	const char *dot = strrchr(name, '.');

	return name[0] == '.' || (dot && ends_key_extension(dot + 1)) ||
	       !strncmp(name, "id_", 3) || !strncmp(name, "credentials", 11) ||
	       may_say_secret(name);
}

static bool is_secret_name(const char *name, const struct settings *s)
{
	if (may_be_secret(name) &&
	    match_any(secret_names,
		      sizeof(secret_names) / sizeof(*secret_names), name))
		return true;
	return match_first(s->secret_files, s->n_secret_files, name);
}

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	for (size_t k = 0; k < c->n_mounts; k++) {
		const struct mount *m = &c->mounts[k];
		const char *name = mount_source_basename(m);

		if (!name || !is_secret_name(name, u->settings))
			continue;
		finding_add(out, "ML303", SEV_OFF,
			    mount_loc(m, MF_SOURCE), c->name,
			    c->origin == ORIGIN_COMPOSE ?
			    "declare it under top-level secrets: and "
			    "give the service \"secrets:\"" :
			    "pass it as a secret (docker secret, or a "
			    "tmpfs filled at start), not a bind",
			    "bind of secret-like file \"%s\": every "
			    "process in the container can read it, and "
			    "it travels with the container's mounts",
			    m->source);
	}
}

const struct rule rule_ml303 = {
	.id = "ML303",
	.name = "secret-file-bind",
	.severity = SEV_WARNING,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "a bind of a secret-like file",
	.rationale = "Keys, certificates, .env files and credentials bound "
		"into a container are readable by every process in it and "
		"show up wherever the container's mounts are copied or backed "
		"up. Compose secrets mount them under /run/secrets with their "
		"own permissions and keep them out of the service's "
		"definition. The names are PCRE2 patterns; configuration "
		"(secret_files) adds more.",
	.bad = "services:\n  app:\n    image: example/app:1.0\n"
	       "    volumes:\n      - ./certs/server.key:/etc/app/server.key"
	       ":ro\n",
	.good = "services:\n  app:\n    image: example/app:1.0\n"
		"    secrets:\n      - server_key\n"
		"secrets:\n  server_key:\n    file: ./certs/server.key\n",
	.fix = "use Compose secrets (or docker secrets) instead of a bind",
	.check_container = check_container,
};
