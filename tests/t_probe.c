/*
 * The doctor's readers, offline: recorded API 1.41 answers (real, from
 * Debian's engine; MOUNTLINT_DOCKER_API or ../shared/docker-api) and the
 * hand-written API 1.52 /system/df in fixtures/docker-api/. No request is
 * sent: only pure functions are called.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "../probe/disk.h"
#include "../probe/engine.h"
#include "../probe/errors.h"
#include "../probe/volume.h"
#include "../lint/mem.h"

static const char *api_dir;

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = xmalloc((size_t)n + 1);
	s[fread(s, 1, (size_t)n, f)] = '\0';
	fclose(f);
	return s;
}

static cJSON *recorded(const char *name)
{
	char *path = xasprintf("%s/%s", api_dir, name);
	char *text = slurp(path);
	cJSON *root = text ? cJSON_Parse(text) : NULL;

	T_CHECK(root != NULL, "cannot read \"%s\"", path);
	free(path);
	free(text);
	return root;
}

static const char *message_of(const cJSON *root)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(root, "message");

	return cJSON_IsString(m) ? m->valuestring : "";
}

static void test_pasted_table(void)
{
	static const struct { const char *text, *id; } cases[] = {
		{ "Error response from daemon: remove v1: volume is in use - "
		  "[abc]", "volume-in-use" },
		{ "write /x: no space left on device", "no-space" },
		{ "invalid mount config for type \"bind\": bind source path "
		  "does not exist: /nope", "bind-source-missing" },
		{ "invalid mount config for type \"volume\": field "
		  "BindOptions must not be specified", "invalid-mount-config" },
		{ "create ./d: \"./d\" includes invalid characters for a "
		  "local volume name", "invalid-volume-name" },
		{ "Duplicate mount point: /data", "duplicate-mount" },
		{ "SELinux relabeling of /usr is not allowed",
		  "selinux-relabel" },
		{ "error while creating mount source path '/x': mkdir /x: "
		  "read-only file system", "read-only-source" },
		{ "touch: /etc/x: Read-only file system", "read-only" },
		{ "ls: can't open '/src': Permission denied",
		  "bind-permission" },
		{ "permission denied while trying to connect to the Docker "
		  "daemon socket", "socket-permission" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct pasted_error *p = pasted_match(cases[i].text);

		T_EQ_STR(p ? p->id : NULL, cases[i].id);
	}
	T_CHECK(pasted_match("all is well") == NULL, "matched nothing");
	T_EQ_STR(pasted_match("Duplicate mount point: /d")->rules, "ML105");
}

static void test_pasted_in_use(void)
{
	cJSON *err = recorded("error-volume-rm-in-use.json");
	struct strlist ids = { 0 };
	char *volume;

	T_EQ_INT(pasted_volume_in_use(message_of(err), &volume, &ids), 0);
	T_EQ_STR(volume, "v1");
	T_EQ_INT(ids.n, 2);
	if (ids.n == 2) {
		T_EQ_INT(strlen(ids.items[0]), 64);
		T_CHECK(!strncmp(ids.items[1], "f2904590aae4", 12), "id 2");
	}
	free(volume);
	strlist_release(&ids);
	cJSON_Delete(err);

	T_EQ_INT(pasted_volume_in_use("Error response from daemon: remove "
				      "my_db-data: volume is in use - [1a2b]",
				      &volume, &ids), 0);
	T_EQ_STR(volume, "my_db-data");
	T_EQ_INT(ids.n, 1);
	free(volume);
	strlist_release(&ids);
	T_EQ_INT(pasted_volume_in_use("volume is in use", &volume, &ids), -1);
}

static void test_holders(void)
{
	cJSON *list = recorded("containers-all-filter-volume-v1.json");
	struct holders h = { 0 };
	struct strlist cmds = { 0 };

	T_EQ_INT(holders_from_json(&h, list, "v1"), 0);
	holders_sort(&h);
	T_EQ_INT(h.n, 2);
	if (h.n == 2) {
		T_EQ_STR(h.items[0].name, "web");
		T_EQ_STR(h.items[0].state, "running");
		T_EQ_STR(h.items[0].target, "/data");
		T_EQ_STR(h.items[1].name, "c1");
		T_EQ_STR(h.items[1].state, "created");
		T_CHECK(holders_have(&h, "4349549f519b"), "short id");
		T_CHECK(!holders_have(&h, "ffff"), "unknown id");
	}
	holders_commands(&h, "v1", &cmds);
	T_EQ_INT(cmds.n, 3);
	if (cmds.n == 3) {
		T_EQ_STR(cmds.items[0], "docker stop web");
		T_EQ_STR(cmds.items[1], "docker rm web c1");
		T_EQ_STR(cmds.items[2], "docker volume rm v1");
	}
	strlist_release(&cmds);
	holders_release(&h);

	/* The filter matched a mount path: v2 is not held through it. */
	T_EQ_INT(holders_from_json(&h, list, "v9"), 0);
	T_EQ_INT(h.n, 0);
	holders_release(&h);
	cJSON_Delete(list);

	list = recorded("containers-all-filter-volume-orphan.json");
	T_EQ_INT(holders_from_json(&h, list, "orphan-cache"), 0);
	T_EQ_INT(h.n, 0);
	holders_commands(&h, "orphan-cache", &cmds);
	T_EQ_INT(cmds.n, 1);
	strlist_release(&cmds);
	holders_release(&h);
	cJSON_Delete(list);
}

static void test_holders_states(void)
{
	const char *json =
		"[{\"Id\":\"1111\",\"Names\":[\"/p\"],\"State\":\"paused\","
		"\"Mounts\":[{\"Type\":\"volume\",\"Name\":\"v\","
		"\"Destination\":\"/d\"}]},"
		"{\"Id\":\"2222\",\"Names\":[\"/r\"],\"State\":\"restarting\","
		"\"Mounts\":[{\"Type\":\"volume\",\"Name\":\"v\","
		"\"Destination\":\"/d\"}]}]";
	cJSON *list = cJSON_Parse(json);
	struct holders h = { 0 };
	struct strlist cmds = { 0 };

	holders_from_json(&h, list, "v");
	holders_sort(&h);
	holders_commands(&h, "v", &cmds);
	T_EQ_INT(cmds.n, 5);
	if (cmds.n == 5) {
		T_EQ_STR(cmds.items[0], "docker update --restart no r");
		T_EQ_STR(cmds.items[1], "docker unpause p");
		T_EQ_STR(cmds.items[2], "docker stop p r");
		T_EQ_STR(cmds.items[3], "docker rm p r");
	}
	strlist_release(&cmds);
	holders_release(&h);
	cJSON_Delete(list);
}

static void test_df_legacy(void)
{
	cJSON *root = recorded("system-df.json");
	struct df df;

	T_EQ_INT(df_from_json(&df, root), 0);
	T_CHECK(!df.current_shape, "legacy shape");
	T_EQ_INT(df.images.count, 4);
	T_EQ_INT(df.images.active, 2);
	T_EQ_INT(df.images.size, 8273809);
	T_EQ_INT(df.images.reclaimable, 8273802);
	T_EQ_INT(df.containers.count, 7);
	T_EQ_INT(df.containers.active, 3);
	T_EQ_INT(df.volumes.count, 10);
	T_EQ_INT(df.volumes.active, 8);
	T_EQ_INT(df.volumes.size, 2404357);
	T_EQ_INT(df.volumes.reclaimable, 307202);
	T_EQ_INT(df.dangling, 2);
	T_EQ_INT(df.anonymous, 1);
	T_EQ_INT(df.anonymous_size, 2);
	T_EQ_INT(df.build_cache.count, 6);
	T_EQ_INT(df.build_cache.size, 139);
	T_EQ_INT(df.build_cache.reclaimable, 139);
	T_EQ_INT(df.mountpoints.n, 10);
	T_EQ_INT(df.container_ids.n, 7);
	df_release(&df);
	cJSON_Delete(root);
}

/* Numbers past what a long long holds, or not numbers at all, are
 * clamped or ignored, never converted out of range. */
static void test_df_huge_numbers(void)
{
	cJSON *root = cJSON_Parse(
		"{\"ImageUsage\": {\"ActiveCount\": 2e50, "
		"\"TotalCount\": -1e300, \"TotalSize\": 1e19, "
		"\"Reclaimable\": \"12\"}}");
	struct df df;

	T_EQ_INT(df_from_json(&df, root), 0);
	T_CHECK(df.images.active == LLONG_MAX, "active clamped");
	T_CHECK(df.images.count == LLONG_MIN, "count clamped");
	T_CHECK(df.images.size == (unsigned long long)LLONG_MAX,
		"size clamped");
	T_EQ_INT(df.images.reclaimable, 0);
	df_release(&df);
	cJSON_Delete(root);
}

static void test_df_current(void)
{
	char *text = slurp("fixtures/docker-api/system-df-1.52.json");
	cJSON *root = text ? cJSON_Parse(text) : NULL;
	struct reclaim r[8];
	struct df df;
	size_t n;

	T_CHECK(root != NULL, "hand-written 1.52 /system/df");
	T_EQ_INT(df_from_json(&df, root), 0);
	T_CHECK(df.current_shape, "1.52 shape");
	T_EQ_INT(df.images.count, 3);
	T_EQ_INT(df.images.active, 1);
	T_EQ_INT(df.images.reclaimable, 524288000);
	T_EQ_INT(df.containers.reclaimable, 8388608);
	T_EQ_INT(df.volumes.size, 1610612736);
	T_EQ_INT(df.dangling, 2);
	T_EQ_INT(df.dangling_size, 536870912);
	T_EQ_INT(df.anonymous, 1);
	T_EQ_INT(df.anonymous_size, 134217728);
	T_EQ_INT(df.build_cache.reclaimable, 268435456);
	T_EQ_INT(df.container_ids.n, 2);
	T_EQ_INT(df.mountpoints.n, 3);

	n = df_rank(&df, 1000, r, 8);
	T_EQ_INT(n, 6);
	T_EQ_STR(r[0].command, "docker image prune -a");
	T_EQ_STR(r[1].what, "named volumes no container uses");
	T_EQ_STR(r[2].command, "docker builder prune");
	T_EQ_STR(r[3].command, "docker volume prune");
	T_EQ_STR(r[5].what, "container log files");
	df_release(&df);
	cJSON_Delete(root);
	free(text);
}

static void test_fs_exhausted(void)
{
	struct fs_usage u = { 0 };

	u.bytes_total = 1000;
	u.bytes_free = 5;
	u.inodes_total = 1000;
	u.inodes_free = 500;
	T_EQ_STR(fs_exhausted(&u), "bytes");
	u.bytes_free = 500;
	u.inodes_free = 0;
	T_EQ_STR(fs_exhausted(&u), "inodes");
	u.bytes_free = 0;
	T_EQ_STR(fs_exhausted(&u), "bytes and inodes");
	u.bytes_free = u.inodes_free = 100;
	T_EQ_STR(fs_exhausted(&u), NULL);
	T_CHECK(volume_is_anonymous("0123456789abcdef0123456789abcdef"
				    "0123456789abcdef0123456789abcdef"), "hex");
	T_CHECK(!volume_is_anonymous("pgdata"), "named");
}

static void test_versions(void)
{
	struct api_client e = { .host = (char *)"unix:///t.sock" };
	cJSON *err = recorded("error-api-version-too-new.json");
	int major, minor;

	T_EQ_INT(engine_parse_version("1.41", &major, &minor), 0);
	T_EQ_INT(major * 100 + minor, 141);
	T_EQ_INT(engine_parse_version("1.x", &major, &minor), -1);
	T_EQ_INT(engine_parse_version("", &major, &minor), -1);

	T_EQ_INT(engine_choose_version(&e, 1, 41), ENGINE_OK);
	T_EQ_STR(e.api, "1.41");
	T_CHECK(!engine_api_at_least(&e, 1, 52), "1.41 < 1.52");
	T_EQ_INT(engine_choose_version(&e, 1, 99), ENGINE_OK);
	T_EQ_STR(e.api, "1.52");
	T_CHECK(engine_api_at_least(&e, 1, 52), "capped at 1.52");
	T_EQ_INT(engine_choose_version(&e, 1, 12), ENGINE_REFUSED);
	T_CHECK(e.error && strstr(e.error, "too old"), "too old");
	free(e.error);

	T_CHECK(engine_refuses_version(message_of(err)), "too new refused");
	T_CHECK(!engine_refuses_version("No such container: nope"), "404");
	cJSON_Delete(err);
}

static void check_endpoint(const char *host, const char *socket,
			   const char *base)
{
	struct endpoint ep;
	char *error;

	T_EQ_INT(endpoint_parse(&ep, host, &error), 0);
	T_EQ_STR(ep.socket, socket);
	T_EQ_STR(ep.base, base);
	endpoint_release(&ep);
}

static void test_endpoints(void)
{
	struct endpoint ep;
	char *error, *escaped;

	unsetenv("DOCKER_TLS_VERIFY");
	unsetenv("DOCKER_CERT_PATH");
	check_endpoint("unix:///tmp/x/d.sock", "/tmp/x/d.sock",
		       "http://localhost");
	check_endpoint("tcp://10.0.0.1", NULL, "http://10.0.0.1:2375");
	check_endpoint("tcp://h:1234/", NULL, "http://h:1234");
	setenv("DOCKER_TLS_VERIFY", "1", 1);
	setenv("DOCKER_CERT_PATH", "/certs", 1);
	check_endpoint("tcp://h", NULL, "https://h:2376");
	T_EQ_INT(endpoint_parse(&ep, "tcp://h", &error), 0);
	T_CHECK(ep.tls && ep.tls_verify, "tls verified");
	T_EQ_STR(ep.cert_dir, "/certs");
	endpoint_release(&ep);
	unsetenv("DOCKER_TLS_VERIFY");
	unsetenv("DOCKER_CERT_PATH");
	if (geteuid() == 0)
		check_endpoint(NULL, "/var/run/docker.sock",
			       "http://localhost");
	T_EQ_INT(endpoint_parse(&ep, "ssh://h", &error), -1);
	T_CHECK(error && strstr(error, "unsupported"), "ssh refused");
	free(error);
	endpoint_release(&ep);

	escaped = engine_escape("{\"volume\":[\"v 1\"]}");
	T_EQ_STR(escaped, "%7B%22volume%22%3A%5B%22v%201%22%5D%7D");
	free(escaped);
}

int main(void)
{
	api_dir = getenv("MOUNTLINT_DOCKER_API");
	if (!api_dir)
		api_dir = "../shared/docker-api";

	test_pasted_table();
	test_df_current();
	test_df_huge_numbers();
	test_fs_exhausted();
	test_endpoints();
	test_holders_states();
	if (access(api_dir, R_OK)) {
		printf("SKIPPED: recorded Engine API answers: no \"%s\" "
		       "(set MOUNTLINT_DOCKER_API)\n", api_dir);
	} else {
		test_pasted_in_use();
		test_holders();
		test_df_legacy();
		test_versions();
	}
	return t_done("probe");
}
