/*
 * The mount grammar. The short syntax is split on colons the way
 * Compose's volume spec parser does it (a one-letter section before a
 * colon is a Windows drive), then judged as the Docker daemon judges a
 * -v spec. --mount CSV and compose long syntax share one table of fields
 * and one validation.
 */
#include "mountspec.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lint/buf.h"
#include "../lint/mem.h"
#include "../lint/model.h"
#include "../lint/banned.h"

/* ---- strings of the mount ------------------------------------------ */

/* A copy of the n bytes at s for a string of m (see struct spec_ctx). */
static char *keep_n(const struct spec_ctx *ctx, const char *s, size_t n)
{
	return ctx->strings ? arena_strndup(ctx->strings, s, n) :
			      xstrndup(s, n);
}

static char *keep(const struct spec_ctx *ctx, const char *s)
{
	return keep_n(ctx, s, strlen(s));
}

/* Drops a string that keep or keep_n made. */
static void drop(const struct spec_ctx *ctx, char **slot)
{
	if (!ctx->strings)
		free(*slot);
	*slot = NULL;
}

/* Starts m: where its strings come from. */
static void begin(struct mount *m, const struct spec_ctx *ctx)
{
	m->arena_strings = ctx->strings != NULL;
}

/* ---- reporting ----------------------------------------------------- */

static int reject(struct mount *m, const struct spec_ctx *ctx,
		  const char *rule, const struct loc *loc, const char *fix,
		  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Reports the problem, releases m and returns -1. */
static int reject(struct mount *m, const struct spec_ctx *ctx,
		  const char *rule, const struct loc *loc, const char *fix,
		  const char *fmt, ...)
{
	va_list ap;
	char *message;

	va_start(ap, fmt);
	message = xvasprintf(fmt, ap);
	va_end(ap);
	finding_add(ctx->out, rule, SEV_OFF, loc, ctx->service, fix, "%s",
		    message);
	free(message);
	if (ctx->rejected_volumes && m->kind == MOUNT_VOLUME && m->source)
		kv_add(ctx->rejected_volumes, m->source, NULL);
	mount_release(m);
	memset(m, 0, sizeof(*m));
	return -1;
}

/* ---- sources ------------------------------------------------------- */

static bool is_drive(const char *s)
{
	return isalpha((unsigned char)s[0]) && s[1] == ':';
}

/*
 * A $ that the shell or Compose would expand: in compose "$$" is a
 * literal dollar, in shell text a `\$` already became "$" in the word
 * (and is then literal), but the word keeps it verbatim here, so any
 * "$" counts in shell.
 */
static bool has_expansion(const char *s, enum spec_dialect d)
{
	for (; *s; s++) {
		if (*s == '`')
			return true;
		if (*s != '$')
			continue;
		if (d == DIALECT_COMPOSE && s[1] == '$') {
			s++;
			continue;
		}
		return true;
	}
	return false;
}

/* "$HOME", "${HOME}" and (where it means home) "~": the length of that
 * prefix when it is followed by "/" or the end; else 0. */
static size_t home_prefix(const char *s, bool tilde)
{
	static const char *const forms[] = { "${HOME}", "$HOME", "~" };

	if (s[0] != '$' && s[0] != '~')
		return 0;
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(forms[i]);

		if (i == 2 && !tilde)
			break;
		if (!strncmp(s, forms[i], n) && (s[n] == '/' || !s[n]))
			return n;
	}
	return 0;
}

static bool looks_like_path(const char *s)
{
	return s[0] == '/' || s[0] == '.' || s[0] == '~' ||
	       (s[0] == '\\' && s[1] == '\\') || is_drive(s);
}

/* A name Docker's local volume driver accepts. */
static bool valid_volume_name(const char *s, enum spec_dialect d)
{
	size_t n = strlen(s);

	if (!isalnum((unsigned char)s[0]))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("_.-", s[i]))
			return false;
	/* Compose prefixes the project name, so one letter is fine there */
	return n >= 2 || d == DIALECT_COMPOSE;
}

/*
 * Sets base and source_path of a bind's host path m->source. Returns 0,
 * or -1 after reporting a `~` that nothing expands (ML107).
 */
/* "$PWD", "${PWD}", "$(pwd)" or "`pwd`" before "/" or the end: the
 * length of that prefix, else 0. The current directory is the
 * project's: such a source is relative. */
static size_t cwd_prefix(const char *s)
{
	static const char *const forms[] = { "${PWD}", "$PWD", "$(pwd)",
					     "`pwd`" };

	if (s[0] != '$' && s[0] != '`')
		return 0;
	for (size_t i = 0; i < sizeof(forms) / sizeof(*forms); i++) {
		size_t n = strlen(forms[i]);

		if (!strncmp(s, forms[i], n) && (s[n] == '/' || !s[n]))
			return n;
	}
	return 0;
}

static int classify_host_path(struct mount *m, const struct spec_ctx *ctx,
			      const struct loc *loc)
{
	const char *s = m->source;
	size_t home = home_prefix(s, ctx->home_tilde);
	size_t cwd = cwd_prefix(s);

	if (cwd && !has_expansion(s + cwd, ctx->dialect)) {
		m->base = PATH_RELATIVE;
		m->source_path = path_clean_cat(ctx->strings, ".", s + cwd);
	} else if (home && !has_expansion(s + home, ctx->dialect)) {
		char *clean = path_clean_cat(NULL, "/", s + home);

		m->base = PATH_HOME;
		m->source_path = path_clean_cat(ctx->strings, "~",
						strcmp(clean, "/") ? clean : "");
		free(clean);
	} else if (has_expansion(s, ctx->dialect)) {
		m->base = PATH_UNKNOWN;
	} else if (s[0] == '~') {
		/* no shell expands it: Docker sees a volume named "~/x" */
		return reject(m, ctx, "ML107", loc,
			      "write the home directory out: \"$HOME/...\" "
			      "or an absolute path",
			      "\"%s\" is not expanded here: Docker reads it as "
			      "a volume name, and volume names cannot hold "
			      "\"~\" or \"/\"", s);
	} else if (s[0] == '/') {
		m->base = PATH_ABSOLUTE;
		m->source_path = path_clean_cat(ctx->strings, "", s);
	} else if ((s[0] == '\\' && s[1] == '\\') || is_drive(s)) {
		m->base = PATH_WINDOWS;
		m->source_path = keep(ctx, s);
	} else {
		m->base = PATH_RELATIVE;
		m->source_path = path_clean_cat(ctx->strings, "", s);
	}
	return 0;
}

/* A named volume's name; -1 after reporting one Docker rejects. */
static int check_volume_name(struct mount *m, const struct spec_ctx *ctx,
			     const struct loc *loc)
{
	if (has_expansion(m->source, ctx->dialect) ||
	    valid_volume_name(m->source, ctx->dialect))
		return 0;
	return reject(m, ctx, "ML107", loc,
		      "name the volume with letters, digits, \"_\", \".\" and "
		      "\"-\", or start a host path with \"/\" or \"./\"",
		      "invalid volume name \"%s\": Docker's local driver "
		      "accepts only [a-zA-Z0-9][a-zA-Z0-9_.-]+", m->source);
}

/*
 * The short syntax's source: nothing is an anonymous volume; a path (or
 * a value behind a variable) a bind; `\\.\pipe\...` a named pipe; a bare
 * word a named volume. Returns 0, or -1 after reporting (ML107).
 */
static int classify_source(struct mount *m, const struct spec_ctx *ctx,
			   const struct loc *loc)
{
	const char *s = m->source;

	if (!s || !*s) {
		m->kind = MOUNT_ANON;
		return 0;
	}
	if (!strncmp(s, "\\\\.\\pipe\\", 9) || !strncmp(s, "//./pipe/", 9)) {
		m->kind = MOUNT_NPIPE;
		return 0;
	}
	if (looks_like_path(s) || has_expansion(s, ctx->dialect) ||
	    home_prefix(s, ctx->home_tilde)) {
		m->kind = MOUNT_BIND;
		return classify_host_path(m, ctx, loc);
	}
	m->kind = MOUNT_VOLUME;
	return check_volume_name(m, ctx, loc);
}

/* The source of a long mount whose type says what it is. */
static int classify_bound(struct mount *m, const struct spec_ctx *ctx)
{
	struct loc at;
	const struct loc *loc = mount_field_loc(m, MF_SOURCE, &at);

	if (m->kind == MOUNT_BIND)
		return classify_host_path(m, ctx, loc);
	return check_volume_name(m, ctx, loc);
}

/* A container path: absolute (POSIX or Windows), and not "/". */
static bool target_is_absolute(const char *t)
{
	return t[0] == '/' || is_drive(t) || (t[0] == '\\' && t[1] == '\\');
}

/* Whether path_clean(t) is "/"; without a component that starts with a
 * dot, that is a path of slashes only. */
static bool cleans_to_root(const char *t)
{
	char *clean;
	bool root;

	if (!strstr(t, "/."))
		return t[0] == '/' && !t[strspn(t, "/")];
	clean = path_clean(t);
	root = !strcmp(clean, "/");
	free(clean);
	return root;
}

static int check_target(struct mount *m, const struct spec_ctx *ctx,
			const struct loc *loc)
{
	const char *t = m->target;

	if (!t || !*t)
		return reject(m, ctx, "ML104", loc, "add a target",
			      "mount without a target: the container path is "
			      "required");
	if (has_expansion(t, ctx->dialect))
		return 0;
	if (!target_is_absolute(t)) {
		char *fix = xasprintf("write the container path from the root: "
				      "\"/%s\"", t);
		int ret = reject(m, ctx, "ML103", loc, fix,
				 "container path \"%s\" is not absolute", t);

		free(fix);
		return ret;
	}
	if (cleans_to_root(t))
		return reject(m, ctx, "ML103", loc,
			      "mount into a directory of its own, such as "
			      "\"/data\"",
			      "container path \"/\": a mount cannot replace "
			      "the container's root");
	return 0;
}

/* ---- short syntax options ----------------------------------------- */

enum opt_cat {
	CAT_RW,
	CAT_LABEL,
	CAT_PROPAGATION,
	CAT_COPY,
	CAT_CONSISTENCY,
	CAT_EXEC,
	CAT_SUID,
	CAT_DEV,
	CAT_BIND,
	CAT_OTHER,		/* podman's U, O, idmap: no category */
	CAT_COUNT
};

static const struct short_opt {
	const char *name;
	enum opt_cat cat;
	bool podman_only;
} short_opts[] = {
	{ "ro", CAT_RW, false },
	{ "rw", CAT_RW, false },
	{ "z", CAT_LABEL, false },
	{ "Z", CAT_LABEL, false },
	{ "private", CAT_PROPAGATION, false },
	{ "rprivate", CAT_PROPAGATION, false },
	{ "shared", CAT_PROPAGATION, false },
	{ "rshared", CAT_PROPAGATION, false },
	{ "slave", CAT_PROPAGATION, false },
	{ "rslave", CAT_PROPAGATION, false },
	{ "unbindable", CAT_PROPAGATION, true },
	{ "runbindable", CAT_PROPAGATION, true },
	{ "nocopy", CAT_COPY, false },
	{ "copy", CAT_COPY, true },
	{ "consistent", CAT_CONSISTENCY, false },
	{ "cached", CAT_CONSISTENCY, false },
	{ "delegated", CAT_CONSISTENCY, false },
	{ "exec", CAT_EXEC, true },
	{ "noexec", CAT_EXEC, true },
	{ "suid", CAT_SUID, true },
	{ "nosuid", CAT_SUID, true },
	{ "dev", CAT_DEV, true },
	{ "nodev", CAT_DEV, true },
	{ "bind", CAT_BIND, true },
	{ "rbind", CAT_BIND, true },
	{ "U", CAT_OTHER, true },
	{ "O", CAT_OTHER, true },
	{ "idmap", CAT_OTHER, true },
};

static const char *const cat_names[CAT_COUNT] = {
	[CAT_RW] = "read-write", [CAT_LABEL] = "SELinux label",
	[CAT_PROPAGATION] = "propagation", [CAT_COPY] = "copy",
	[CAT_CONSISTENCY] = "consistency", [CAT_EXEC] = "exec",
	[CAT_SUID] = "suid", [CAT_DEV] = "dev", [CAT_BIND] = "bind",
};

static const struct short_opt *find_opt(const char *name, size_t n,
					enum spec_dialect d)
{
	for (size_t i = 0; i < sizeof(short_opts) / sizeof(*short_opts); i++) {
		const struct short_opt *o = &short_opts[i];

		if (o->podman_only && d != DIALECT_PODMAN)
			continue;
		if (o->name[0] == name[0] && !strncmp(o->name, name, n) &&
		    !o->name[n])
			return o;
		if (name[0] == 'i' && n > 6 && !strncmp(name, "idmap=", 6) &&
		    !strcmp(o->name, "idmap"))
			return o;
	}
	return NULL;
}

static void apply_opt(struct mount *m, const char *name, size_t n,
		      const struct short_opt *o, const struct spec_ctx *ctx)
{
	switch (o->cat) {
	case CAT_RW:
		m->read_only = name[1] == 'o';
		break;
	case CAT_LABEL:
		m->selinux = name[0] == 'Z' ? SELINUX_PRIVATE : SELINUX_SHARED;
		break;
	case CAT_PROPAGATION:
		m->propagation = keep_n(ctx, name, n);
		break;
	case CAT_COPY:
		m->nocopy = name[0] == 'n';
		break;
	default:
		break;
	}
}

/* Is every comma-separated word of s a short-syntax option? */
static bool is_mode(const char *s, enum spec_dialect d)
{
	while (*s) {
		size_t n = strcspn(s, ",");

		if (!n || !find_opt(s, n, d))
			return false;
		s += n + (s[n] == ',');
	}
	return true;
}

static int parse_options(struct mount *m, const char *mode,
			 const struct spec_ctx *ctx, const struct loc *loc)
{
	const char *seen[CAT_COUNT] = { 0 };
	const char *p = mode;

	while (*p) {
		size_t n = strcspn(p, ",");
		const struct short_opt *o = find_opt(p, n, ctx->dialect);

		if (!o)
			return reject(m, ctx, "ML102", loc,
				      "use ro, rw, z, Z, nocopy, a propagation "
				      "or a consistency",
				      "unknown mount option \"%.*s\" in \"%s\"%s",
				      (int)n, p, mode,
				      ctx->dialect == DIALECT_COMPOSE ?
				      ": Compose drops it without a word" : "");
		if (o->cat != CAT_OTHER && seen[o->cat])
			return reject(m, ctx, "ML102", loc, "keep one of them",
				      "two %s options in \"%s\": \"%s\" and "
				      "\"%s\"", cat_names[o->cat], mode,
				      seen[o->cat], o->name);
		seen[o->cat] = o->name;
		apply_opt(m, p, n, o, ctx);
		p += n + (p[n] == ',');
	}
	if (m->nocopy && m->kind == MOUNT_BIND)
		return reject(m, ctx, "ML102", loc, "remove \"nocopy\"",
			      "\"nocopy\" on a bind mount: only volumes are "
			      "filled from the image");
	if (m->propagation && m->kind == MOUNT_VOLUME &&
	    ctx->dialect != DIALECT_PODMAN)
		return reject(m, ctx, "ML102", loc,
			      "remove the propagation, or bind a host path",
			      "propagation \"%s\" on volume \"%s\": only bind "
			      "mounts take one, and Docker refuses it",
			      m->propagation, m->source);
	return 0;
}

/* ---- the short syntax ---------------------------------------------- */

/* The sections of a short spec, split on colons. */
struct sections {
	char *part[3];
	int n;
	const char *error;	/* why it could not be split, or NULL */
};

static void sections_release(struct sections *s, const struct spec_ctx *ctx)
{
	for (int i = 0; i < s->n && i < 3; i++)
		drop(ctx, &s->part[i]);
}

/*
 * Splits spec on ':', keeping "C:\" (a letter, a colon and a backslash at
 * the start of a section) as a Windows drive; Compose also takes "C:/" as
 * one, where the Docker daemon on Linux sees a volume "C".
 */
static bool drive_at(const char *start, const char *p, enum spec_dialect d)
{
	return *p == ':' && p - start == 1 && isalpha((unsigned char)*start) &&
	       (p[1] == '\\' || (p[1] == '/' && d == DIALECT_COMPOSE));
}

/*
 * The end of a "${...}" at p (its closing brace), so that the colon of
 * "${DATA:-./data}" splits nothing; p itself when p is no "${".
 */
static const char *skip_braces(const char *p)
{
	int depth = 0;

	if (p[0] != '$' || p[1] != '{')
		return p;
	for (const char *q = p + 1; *q; q++) {
		if (*q == '{')
			depth++;
		else if (*q == '}' && --depth == 0)
			return q;
	}
	return p;	/* unclosed: split as written */
}

static void split_spec(const char *spec, struct sections *s,
		       const struct spec_ctx *ctx)
{
	const char *start = spec, *p = spec;

	memset(s, 0, sizeof(*s));
	for (;; p++) {
		p = skip_braces(p);
		if (drive_at(start, p, ctx->dialect))
			continue;
		if (*p != ':' && *p)
			continue;
		if (p == start) {
			s->error = "an empty section between colons";
			return;
		}
		if (s->n == 3) {
			s->error = "too many colons";
			return;
		}
		s->part[s->n++] = keep_n(ctx, start, (size_t)(p - start));
		if (!*p)
			return;
		start = p + 1;
	}
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

static void fill_locs(struct mount *m, const struct loc *loc)
{
	for (int f = 0; f < MF_NFIELDS; f++)
		mount_set_loc(m, (enum mount_field)f, loc);
}

int mountspec_short(struct mount *m, const char *spec, const struct loc *loc,
		    const struct spec_ctx *ctx)
{
	struct sections s;
	const char *mode = NULL;
	int ret;

	begin(m, ctx);
	m->syntax = SYNTAX_SHORT;
	m->raw = keep(ctx, spec);
	fill_locs(m, loc);
	if (blank(spec))
		return reject(m, ctx, "ML101", loc,
			      "write SOURCE:TARGET[:MODE]",
			      "empty volume spec");
	split_spec(spec, &s, ctx);
	if (s.error) {
		sections_release(&s, ctx);
		return reject(m, ctx, "ML101", loc,
			      "write SOURCE:TARGET[:MODE]",
			      "invalid volume spec \"%s\": %s", spec, s.error);
	}
	if (s.n == 2 && is_mode(s.part[1], ctx->dialect)) {
		sections_release(&s, ctx);
		return reject(m, ctx, "ML101", loc,
			      "give a source or drop the mode: "
			      "\"NAME:TARGET:MODE\"",
			      "invalid volume spec \"%s\": a target and a mode "
			      "without a source", spec);
	}
	if (s.n == 1) {
		m->target = s.part[0];
	} else {
		m->source = s.part[0];
		m->target = s.part[1];
		mode = s.n == 3 ? s.part[2] : NULL;
	}
	ret = classify_source(m, ctx, loc);
	if (!ret)
		ret = check_target(m, ctx, loc);
	if (!ret && mode && !has_expansion(mode, ctx->dialect))
		ret = parse_options(m, mode, ctx, loc);
	if (s.n == 3)
		drop(ctx, &s.part[2]);
	if (ret)
		return -1;
	return 0;
}

/* ---- sizes --------------------------------------------------------- */

/*
 * "64m", "1g", "512k", "1024", "64MiB": bytes, as the kernel's tmpfs
 * size= and go-units' RAMInBytes read them. Returns 0, or -1 when it is
 * not a size. A percentage ("50%") is a size of unknown bytes.
 */
static int parse_size(const char *s, unsigned long long *bytes,
		      bool *percent)
{
	char *end;
	double v;
	unsigned long long mult = 1;

	*percent = false;
	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtod(s, NULL);
	/* digits and one fraction only: strtod would also take 1e9, 0x10 */
	end = (char *)s + strspn(s, "0123456789");
	if (*end == '.')
		end += 1 + strspn(end + 1, "0123456789");
	while (*end == ' ')
		end++;
	switch (tolower((unsigned char)*end)) {
	case '\0':
		break;
	case '%':
		*percent = true;
		end++;
		break;
	case 'b':
		end++;
		break;
	case 'k':
		mult = 1ULL << 10;
		end++;
		break;
	case 'm':
		mult = 1ULL << 20;
		end++;
		break;
	case 'g':
		mult = 1ULL << 30;
		end++;
		break;
	case 't':
		mult = 1ULL << 40;
		end++;
		break;
	case 'p':
		mult = 1ULL << 50;
		end++;
		break;
	default:
		return -1;
	}
	if (mult > 1 && (!strcasecmp(end, "ib") || !strcasecmp(end, "b")))
		end += strlen(end);
	if (*end || v * (double)mult >= 1.8e19)
		return -1;
	*bytes = (unsigned long long)(v * (double)mult);
	return 0;
}

/* A size of 0 (bytes or percent) is the kernel's "no limit": no size. */
static void set_size(struct mount *m, unsigned long long bytes, bool percent,
		     bool zero)
{
	m->has_size = !zero;
	m->size = percent ? 0 : bytes;
}

/* ---- --tmpfs ------------------------------------------------------- */

static int tmpfs_option(struct mount *m, const char *opt,
			const struct spec_ctx *ctx, const struct loc *loc)
{
	unsigned long long bytes = 0;
	bool percent = false;

	if (!strncmp(opt, "size=", 5)) {
		bool known = !parse_size(opt + 5, &bytes, &percent);

		if (!known && !has_expansion(opt + 5, ctx->dialect))
			return reject(m, ctx, "ML102", loc,
				      "write the size as 64m, 1g or 50%",
				      "invalid tmpfs size \"%s\"", opt + 5);
		set_size(m, bytes, percent,
			 known && strtod(opt + 5, NULL) == 0.0);
	} else if (!strncmp(opt, "mode=", 5)) {
		drop(ctx, &m->mode);
		m->mode = keep(ctx, opt + 5);
	} else if (!m->reenabled && (!strcmp(opt, "exec") ||
				     !strcmp(opt, "suid") ||
				     !strcmp(opt, "dev"))) {
		m->reenabled = keep(ctx, opt);
	} else if (!strcmp(opt, "noexec") || !strcmp(opt, "nosuid") ||
		   !strcmp(opt, "nodev")) {
		if (m->reenabled && !strcmp(m->reenabled, opt + 2))
			drop(ctx, &m->reenabled);
	} else if (!strcmp(opt, "ro")) {
		m->read_only = true;
	} else if (!strcmp(opt, "rw")) {
		m->read_only = false;
	}
	return 0;
}

int mountspec_tmpfs(struct mount *m, const char *spec, const struct loc *loc,
		    const struct spec_ctx *ctx)
{
	const char *colon = strchr(spec, ':');
	char *opts, *p;

	begin(m, ctx);
	m->kind = MOUNT_TMPFS;
	m->syntax = SYNTAX_TMPFS;
	m->raw = keep(ctx, spec);
	fill_locs(m, loc);
	m->target = colon ? keep_n(ctx, spec, (size_t)(colon - spec))
			  : keep(ctx, spec);
	if (check_target(m, ctx, loc))
		return -1;
	if (!colon)
		return 0;
	opts = xstrdup(colon + 1);
	for (p = opts; p && *p;) {
		char *comma = strchr(p, ',');

		if (comma)
			*comma = '\0';
		if (*p && tmpfs_option(m, p, ctx, loc)) {
			free(opts);
			return -1;
		}
		p = comma ? comma + 1 : NULL;
	}
	free(opts);
	return 0;
}

/* ---- fields of --mount and long syntax ------------------------------ */

enum field_id {
	F_TYPE, F_SOURCE, F_TARGET, F_READ_ONLY, F_CONSISTENCY,
	F_BIND_PROPAGATION, F_BIND_RECURSIVE, F_BIND_NONRECURSIVE,
	F_BIND_CREATE, F_BIND_SELINUX,
	F_VOLUME_NOCOPY, F_VOLUME_SUBPATH, F_VOLUME_DRIVER, F_VOLUME_LABEL,
	F_VOLUME_OPT,
	F_TMPFS_SIZE, F_TMPFS_MODE, F_IMAGE_SUBPATH,
	F_EXTENSION,
};

/* Which mount type a field belongs to. */
enum owner { FOR_ANY, FOR_BIND, FOR_VOLUME, FOR_TMPFS, FOR_IMAGE };

enum value_kind { V_STRING, V_BOOL, V_SIZE };

static const struct field_def {
	const char *csv;	/* --mount spelling, or NULL */
	const char *compose;	/* long-syntax spelling, or NULL */
	enum field_id id;
	enum owner owner;
	enum value_kind value;
	bool bare;		/* CSV: may stand without "=value" */
	enum mount_field at;
} field_defs[] = {
	{ "type", "type", F_TYPE, FOR_ANY, V_STRING, false, MF_ENTRY },
	{ "source", "source", F_SOURCE, FOR_ANY, V_STRING, false, MF_SOURCE },
	{ "src", NULL, F_SOURCE, FOR_ANY, V_STRING, false, MF_SOURCE },
	{ "target", "target", F_TARGET, FOR_ANY, V_STRING, false, MF_TARGET },
	{ "dst", NULL, F_TARGET, FOR_ANY, V_STRING, false, MF_TARGET },
	{ "destination", NULL, F_TARGET, FOR_ANY, V_STRING, false,
	  MF_TARGET },
	{ "readonly", "read_only", F_READ_ONLY, FOR_ANY, V_BOOL, true,
	  MF_READ_ONLY },
	{ "ro", NULL, F_READ_ONLY, FOR_ANY, V_BOOL, true, MF_READ_ONLY },
	{ "consistency", "consistency", F_CONSISTENCY, FOR_ANY, V_STRING,
	  false, MF_ENTRY },
	{ "bind-propagation", "bind.propagation", F_BIND_PROPAGATION,
	  FOR_BIND, V_STRING, false, MF_PROPAGATION },
	{ "bind-recursive", "bind.recursive", F_BIND_RECURSIVE, FOR_BIND,
	  V_STRING, false, MF_ENTRY },
	{ "bind-nonrecursive", NULL, F_BIND_NONRECURSIVE, FOR_BIND, V_BOOL,
	  true, MF_ENTRY },
	{ "bind-create-src", "bind.create_host_path", F_BIND_CREATE,
	  FOR_BIND, V_BOOL, true, MF_ENTRY },
	{ NULL, "bind.selinux", F_BIND_SELINUX, FOR_BIND, V_STRING, false,
	  MF_SELINUX },
	{ "volume-nocopy", "volume.nocopy", F_VOLUME_NOCOPY, FOR_VOLUME,
	  V_BOOL, true, MF_ENTRY },
	{ "volume-subpath", "volume.subpath", F_VOLUME_SUBPATH, FOR_VOLUME,
	  V_STRING, false, MF_ENTRY },
	{ "volume-driver", NULL, F_VOLUME_DRIVER, FOR_VOLUME, V_STRING, false,
	  MF_ENTRY },
	{ "volume-label", NULL, F_VOLUME_LABEL, FOR_VOLUME, V_STRING, false,
	  MF_ENTRY },
	{ "volume-opt", NULL, F_VOLUME_OPT, FOR_VOLUME, V_STRING, false,
	  MF_ENTRY },
	{ "tmpfs-size", "tmpfs.size", F_TMPFS_SIZE, FOR_TMPFS, V_SIZE, false,
	  MF_TMPFS_SIZE },
	{ "tmpfs-mode", "tmpfs.mode", F_TMPFS_MODE, FOR_TMPFS, V_STRING,
	  false, MF_TMPFS_MODE },
	{ "image-subpath", "image.subpath", F_IMAGE_SUBPATH, FOR_IMAGE,
	  V_STRING, false, MF_ENTRY },
};

static const struct field_def *find_field(const char *key, bool csv)
{
	for (size_t i = 0; i < sizeof(field_defs) / sizeof(*field_defs); i++) {
		const char *name = csv ? field_defs[i].csv
				       : field_defs[i].compose;

		if (name && name[0] == key[0] && !strcmp(name, key))
			return &field_defs[i];
	}
	return NULL;
}

static const char *const owner_names[] = {
	[FOR_ANY] = "any", [FOR_BIND] = "bind", [FOR_VOLUME] = "volume",
	[FOR_TMPFS] = "tmpfs", [FOR_IMAGE] = "image",
};

/* One field of a long mount, whatever its spelling. */
struct lfield {
	const struct field_def *def;
	const char *key;	/* as written */
	const char *value;	/* NULL: bare (CSV) or not a scalar */
	struct loc key_loc, value_loc;
};

/*
 * Go's strconv.ParseBool (what docker reads --mount booleans with);
 * with yaml, also the YAML 1.1 words yes, on, no and off.
 */
static int parse_bool(const char *s, bool yaml)
{
	static const char *const yes[] = { "1", "t", "T", "true", "TRUE",
					   "True", "yes", "on" };
	static const char *const no[] = { "0", "f", "F", "false", "FALSE",
					  "False", "no", "off" };
	size_t n = yaml ? sizeof(yes) / sizeof(*yes) : 6;

	for (size_t i = 0; i < n; i++) {
		if (s[0] == yes[i][0] && !strcmp(s, yes[i]))
			return 1;
		if (s[0] == no[i][0] && !strcmp(s, no[i]))
			return 0;
	}
	return -1;
}

static enum mount_kind type_kind(const char *type, bool *known)
{
	static const struct {
		const char *name;
		enum mount_kind kind;
	} types[] = {
		{ "bind", MOUNT_BIND }, { "volume", MOUNT_VOLUME },
		{ "tmpfs", MOUNT_TMPFS }, { "npipe", MOUNT_NPIPE },
		{ "image", MOUNT_IMAGE }, { "cluster", MOUNT_CLUSTER },
	};

	*known = true;
	for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++)
		if (types[i].name[0] == type[0] && !strcmp(types[i].name, type))
			return types[i].kind;
	*known = false;
	return MOUNT_VOLUME;
}

static bool owner_fits(enum owner o, enum mount_kind k)
{
	switch (o) {
	case FOR_BIND:
		return k == MOUNT_BIND;
	case FOR_VOLUME:
		return k == MOUNT_VOLUME || k == MOUNT_ANON;
	case FOR_TMPFS:
		return k == MOUNT_TMPFS;
	case FOR_IMAGE:
		return k == MOUNT_IMAGE;
	default:
		return true;
	}
}

/* The words a field's value must be one of, or NULL for any. */
static const char *const *field_words(enum field_id id)
{
	static const char *const propagation[] = {
		"rprivate", "private", "rshared", "shared", "rslave", "slave",
		NULL
	};
	static const char *const recursive[] = {
		"enabled", "disabled", "writable", "readonly", NULL
	};
	static const char *const selinux[] = { "z", "Z", NULL };

	switch (id) {
	case F_BIND_PROPAGATION:
		return propagation;
	case F_BIND_RECURSIVE:
		return recursive;
	case F_BIND_SELINUX:
		return selinux;
	default:
		return NULL;
	}
}

/* "a, b or c" of a NULL-terminated list of words. */
static char *words_text(const char *const *w)
{
	struct buf b;

	buf_init(&b, 0);
	for (size_t i = 0; w[i]; i++)
		buf_addf(&b, "%s%s", i == 0 ? "" : w[i + 1] ? ", " : " or ",
			 w[i]);
	return buf_detach(&b, NULL);
}

static bool one_of(const char *v, const char *const *w)
{
	for (; *w; w++)
		if (v[0] == (*w)[0] && !strcmp(v, *w))
			return true;
	return false;
}

/* A tmpfs mode: octal in --mount; in compose, YAML's integer forms. */
static bool valid_mode(const char *v, enum spec_dialect d)
{
	const char *digits = "01234567";

	if (d == DIALECT_COMPOSE && !strncmp(v, "0o", 2))
		v += 2;
	else if (d == DIALECT_COMPOSE && v[0] != '0')
		digits = "0123456789";
	return *v && strlen(v) <= 11 && !v[strspn(v, digits)];
}

/* A value outside the words its field takes; -1 after reporting it. */
static int check_words(struct mount *m, const struct lfield *f,
		       const struct spec_ctx *ctx)
{
	const char *const *w = field_words(f->def->id);
	char *text, *fix;
	int ret;

	if (f->def->id == F_TMPFS_MODE && !valid_mode(f->value, ctx->dialect))
		return reject(m, ctx, "ML104", &f->key_loc,
			      "write the mode in octal, such as 1777",
			      "\"%s\" takes an octal mode, not \"%s\"",
			      f->key, f->value);
	if (!w || one_of(f->value, w))
		return 0;
	text = words_text(w);
	fix = xasprintf("write %s", text);
	ret = reject(m, ctx, "ML104", &f->key_loc, fix,
		     "\"%s\" takes %s, not \"%s\"", f->key, text, f->value);
	free(fix);
	free(text);
	return ret;
}

/* A field given twice: the last one counts, as in Docker. */
static void set_string(char **slot, const char *v, const struct spec_ctx *ctx)
{
	drop(ctx, slot);
	*slot = keep(ctx, v);
}

/* Checks one field's value against its kind; sets it on m. */
static int set_field(struct mount *m, const struct lfield *f,
		     const struct spec_ctx *ctx)
{
	const char *v = f->value;
	const struct loc *at = &f->value_loc;
	unsigned long long bytes = 0;
	bool percent = false;
	int b = 1;

	if (f->def->value == V_STRING && v &&
	    !has_expansion(v, ctx->dialect) && check_words(m, f, ctx))
		return -1;
	if (f->def->value == V_BOOL && v) {
		b = parse_bool(v, ctx->dialect == DIALECT_COMPOSE);
		if (b < 0 && !has_expansion(v, ctx->dialect))
			return reject(m, ctx, "ML104", &f->key_loc,
				      "write true or false",
				      "\"%s\" takes true or false, not \"%s\"",
				      f->key, v);
	}
	if (f->def->value == V_SIZE && parse_size(v, &bytes, &percent) &&
	    !has_expansion(v, ctx->dialect))
		return reject(m, ctx, "ML104", &f->key_loc,
			      "write the size as bytes, or with a unit: 64m",
			      "invalid size \"%s\" for \"%s\"", v, f->key);
	if (f->def->at != MF_ENTRY)	/* the entry keeps its first key */
		mount_set_loc(m, f->def->at, at);
	switch (f->def->id) {
	case F_READ_ONLY:
		m->read_only = b == 1;
		break;
	case F_BIND_PROPAGATION:
		set_string(&m->propagation, v, ctx);
		break;
	case F_BIND_SELINUX:
		m->selinux = v[0] == 'Z' ? SELINUX_PRIVATE : SELINUX_SHARED;
		break;
	case F_VOLUME_NOCOPY:
		m->nocopy = b == 1;
		break;
	case F_VOLUME_SUBPATH:
	case F_IMAGE_SUBPATH:
		set_string(&m->subpath, v, ctx);
		break;
	case F_VOLUME_DRIVER:
		set_string(&m->volume_driver, v, ctx);
		break;
	case F_VOLUME_LABEL: {
		const char *eq = strchr(v, '=');
		char *key = xstrndup(v, eq ? (size_t)(eq - v) : strlen(v));

		kv_add(&m->labels, key, eq ? eq + 1 : "");
		free(key);
		break;
	}
	case F_TMPFS_SIZE:
		set_size(m, bytes, percent,
			 v && isdigit((unsigned char)*v) &&
			 strtod(v, NULL) == 0.0);
		break;
	case F_TMPFS_MODE:
		set_string(&m->mode, v, ctx);
		break;
	default:
		break;
	}
	return 0;
}

/* The field that names a thing, or NULL. */
static const struct lfield *field_of(const struct lfield *f, size_t n,
				     enum field_id id)
{
	for (size_t i = n; i-- > 0;)
		if (f[i].def && f[i].def->id == id)
			return &f[i];
	return NULL;
}

/* What Docker rejects of a whole long mount, beyond single fields. */
static int check_mount(struct mount *m, const struct lfield *f, size_t n,
		       const struct loc *entry, const struct spec_ctx *ctx)
{
	const struct lfield *src = field_of(f, n, F_SOURCE);
	const struct lfield *sub = field_of(f, n, F_VOLUME_SUBPATH);

	for (size_t i = 0; i < n; i++)
		if (f[i].def && !owner_fits(f[i].def->owner, m->kind))
			return reject(m, ctx, "ML104", &f[i].key_loc,
				      "remove it, or change the type",
				      "\"%s\" is a %s option, but this mount "
				      "is of type %s", f[i].key,
				      owner_names[f[i].def->owner],
				      mount_kind_name(m->kind));
	if (m->kind == MOUNT_TMPFS && src && src->value && *src->value)
		return reject(m, ctx, "ML104", &src->key_loc,
			      "remove the source",
			      "a tmpfs mount takes no source");
	if (m->kind == MOUNT_BIND && !m->source)
		return reject(m, ctx, "ML104", entry, "add the host path",
			      "a bind mount needs a source");
	if (m->kind == MOUNT_ANON && sub)
		return reject(m, ctx, "ML104", &sub->key_loc,
			      "name the volume, or remove the subpath",
			      "a subpath needs a named volume");
	if (m->kind == MOUNT_ANON && m->read_only)
		return reject(m, ctx, "ML104",
			      &field_of(f, n, F_READ_ONLY)->key_loc,
			      "name the volume, or drop read-only",
			      "a read-only anonymous volume: Docker refuses "
			      "it, as nothing could ever be written to it");
	return 0;
}

/*
 * A --mount source Docker would misread: without a type, a path is
 * taken for a volume name; a bind's relative path must start with "."
 * (docker/cli makes only those absolute). -1 after reporting.
 */
static int check_csv_source(struct mount *m, const struct lfield *type,
			    const struct lfield *src, const struct loc *loc,
			    const struct spec_ctx *ctx)
{
	const char *s = src && src->value ? src->value : "";

	if (!*s || has_expansion(s, ctx->dialect))
		return 0;
	if (!type && looks_like_path(s))
		return reject(m, ctx, "ML104", loc,
			      "add \"type=bind,\" to mount a host path",
			      "--mount without a type: Docker takes \"%s\" "
			      "for a volume name", s);
	if (type && type->value && !strcmp(type->value, "bind") &&
	    !looks_like_path(s))
		return reject(m, ctx, "ML104", loc,
			      "write \"./%s\" or an absolute path",
			      "bind source \"%s\" is not an absolute path",
			      s);
	return 0;
}

/* Reads the fields into m; `csv` chooses the spelling. */
static int long_mount(struct mount *m, const struct lfield *f, size_t n,
		      const struct loc *entry, const struct spec_ctx *ctx,
		      bool csv)
{
	const struct lfield *type = field_of(f, n, F_TYPE);
	const struct lfield *src = field_of(f, n, F_SOURCE);
	const struct lfield *dst = field_of(f, n, F_TARGET);
	bool known = true;
	int ret = 0;

	m->syntax = SYNTAX_LONG;
	m->kind = MOUNT_VOLUME;		/* --mount's default type */
	fill_locs(m, entry);
	for (size_t i = 0; i < n; i++)
		if (!f[i].def)
			return reject(m, ctx, "ML104", &f[i].key_loc,
				      csv ? "use type, src, dst, readonly, "
				      "bind-propagation, bind-recursive, "
				      "volume-subpath, volume-nocopy, "
				      "volume-driver, volume-label, volume-opt, "
				      "tmpfs-size, tmpfs-mode, image-subpath or "
				      "consistency" : "use type, source, target, "
				      "read_only, consistency, bind, volume, "
				      "tmpfs or image (or an x- extension)",
				      "unknown mount key \"%s\"", f[i].key);
	if (!type && !csv)
		return reject(m, ctx, "ML104", entry,
			      "add \"type: bind\", \"type: volume\" or "
			      "\"type: tmpfs\"", "long syntax without a type");
	if (csv && check_csv_source(m, type, src, entry, ctx))
		return -1;
	if (type)
		m->kind = type_kind(type->value ? type->value : "", &known);
	if (!known)
		return reject(m, ctx, "ML104", &type->value_loc,
			      "use bind, volume, tmpfs, npipe, image or "
			      "cluster", "unknown mount type \"%s\"",
			      type->value);
	if (src && src->value && *src->value) {
		m->source = keep(ctx, src->value);
		mount_set_loc(m, MF_SOURCE, &src->value_loc);
	}
	if (dst && dst->value) {
		m->target = keep(ctx, dst->value);
		mount_set_loc(m, MF_TARGET, &dst->value_loc);
	}
	if (m->kind == MOUNT_VOLUME && !m->source)
		m->kind = MOUNT_ANON;
	if (m->kind == MOUNT_BIND && !m->source)
		return reject(m, ctx, "ML104", entry, "add the host path",
			      "a bind mount needs a source");
	if (m->kind == MOUNT_BIND || m->kind == MOUNT_VOLUME)
		ret = classify_bound(m, ctx);
	for (size_t i = 0; !ret && i < n; i++)
		if (f[i].def->id != F_TYPE && f[i].def->id != F_SOURCE &&
		    f[i].def->id != F_TARGET)
			ret = set_field(m, &f[i], ctx);
	if (!ret)
		ret = check_mount(m, f, n, entry, ctx);
	if (!ret)
		ret = check_target(m, ctx, dst ? &dst->value_loc : entry);
	return ret;
}

/* ---- the two spellings of long mounts -------------------------------- */

static void lfields_release(struct lfield *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)f[i].key);
	free(f);
}

int mountspec_long(struct mount *m, const struct spec_field *fields,
		   size_t n, const struct loc *entry_loc,
		   const struct spec_ctx *ctx)
{
	struct lfield small[16];
	struct lfield *f = n < 16 ? small : xcalloc(n + 1, sizeof(*f));
	size_t k = 0;
	int ret;

	memset(f, 0, (n < 16 ? 16 : n + 1) * sizeof(*f));
	begin(m, ctx);
	m->raw = keep(ctx, "(long syntax)");
	for (size_t i = 0; i < n; i++) {
		if (!strncmp(fields[i].key, "x-", 2))
			continue;	/* extensions are the user's own */
		f[k].key = fields[i].key;	/* the caller's */
		f[k].def = find_field(fields[i].key, false);
		f[k].value = fields[i].value;
		f[k].key_loc = fields[i].key_loc;
		f[k].value_loc = fields[i].value_loc;
		if (f[k].def && !f[k].value) {
			if (f != small)
				free(f);
			return reject(m, ctx, "ML104", &fields[i].key_loc,
				      "give it a single value",
				      "\"%s\" takes a single value",
				      fields[i].key);
		}
		k++;
	}
	ret = long_mount(m, f, k, entry_loc, ctx, false);
	if (f != small)
		free(f);
	return ret;
}

/* Splits "key=value" of one CSV field; -1 after reporting a bad one. */
static int csv_field(struct mount *m, struct lfield *f, char *text,
		     const struct loc *loc, const struct spec_ctx *ctx)
{
	char *eq = strchr(text, '=');
	size_t klen = eq ? (size_t)(eq - text) : strlen(text);
	char *key = xstrndup(text, klen);

	for (char *p = key; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	f->key = key;
	f->def = find_field(key, true);
	f->value = eq ? eq + 1 : NULL;
	f->key_loc = *loc;
	f->value_loc = *loc;
	if (klen && (isspace((unsigned char)key[0]) ||
		     isspace((unsigned char)key[klen - 1]) ||
		     (eq && isspace((unsigned char)eq[1]))))
		return reject(m, ctx, "ML104", loc,
			      "remove the spaces around the field",
			      "white space in the --mount field \"%s\"", text);
	if (f->def && !eq && !f->def->bare)
		return reject(m, ctx, "ML104", loc, "write it as KEY=VALUE",
			      "the --mount field \"%s\" needs a value", key);
	if (eq && !eq[1])
		return reject(m, ctx, "ML104", loc,
			      "give it a value, or remove the field",
			      "the --mount field \"%s\" has an empty value",
			      key);
	if (f->def && (f->def->id == F_TYPE ||
		       f->def->id == F_BIND_PROPAGATION))
		for (char *p = eq + 1; *p; p++)	/* docker lower-cases */
			*p = (char)tolower((unsigned char)*p);
	return 0;
}

int mountspec_csv(struct mount *m, const char *csv, const struct loc *loc,
		  const struct spec_ctx *ctx)
{
	char **fields = NULL;
	int n = csv_split(csv, &fields);
	struct lfield *f;
	struct spec_ctx shell = *ctx;
	int ret = 0;

	begin(m, ctx);
	m->raw = keep(ctx, csv);
	if (n < 0)
		return reject(m, ctx, "ML104", loc,
			      "close the quote, or quote the whole field",
			      "invalid --mount value \"%s\": a quote is not "
			      "closed or stands inside a field", csv);
	f = xcalloc((size_t)n + 1, sizeof(*f));
	shell.home_tilde = false;	/* inside the word: never expanded */
	for (int i = 0; i < n && !ret; i++)
		ret = csv_field(m, &f[i], fields[i], loc, ctx);
	if (!ret)
		ret = long_mount(m, f, (size_t)n, loc, &shell, true);
	if (!ret)
		fill_locs(m, loc);
	lfields_release(f, (size_t)n);
	csv_free(fields, n);
	return ret;
}

/* ---- CSV ------------------------------------------------------------ */

int csv_split(const char *s, char ***fields)
{
	struct buf b;
	char **out = NULL;
	size_t n = 0, cap = 0;
	const char *p = s;

	buf_init(&b, 0);
	for (;;) {
		buf_reset(&b);
		if (*p == '"') {
			for (p++;; p++) {
				if (!*p)
					goto bad;
				if (*p == '"' && p[1] == '"')
					p++;
				else if (*p == '"')
					break;
				buf_addch(&b, *p);
			}
			p++;
			if (*p && *p != ',')
				goto bad;
		} else {
			size_t n_plain = strcspn(p, ",\"");

			if (p[n_plain] == '"')
				goto bad;
			buf_add(&b, p, n_plain);
			p += n_plain;
		}
		grow_array(&out, sizeof(*out), n + 1, &cap);
		out[n++] = xstrdup(b.data);
		if (!*p)
			break;
		p++;
	}
	buf_release(&b);
	*fields = out;
	return (int)n;
bad:
	buf_release(&b);
	csv_free(out, (int)n);
	*fields = NULL;
	return -1;
}

void csv_free(char **fields, int n)
{
	for (int i = 0; i < n; i++)
		free(fields[i]);
	free(fields);
}
