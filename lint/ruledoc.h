/* The rule documentation: `mountlint rules`, `explain`, and rules.md. */
#ifndef MOUNTLINT_RULEDOC_H
#define MOUNTLINT_RULEDOC_H

#include <stdio.h>

#include "rule.h"

/* One line per rule: id, name, severity, summary. */
void ruledoc_list(FILE *out);

/* rules.md: an index, then one section per rule. */
void ruledoc_markdown(FILE *out);

/* One rule's page, as `mountlint explain ID` prints it. */
void ruledoc_explain(FILE *out, const struct rule *r);

/* The inputs a rule applies to, in words ("compose, docker run"). */
const char *ruledoc_applies(const struct rule *r);

#endif
