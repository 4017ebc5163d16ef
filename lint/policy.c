#include "policy.h"

#include "banned.h"

void policy_init(struct policy *p)
{
	for (size_t i = 0; i < rule_count && i < POLICY_MAX_RULES; i++)
		p->severity[i] = rule_registry[i]->severity;
}

size_t rule_index(const struct rule *r)
{
	size_t i = 0;

	while (i < rule_count && rule_registry[i] != r)
		i++;
	return i;
}

bool policy_on(const struct policy *p, const struct rule *r)
{
	return p->severity[rule_index(r)] != SEV_OFF;
}

void policy_apply(const struct policy *p, struct findings *f, size_t first)
{
	size_t w = first;

	for (size_t i = first; i < f->n; i++) {
		struct finding *x = &f->items[i];
		enum severity s = p->severity[rule_index(x->rule)];

		if (s == SEV_OFF) {
			finding_release(x);
			continue;
		}
		if (s != x->rule->severity)
			x->severity = s;
		f->items[w++] = *x;
	}
	f->n = w;
}
