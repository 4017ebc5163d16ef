/*
 * The one list of rules, ordered by id. A rule is added here and in its
 * own file; rules.md is generated from this list.
 */
#include <string.h>
#include <strings.h>

#include "../lint/rule.h"
#include "../lint/banned.h"

extern const struct rule rule_ml001;
extern const struct rule rule_ml002;
extern const struct rule rule_ml003;
extern const struct rule rule_ml004;
extern const struct rule rule_ml005;
extern const struct rule rule_ml101;
extern const struct rule rule_ml102;
extern const struct rule rule_ml103;
extern const struct rule rule_ml104;
extern const struct rule rule_ml105;
extern const struct rule rule_ml106;
extern const struct rule rule_ml107;
extern const struct rule rule_ml108;
extern const struct rule rule_ml109;
extern const struct rule rule_ml110;
extern const struct rule rule_ml201;
extern const struct rule rule_ml202;
extern const struct rule rule_ml203;
extern const struct rule rule_ml204;
extern const struct rule rule_ml301;
extern const struct rule rule_ml302;
extern const struct rule rule_ml303;
extern const struct rule rule_ml304;
extern const struct rule rule_ml305;
extern const struct rule rule_ml306;
extern const struct rule rule_ml307;
extern const struct rule rule_ml308;
extern const struct rule rule_ml309;
extern const struct rule rule_ml401;
extern const struct rule rule_ml402;
extern const struct rule rule_ml403;
extern const struct rule rule_ml501;
extern const struct rule rule_ml502;

const struct rule *const rule_registry[] = {
	&rule_ml001,
	&rule_ml002,
	&rule_ml003,
	&rule_ml004,
	&rule_ml005,
	&rule_ml101,
	&rule_ml102,
	&rule_ml103,
	&rule_ml104,
	&rule_ml105,
	&rule_ml106,
	&rule_ml107,
	&rule_ml108,
	&rule_ml109,
	&rule_ml110,
	&rule_ml201,
	&rule_ml202,
	&rule_ml203,
	&rule_ml204,
	&rule_ml301,
	&rule_ml302,
	&rule_ml303,
	&rule_ml304,
	&rule_ml305,
	&rule_ml306,
	&rule_ml307,
	&rule_ml308,
	&rule_ml309,
	&rule_ml401,
	&rule_ml402,
	&rule_ml403,
	&rule_ml501,
	&rule_ml502,
};

const size_t rule_count = sizeof(rule_registry) / sizeof(rule_registry[0]);

void rule_run(const struct rule *r, const struct unit *u,
	      struct findings *out)
{
	if (r->check)
		r->check(u, out);
	else if (r->check_container)
		for (size_t i = 0; i < u->n_containers; i++)
			r->check_container(u, &u->containers[i], out);
}

const struct rule *rule_find(const char *id)
{
	for (size_t i = 0; i < rule_count; i++)
		if (!strcasecmp(rule_registry[i]->id, id) ||
		    !strcmp(rule_registry[i]->name, id))
			return rule_registry[i];
	return NULL;
}

const char *severity_name(enum severity s)
{
	static const char *const names[] = {
		[SEV_OFF] = "off",
		[SEV_INFO] = "info",
		[SEV_WARNING] = "warning",
		[SEV_ERROR] = "error",
	};
	return names[s];
}

int severity_parse(const char *word)
{
	for (int s = SEV_OFF; s <= SEV_ERROR; s++)
		if (!strcmp(word, severity_name((enum severity)s)))
			return s;
	return -1;
}
