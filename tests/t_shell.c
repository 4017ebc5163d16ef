/*
 * The shell word splitter and the docker/podman command-line reader.
 */
#include <stdlib.h>
#include <string.h>

#include "../lint/buf.h"
#include "../lint/finding.h"
#include "../lint/settings.h"
#include "../parsers/dockercli.h"
#include "../parsers/mountspec.h"
#include "../parsers/shell.h"
#include "tap.h"

/* Commands as "w1|w2\n"; locations of every word as "L:C-L:C "; flags. */
static struct buf got, locs, flags;

static void collect(const struct word *w, size_t n, void *ctx)
{
	(void)ctx;
	for (size_t i = 0; i < n; i++) {
		buf_addf(&got, "%s%s", i ? "|" : "", w[i].text);
		buf_addf(&locs, "%d:%d-%d:%d ", w[i].loc.line, w[i].loc.col,
			 w[i].loc.end_line, w[i].loc.end_col);
		buf_addf(&flags, "%s%s%s ", w[i].tilde ? "~" : "",
			 w[i].opaque ? "$" : "", w[i].plain ? "p" : "");
	}
	buf_addch(&got, '\n');
}

static struct findings fs;

/* Splits text; returns the commands. */
static const char *split(const char *text)
{
	findings_release(&fs);
	findings_init(&fs);
	buf_reset(&got);
	buf_reset(&locs);
	buf_reset(&flags);
	shell_split("t.sh", text, strlen(text), 1, &fs, collect, NULL);
	return got.data;
}

static void test_quotes(void)
{
	T_EQ_STR(split("echo 'a b' \"c d\" e\\ f\n"), "echo|a b|c d|e f\n");
	T_EQ_STR(split("echo \"a\\\"b\\$c\\x\"\n"), "echo|a\"b$c\\x\n");
	T_EQ_STR(split("echo 'it'\\''s'\n"), "echo|it's\n");
	T_EQ_STR(locs.data, "1:1-1:5 1:6-1:15 ");
	T_EQ_STR(split("echo \"d\xc3\xa9j\xc3\xa0\" x\n"), "echo|d\xc3\xa9j\xc3\xa0|x\n");
	T_EQ_STR(locs.data, "1:1-1:5 1:6-1:12 1:13-1:14 ");
	T_EQ_STR(split("echo a\tb\r\n"), "echo|a|b\n");
}

static void test_continuations(void)
{
	T_EQ_STR(split("docker run \\\n  -v /a:/b \\\n  img\n"),
		 "docker|run|-v|/a:/b|img\n");
	T_EQ_STR(locs.data,
		 "1:1-1:7 1:8-1:11 2:3-2:5 2:6-2:11 3:3-3:6 ");
	T_EQ_STR(split("ec\\\nho x\n"), "echo|x\n");
	T_EQ_STR(locs.data, "1:1-2:3 2:4-2:5 ");
	T_EQ_STR(split("docker run ^\n-v /a:/b ^\r\nimg\n"),
		 "docker|run|-v|/a:/b|img\n");
}

static void test_comments_separators(void)
{
	T_EQ_STR(split("# docker run x\na # b\nc#d\n"), "a\nc#d\n");
	T_EQ_STR(split("a;b&&c||d|e&f\n"), "a\nb\nc\nd\ne\nf\n");
	T_EQ_STR(split("(a; b) && { c; }\n"), "a\nb\nc\n");
	T_EQ_STR(split("if true; then docker ps; fi\n"),
		 "true\ndocker|ps\n");
	T_EQ_STR(split("a >out 2>&1 <in b &>/dev/null c\n"), "a|b|c\n");
	T_EQ_STR(split("X=1 Y=\"a b\" docker run img\n"),
		 "docker|run|img\n");
	T_EQ_STR(split("a -e X=1 `#optional` b\n"), "a|-e|X=1|b\n");
}

static void test_heredocs(void)
{
	T_EQ_STR(split("cat <<EOF\ndon't docker run\nEOF\nb\n"), "cat\nb\n");
	T_EQ_STR(locs.data, "1:1-1:4 4:1-4:2 ");
	T_EQ_STR(split("cat <<-'E' x\n\tit's\n\tE\nb\n"), "cat|x\nb\n");
	T_EQ_STR(split("cat <<\"E\" <<F\n'\nE\n\"\nF\nb\n"), "cat\nb\n");
	T_EQ_STR(split("cat <<< 'x' y\n"), "cat|y\n");
	T_EQ_STR(split("cat <<EOF\nno end\n"), "cat\n");
	T_EQ_INT(fs.n, 0);
}

static void test_substitutions(void)
{
	T_EQ_STR(split("id=$(docker run -v /a:/b img)\n"),
		 "docker|run|-v|/a:/b|img\n");
	T_EQ_STR(locs.data, "1:6-1:12 1:13-1:16 1:17-1:19 1:20-1:25 "
			    "1:26-1:29 ");
	T_EQ_STR(split("docker volume rm $(docker volume ls -q)\n"),
		 "docker|volume|ls|-q\n"
		 "docker|volume|rm|$(docker volume ls -q)\n");
	T_EQ_STR(flags.data, "p p p p p p p $p ");
	T_EQ_STR(split("a \"$(b \"$(c ')')\")\" `d`\n"),
		 "c|)\nb|$(c ')')\nd\na|$(b \"$(c ')')\")|`d`\n");
	T_EQ_STR(split("a ${X:-${Y}}/z $((1+(2))) $1$@\n"),
		 "a|${X:-${Y}}/z|$((1+(2)))|$1$@\n");
	T_EQ_STR(flags.data, "p $p $p $p ");
	T_EQ_STR(split("a $ b $\n"), "a|$|b|$\n");
	T_EQ_STR(flags.data, "p p p p ");
	T_EQ_STR(split("diff <(a x) >(b)\n"), "a|x\nb\ndiff\n");
}

/* Nesting past the depth limit is read without hanging or recursing. */
static void test_deep_nesting(void)
{
	struct buf b;

	buf_init(&b, 0);
	buf_adds(&b, "a ");
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, "$(");
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, ")");
	buf_adds(&b, "\n");
	split(b.data);
	T_EQ_INT(fs.n, 0);
	buf_release(&b);
}

static void test_tilde(void)
{
	split("a ~/x \"~/y\" \\~/z x~ --v=~/w ~\n");
	T_EQ_STR(flags.data, "p ~p   p p ~p ");
}

static void test_unterminated(void)
{
	T_EQ_STR(split("a\nb 'c\nd\n"), "a\n");
	T_EQ_INT(fs.n, 1);
	T_EQ_STR(fs.items[0].rule->id, "ML001");
	T_EQ_STR(fs.items[0].message, "unterminated single quote");
	T_EQ_INT(fs.items[0].loc.line, 2);
	T_EQ_INT(fs.items[0].loc.col, 3);
	split("a \"b $(c)\n");
	T_EQ_INT(fs.n, 1);
	T_EQ_STR(fs.items[0].message, "unterminated double quote");
	T_EQ_INT(fs.items[0].loc.col, 3);
	split("a $(b 'c)\n");
	T_EQ_INT(fs.n, 1);
	T_EQ_INT(fs.items[0].loc.col, 7);
	split("a `b\n");
	T_EQ_INT(fs.n, 1);
}

/* --- the command-line reader --------------------------------------- */

static struct unit u;

static void parse(const char *text)
{
	unit_release(&u);
	unit_init(&u, UNIT_SCRIPT, "t.sh", NULL);
	u.settings = &settings_default;
	findings_release(&fs);
	findings_init(&fs);
	shell_parse(&u, text, strlen(text), 1, &fs);
}

static const char *image(size_t k)
{
	return k < u.n_containers ? u.containers[k].image : "(none)";
}

static void test_run_flags(void)
{
	parse("docker run -itv /a:/b --rm --name=web -e A=1 --env B "
	      "-uroot nginx:1 -v x\n");
	T_EQ_INT(u.n_containers, 1);
	T_EQ_STR(image(0), "nginx:1");
	T_EQ_INT(u.containers[0].image_loc.col, 61);
	T_EQ_STR(u.containers[0].name, "web");
	T_EQ_STR(u.containers[0].user, "root");
	T_EQ_INT(u.containers[0].user_loc.col, 54);
	T_CHECK(u.containers[0].remove, "--rm");
	T_EQ_STR(kv_get(&u.containers[0].env, "A"), "1");
	T_EQ_INT(u.containers[0].env.n, 2);
	T_EQ_INT(u.containers[0].loc.col, 1);

	parse("docker run --privileged=false --read-only --security-opt "
	      "label=disable --volumes-from db:ro -- -img\n");
	T_EQ_STR(image(0), "-img");
	T_CHECK(!u.containers[0].privileged, "--privileged=false");
	T_CHECK(u.containers[0].read_only, "--read-only");
	T_EQ_INT(u.containers[0].n_secopts, 1);
	T_EQ_STR(u.containers[0].secopts[0].text, "label=disable");
	T_EQ_INT(u.containers[0].secopts[0].loc.col, 43);
	T_EQ_INT(u.containers[0].n_volumes_from, 1);
	T_EQ_STR(u.containers[0].volumes_from[0].text, "db:ro");

	parse("docker run -d -p 80:80 --restart unless-stopped --log-opt "
	      "max-size=1m -h h -w /w --network host --privileged img x\n");
	T_EQ_STR(image(0), "img");
	T_CHECK(u.containers[0].privileged, "--privileged");
	T_EQ_INT(u.containers[0].privileged_loc.col, 97);
}

static void test_prefixes(void)
{
	parse("sudo -E -u me docker --context x -H tcp://h -l debug "
	      "--tlsverify run a\n");
	T_EQ_STR(image(0), "a");
	T_EQ_INT(u.containers[0].loc.col, 15);
	parse("env -i X=1 nohup time exec command /usr/bin/docker "
	      "container create b\n$ podman --root /r --remote run c\n");
	T_EQ_INT(u.n_containers, 2);
	T_EQ_STR(image(0), "b");
	T_EQ_STR(image(1), "c");
	T_EQ_INT(u.containers[1].engine, ENGINE_PODMAN);
	parse("docker ps; docker run; echo docker run x; "
	      "\"$DOCKER\" run y\n");
	T_EQ_INT(u.n_containers, 1);
	T_EQ_STR(image(0), NULL);
	parse("podman run --pod p --systemd always --uidmap 0:1:1 img\n");
	T_EQ_STR(image(0), "img");
}

/* Mounts reach the mount grammar located at the value. */
static void test_mounts(void)
{
	struct mount probe;
	struct spec_ctx ctx = { &fs, NULL, DIALECT_DOCKER, false, NULL, NULL };
	struct loc l = { "t.sh", 1, 1, 1, 6 };

	memset(&probe, 0, sizeof(probe));
	if (mountspec_short(&probe, "/a:/b", &l, &ctx) != 0) {
		printf("# mount tests skipped: no mount grammar yet\n");
		return;
	}
	mount_release(&probe);
	parse("docker run -v ~/a:/a --volume=~/b:/b -v~/c:/c \\\n"
	      "  --mount type=volume,dst=/d --tmpfs /t img -v /x:/y\n");
	/* the two ~ that no shell expands are ML107, not mounts */
	T_EQ_INT(u.containers[0].n_mounts, 3);
	T_EQ_INT(u.containers[0].mounts[0].at[MF_ENTRY].col, 15);
	T_EQ_INT(u.containers[0].mounts[0].base, PATH_HOME);
	T_EQ_INT(u.containers[0].mounts[1].at[MF_ENTRY].line, 2);
	T_EQ_INT(u.containers[0].mounts[1].at[MF_ENTRY].col, 11);
	T_EQ_INT(u.containers[0].mounts[1].kind, MOUNT_ANON);
	T_EQ_INT(u.containers[0].mounts[2].kind, MOUNT_TMPFS);
	T_EQ_INT(fs.n, 2);
	T_EQ_STR(fs.n ? fs.items[0].rule->id : NULL, "ML107");
	T_EQ_INT(fs.n ? fs.items[0].loc.col : 0, 31);
	T_EQ_INT(fs.n > 1 ? fs.items[1].loc.col : 0, 40);
}

static void test_volcmds(void)
{
	parse("docker volume prune -f\ndocker volume prune --filter "
	      "label=x\ndocker system prune -af --volumes\n"
	      "docker rm -fv c\ndocker container rm c\n"
	      "docker compose -f x.yml down --volumes\n"
	      "docker-compose down\n"
	      "docker volume rm $(docker volume ls -q)\n"
	      "docker volume create --label backup=yes --driver local v\n");
	T_EQ_INT(u.n_volcmds, 9);
	T_EQ_INT(u.volcmds[0].kind, VOLCMD_VOLUME_PRUNE);
	T_CHECK(!u.volcmds[0].has_filter, "prune without filter");
	T_CHECK(u.volcmds[1].has_filter, "prune --filter");
	T_CHECK(u.volcmds[2].volumes, "system prune --volumes");
	T_CHECK(u.volcmds[3].volumes, "rm -fv");
	T_CHECK(!u.volcmds[4].volumes, "container rm");
	T_EQ_INT(u.volcmds[5].kind, VOLCMD_COMPOSE_DOWN);
	T_CHECK(u.volcmds[5].volumes, "compose down --volumes");
	T_CHECK(!u.volcmds[6].volumes, "docker-compose down");
	T_EQ_INT(u.volcmds[7].kind, VOLCMD_VOLUME_RM);
	T_CHECK(u.volcmds[7].all_volumes, "volume rm $(volume ls -q)");
	T_EQ_INT(u.volcmds[7].loc.line, 8);
	T_EQ_INT(u.volcmds[7].loc.col, 1);
	T_EQ_STR(u.volcmds[8].name, "v");
	T_EQ_STR(kv_get(&u.volcmds[8].labels, "backup"), "yes");
}

static void test_argv(void)
{
	char *argv[] = { "docker", "run", "-v", "~/x:/y", "--name", "\xc3\xa9t",
			 "img", NULL };

	unit_release(&u);
	unit_init(&u, UNIT_ARGV, "<argv>", NULL);
	u.settings = &settings_default;
	findings_release(&fs);
	findings_init(&fs);
	dockercli_argv(&u, 7, argv, &fs);
	T_EQ_INT(u.n_containers, 1);
	T_EQ_STR(image(0), "img");
	T_EQ_INT(u.containers[0].image_loc.col, 32);
	T_EQ_INT(u.containers[0].image_loc.end_col, 35);
	T_EQ_STR(u.containers[0].name, "\xc3\xa9t");
}

int main(void)
{
	buf_init(&got, 0);
	buf_init(&locs, 0);
	buf_init(&flags, 0);
	findings_init(&fs);
	unit_init(&u, UNIT_SCRIPT, "t.sh", NULL);
	test_quotes();
	test_continuations();
	test_comments_separators();
	test_heredocs();
	test_substitutions();
	test_deep_nesting();
	test_tilde();
	test_unterminated();
	test_run_flags();
	test_prefixes();
	test_mounts();
	test_volcmds();
	test_argv();
	unit_release(&u);
	findings_release(&fs);
	buf_release(&got);
	buf_release(&locs);
	buf_release(&flags);
	return t_done("shell");
}
