/*
 * The "volume is in use" report: who holds the volume, and the commands
 * that free it in a safe order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doctor_report.h"
#include "../lint/mem.h"
#include "volume.h"
#include "../lint/banned.h"

static const char force_note[] =
	"docker volume rm -f does not help: -f only hides a missing "
	"volume; a volume stays in use while any container that mounts "
	"it exists, running, stopped or only created";

/* GET /volumes/NAME: 1 exists, 0 does not, -1 the engine failed. */
static int volume_exists(struct doctor *d, int *rc)
{
	char *name = engine_escape(d->volume);
	char *path = xasprintf("/volumes/%s", name);
	cJSON *v = NULL;

	*rc = engine_get_json(&d->engine, path, &v);
	free(name);
	free(path);
	cJSON_Delete(v);
	if (*rc == ENGINE_HTTP && d->engine.status == 404) {
		*rc = 0;
		return 0;
	}
	return *rc ? -1 : 1;
}

/* {"volume":["NAME"]}, with NAME quoted as JSON. */
static char *volume_filter(const char *volume)
{
	cJSON *f = cJSON_CreateObject();
	cJSON *names = cJSON_AddArrayToObject(f, "volume");
	char *s;

	cJSON_AddItemToArray(names, cJSON_CreateString(volume));
	s = cJSON_PrintUnformatted(f);
	cJSON_Delete(f);
	return s;
}

static int list_holders(struct doctor *d, struct holders *h)
{
	char *filter = volume_filter(d->volume);
	char *escaped = engine_escape(filter);
	char *path = xasprintf("/containers/json?all=1&filters=%s", escaped);
	cJSON *list = NULL;
	int rc = engine_get_json(&d->engine, path, &list);

	if (!rc && holders_from_json(h, list, d->volume))
		rc = ENGINE_BAD;
	free(filter);
	free(escaped);
	free(path);
	cJSON_Delete(list);
	holders_sort(h);
	return rc;
}

static cJSON *holder_json(const struct holder *c)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "id", c->id);
	cJSON_AddStringToObject(o, "name", c->name);
	cJSON_AddStringToObject(o, "state", c->state);
	if (c->image)
		cJSON_AddStringToObject(o, "image", c->image);
	else
		cJSON_AddNullToObject(o, "image");
	if (c->project)
		cJSON_AddStringToObject(o, "compose_project", c->project);
	else
		cJSON_AddNullToObject(o, "compose_project");
	if (c->service)
		cJSON_AddStringToObject(o, "compose_service", c->service);
	else
		cJSON_AddNullToObject(o, "compose_service");
	cJSON_AddStringToObject(o, "target", c->target);
	return o;
}

static cJSON *strings_json(const struct strlist *l)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < l->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(l->items[i]));
	return a;
}

/* The IDs the pasted error named that no longer hold the volume. */
static void gone_ids(const struct doctor *d, const struct holders *h,
		     struct strlist *gone)
{
	for (size_t i = 0; i < d->pasted_ids.n; i++)
		if (!holders_have(h, d->pasted_ids.items[i]))
			strlist_push(gone, xstrdup(d->pasted_ids.items[i]));
}

static void volume_json(struct doctor *d, bool exists,
			const struct holders *h, const struct strlist *cmds,
			const struct strlist *gone)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *list = cJSON_CreateArray();

	cJSON_AddStringToObject(o, "name", d->volume);
	cJSON_AddBoolToObject(o, "exists", exists);
	for (size_t i = 0; i < h->n; i++)
		cJSON_AddItemToArray(list, holder_json(&h->items[i]));
	cJSON_AddItemToObject(o, "holders", list);
	cJSON_AddItemToObject(o, "gone", strings_json(gone));
	cJSON_AddItemToObject(o, "commands", strings_json(cmds));
	cJSON_AddStringToObject(o, "note", force_note);
	cJSON_AddItemToObject(d->out, "volume", o);
}

static void holder_text(const struct holder *c)
{
	printf("  %-10s %s (%.12s)", c->state, c->name, c->id);
	if (c->image)
		printf(" image \"%s\"", c->image);
	if (c->project)
		printf(", compose project \"%s\"", c->project);
	if (c->service)
		printf(" service \"%s\"", c->service);
	printf(", at \"%s\"\n", c->target);
}

static void volume_text(const struct doctor *d, bool exists,
			const struct holders *h, const struct strlist *cmds,
			const struct strlist *gone)
{
	if (!exists) {
		printf("no volume \"%s\" on this engine\n", d->volume);
		return;
	}
	if (!h->n)
		printf("no container holds volume \"%s\" now\n", d->volume);
	else
		printf("volume \"%s\" is held by %zu container%s (stopped "
		       "and created ones hold it too):\n", d->volume, h->n,
		       h->n == 1 ? "" : "s");
	for (size_t i = 0; i < h->n; i++)
		holder_text(&h->items[i]);
	for (size_t i = 0; i < gone->n; i++)
		printf("  container %.12s named in the error no longer "
		       "holds it\n", gone->items[i]);
	printf("%s\n", force_note);
	printf("commands that free it, in this order (they remove the "
	       "containers, not the volume's data, until the last):\n");
	for (size_t i = 0; i < cmds->n; i++)
		printf("  %s\n", cmds->items[i]);
}

int doctor_volume_report(struct doctor *d)
{
	struct holders h = { 0 };
	struct strlist cmds = { 0 }, gone = { 0 };
	int rc, exists = volume_exists(d, &rc);

	if (!rc && exists)
		rc = list_holders(d, &h);
	if (rc) {
		holders_release(&h);
		return doctor_engine_failed(d, rc);
	}
	if (exists)
		holders_commands(&h, d->volume, &cmds);
	gone_ids(d, &h, &gone);
	if (d->json)
		volume_json(d, exists, &h, &cmds, &gone);
	else
		volume_text(d, exists, &h, &cmds, &gone);
	holders_release(&h);
	strlist_release(&cmds);
	strlist_release(&gone);
	return 0;
}
