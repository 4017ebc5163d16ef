/*
 * docker/podman command lines to the model. One table holds every flag
 * of `docker run` (docker 28) and `podman run` that takes a value, so
 * that the image, the first word that is not an option, is always found.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dockercli.h"
#include "mountspec.h"
#include "../lint/diag.h"
#include "../lint/mem.h"
#include "../lint/utf8.h"

#include "../lint/banned.h"

/* A command being read: its words and how far we are. */
struct cmdline {
	struct unit *u;
	struct findings *out;
	const struct word *w;
	size_t n, i;
	const struct word *prog;	/* the docker or podman word */
	enum engine engine;
};

static const char *text_at(const struct cmdline *cl, size_t k)
{
	return cl->i + k < cl->n ? cl->w[cl->i + k].text : NULL;
}

static bool is_word(const struct cmdline *cl, const char *s)
{
	const char *t = text_at(cl, 0);

	return t && !strcmp(t, s);
}

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static bool in_list(const char *s, const char *const *list)
{
	for (; list && *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

/* --- Options of commands we only pass through ----------------------- */

/* Which options of a command take a value. */
struct valued {
	const char *shorts;		/* single letters */
	const char *const *longs;	/* "--user", ... */
};

/*
 * Skips the options at cl->i: a value-taking one also skips its value,
 * unless attached (-uroot, --user=root). Stops after `--` or at the first
 * word that is not an option.
 */
static void skip_options(struct cmdline *cl, const struct valued *v)
{
	const char *t;

	while ((t = text_at(cl, 0)) && t[0] == '-' && t[1]) {
		cl->i++;
		if (!strcmp(t, "--"))
			return;
		if (t[1] == '-') {
			if (!strchr(t, '=') && in_list(t, v->longs))
				cl->i++;
			continue;
		}
		for (const char *p = t + 1; *p; p++) {
			if (v->shorts && strchr(v->shorts, *p)) {
				cl->i += !p[1];
				break;
			}
		}
	}
}

static bool is_assignment(const char *s)
{
	const char *eq = strchr(s, '=');

	if (!eq || eq == s || (*s >= '0' && *s <= '9'))
		return false;
	for (const char *p = s; p < eq; p++)
		if (!(*p == '_' || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

static const char *const sudo_longs[] = {
	"--chdir", "--chroot", "--close-from", "--command-timeout",
	"--group", "--host", "--other-user", "--prompt", "--role", "--type",
	"--user", NULL,
};
static const char *const env_longs[] = {
	"--chdir", "--split-string", "--unset", NULL,
};

/* Words that run the command after them. */
static const struct prefix {
	const char *name;
	struct valued opts;
} prefixes[] = {
	{ "$", { NULL, NULL } },	/* a pasted prompt */
	{ "sudo", { "CDgpRrTtUu", sudo_longs } },
	{ "doas", { "Cu", NULL } },
	{ "exec", { "a", NULL } },
	{ "env", { "CSu", env_longs } },
	{ "command", { NULL, NULL } },
	{ "time", { "fo", NULL } },
	{ "nohup", { NULL, NULL } },
};

static const struct prefix *find_prefix(const char *word)
{
	const char *name = basename_of(word);

	for (size_t k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++)
		if (!strcmp(name, prefixes[k].name))
			return &prefixes[k];
	return NULL;
}

/* Skips sudo, env X=y and the like, with their options. */
static void skip_prefixes(struct cmdline *cl)
{
	const struct prefix *p;
	const char *t;

	while ((t = text_at(cl, 0))) {
		if (is_assignment(t)) {
			cl->i++;
			continue;
		}
		p = find_prefix(t);
		if (!p)
			return;
		cl->i++;
		skip_options(cl, &p->opts);
	}
}

/* Options before the subcommand: docker's and podman's, in one list. */
static const char *const global_longs[] = {
	"--cdi-spec-dir", "--cgroup-manager", "--config", "--conmon",
	"--connection", "--context", "--db-backend", "--events-backend",
	"--hooks-dir", "--host", "--identity", "--imagestore",
	"--log-level", "--module", "--network-cmd-path",
	"--network-config-dir", "--out", "--root", "--runroot", "--runtime",
	"--runtime-flag", "--ssh", "--storage-driver", "--storage-opt",
	"--tlscacert", "--tlscert", "--tlskey", "--tmpdir", "--url",
	"--volumepath", NULL,
};
static const struct valued global_opts = { "cHl", global_longs };

/* Options of `docker compose` and docker-compose before `down`. */
static const char *const compose_longs[] = {
	"--ansi", "--context", "--env-file", "--file", "--host",
	"--log-level", "--parallel", "--profile", "--progress",
	"--project-directory", "--project-name", NULL,
};
static const struct valued compose_opts = { "cfHp", compose_longs };

/* --- Volume commands --------------------------------------------------- */

static struct volcmd *add_volcmd(struct cmdline *cl, enum volcmd_kind kind)
{
	struct volcmd *vc = unit_add_volcmd(cl->u);

	vc->kind = kind;
	vc->engine = cl->engine;
	vc->loc = cl->prog->loc;
	return vc;
}

static bool is_long(const char *t, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(t, name, n) && (!t[n] || t[n] == '=');
}

/* A short option bundle (-fv) that holds letter c. */
static bool bundle_has(const char *t, char c)
{
	return t[0] == '-' && t[1] != '-' && strchr(t + 1, c);
}

/* rm, container rm, compose down: -v, --volumes, -fv... */
static void read_volumes_flag(struct cmdline *cl, enum volcmd_kind kind)
{
	struct volcmd *vc = add_volcmd(cl, kind);
	const char *t;

	for (; (t = text_at(cl, 0)) && strcmp(t, "--"); cl->i++)
		if (is_long(t, "--volumes") || bundle_has(t, 'v'))
			vc->volumes = strcmp(t, "--volumes=false") != 0;
}

/* volume prune and system prune. */
static void read_prune(struct cmdline *cl, enum volcmd_kind kind)
{
	struct volcmd *vc = add_volcmd(cl, kind);
	const char *t;

	for (; (t = text_at(cl, 0)); cl->i++) {
		if (is_long(t, "--filter"))
			vc->has_filter = true;
		if (is_long(t, "--volumes"))
			vc->volumes = strcmp(t, "--volumes=false") != 0;
	}
}

/* $(docker volume ls -q) and the like: every volume there is. */
static bool lists_all_volumes(const struct word *w)
{
	const char *t = w->text;

	if (!w->opaque || (!strstr(t, "$(") && !strchr(t, '`')))
		return false;
	if (!strstr(t, "volume ls") && !strstr(t, "volume list"))
		return false;
	return !strstr(t, "filter") && !strstr(t, "-f") &&
	       !strstr(t, "qf") && !strstr(t, "grep");
}

static void read_volume_rm(struct cmdline *cl)
{
	struct volcmd *vc = add_volcmd(cl, VOLCMD_VOLUME_RM);

	for (; cl->i < cl->n; cl->i++) {
		const struct word *w = &cl->w[cl->i];

		if (w->text[0] == '-')
			continue;
		if (lists_all_volumes(w))
			vc->all_volumes = true;
		else if (!vc->name)
			vc->name = xstrdup(w->text);
	}
}

static void add_label(struct volcmd *vc, const struct word *w,
		      const char *kv)
{
	const char *eq = strchr(kv, '=');
	char *key = eq ? xstrndup(kv, (size_t)(eq - kv)) : xstrdup(kv);

	kv_add(&vc->labels, key, eq ? eq + 1 : NULL)->loc = w->loc;
	free(key);
}

static const char *const volume_create_longs[] = {
	"--availability", "--driver", "--group", "--label", "--limit-bytes",
	"--name", "--opt", "--required-bytes", "--scope", "--secret",
	"--sharing", "--topology-preferred", "--topology-required", "--type",
	NULL,
};

/* The value of a volume create option at cl->i, or NULL. */
static const char *option_value(struct cmdline *cl, const char *t,
				const struct word **vw)
{
	const char *eq = strchr(t, '=');

	*vw = &cl->w[cl->i];
	if (t[1] == '-' && eq)
		return eq + 1;
	if (t[1] != '-' && t[2])
		return t + 2;
	if (cl->i + 1 >= cl->n)
		return NULL;
	*vw = &cl->w[++cl->i];
	return (*vw)->text;
}

static bool create_takes_value(const char *t)
{
	size_t len = strcspn(t, "=");

	if (t[1] != '-')
		return strchr("dlo", t[1]) != NULL;
	for (const char *const *l = volume_create_longs; *l; l++)
		if (strlen(*l) == len && !strncmp(*l, t, len))
			return true;
	return false;
}

static void read_volume_create(struct cmdline *cl)
{
	struct volcmd *vc = add_volcmd(cl, VOLCMD_VOLUME_CREATE);
	const struct word *vw;
	const char *t, *v;

	for (; (t = text_at(cl, 0)); cl->i++) {
		if (t[0] != '-' || !t[1]) {
			if (!vc->name)
				vc->name = xstrdup(t);
			continue;
		}
		if (!create_takes_value(t))
			continue;
		v = option_value(cl, t, &vw);
		if (v && (is_long(t, "--label") || t[1] == 'l'))
			add_label(vc, vw, v);
		else if (v && is_long(t, "--name") && !vc->name)
			vc->name = xstrdup(v);
	}
}

/* --- run and create ------------------------------------------------- */

enum action {
	ACT_NONE,
	ACT_VOLUME,
	ACT_MOUNT,
	ACT_TMPFS,
	ACT_NAME,
	ACT_USER,
	ACT_ENV,
	ACT_SECOPT,
	ACT_VOLUMES_FROM,
	ACT_PRIVILEGED,		/* the rest are booleans */
	ACT_READ_ONLY,
	ACT_RM,
	ACT_API_SOCKET,
};

struct flag {
	const char *name;	/* without the dashes */
	char shorthand;
	enum action act;
};

static bool act_is_bool(enum action a)
{
	return a >= ACT_PRIVILEGED;
}

/*
 * Every flag of docker run/create and podman run/create that takes a
 * value, and the booleans the model records. A flag not listed here is a
 * boolean that takes no value.
 */
static const struct flag run_flags[] = {
	{ "add-host", 0, ACT_NONE },
	{ "annotation", 0, ACT_NONE },
	{ "arch", 0, ACT_NONE },
	{ "attach", 'a', ACT_NONE },
	{ "authfile", 0, ACT_NONE },
	{ "blkio-weight", 0, ACT_NONE },
	{ "blkio-weight-device", 0, ACT_NONE },
	{ "cap-add", 0, ACT_NONE },
	{ "cap-drop", 0, ACT_NONE },
	{ "cert-dir", 0, ACT_NONE },
	{ "cgroup-conf", 0, ACT_NONE },
	{ "cgroup-parent", 0, ACT_NONE },
	{ "cgroupns", 0, ACT_NONE },
	{ "cgroups", 0, ACT_NONE },
	{ "chrootdirs", 0, ACT_NONE },
	{ "cidfile", 0, ACT_NONE },
	{ "conmon-pidfile", 0, ACT_NONE },
	{ "cpu-count", 0, ACT_NONE },
	{ "cpu-percent", 0, ACT_NONE },
	{ "cpu-period", 0, ACT_NONE },
	{ "cpu-quota", 0, ACT_NONE },
	{ "cpu-rt-period", 0, ACT_NONE },
	{ "cpu-rt-runtime", 0, ACT_NONE },
	{ "cpu-shares", 'c', ACT_NONE },
	{ "cpus", 0, ACT_NONE },
	{ "cpuset-cpus", 0, ACT_NONE },
	{ "cpuset-mems", 0, ACT_NONE },
	{ "creds", 0, ACT_NONE },
	{ "decryption-key", 0, ACT_NONE },
	{ "detach-keys", 0, ACT_NONE },
	{ "device", 0, ACT_NONE },
	{ "device-cgroup-rule", 0, ACT_NONE },
	{ "device-read-bps", 0, ACT_NONE },
	{ "device-read-iops", 0, ACT_NONE },
	{ "device-write-bps", 0, ACT_NONE },
	{ "device-write-iops", 0, ACT_NONE },
	{ "dns", 0, ACT_NONE },
	{ "dns-opt", 0, ACT_NONE },
	{ "dns-option", 0, ACT_NONE },
	{ "dns-search", 0, ACT_NONE },
	{ "domainname", 0, ACT_NONE },
	{ "entrypoint", 0, ACT_NONE },
	{ "env", 'e', ACT_ENV },
	{ "env-file", 0, ACT_NONE },
	{ "env-merge", 0, ACT_NONE },
	{ "expose", 0, ACT_NONE },
	{ "gidmap", 0, ACT_NONE },
	{ "gpus", 0, ACT_NONE },
	{ "group-add", 0, ACT_NONE },
	{ "group-entry", 0, ACT_NONE },
	{ "health-cmd", 0, ACT_NONE },
	{ "health-interval", 0, ACT_NONE },
	{ "health-log-destination", 0, ACT_NONE },
	{ "health-max-log-count", 0, ACT_NONE },
	{ "health-max-log-size", 0, ACT_NONE },
	{ "health-on-failure", 0, ACT_NONE },
	{ "health-retries", 0, ACT_NONE },
	{ "health-start-interval", 0, ACT_NONE },
	{ "health-start-period", 0, ACT_NONE },
	{ "health-startup-cmd", 0, ACT_NONE },
	{ "health-startup-interval", 0, ACT_NONE },
	{ "health-startup-retries", 0, ACT_NONE },
	{ "health-startup-success", 0, ACT_NONE },
	{ "health-startup-timeout", 0, ACT_NONE },
	{ "health-timeout", 0, ACT_NONE },
	{ "hostname", 'h', ACT_NONE },
	{ "hosts-file", 0, ACT_NONE },
	{ "hostuser", 0, ACT_NONE },
	{ "image-volume", 0, ACT_NONE },
	{ "init-path", 0, ACT_NONE },
	{ "io-maxbandwidth", 0, ACT_NONE },
	{ "io-maxiops", 0, ACT_NONE },
	{ "ip", 0, ACT_NONE },
	{ "ip6", 0, ACT_NONE },
	{ "ipc", 0, ACT_NONE },
	{ "isolation", 0, ACT_NONE },
	{ "kernel-memory", 0, ACT_NONE },
	{ "label", 'l', ACT_NONE },
	{ "label-file", 0, ACT_NONE },
	{ "link", 0, ACT_NONE },
	{ "link-local-ip", 0, ACT_NONE },
	{ "log-driver", 0, ACT_NONE },
	{ "log-opt", 0, ACT_NONE },
	{ "mac-address", 0, ACT_NONE },
	{ "memory", 'm', ACT_NONE },
	{ "memory-reservation", 0, ACT_NONE },
	{ "memory-swap", 0, ACT_NONE },
	{ "memory-swappiness", 0, ACT_NONE },
	{ "mount", 0, ACT_MOUNT },
	{ "name", 0, ACT_NAME },
	{ "net", 0, ACT_NONE },
	{ "net-alias", 0, ACT_NONE },
	{ "network", 0, ACT_NONE },
	{ "network-alias", 0, ACT_NONE },
	{ "oom-score-adj", 0, ACT_NONE },
	{ "os", 0, ACT_NONE },
	{ "passwd-entry", 0, ACT_NONE },
	{ "personality", 0, ACT_NONE },
	{ "pid", 0, ACT_NONE },
	{ "pidfile", 0, ACT_NONE },
	{ "pids-limit", 0, ACT_NONE },
	{ "platform", 0, ACT_NONE },
	{ "pod", 0, ACT_NONE },
	{ "pod-id-file", 0, ACT_NONE },
	{ "preserve-fd", 0, ACT_NONE },
	{ "privileged", 0, ACT_PRIVILEGED },
	{ "publish", 'p', ACT_NONE },
	{ "pull", 0, ACT_NONE },
	{ "rdt-class", 0, ACT_NONE },
	{ "read-only", 0, ACT_READ_ONLY },
	{ "requires", 0, ACT_NONE },
	{ "restart", 0, ACT_NONE },
	{ "retry", 0, ACT_NONE },
	{ "retry-delay", 0, ACT_NONE },
	{ "rm", 0, ACT_RM },
	{ "runtime", 0, ACT_NONE },
	{ "sdnotify", 0, ACT_NONE },
	{ "seccomp-policy", 0, ACT_NONE },
	{ "secret", 0, ACT_NONE },
	{ "security-opt", 0, ACT_SECOPT },
	{ "shm-size", 0, ACT_NONE },
	{ "shm-size-systemd", 0, ACT_NONE },
	{ "stop-signal", 0, ACT_NONE },
	{ "stop-timeout", 0, ACT_NONE },
	{ "storage-opt", 0, ACT_NONE },
	{ "subgidname", 0, ACT_NONE },
	{ "subuidname", 0, ACT_NONE },
	{ "sysctl", 0, ACT_NONE },
	{ "systemd", 0, ACT_NONE },
	{ "timeout", 0, ACT_NONE },
	{ "tmpfs", 0, ACT_TMPFS },
	{ "tz", 0, ACT_NONE },
	{ "uidmap", 0, ACT_NONE },
	{ "ulimit", 0, ACT_NONE },
	{ "umask", 0, ACT_NONE },
	{ "unsetenv", 0, ACT_NONE },
	{ "use-api-socket", 0, ACT_API_SOCKET },
	{ "user", 'u', ACT_USER },
	{ "userns", 0, ACT_NONE },
	{ "uts", 0, ACT_NONE },
	{ "variant", 0, ACT_NONE },
	{ "volume", 'v', ACT_VOLUME },
	{ "volume-driver", 0, ACT_NONE },
	{ "volumes-from", 0, ACT_VOLUMES_FROM },
	{ "workdir", 'w', ACT_NONE },
};

#define N_RUN_FLAGS (sizeof(run_flags) / sizeof(run_flags[0]))

static const struct flag *find_long(const char *name, size_t len)
{
	for (size_t k = 0; k < N_RUN_FLAGS; k++) {
		const char *f = run_flags[k].name;

		if (f[0] == name[0] && !strncmp(f, name, len) && !f[len])
			return &run_flags[k];
	}
	return NULL;
}

static const struct flag *find_short(char c)
{
	for (size_t k = 0; k < N_RUN_FLAGS; k++)
		if (run_flags[k].shorthand == c)
			return &run_flags[k];
	return NULL;
}

/* One recorded option: the flag, its value and where both are. */
struct option {
	const struct flag *flag;
	const char *value;	/* NULL for a boolean without =value */
	struct loc flag_loc;	/* the word holding the flag */
	struct loc value_loc;	/* the value as written */
	bool tilde;		/* the shell expanded a leading ~ */
};

struct options {
	struct option *items;
	size_t n, cap;
};

/*
 * Where a value that starts `skip` bytes into word w lies: exact when the
 * word was written plainly on one line, else the whole word.
 */
static struct loc value_loc(const struct word *w, size_t skip)
{
	struct loc l = w->loc;
	size_t cps = utf8_count(w->text, strlen(w->text));

	if (w->plain && l.line == l.end_line &&
	    (size_t)(l.end_col - l.col) == cps)
		l.col += (int)utf8_count(w->text, skip);
	return l;
}

static void push_option(struct options *opts, const struct flag *f,
			const struct word *fw, const struct word *vw,
			size_t skip)
{
	struct option *o = ARRAY_PUSH(*opts);

	memset(o, 0, sizeof(*o));
	o->flag = f;
	o->flag_loc = fw->loc;
	if (!vw)
		return;
	o->value = vw->text + skip;
	o->value_loc = value_loc(vw, skip);
	o->tilde = skip == 0 && vw->tilde;
}

/* --name=value, --name value, --bool, --bool=false. Unknown: boolean. */
static void read_long(struct cmdline *cl, struct options *opts)
{
	const struct word *w = &cl->w[cl->i];
	const char *name = w->text + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	const struct flag *f = find_long(name, len);

	cl->i++;
	if (!f)
		return;
	if (eq) {
		push_option(opts, f, w, w, (size_t)(eq + 1 - w->text));
	} else if (act_is_bool(f->act)) {
		push_option(opts, f, w, NULL, 0);
	} else if (cl->i < cl->n) {
		push_option(opts, f, w, &cl->w[cl->i], 0);
		cl->i++;
	}
}

/* -itv /a:/b, -vvalue, -v=value: the first value flag takes the rest. */
static void read_shorts(struct cmdline *cl, struct options *opts)
{
	const struct word *w = &cl->w[cl->i];
	const char *p;
	const struct flag *f;

	cl->i++;
	for (p = w->text + 1; *p; p++) {
		f = find_short(*p);
		if (!f)
			continue;
		if (p[1]) {
			p += p[1] == '=' ? 2 : 1;
			push_option(opts, f, w, w, (size_t)(p - w->text));
		} else if (cl->i < cl->n) {
			push_option(opts, f, w, &cl->w[cl->i], 0);
			cl->i++;
		}
		return;
	}
}

/* Reads options up to the image; returns the image word or NULL. */
static const struct word *read_run_options(struct cmdline *cl,
					   struct options *opts)
{
	const char *t;

	while ((t = text_at(cl, 0))) {
		if (!strcmp(t, "--"))
			return cl->i + 1 < cl->n ? &cl->w[cl->i + 1] : NULL;
		if (t[0] != '-' || !t[1])
			return &cl->w[cl->i];
		if (t[1] == '-')
			read_long(cl, opts);
		else
			read_shorts(cl, opts);
	}
	return NULL;
}

static bool parse_bool(const char *v)
{
	return !v || !strcmp(v, "1") || !strcasecmp(v, "t") ||
	       !strcasecmp(v, "true");
}

/* -v, --mount, --tmpfs: a mount the grammar accepts joins c. */
static void add_mount(struct cmdline *cl, struct container *c,
		      const struct option *o)
{
	struct spec_ctx ctx = { cl->out, c->name, DIALECT_DOCKER, o->tilde,
				NULL, &cl->u->strings };
	struct mount m;
	int r;

	if (c->engine == ENGINE_PODMAN)
		ctx.dialect = DIALECT_PODMAN;
	memset(&m, 0, sizeof(m));
	if (o->flag->act == ACT_VOLUME)
		r = mountspec_short(&m, o->value, &o->value_loc, &ctx);
	else if (o->flag->act == ACT_MOUNT)
		r = mountspec_csv(&m, o->value, &o->value_loc, &ctx);
	else
		r = mountspec_tmpfs(&m, o->value, &o->value_loc, &ctx);
	if (r == 0)
		*container_add_mount(c) = m;
}

static void add_env(struct container *c, const struct option *o)
{
	const char *eq = strchr(o->value, '=');
	char *key;

	if (!eq) {
		kv_add(&c->env, o->value, NULL)->loc = o->value_loc;
		return;
	}
	key = xstrndup(o->value, (size_t)(eq - o->value));
	kv_add(&c->env, key, eq + 1)->loc = o->value_loc;
	free(key);
}

static void set_user(struct container *c, const struct option *o)
{
	free(c->user);
	c->user = xstrdup(o->value);
	c->user_loc = o->flag_loc;
}

static void apply_option(struct cmdline *cl, struct container *c,
			 const struct option *o)
{
	struct secopt *so;
	struct volumes_from *vf;

	switch (o->flag->act) {
	case ACT_VOLUME:
	case ACT_MOUNT:
	case ACT_TMPFS:
		add_mount(cl, c, o);
		break;
	case ACT_USER:
		set_user(c, o);
		break;
	case ACT_ENV:
		add_env(c, o);
		break;
	case ACT_SECOPT:
		so = container_add_secopt(c);
		so->text = xstrdup(o->value);
		so->loc = o->flag_loc;
		break;
	case ACT_VOLUMES_FROM:
		vf = container_add_volumes_from(c);
		vf->text = xstrdup(o->value);
		vf->loc = o->value_loc;
		break;
	case ACT_PRIVILEGED:
		c->privileged = parse_bool(o->value);
		c->privileged_loc = o->flag_loc;
		break;
	case ACT_READ_ONLY:
		c->read_only = parse_bool(o->value);
		break;
	case ACT_RM:
		c->remove = parse_bool(o->value);
		break;
	case ACT_API_SOCKET:
		c->use_api_socket = parse_bool(o->value);
		c->use_api_socket_loc = o->flag_loc;
		break;
	default:
		break;
	}
}

/* The last --name wins, as in pflag. */
static void set_name(struct container *c, const struct options *opts)
{
	for (size_t k = 0; k < opts->n; k++) {
		if (opts->items[k].flag->act != ACT_NAME)
			continue;
		free(c->name);
		c->name = xstrdup(opts->items[k].value);
	}
}

static void read_run(struct cmdline *cl)
{
	struct options opts = { NULL, 0, 0 };
	const struct word *image = read_run_options(cl, &opts);
	struct container *c = unit_add_container(cl->u, ORIGIN_RUN);

	c->engine = cl->engine;
	c->loc = cl->prog->loc;
	c->image_loc = c->loc;
	if (image) {
		c->image = xstrdup(image->text);
		c->image_loc = image->loc;
	}
	set_name(c, &opts);
	for (size_t k = 0; k < opts.n; k++)
		apply_option(cl, c, &opts.items[k]);
	free(opts.items);
}

/* --- Subcommands ------------------------------------------------------ */

/* After `docker volume`, `docker container` or `docker system`. */
static int read_group(struct cmdline *cl, const char *group)
{
	const char *sub = text_at(cl, 0);

	if (!sub)
		return 0;
	cl->i++;
	if (!strcmp(group, "container") &&
	    (!strcmp(sub, "run") || !strcmp(sub, "create")))
		read_run(cl);
	else if (!strcmp(group, "container") &&
		 (!strcmp(sub, "rm") || !strcmp(sub, "remove")))
		read_volumes_flag(cl, VOLCMD_CONTAINER_RM);
	else if (!strcmp(group, "volume") && !strcmp(sub, "prune"))
		read_prune(cl, VOLCMD_VOLUME_PRUNE);
	else if (!strcmp(group, "volume") &&
		 (!strcmp(sub, "rm") || !strcmp(sub, "remove")))
		read_volume_rm(cl);
	else if (!strcmp(group, "volume") && !strcmp(sub, "create"))
		read_volume_create(cl);
	else if (!strcmp(group, "system") && !strcmp(sub, "prune"))
		read_prune(cl, VOLCMD_SYSTEM_PRUNE);
	else
		return 0;
	return 1;
}

/* `docker compose ...` and docker-compose: only `down` matters. */
static int read_compose(struct cmdline *cl)
{
	skip_options(cl, &compose_opts);
	if (!is_word(cl, "down"))
		return 0;
	cl->i++;
	read_volumes_flag(cl, VOLCMD_COMPOSE_DOWN);
	return 1;
}

static int read_subcommand(struct cmdline *cl)
{
	const char *sub;

	skip_options(cl, &global_opts);
	sub = text_at(cl, 0);
	if (!sub)
		return 0;
	cl->i++;
	if (!strcmp(sub, "run") || !strcmp(sub, "create")) {
		read_run(cl);
		return 1;
	}
	if (!strcmp(sub, "rm")) {
		read_volumes_flag(cl, VOLCMD_CONTAINER_RM);
		return 1;
	}
	if (!strcmp(sub, "compose"))
		return read_compose(cl);
	return read_group(cl, sub);
}

int dockercli_command(struct unit *u, const struct word *words, size_t n,
		      struct findings *out)
{
	struct cmdline cl = { u, out, words, n, 0, NULL, ENGINE_DOCKER };
	const char *prog;

	skip_prefixes(&cl);
	if (cl.i >= n || words[cl.i].opaque)
		return 0;
	cl.prog = &words[cl.i];
	prog = basename_of(cl.prog->text);
	if (*prog == '@')
		prog++;		/* a Make recipe's silent prefix */
	cl.i++;
	if (!strcmp(prog, "podman") || !strcmp(prog, "podman-compose"))
		cl.engine = ENGINE_PODMAN;
	if (!strcmp(prog, "docker-compose") || !strcmp(prog, "podman-compose"))
		return read_compose(&cl);
	if (strcmp(prog, "docker") && strcmp(prog, "podman"))
		return 0;
	return read_subcommand(&cl);
}

void dockercli_argv(struct unit *u, int argc, char **argv,
		    struct findings *out)
{
	struct word *words = xcalloc(argc > 0 ? (size_t)argc : 1,
				     sizeof(*words));
	int col = 1;

	for (int k = 0; k < argc; k++) {
		int cps = (int)utf8_count(argv[k], strlen(argv[k]));
		struct loc l = { u->path, 1, col, 1, col + cps };

		words[k].text = xstrdup(argv[k]);
		words[k].loc = l;
		words[k].plain = true;
		col += cps + 1;
	}
	if (!dockercli_command(u, words, (size_t)argc, out))
		diag_note("\"%s\" is not a docker or podman command that "
			  "mountlint reads", argc ? argv[0] : "");
	for (int k = 0; k < argc; k++)
		free(words[k].text);
	free(words);
}
