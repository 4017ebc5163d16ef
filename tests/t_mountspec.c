/*
 * The mount grammar: the short syntax's sections and sources, its
 * options, --tmpfs, --mount CSV, compose long syntax, and the CSV reader.
 */
#include <stdlib.h>
#include <string.h>

#include "../lint/finding.h"
#include "../lint/mem.h"
#include "../parsers/mountspec.h"
#include "tap.h"

static struct findings fs;
static struct mount m;
static const struct loc at = { "t", 3, 7, 3, 20 };

static struct spec_ctx ctx(enum spec_dialect d, bool tilde)
{
	struct spec_ctx c = { &fs, "svc", d, tilde, NULL, NULL };

	return c;
}

static void reset(void)
{
	mount_release(&m);
	memset(&m, 0, sizeof(m));
	findings_release(&fs);
	findings_init(&fs);
}

/* The rule of the one finding, or "" when there is none. */
static const char *rule_of(void)
{
	return fs.n == 1 ? fs.items[0].rule->id : fs.n ? "(several)" : "";
}

static int shortspec(const char *spec, enum spec_dialect d, bool tilde)
{
	struct spec_ctx c = ctx(d, tilde);

	reset();
	return mountspec_short(&m, spec, &at, &c);
}

static int docker(const char *spec)
{
	return shortspec(spec, DIALECT_DOCKER, true);
}

static int compose(const char *spec)
{
	return shortspec(spec, DIALECT_COMPOSE, true);
}

static void test_sources(void)
{
	T_EQ_INT(docker("/srv/data:/data"), 0);
	T_EQ_INT(m.kind, MOUNT_BIND);
	T_EQ_INT(m.base, PATH_ABSOLUTE);
	T_EQ_STR(m.source_path, "/srv/data");
	T_EQ_STR(m.target, "/data");
	T_EQ_INT(m.at[MF_SOURCE].col, 7);

	T_EQ_INT(docker("//var/run/./docker.sock:/s"), 0);
	T_EQ_STR(m.source_path, "/var/run/docker.sock");

	T_EQ_INT(docker("data:/data"), 0);
	T_EQ_INT(m.kind, MOUNT_VOLUME);
	T_EQ_INT(m.base, PATH_NONE);

	T_EQ_INT(docker("/data"), 0);
	T_EQ_INT(m.kind, MOUNT_ANON);
	T_EQ_STR(m.target, "/data");

	T_EQ_INT(compose("./conf/../app.conf:/etc/app.conf"), 0);
	T_EQ_INT(m.base, PATH_RELATIVE);
	T_EQ_STR(m.source_path, "app.conf");

	T_EQ_INT(compose("~/.ssh:/root/.ssh:ro"), 0);
	T_EQ_INT(m.base, PATH_HOME);
	T_EQ_STR(m.source_path, "~/.ssh");
	T_EQ_INT(m.read_only, 1);

	T_EQ_INT(docker("$HOME/.aws:/a"), 0);
	T_EQ_STR(m.source_path, "~/.aws");
	T_EQ_INT(docker("${HOME}:/h"), 0);
	T_EQ_STR(m.source_path, "~");

	/* the current directory is the project's: relative */
	T_EQ_INT(docker("$(pwd)/data:/data"), 0);
	T_EQ_INT(m.kind, MOUNT_BIND);
	T_EQ_INT(m.base, PATH_RELATIVE);
	T_EQ_STR(m.source_path, "data");
	T_EQ_INT(docker("${PWD}:/src"), 0);
	T_EQ_STR(m.source_path, ".");
	T_EQ_INT(docker("$(pwd)/$SUB:/data"), 0);
	T_EQ_INT(m.base, PATH_UNKNOWN);
	T_EQ_INT(docker("$PWDX/data:/data"), 0);
	T_EQ_INT(m.base, PATH_UNKNOWN);
	T_EQ_INT(compose("${DATA}:/data"), 0);
	T_EQ_INT(m.base, PATH_UNKNOWN);
	T_EQ_INT(compose("$HOME/${SUB}:/x"), 0);
	T_EQ_INT(m.base, PATH_UNKNOWN);

	T_EQ_INT(compose("C:\\data:/data"), 0);
	T_EQ_INT(m.kind, MOUNT_BIND);
	T_EQ_INT(m.base, PATH_WINDOWS);
	T_EQ_STR(m.source, "C:\\data");
	T_EQ_INT(compose("C:\\data:C:\\app:rw"), 0);
	T_EQ_STR(m.target, "C:\\app");
	T_EQ_INT(compose("\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine"),
		 0);
	T_EQ_INT(m.kind, MOUNT_NPIPE);
}

static void test_bad_specs(void)
{
	T_EQ_INT(docker(""), -1);
	T_EQ_STR(rule_of(), "ML101");
	T_EQ_STR(fs.items[0].message, "empty volume spec");
	T_EQ_INT(fs.items[0].loc.col, 7);
	T_EQ_INT(docker(":/data"), -1);
	T_EQ_STR(fs.items[0].message, "invalid volume spec \":/data\": an empty "
		 "section between colons");
	T_EQ_INT(docker("/a::/b"), -1);
	T_EQ_STR(rule_of(), "ML101");
	T_EQ_INT(docker("/a:/b:ro:z"), -1);
	T_EQ_STR(fs.items[0].message, "invalid volume spec \"/a:/b:ro:z\": too "
		 "many colons");
	T_EQ_INT(docker("/data:ro"), -1);
	T_EQ_STR(rule_of(), "ML101");
	T_EQ_INT(docker("/data:/ro"), 0);

	T_EQ_INT(docker("/a:b"), -1);
	T_EQ_STR(rule_of(), "ML103");
	T_EQ_STR(fs.items[0].fix, "write the container path from the root: "
		 "\"/b\"");
	T_EQ_INT(docker("/a:/"), -1);
	T_EQ_STR(rule_of(), "ML103");
	T_EQ_INT(docker("/a:/x/.."), -1);
	T_EQ_STR(rule_of(), "ML103");

	T_EQ_INT(docker("data/sub:/x"), -1);
	T_EQ_STR(rule_of(), "ML107");
	T_EQ_INT(docker("a:/x"), -1);
	T_EQ_STR(rule_of(), "ML107");
	T_EQ_INT(compose("a:/x"), 0);	/* Compose prefixes the project */
	T_EQ_INT(shortspec("~/x:/y", DIALECT_DOCKER, false), -1);
	T_EQ_STR(rule_of(), "ML107");
	T_EQ_INT(shortspec("~/x:/y", DIALECT_DOCKER, true), 0);
}

static void test_options(void)
{
	T_EQ_INT(docker("/a:/b:ro,Z,rshared"), 0);
	T_EQ_INT(m.read_only, 1);
	T_EQ_INT(m.selinux, SELINUX_PRIVATE);
	T_EQ_STR(m.propagation, "rshared");
	T_EQ_INT(docker("v1:/b:nocopy,z,cached"), 0);
	T_EQ_INT(m.nocopy, 1);
	T_EQ_INT(m.selinux, SELINUX_SHARED);

	T_EQ_INT(docker("/a:/b:rx"), -1);
	T_EQ_STR(rule_of(), "ML102");
	T_EQ_STR(fs.items[0].message, "unknown mount option \"rx\" in \"rx\"");
	T_EQ_INT(compose("/a:/b:r0"), -1);
	T_EQ_STR(fs.items[0].message, "unknown mount option \"r0\" in \"r0\": "
		 "Compose drops it without a word");
	T_EQ_INT(docker("/a:/b:ro,rw"), -1);
	T_EQ_STR(fs.items[0].message, "two read-write options in \"ro,rw\": "
		 "\"ro\" and \"rw\"");
	T_EQ_INT(docker("/a:/b:z,Z"), -1);
	T_EQ_STR(rule_of(), "ML102");
	T_EQ_INT(docker("/a:/b:shared,slave"), -1);
	T_EQ_STR(rule_of(), "ML102");
	T_EQ_INT(docker("/a:/b:nocopy"), -1);
	T_EQ_STR(rule_of(), "ML102");
	T_EQ_INT(docker("/a:/b:U"), -1);
	T_EQ_INT(shortspec("/a:/b:U,noexec,idmap=uids=0-1-2", DIALECT_PODMAN,
			   true), 0);
	T_EQ_INT(shortspec("/a:/b:exec,noexec", DIALECT_PODMAN, true), -1);
	T_EQ_STR(rule_of(), "ML102");
}

static int tmpfs(const char *spec)
{
	struct spec_ctx c = ctx(DIALECT_DOCKER, false);

	reset();
	return mountspec_tmpfs(&m, spec, &at, &c);
}

static void test_tmpfs(void)
{
	T_EQ_INT(tmpfs("/run"), 0);
	T_EQ_INT(m.kind, MOUNT_TMPFS);
	T_EQ_INT(m.has_size, 0);
	T_EQ_INT(tmpfs("/run:rw,size=64m,mode=1777"), 0);
	T_EQ_INT(m.has_size, 1);
	T_EQ_INT(m.size, 64ULL << 20);
	T_EQ_STR(m.mode, "1777");
	T_EQ_STR(m.reenabled, NULL);
	T_EQ_INT(tmpfs("/run:size=1g,exec"), 0);
	T_EQ_INT(m.size, 1ULL << 30);
	T_EQ_STR(m.reenabled, "exec");
	T_EQ_INT(tmpfs("/run:exec,noexec"), 0);
	T_EQ_STR(m.reenabled, NULL);
	T_EQ_INT(tmpfs("/run:size=50%"), 0);
	T_EQ_INT(m.has_size, 1);
	T_EQ_INT(tmpfs("/run:size=lots"), -1);
	T_EQ_STR(rule_of(), "ML102");
	T_EQ_INT(tmpfs("run"), -1);
	T_EQ_STR(rule_of(), "ML103");
}

static int csv(const char *value)
{
	struct spec_ctx c = ctx(DIALECT_DOCKER, true);

	reset();
	return mountspec_csv(&m, value, &at, &c);
}

static void test_csv_mounts(void)
{
	T_EQ_INT(csv("type=bind,src=/etc,dst=/host/etc,readonly"), 0);
	T_EQ_INT(m.kind, MOUNT_BIND);
	T_EQ_STR(m.source_path, "/etc");
	T_EQ_INT(m.read_only, 1);
	T_EQ_INT(m.syntax, SYNTAX_LONG);
	T_EQ_INT(csv("type=volume,dst=/data"), 0);
	T_EQ_INT(m.kind, MOUNT_ANON);
	T_EQ_INT(csv("target=/data,source=v1"), 0);	/* volume by default */
	T_EQ_INT(m.kind, MOUNT_VOLUME);
	T_EQ_INT(csv("type=volume,src=v1,dst=/d,volume-label=backup=daily,"
		     "\"volume-opt=o=addr=10.0.0.1,rw\""), 0);
	T_EQ_STR(kv_get(&m.labels, "backup"), "daily");
	T_EQ_INT(csv("type=tmpfs,dst=/t,tmpfs-size=64m"), 0);
	T_EQ_INT(m.size, 64ULL << 20);
	T_EQ_INT(csv("type=bind,src=/a,dst=/b,bind-propagation=rshared"), 0);
	T_EQ_STR(m.propagation, "rshared");

	T_EQ_INT(csv("type=bind,src=/a,dst=/b,colour=red"), -1);
	T_EQ_STR(fs.items[0].message, "unknown mount key \"colour\"");
	T_EQ_INT(csv("type=bind,src=/a"), -1);
	T_EQ_STR(rule_of(), "ML104");
	T_EQ_INT(csv("type=bind,src=/a,dst=/b,readonly=maybe"), -1);
	T_EQ_STR(fs.items[0].message, "\"readonly\" takes true or false, not "
		 "\"maybe\"");
	T_EQ_INT(csv("type=bind,src=/a,target"), -1);
	T_EQ_STR(rule_of(), "ML104");
	T_EQ_INT(csv("type=volume,src=vol,dst=/d,bind-propagation=shared"),
		 -1);
	T_EQ_STR(fs.items[0].message, "\"bind-propagation\" is a bind option, "
		 "but this mount is of type volume");
	T_EQ_INT(csv("type=tmpfs,src=x,dst=/t"), -1);
	T_EQ_STR(rule_of(), "ML104");
	T_EQ_INT(csv("type=volume,dst=/d,volume-subpath=a"), -1);
	T_EQ_STR(rule_of(), "ML104");
	T_EQ_INT(csv("type=bind, src=/a,dst=/b"), -1);
	T_EQ_STR(rule_of(), "ML104");
	T_EQ_INT(csv("type=weird,dst=/b"), -1);
	T_EQ_STR(rule_of(), "ML104");
	T_EQ_INT(csv("type=bind,src=\"/a,dst=/b"), -1);
	T_EQ_STR(rule_of(), "ML104");
}

static struct spec_field field(const char *key, const char *value, int line)
{
	struct spec_field f;
	struct loc k = { "t", line, 9, line, 9 + (int)strlen(key) };
	struct loc v = { "t", line, 11 + (int)strlen(key), line, 40 };

	f.key = key;
	f.value = value;
	f.key_loc = k;
	f.value_loc = v;
	return f;
}

static int long_syntax(const struct spec_field *f, size_t n)
{
	struct spec_ctx c = ctx(DIALECT_COMPOSE, true);

	reset();
	return mountspec_long(&m, f, n, &f[0].key_loc, &c);
}

static void test_long_syntax(void)
{
	struct spec_field bind[] = {
		field("type", "bind", 5), field("source", "/var/run", 6),
		field("target", "/run/host", 7),
		field("bind.propagation", "rshared", 8),
		field("bind.selinux", "Z", 9), field("read_only", "true", 10),
		field("x-note", "ignored", 11),
	};
	struct spec_field tmp[] = {
		field("type", "tmpfs", 5), field("target", "/cache", 6),
		field("tmpfs.size", "1048576", 7),
	};
	struct spec_field bad[] = {
		field("type", "volume", 5), field("source", "v", 6),
		field("target", "/d", 7), field("tmpfs.size", "1m", 8),
	};
	struct spec_field untyped[] = {
		field("source", "v", 5), field("target", "/d", 6),
	};

	T_EQ_INT(long_syntax(bind, 7), 0);
	T_EQ_INT(m.kind, MOUNT_BIND);
	T_EQ_STR(m.source_path, "/var/run");
	T_EQ_INT(m.at[MF_ENTRY].line, 5);
	T_EQ_INT(m.at[MF_SOURCE].line, 6);
	T_EQ_INT(m.at[MF_SOURCE].col, 17);
	T_EQ_INT(m.at[MF_PROPAGATION].line, 8);
	T_EQ_INT(m.at[MF_SELINUX].line, 9);
	T_EQ_INT(m.selinux, SELINUX_PRIVATE);
	T_EQ_INT(m.read_only, 1);

	T_EQ_INT(long_syntax(tmp, 3), 0);
	T_EQ_INT(m.size, 1048576);
	T_EQ_INT(m.at[MF_TMPFS_SIZE].line, 7);

	T_EQ_INT(long_syntax(bad, 4), -1);
	T_EQ_STR(rule_of(), "ML104");
	T_EQ_INT(fs.items[0].loc.line, 8);
	T_EQ_INT(fs.items[0].loc.col, 9);

	T_EQ_INT(long_syntax(untyped, 2), -1);
	T_EQ_STR(fs.items[0].message, "long syntax without a type");
	T_EQ_INT(fs.items[0].loc.line, 5);
}

/* What Docker refuses beyond the obvious, and text it must not split. */
static void test_stricter(void)
{
	struct spec_field list[] = {
		field("type", "bind", 5), field("source", "/a", 6),
		field("target", "/b", 7), field("bind.propagation", NULL, 8),
	};
	struct spec_field typo[] = {
		field("type", "bind", 5), field("source", "/a", 6),
		field("target", "/b", 7),
		field("bind.propagation", "rsharred", 8),
	};
	struct spec_field ro_anon[] = {
		field("type", "volume", 5), field("target", "/d", 6),
		field("read_only", "true", 7),
	};
	struct spec_field mode[] = {
		field("type", "tmpfs", 5), field("target", "/t", 6),
		field("tmpfs.mode", "0o1777", 7),
	};

	/* a default value's colon is not a separator */
	T_EQ_INT(compose("${DATA_DIR:-./data}:/data"), 0);
	T_EQ_INT(m.kind, MOUNT_BIND);
	T_EQ_INT(m.base, PATH_UNKNOWN);
	T_EQ_STR(m.target, "/data");
	T_EQ_INT(compose("${SRC:-/a}:${DST:-/b}:ro"), 0);
	T_EQ_STR(m.target, "${DST:-/b}");
	T_EQ_INT(m.read_only, 1);
	T_EQ_INT(compose("/a:/b:${MODE}"), 0);
	T_EQ_INT(docker("${OPEN:/a:/b"), -1);	/* unclosed: "/b" is a mode */
	T_EQ_STR(rule_of(), "ML102");

	/* propagation is for binds only */
	T_EQ_INT(docker("data:/data:rshared"), -1);
	T_EQ_STR(rule_of(), "ML102");
	T_EQ_INT(shortspec("data:/data:rshared", DIALECT_PODMAN, true), 0);

	/* --mount as docker/cli reads it */
	T_EQ_INT(csv("type=BIND,src=/a,dst=/b,bind-propagation=RSHARED"), 0);
	T_EQ_INT(m.kind, MOUNT_BIND);
	T_EQ_STR(m.propagation, "rshared");
	T_EQ_INT(csv("type=bind,src=,dst=/b"), -1);
	T_EQ_STR(fs.items[0].message,
		 "the --mount field \"src\" has an empty value");
	T_EQ_INT(csv("type=bind,src=/a,dst=/b,ro=yes"), -1);
	T_EQ_STR(rule_of(), "ML104");
	T_EQ_INT(csv("type=bind,src=/a,dst=/b,ro=True"), 0);
	T_EQ_INT(m.read_only, 1);
	T_EQ_INT(csv("type=bind,src=/a,dst=/b,bind-recursive=sometimes"), -1);
	T_EQ_STR(fs.items[0].message, "\"bind-recursive\" takes enabled, "
		 "disabled, writable or readonly, not \"sometimes\"");
	T_EQ_INT(csv("type=tmpfs,dst=/t,tmpfs-mode=1778"), -1);
	T_EQ_STR(rule_of(), "ML104");
	T_EQ_INT(csv("type=tmpfs,dst=/t,tmpfs-mode=1777,tmpfs-size=2p"), 0);
	T_EQ_INT(m.size, 2ULL << 50);
	T_EQ_STR(m.mode, "1777");
	T_EQ_INT(csv("type=volume,dst=/d,readonly"), -1);
	T_EQ_STR(rule_of(), "ML104");
	T_EQ_INT(csv("type=volume,src=vol,dst=/d,readonly"), 0);

	T_EQ_INT(csv("src=/srv/x,dst=/x"), -1);
	T_EQ_STR(fs.items[0].message, "--mount without a type: Docker takes "
		 "\"/srv/x\" for a volume name");
	T_EQ_INT(csv("type=bind,src=data,dst=/x"), -1);
	T_EQ_STR(fs.items[0].message,
		 "bind source \"data\" is not an absolute path");
	T_EQ_INT(csv("type=bind,src=./data,dst=/x"), 0);
	T_EQ_INT(m.base, PATH_RELATIVE);
	T_EQ_INT(csv("type=bind,src=$PWD/data,dst=/x"), 0);
	T_EQ_INT(m.base, PATH_RELATIVE);
	T_EQ_INT(csv("type=bind,src=~/data,dst=/x"), -1);
	T_EQ_STR(rule_of(), "ML107");

	/* the long syntax */
	T_EQ_INT(long_syntax(list, 4), -1);
	T_EQ_STR(rule_of(), "ML104");
	T_EQ_INT(fs.items[0].loc.line, 8);
	T_EQ_INT(long_syntax(typo, 4), -1);
	T_EQ_STR(rule_of(), "ML104");
	T_EQ_INT(long_syntax(ro_anon, 3), -1);
	T_EQ_INT(fs.items[0].loc.line, 7);
	T_EQ_INT(long_syntax(mode, 3), 0);
	T_EQ_STR(m.mode, "0o1777");

	/* sizes: digits and a unit, nothing strtod alone would take */
	T_EQ_INT(tmpfs("/run:size=1e30"), -1);
	T_EQ_INT(tmpfs("/run:size=inf"), -1);
	T_EQ_INT(tmpfs("/run:size=0x10"), -1);
	T_EQ_INT(tmpfs("/run:size=99999999999999999999k"), -1);
	T_EQ_INT(tmpfs("/run:size=1.5g"), 0);
	T_EQ_INT(m.size, 3ULL << 29);
}

static int split(const char *s, char ***f)
{
	return csv_split(s, f);
}

static void test_csv_reader(void)
{
	char **f = NULL;
	int n;

	n = split("a=1,b=2", &f);
	T_EQ_INT(n, 2);
	T_EQ_STR(n == 2 ? f[1] : NULL, "b=2");
	csv_free(f, n);
	n = split("\"a=1,2\",\"say \"\"hi\"\"\",", &f);
	T_EQ_INT(n, 3);
	T_EQ_STR(n == 3 ? f[0] : NULL, "a=1,2");
	T_EQ_STR(n == 3 ? f[1] : NULL, "say \"hi\"");
	T_EQ_STR(n == 3 ? f[2] : NULL, "");
	csv_free(f, n);
	n = split("", &f);
	T_EQ_INT(n, 1);
	csv_free(f, n);
	T_EQ_INT(split("\"open", &f), -1);
	T_EQ_INT(split("a\"b", &f), -1);
	T_EQ_INT(split("\"a\"b", &f), -1);
}

int main(void)
{
	findings_init(&fs);
	test_sources();
	test_bad_specs();
	test_options();
	test_tmpfs();
	test_csv_mounts();
	test_long_syntax();
	test_csv_reader();
	test_stricter();
	reset();
	findings_release(&fs);
	return t_done("mountspec");
}
