/*
 * ML203 destructive-volume-command: a script command that deletes volumes wholesale.
 *
 * A volume outlives its container on purpose: it is where the data is.
 * Commands that delete volumes by the batch (prune without a filter, rm
 * with -v, compose down -v, rm of every volume listed) take the data of
 * every project on the host with them, with no way back.
 */
#include <stdbool.h>

#include "../lint/finding.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

/* What each destructive form deletes, and how to do without it. */
struct verdict {
	const char *command;	/* after "docker " or "podman " */
	const char *what;
	const char *fix;
};

static const struct verdict prune = {
	"volume prune",
	"without --filter it deletes the volumes no container uses, with "
	"their data: every anonymous one, and with --all the named ones too",
	"add a --filter (for example --filter label=temporary), or remove "
	"the volumes you mean by name",
};

static const struct verdict system_prune = {
	"system prune --volumes",
	"it deletes every volume no container uses, with the data in them",
	"drop --volumes, or prune volumes apart with a --filter",
};

static const struct verdict container_rm = {
	"rm -v",
	"it deletes the container's anonymous volumes with it, and the data "
	"in them",
	"drop -v, and keep data in named volumes that you remove by name",
};

static const struct verdict compose_down = {
	"compose down -v",
	"it deletes the project's named volumes, and the data in them",
	"drop -v; remove a volume by name with \"docker volume rm\" when you "
	"mean to",
};

static const struct verdict volume_rm_all = {
	"volume rm $(docker volume ls -q)",
	"it deletes every volume on the host that no container uses",
	"name the volumes to remove, or list them with a --filter",
};

/* The verdict on one command, or NULL when it is harmless. */
static const struct verdict *judge(const struct volcmd *vc)
{
	switch (vc->kind) {
	case VOLCMD_VOLUME_PRUNE:
		return vc->has_filter ? NULL : &prune;
	case VOLCMD_SYSTEM_PRUNE:
		return vc->volumes ? &system_prune : NULL;
	case VOLCMD_CONTAINER_RM:
		return vc->volumes ? &container_rm : NULL;
	case VOLCMD_COMPOSE_DOWN:
		return vc->volumes ? &compose_down : NULL;
	case VOLCMD_VOLUME_RM:
		return vc->all_volumes ? &volume_rm_all : NULL;
	default:
		return NULL;
	}
}

static void check(const struct unit *u, struct findings *out)
{
	for (size_t i = 0; i < u->n_volcmds; i++) {
		const struct volcmd *vc = &u->volcmds[i];
		const struct verdict *v = judge(vc);
		const char *engine = vc->engine == ENGINE_PODMAN ? "podman" :
				     "docker";

		if (!v)
			continue;
		finding_add(out, "ML203", SEV_OFF, &vc->loc, NULL, v->fix,
			    "destructive volume command \"%s %s\": %s", engine,
			    v->command, v->what);
	}
}

const struct rule rule_ml203 = {
	.id = "ML203",
	.name = "destructive-volume-command",
	.severity = SEV_WARNING,
	.applies = APPLIES_SCRIPT,
	.summary = "a script command that deletes volumes wholesale",
	.rationale = "A volume outlives its container on purpose: it holds "
		     "the data. Pruning volumes without a filter, removing "
		     "containers or compose projects with -v, or removing "
		     "every volume listed deletes the data of every project "
		     "on the host at once, and nothing brings it back.",
	.bad = "docker volume prune -f",
	.good = "docker volume prune -f --filter label=temporary",
	.fix = "filter what a prune deletes, drop -v from rm and compose "
	       "down, and remove volumes by name",
	.check = check,
};
