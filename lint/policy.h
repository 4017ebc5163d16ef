/*
 * Which rules run and at what severity: the rule defaults, changed by
 * --select, --ignore and (later) configuration. Indexed like the registry.
 */
#ifndef MOUNTLINT_POLICY_H
#define MOUNTLINT_POLICY_H

#include <stdbool.h>

#include "finding.h"
#include "rule.h"

#define POLICY_MAX_RULES 128

struct policy {
	/* SEV_OFF: not reported; the rule's default: findings keep the
	 * severity the rule gave them; anything else replaces it. */
	enum severity severity[POLICY_MAX_RULES];
};

/* Every rule on, at its default severity. */
void policy_init(struct policy *p);

/* The registry index of a rule. */
size_t rule_index(const struct rule *r);

bool policy_on(const struct policy *p, const struct rule *r);

/*
 * Applies the policy to the findings from index `first` on: drops those
 * of rules that are off, changes the severity of the others as set.
 */
void policy_apply(const struct policy *p, struct findings *f, size_t first);

#endif
