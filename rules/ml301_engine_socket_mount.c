/*
 * ML301 engine-socket-mount: the container engine's socket is mounted:
 * control of the host.
 *
 * Whoever can talk to the engine's API can start a privileged container
 * with the host's root directory mounted: a socket bound into a
 * container hands that container the host. Read-only changes nothing,
 * since connecting to a socket is not writing to a file. The directories
 * that hold the sockets (/run, /var/run) and "/" itself give the same.
 */
#include <string.h>

#include "../lint/finding.h"
#include "../lint/hostpath.h"
#include "../lint/rule.h"
#include "../lint/banned.h"

static const char *const sockets[] = {
	"docker.sock", "containerd.sock", "podman.sock", "crio.sock",
};

/* Directories that hold an engine's socket, and the root above them. */
static const char *const socket_dirs[] = {
	"/", "/run", "/var/run", "/run/docker", "/var/run/docker",
	"/run/containerd", "/var/run/containerd", "/run/podman",
	"/var/run/podman", "/run/crio", "/var/run/crio", NULL,
};

/* Each of sockets ends in ".sock", which most names do not. */
static bool is_socket_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (n < 5 || strcmp(name + n - 5, ".sock"))
		return false;
	for (size_t i = 0; i < sizeof(sockets) / sizeof(*sockets); i++)
		if (!strcmp(name, sockets[i]))
			return true;
	return false;
}

static const char *last_component(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	return slash ? slash + 1 : path;
}

/* What of the engine the mount exposes, or NULL. */
static const char *exposed(const struct mount *m)
{
	const char *p = hostpath_of(m);

	if (m->kind == MOUNT_NPIPE)
		return m->source && strstr(m->source, "docker_engine") ?
			"the Docker engine's named pipe" : NULL;
	if (m->kind != MOUNT_BIND)
		return NULL;
	if (is_socket_name(mount_source_basename(m)))
		return "the engine's socket";
	if (m->base == PATH_UNKNOWN && is_socket_name(last_component(m->target)))
		return "the engine's socket";
	if (p && hostpath_equals(p, socket_dirs))
		return strcmp(p, "/") ? "the directory of the engine's socket"
				      : "the host's whole file system, socket "
					"included";
	return NULL;
}

static void check_mount(const struct container *c, const struct mount *m,
			struct findings *out)
{
	const char *what = exposed(m);

	if (!what)
		return;
	finding_add(out, "ML301", SEV_OFF, mount_loc(m, MF_SOURCE), c->name,
		    "remove the mount; give the container a narrower API (a "
		    "socket proxy that allows only what it needs) if it must "
		    "manage containers",
		    "\"%s\" mounts %s: whoever can reach the engine controls "
		    "the host%s", m->source, what,
		    m->read_only ? ", and read-only does not help: connecting "
				   "to a socket is not writing to it" : "");
}

static void check_container(const struct unit *u, const struct container *c,
			    struct findings *out)
{
	(void)u;
	if (c->use_api_socket)
		finding_add(out, "ML301", SEV_OFF, &c->use_api_socket_loc,
			    c->name, "remove \"use_api_socket\"",
			    "\"use_api_socket\" gives the container the "
			    "engine's socket: whoever can reach the engine "
			    "controls the host");
	for (size_t k = 0; k < c->n_mounts; k++)
		check_mount(c, &c->mounts[k], out);
}

const struct rule rule_ml301 = {
	.id = "ML301",
	.name = "engine-socket-mount",
	.severity = SEV_ERROR,
	.applies = APPLIES_COMPOSE | APPLIES_RUN,
	.summary = "the container engine's socket is mounted: control of the "
		   "host",
	.rationale = "Whoever can talk to the Docker (or containerd, podman, "
		"CRI-O) API can start a privileged container with the host's "
		"root mounted in it, so a process that reaches the socket owns "
		"the host. Mounting the socket read-only does not help: "
		"connecting to a socket is not a write. Mounting /run, "
		"/var/run or / exposes the socket too.",
	.bad = "services:\n  agent:\n    image: portainer/agent:2.21\n"
	       "    volumes:\n"
	       "      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
	.good = "services:\n  agent:\n    image: portainer/agent:2.21\n"
		"    environment:\n"
		"      DOCKER_HOST: tcp://socket-proxy:2375\n",
	.fix = "remove the mount; where a container must manage others, put "
	       "a socket proxy in between that allows only the calls it "
	       "needs",
	.check_container = check_container,
};
