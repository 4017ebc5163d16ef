/*
 * Every rule is documented, and its documentation's examples are real:
 * its `bad` input triggers it and its `good` input does not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lint/driver.h"
#include "../lint/finding.h"
#include "../lint/mem.h"
#include "../lint/rule.h"
#include "../lint/settings.h"
#include "tap.h"

/* Rules whose example cannot be a short input (it needs 64 MiB...). */
static int example_exempt(const struct rule *r)
{
	return !strcmp(r->id, "ML002");
}

static int is_compose(const char *example)
{
	return !strncmp(example, "services:", 9);
}

/* Lints one example in dir and counts the findings of rule r. */
static size_t count_findings(const char *dir, const struct rule *r,
			     const char *example)
{
	char *path = xasprintf("%s/%s", dir,
			       is_compose(example) ? "compose.yaml" : "run.sh");
	struct settings settings = settings_default;
	struct lint_opts o = { .settings = &settings,
			       .stdin_kind = INPUT_SNIFF };
	struct lint_result res = { .files = 0 };
	struct findings f;
	size_t n = 0;
	FILE *fp = fopen(path, "w");

	if (!fp) {
		free(path);
		return (size_t)-1;
	}
	fputs(example, fp);
	fclose(fp);
	settings.selinux = !strcmp(r->id, "ML401");

	findings_init(&f);
	lint_path(path, true, &o, &f, &res);
	for (size_t i = 0; i < f.n; i++)
		n += f.items[i].rule == r;
	findings_release(&f);
	unlink(path);
	free(path);
	return n;
}

static void check_rule(const char *dir, const struct rule *r)
{
	T_CHECK(*r->summary && !strchr(r->summary, '\n'),
		"%s: a one-line summary", r->id);
	T_CHECK(*r->rationale, "%s: a rationale", r->id);
	T_CHECK(*r->fix, "%s: a fix", r->id);
	if (example_exempt(r))
		return;
	T_CHECK(*r->bad && *r->good, "%s: examples", r->id);
	if (!*r->bad || !*r->good)
		return;
	T_CHECK(count_findings(dir, r, r->bad) > 0,
		"%s: its bad example does not trigger it", r->id);
	T_CHECK(count_findings(dir, r, r->good) == 0,
		"%s: its good example triggers it", r->id);
}

int main(void)
{
	char dir[] = "/tmp/mountlint-ruledoc-XXXXXX";

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	for (size_t i = 0; i < rule_count; i++)
		check_rule(dir, rule_registry[i]);
	rmdir(dir);
	for (size_t i = 1; i < rule_count; i++)
		T_CHECK(strcmp(rule_registry[i - 1]->id, rule_registry[i]->id) < 0,
			"registry ordered by id at %s", rule_registry[i]->id);
	return t_done("ruledoc");
}
