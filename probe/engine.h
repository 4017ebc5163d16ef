/*
 * A read-only Docker Engine API client over libcurl.
 *
 *	struct api_client e;
 *	if (engine_open(&e, getenv("DOCKER_HOST")) ||
 *	    engine_negotiate(&e))
 *		... e.error says why; exit status 4 ...
 *	cJSON *info;
 *	if (engine_get_json(&e, "/info", &info) == ENGINE_OK) ...
 *	engine_close(&e);
 *
 * The client sends GET requests only, follows no redirect and speaks
 * HTTP(S) only. Every path is prefixed with the negotiated "/vX.Y".
 */
#ifndef MOUNTLINT_PROBE_ENGINE_H
#define MOUNTLINT_PROBE_ENGINE_H

#include <stdbool.h>

#include <cJSON.h>

#include "../lint/buf.h"

/* The newest API whose answers the doctor understands. */
#define ENGINE_API_NEWEST_MAJOR 1
#define ENGINE_API_NEWEST_MINOR 52
/* The oldest API it accepts (the volume filter needs it). */
#define ENGINE_API_OLDEST_MAJOR 1
#define ENGINE_API_OLDEST_MINOR 24

enum engine_status {
	ENGINE_OK = 0,
	ENGINE_UNREACHABLE = -1,	/* down, no socket, not permitted */
	ENGINE_REFUSED = -2,		/* the API version was refused */
	ENGINE_HTTP = -3,		/* a 4xx or 5xx answer */
	ENGINE_BAD = -4,		/* an answer that is not what it should be */
	ENGINE_USAGE = -5,		/* DOCKER_HOST cannot be used */
};

/* Where the engine listens, from DOCKER_HOST and the environment. */
struct endpoint {
	char *socket;		/* a unix socket path, or NULL for tcp */
	char *base;		/* "http://docker" or "https://HOST:PORT" */
	bool tls;
	bool tls_verify;
	char *cert_dir;		/* for tls: ca.pem, cert.pem, key.pem */
};

/*
 * Fills ep from docker_host (unix:///path, tcp://host[:port]; NULL or ""
 * means the default socket: $XDG_RUNTIME_DIR/docker.sock when not root
 * and that socket exists, else /var/run/docker.sock). For tcp, TLS is on
 * when DOCKER_TLS_VERIFY or DOCKER_CERT_PATH is set, and verified when
 * DOCKER_TLS_VERIFY is. Returns 0, or -1 with *error set (caller frees)
 * for a scheme it cannot use. endpoint_release frees ep's members.
 */
int endpoint_parse(struct endpoint *ep, const char *docker_host,
		   char **error);
void endpoint_release(struct endpoint *ep);

/* Called about once a second while a request waits; may be NULL. */
typedef void engine_wait_fn(void *data, const char *path, long seconds);

struct api_client {
	struct endpoint ep;
	void *curl;
	char *host;		/* DOCKER_HOST as given, or the socket */
	int api_major, api_minor;	/* negotiated; 0.0 before */
	char api[16];		/* "1.41" */
	long timeout;		/* seconds for one request */
	engine_wait_fn *wait;
	void *wait_data;
	char *error;		/* the last failure, in the tool's grammar */
	long status;		/* the last HTTP status */
};

/*
 * Prepares e for DOCKER_HOST docker_host (see endpoint_parse); sends
 * nothing. Returns ENGINE_OK, or ENGINE_USAGE with e->error set. Call
 * engine_close in both cases.
 */
int engine_open(struct api_client *e, const char *docker_host);

/*
 * GET /_ping and use the lower of the engine's API-Version header and
 * the newest this client knows. Returns ENGINE_OK, ENGINE_UNREACHABLE or
 * ENGINE_REFUSED (no version header, or older than the oldest accepted).
 */
int engine_negotiate(struct api_client *e);

/*
 * Uses the lower of major.minor (the engine's) and the newest known;
 * ENGINE_REFUSED with e->error when it is older than the oldest accepted.
 */
int engine_choose_version(struct api_client *e, int major, int minor);

/*
 * GET /vX.Y PATH into body, which this initialises (capped) and the
 * caller releases whatever the result. Returns ENGINE_OK for a 2xx answer;
 * ENGINE_HTTP with e->status and e->error (the engine's "message") for
 * 4xx and 5xx, ENGINE_REFUSED when that message refuses the version;
 * ENGINE_UNREACHABLE when the connection fails or times out.
 */
int engine_get(struct api_client *e, const char *path, struct buf *body);

/* engine_get, then parse; *out is the caller's to cJSON_Delete. */
int engine_get_json(struct api_client *e, const char *path, cJSON **out);

/* s percent-encoded for a query string; the caller frees it. */
char *engine_escape(const char *s);

/* Whether the API negotiated is at least major.minor. */
bool engine_api_at_least(const struct api_client *e, int major, int minor);

/* Parses "1.41" into *major and *minor; returns 0 or -1. */
int engine_parse_version(const char *s, int *major, int *minor);

/* Whether an error message from the engine refuses the API version. */
bool engine_refuses_version(const char *message);

void engine_close(struct api_client *e);

#endif
