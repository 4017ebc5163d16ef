/*
 * Who holds a volume, read from the engine's container list.
 */
#include <stdlib.h>
#include <string.h>

#include "volume.h"
#include "../lint/buf.h"
#include "../lint/mem.h"
#include "../lint/banned.h"

static char *json_str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL;
}

/* The target where c mounts the volume, or NULL when it does not. */
static const char *volume_target(const cJSON *c, const char *volume)
{
	const cJSON *mounts = cJSON_GetObjectItemCaseSensitive(c, "Mounts");
	const cJSON *m;

	cJSON_ArrayForEach(m, mounts) {
		const cJSON *type = cJSON_GetObjectItemCaseSensitive(m, "Type");
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(m, "Name");
		const cJSON *dst =
			cJSON_GetObjectItemCaseSensitive(m, "Destination");

		if (cJSON_IsString(type) && !strcmp(type->valuestring, "volume")
		    && cJSON_IsString(name) && !strcmp(name->valuestring, volume))
			return cJSON_IsString(dst) ? dst->valuestring : "";
	}
	return NULL;
}

static char *first_name(const cJSON *c)
{
	const cJSON *names = cJSON_GetObjectItemCaseSensitive(c, "Names");
	const cJSON *first = cJSON_GetArrayItem(names, 0);
	const char *s;

	if (!cJSON_IsString(first))
		return NULL;
	s = first->valuestring;
	return xstrdup(*s == '/' ? s + 1 : s);
}

static void add_holder(struct holders *h, const cJSON *c, const char *target)
{
	const cJSON *labels = cJSON_GetObjectItemCaseSensitive(c, "Labels");
	struct holder *x = ARRAY_PUSH(*h);

	x->id = json_str(c, "Id");
	if (!x->id)
		x->id = xstrdup("");
	x->name = first_name(c);
	if (!x->name)
		x->name = xstrndup(x->id, 12);
	x->state = json_str(c, "State");
	if (!x->state)
		x->state = xstrdup("unknown");
	x->image = json_str(c, "Image");
	x->project = json_str(labels, "com.docker.compose.project");
	x->service = json_str(labels, "com.docker.compose.service");
	x->target = xstrdup(target);
}

int holders_from_json(struct holders *h, const cJSON *list,
		      const char *volume)
{
	const cJSON *c;

	if (!cJSON_IsArray(list))
		return -1;
	cJSON_ArrayForEach(c, list) {
		const char *target = volume_target(c, volume);

		if (target)
			add_holder(h, c, target);
	}
	return 0;
}

bool holder_is_live(const struct holder *c)
{
	return !strcmp(c->state, "running") || !strcmp(c->state, "paused") ||
	       !strcmp(c->state, "restarting");
}

static int by_liveness(const void *a, const void *b)
{
	const struct holder *x = a, *y = b;
	int lx = holder_is_live(x), ly = holder_is_live(y);

	if (lx != ly)
		return ly - lx;
	return strcmp(x->name, y->name);
}

void holders_sort(struct holders *h)
{
	if (h->n > 1)
		qsort(h->items, h->n, sizeof(*h->items), by_liveness);
}

/*
 * "docker WORD NAME ..." for the holders in state; with state NULL, for
 * the live ones (every one for "rm").
 */
static void one_command(struct strlist *out, const char *word,
			const struct holders *h, const char *state)
{
	struct buf b;
	size_t n = 0;

	buf_init(&b, 0);
	buf_addf(&b, "docker %s", word);
	for (size_t i = 0; i < h->n; i++) {
		const struct holder *c = &h->items[i];

		if (state && strcmp(c->state, state))
			continue;
		if (!state && !holder_is_live(c) && strcmp(word, "rm"))
			continue;
		buf_addf(&b, " %s", c->name);
		n++;
	}
	if (n)
		strlist_push(out, buf_detach(&b, NULL));
	buf_release(&b);
}

void holders_commands(const struct holders *h, const char *volume,
		      struct strlist *out)
{
	/* A restarting container would come back: end its policy first. */
	one_command(out, "update --restart no", h, "restarting");
	one_command(out, "unpause", h, "paused");
	one_command(out, "stop", h, NULL);
	one_command(out, "rm", h, NULL);
	strlist_push(out, xasprintf("docker volume rm %s", volume));
}

bool holders_have(const struct holders *h, const char *id)
{
	size_t n = strlen(id);

	for (size_t i = 0; i < h->n; i++)
		if (n >= 4 && !strncmp(h->items[i].id, id, n))
			return true;
	return false;
}

void holders_release(struct holders *h)
{
	for (size_t i = 0; i < h->n; i++) {
		struct holder *c = &h->items[i];

		free(c->id);
		free(c->name);
		free(c->state);
		free(c->image);
		free(c->project);
		free(c->service);
		free(c->target);
	}
	free(h->items);
	memset(h, 0, sizeof(*h));
}
