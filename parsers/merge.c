#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "../lint/mem.h"
#include "../lint/banned.h"

static struct container *find_container(struct unit *u, const char *name)
{
	for (size_t i = 0; name && i < u->n_containers; i++)
		if (u->containers[i].name && !strcmp(u->containers[i].name, name))
			return &u->containers[i];
	return NULL;
}

/* *dst takes src when src is set; the one it drops is freed. */
static void take_string(char **dst, char **src)
{
	if (!*src)
		return;
	free(*dst);
	*dst = *src;
	*src = NULL;
}

/* The mount of c on the same (clean) target as m, or NULL. */
static struct mount *same_target(struct container *c, const struct mount *m)
{
	char *t = m->target ? path_clean(m->target) : NULL;
	struct mount *found = NULL;

	for (size_t i = 0; t && i < c->n_mounts && !found; i++) {
		char *o = c->mounts[i].target ? path_clean(c->mounts[i].target)
					       : NULL;

		if (o && !strcmp(o, t))
			found = &c->mounts[i];
		free(o);
	}
	free(t);
	return found;
}

static void merge_mounts(struct container *dst, struct container *src)
{
	for (size_t i = 0; i < src->n_mounts; i++) {
		struct mount *old = same_target(dst, &src->mounts[i]);

		if (old) {
			mount_release(old);
			*old = src->mounts[i];
		} else {
			*container_add_mount(dst) = src->mounts[i];
		}
	}
	src->n_mounts = 0;
}

static void merge_lists(struct container *dst, struct container *src)
{
	for (size_t i = 0; i < src->n_secopts; i++)
		*container_add_secopt(dst) = src->secopts[i];
	src->n_secopts = 0;
	for (size_t i = 0; i < src->n_volumes_from; i++)
		*container_add_volumes_from(dst) = src->volumes_from[i];
	src->n_volumes_from = 0;
	for (size_t i = 0; i < src->env.n; i++) {
		struct kv *kv = &src->env.items[i];

		kv_add(&dst->env, kv->key, kv->value);
	}
}

static void merge_container(struct container *dst, struct container *src)
{
	if (src->image) {
		take_string(&dst->image, &src->image);
		dst->image_loc = src->image_loc;
	}
	if (src->user) {
		take_string(&dst->user, &src->user);
		dst->user_loc = src->user_loc;
	}
	if (src->privileged) {
		dst->privileged = true;
		dst->privileged_loc = src->privileged_loc;
	}
	if (src->use_api_socket) {
		dst->use_api_socket = true;
		dst->use_api_socket_loc = src->use_api_socket_loc;
	}
	dst->read_only |= src->read_only;
	merge_mounts(dst, src);
	merge_lists(dst, src);
}

static void merge_volume(struct unit *base, struct volume *v)
{
	for (size_t i = 0; i < base->n_volumes; i++) {
		struct volume *old = &base->volumes[i];

		if (strcmp(old->name, v->name))
			continue;
		volume_release(old);	/* the later definition wins whole */
		*old = *v;
		return;
	}
	*unit_add_volume(base) = *v;
}

void compose_merge(struct unit *base, struct unit *over)
{
	for (size_t i = 0; i < over->n_containers; i++) {
		struct container *src = &over->containers[i];
		struct container *dst = find_container(base, src->name);

		if (dst) {
			merge_container(dst, src);
			continue;
		}
		*unit_add_container(base, src->origin) = *src;
		memset(src, 0, sizeof(*src));
	}
	for (size_t i = 0; i < over->n_volumes; i++)
		merge_volume(base, &over->volumes[i]);
	over->n_volumes = 0;
}
