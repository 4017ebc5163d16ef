/*
 * The extractors of shell text embedded in Makefiles, Markdown and CI
 * files: exact regions, blanked so that columns stay where they were.
 */
#include <stdlib.h>
#include <string.h>

#include "../lint/buf.h"
#include "../lint/finding.h"
#include "../parsers/embedded.h"
#include "tap.h"

/* Regions as "LINE|text" records, one after the other. */
static struct buf got;

static void collect(const char *text, size_t len, int first_line, void *ctx)
{
	(void)ctx;
	buf_addf(&got, "%d|", first_line);
	buf_add(&got, text, len);
}

static const char *makefile(const char *text)
{
	buf_reset(&got);
	embedded_makefile(text, strlen(text), collect, NULL);
	return got.data;
}

static const char *markdown(const char *text)
{
	buf_reset(&got);
	embedded_markdown(text, strlen(text), collect, NULL);
	return got.data;
}

static const char *ci(const char *text, enum ci_kind kind, int *ret)
{
	struct findings f;

	findings_init(&f);
	buf_reset(&got);
	*ret = embedded_ci(text, strlen(text), kind, "ci.yml", &f, collect,
			   NULL);
	if (f.n)
		buf_addf(&got, "ERR %d:%d %s", f.items[0].loc.line,
			 f.items[0].loc.col, f.items[0].message);
	findings_release(&f);
	return got.data;
}

static void test_makefile(void)
{
	T_EQ_STR(makefile("X := 1\nrun:\n\t@docker run -v $$(pwd):/x img\n"),
		 "3|  docker run -v $$(pwd):/x img\n");
	T_EQ_STR(makefile("a: b\n\t-docker rm -v x\n\techo \\\n  -v\n\nb:\n"
			  "\tls\n"),
		 "2|  docker rm -v x\n echo \\\n  -v\n7| ls\n");
	T_EQ_STR(makefile("VAR = \\\n\tdocker run x\n"), "");
	T_EQ_STR(makefile("\tdocker run x\n"), "");
	T_EQ_STR(makefile("t:\n\t+$(DOCKER) run -v $(CURDIR):/s i"),
		 "2|  $(DOCKER) run -v $(CURDIR):/s i\n");
}

static void test_markdown(void)
{
	T_EQ_STR(markdown("# Title\n\n```sh\n$ docker run -v /a:/b x\n```\n"),
		 "4|  docker run -v /a:/b x\n");
	T_EQ_STR(markdown("```console\n$ docker run \\\n  -v /a:/b x\nout\n"
			  "$ ls\n```\n"),
		 "2|  docker run \\\n  -v /a:/b x\n   \n  ls\n");
	T_EQ_STR(markdown("```yaml\nx: 1\n```\n```\ndocker run x\n```\n"), "");
	T_EQ_STR(markdown("1. step\n   ```bash\n   docker run x\n   ```\n"),
		 "3|   docker run x\n");
	T_EQ_STR(markdown("````sh\n```\ndocker run x\n````\n"),
		 "2|```\ndocker run x\n");
	T_EQ_STR(markdown("```shell\nécho $ docker\n```\n"),
		 "2|écho $ docker\n");
}

static void test_ci(void)
{
	int ret;

	T_EQ_STR(ci("jobs:\n  t:\n    steps:\n      - run: |\n"
		    "          docker run -v /a:/b x\n          ls\n"
		    "      - run: docker rm -v y\n", CI_GITHUB, &ret),
		 "5|          docker run -v /a:/b x\n          ls\n"
		 "7|             docker rm -v y\n");
	T_EQ_INT(ret, 0);
	T_EQ_STR(ci("on: push\nrun: docker run x\n", CI_GITHUB, &ret), "");
	T_EQ_STR(ci("build:\n  script:\n    - docker run -v /a:/b x\n"
		    "    - \"docker rm -v y\"\n  variables:\n    script: no\n",
		    CI_GITLAB, &ret),
		 "3|      docker run -v /a:/b x\n"
		 "4|       docker rm -v y \n");
	T_EQ_STR(ci("default:\n  before_script: docker volume prune -f\n",
		    CI_GITLAB, &ret),
		 "2|                 docker volume prune -f\n");
	T_EQ_STR(ci("a: [\n", CI_GITLAB, &ret),
		 "ERR 2:1 did not find expected node content");
	T_EQ_INT(ret, -1);
}

int main(void)
{
	buf_init(&got, 0);
	test_makefile();
	test_markdown();
	test_ci();
	buf_release(&got);
	return t_done("embedded");
}
