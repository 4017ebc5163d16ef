/*
 * Inline suppressions, written as comments in the linted file:
 *
 *	# mountlint: disable=ML201,ML304 -- reason
 *	    at the end of the finding's line, or alone on the line above
 *	    it (a '#' inside quotes is no comment)
 *	# mountlint: disable-file=ML305 -- reason
 *	    anywhere: the whole file
 *	<!-- mountlint: disable=ML201 -- reason -->
 *	    in Markdown, before a code fence: the whole fence
 *
 * A suppressed finding stays, marked with the reason. A suppression
 * without a reason is not applied; it, one naming an unknown rule, and
 * one matching no finding are reported as ML003.
 */
#ifndef MOUNTLINT_SUPPRESS_H
#define MOUNTLINT_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"
#include "policy.h"

/*
 * Reads the suppressions of text (the file shown as path) and applies
 * them to the findings from index `first` on. Rules the policy turns off
 * are not reported as unmatched, and none is when the file was only
 * partly linted (`partial`: a file that only some `extends` reach).
 */
void suppress_apply(const char *path, const char *text, size_t len,
		    const struct policy *p, bool partial, struct findings *f,
		    size_t first);

#endif
