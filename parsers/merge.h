/*
 * Merging compose definitions as the compose-spec says, on YAML trees:
 * a later file over an earlier one, and a service over the one it
 * extends.
 *
 * Mappings merge key by key; a scalar of the later file replaces the
 * earlier one. Sequences append, except where Compose keys them: service
 * `volumes` by their target as written, `secrets` and `configs` by where
 * they are mounted (a bare name: /run/secrets/NAME, /NAME), `ports` by
 * their whole definition, `environment`, `labels`, `tmpfs` and the like
 * by the text before "=" (a `KEY=value` list and a mapping merge as one);
 * options such as `security_opt` or `dns` append only what is new;
 * `command`, `entrypoint` and a health check's `test` are replaced. A
 * later value tagged `!override` replaces the earlier one whole; one
 * tagged `!reset` removes it.
 */
#ifndef MOUNTLINT_MERGE_H
#define MOUNTLINT_MERGE_H

#include "yaml_doc.h"

/*
 * Returns over merged onto base. Neither is changed: the nodes the merge
 * makes belong to `made`, and the result shares the rest. `key` names
 * the mapping key both stand under (NULL at the top of a file), and
 * chooses how sequences merge.
 */
struct ynode *compose_merge(struct ydoc *made, struct ynode *base,
			    struct ynode *over, const char *key);

#endif
