/*
 * Docker errors a person pastes: which one it is, what it means, and the
 * lint rule that would have caught its cause before Docker did.
 */
#ifndef MOUNTLINT_PROBE_ERRORS_H
#define MOUNTLINT_PROBE_ERRORS_H

#include <stddef.h>

enum pasted_kind {
	PASTED_VOLUME_IN_USE,	/* answered by the volume report */
	PASTED_NO_SPACE,	/* answered by the disk report */
	PASTED_EXPLAINED,	/* answered by the explanation alone */
};

struct pasted_error {
	const char *id;		/* a stable short name, e.g. "duplicate-mount" */
	const char *needle;	/* found case-insensitively in the text */
	const char *needle2;	/* must also be found, or NULL */
	enum pasted_kind kind;
	const char *explanation;
	const char *rules;	/* "ML110" or "ML107 ML109", or NULL */
	const char *fix;
};

/* The first entry of the table found in text, or NULL. */
const struct pasted_error *pasted_match(const char *text);

/* A list of strings the caller frees with strlist_release. */
struct strlist {
	char **items;
	size_t n, cap;
};
void strlist_push(struct strlist *l, char *s);	/* takes s */
void strlist_release(struct strlist *l);

/*
 * From "remove NAME: volume is in use - [ID, ID]": *volume (the caller
 * frees it) and the IDs appended to ids. Returns 0, or -1 when text has
 * no volume name (ids may still have been filled).
 */
int pasted_volume_in_use(const char *text, char **volume,
			 struct strlist *ids);

#endif
