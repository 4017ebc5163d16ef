/*
 * The Engine API client: where the engine listens, the version it
 * speaks, and GET requests with a timeout and a cap on the answer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <dlfcn.h>

#include "engine.h"
#include "../lint/mem.h"
#include "../lint/banned.h"

#define ENGINE_MAX_ANSWER (256u << 20)
#define ENGINE_CONNECT_TIMEOUT 5L
#define ENGINE_DEFAULT_TIMEOUT 30L
#define DEFAULT_SOCKET "/var/run/docker.sock"

/*
 * libcurl is loaded when the doctor first needs it: linting never pays
 * for loading it and the thirty-odd libraries it brings (several
 * milliseconds a run, more than a small file takes to lint).
 */
static struct {
	void *handle;
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *c);
	void (*easy_reset)(CURL *c);
	CURLcode (*easy_setopt)(CURL *c, CURLoption option, ...);
	CURLcode (*easy_perform)(CURL *c);
	CURLcode (*easy_getinfo)(CURL *c, CURLINFO info, ...);
	const char *(*easy_strerror)(CURLcode rc);
} http;

/* Binds one libcurl function; false when the library lacks it. */
static bool bind_symbol(void *slot, const char *name)
{
	void *f = dlsym(http.handle, name);

	memcpy(slot, &f, sizeof(f));
	return f != NULL;
}

/* Loads libcurl once; NULL on success, else why it cannot be. */
static char *load_http(void)
{
	static const char *const names[] = {
		"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so",
	};

	if (http.handle)
		return NULL;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		http.handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
		if (http.handle)
			break;
	}
	if (!http.handle)
		return xasprintf("cannot load libcurl (libcurl.so.4): %s",
				 dlerror());
	if (bind_symbol(&http.global_init, "curl_global_init") &&
	    bind_symbol(&http.global_cleanup, "curl_global_cleanup") &&
	    bind_symbol(&http.easy_init, "curl_easy_init") &&
	    bind_symbol(&http.easy_cleanup, "curl_easy_cleanup") &&
	    bind_symbol(&http.easy_reset, "curl_easy_reset") &&
	    bind_symbol(&http.easy_setopt, "curl_easy_setopt") &&
	    bind_symbol(&http.easy_perform, "curl_easy_perform") &&
	    bind_symbol(&http.easy_getinfo, "curl_easy_getinfo") &&
	    bind_symbol(&http.easy_strerror, "curl_easy_strerror"))
		return NULL;
	dlclose(http.handle);
	http.handle = NULL;
	return xstrdup("cannot load libcurl: the library found lacks "
		       "functions the doctor uses");
}

static int tcp_endpoint(struct endpoint *ep, const char *hostport)
{
	const char *verify = getenv("DOCKER_TLS_VERIFY");
	const char *certs = getenv("DOCKER_CERT_PATH");
	const char *home = getenv("HOME");
	const char *port;

	ep->tls_verify = verify && *verify;
	ep->tls = ep->tls_verify || (certs && *certs);
	if (certs && *certs)
		ep->cert_dir = xstrdup(certs);
	else if (ep->tls)
		ep->cert_dir = xasprintf("%s/.docker", home ? home : "");

	/* Docker's own defaults: 2376 with TLS, 2375 without. */
	port = strrchr(hostport, ':');
	if (port && !strchr(port, ']'))
		ep->base = xasprintf("%s://%s", ep->tls ? "https" : "http",
				     hostport);
	else
		ep->base = xasprintf("%s://%s:%s", ep->tls ? "https" : "http",
				     hostport, ep->tls ? "2376" : "2375");
	return 0;
}

static char *default_socket(void)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	char *rootless;

	if (geteuid() == 0 || !xdg || !*xdg)
		return xstrdup(DEFAULT_SOCKET);
	rootless = xasprintf("%s/docker.sock", xdg);
	if (!access(rootless, F_OK))
		return rootless;
	free(rootless);
	return xstrdup(DEFAULT_SOCKET);
}

int endpoint_parse(struct endpoint *ep, const char *docker_host,
		   char **error)
{
	memset(ep, 0, sizeof(*ep));
	*error = NULL;
	if (!docker_host || !*docker_host) {
		ep->socket = default_socket();
	} else if (!strncmp(docker_host, "unix://", 7) && docker_host[7]) {
		ep->socket = xstrdup(docker_host + 7);
	} else if (!strncmp(docker_host, "tcp://", 6) && docker_host[6]) {
		char *hostport = xstrdup(docker_host + 6);
		char *slash = strchr(hostport, '/');

		if (slash)
			*slash = '\0';
		tcp_endpoint(ep, hostport);
		free(hostport);
		return 0;
	} else {
		*error = xasprintf("unsupported DOCKER_HOST \"%s\": the doctor "
				   "speaks unix:// and tcp:// only",
				   docker_host);
		return -1;
	}
	ep->base = xstrdup("http://localhost");
	return 0;
}

void endpoint_release(struct endpoint *ep)
{
	free(ep->socket);
	free(ep->base);
	free(ep->cert_dir);
	memset(ep, 0, sizeof(*ep));
}

int engine_parse_version(const char *s, int *major, int *minor)
{
	char *end;
	long a, b;

	if (!s || *s < '0' || *s > '9')
		return -1;
	a = strtol(s, &end, 10);
	if (*end != '.' || end[1] < '0' || end[1] > '9')
		return -1;
	b = strtol(end + 1, &end, 10);
	if (*end || a > 1000 || b > 1000)
		return -1;
	*major = (int)a;
	*minor = (int)b;
	return 0;
}

bool engine_api_at_least(const struct api_client *e, int major, int minor)
{
	return e->api_major > major ||
	       (e->api_major == major && e->api_minor >= minor);
}

bool engine_refuses_version(const char *message)
{
	return message && strstr(message, "client version") &&
	       (strstr(message, "too new") || strstr(message, "too old"));
}

char *engine_escape(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b;

	buf_init(&b, 0);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c)) {
			buf_addch(&b, (char)c);
		} else {
			buf_addch(&b, '%');
			buf_addch(&b, hex[c >> 4]);
			buf_addch(&b, hex[c & 15]);
		}
	}
	return buf_detach(&b, NULL);
}

static void set_error(struct api_client *e, char *message)
{
	free(e->error);
	e->error = message;
}

int engine_open(struct api_client *e, const char *docker_host)
{
	char *error;

	memset(e, 0, sizeof(*e));
	e->timeout = ENGINE_DEFAULT_TIMEOUT;
	if (endpoint_parse(&e->ep, docker_host, &error)) {
		set_error(e, error);
		return ENGINE_USAGE;
	}
	if (e->ep.socket)
		e->host = xasprintf("unix://%s", e->ep.socket);
	else
		e->host = xstrdup(docker_host);
	error = load_http();
	if (error) {
		set_error(e, error);
		return ENGINE_USAGE;
	}
	http.global_init(CURL_GLOBAL_DEFAULT);
	e->curl = http.easy_init();
	if (!e->curl) {
		set_error(e, xstrdup("cannot start the HTTP client"));
		return ENGINE_USAGE;
	}
	return ENGINE_OK;
}

void engine_close(struct api_client *e)
{
	if (e->curl) {
		http.easy_cleanup(e->curl);
		http.global_cleanup();
	}
	endpoint_release(&e->ep);
	free(e->host);
	free(e->error);
	memset(e, 0, sizeof(*e));
}

/* What one request collects besides the body. */
struct request {
	struct api_client *e;
	const char *path;
	struct buf *body;
	char api_version[16];
	time_t start;
	long reported;
};

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct request *r = arg;
	size_t len = size * n;

	return buf_add(r->body, data, len) ? 0 : len;
}

static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
	static const char name[] = "api-version:";
	struct request *r = arg;
	size_t len = size * n, i = sizeof(name) - 1, j = 0;

	if (len < i || strncasecmp(data, name, i))
		return len;
	while (i < len && (data[i] == ' ' || data[i] == '\t'))
		i++;
	while (i < len && j + 1 < sizeof(r->api_version) &&
	       data[i] != '\r' && data[i] != '\n' && data[i] != ' ')
		r->api_version[j++] = data[i++];
	r->api_version[j] = '\0';
	return len;
}

static int on_progress(void *arg, curl_off_t dt, curl_off_t dn,
		       curl_off_t ut, curl_off_t un)
{
	struct request *r = arg;
	long waited = (long)(time(NULL) - r->start);

	(void)dt, (void)dn, (void)ut, (void)un;
	if (r->e->wait && waited > r->reported) {
		r->reported = waited;
		r->e->wait(r->e->wait_data, r->path, waited);
	}
	return 0;
}

static void set_tls(struct api_client *e)
{
	CURL *c = e->curl;
	char *ca, *cert, *key;

	if (!e->ep.tls)
		return;
	ca = xasprintf("%s/ca.pem", e->ep.cert_dir);
	cert = xasprintf("%s/cert.pem", e->ep.cert_dir);
	key = xasprintf("%s/key.pem", e->ep.cert_dir);
	if (!access(ca, R_OK))
		http.easy_setopt(c, CURLOPT_CAINFO, ca);
	if (!access(cert, R_OK) && !access(key, R_OK)) {
		http.easy_setopt(c, CURLOPT_SSLCERT, cert);
		http.easy_setopt(c, CURLOPT_SSLKEY, key);
	}
	http.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, e->ep.tls_verify ? 1L : 0L);
	http.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, e->ep.tls_verify ? 2L : 0L);
	free(ca);
	free(cert);
	free(key);
}

static void set_request(struct api_client *e, struct request *r,
			const char *url)
{
	CURL *c = e->curl;

	http.easy_reset(c);
	http.easy_setopt(c, CURLOPT_URL, url);
	http.easy_setopt(c, CURLOPT_HTTPGET, 1L);
	http.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	http.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	http.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	http.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, ENGINE_CONNECT_TIMEOUT);
	http.easy_setopt(c, CURLOPT_TIMEOUT, e->timeout);
	http.easy_setopt(c, CURLOPT_USERAGENT, "mountlint-doctor");
	http.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	http.easy_setopt(c, CURLOPT_WRITEDATA, r);
	http.easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	http.easy_setopt(c, CURLOPT_HEADERDATA, r);
	http.easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	http.easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	http.easy_setopt(c, CURLOPT_XFERINFODATA, r);
	if (e->ep.socket)
		http.easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, e->ep.socket);
	set_tls(e);
}

/* Why a unix socket cannot be used, before curl's terse error. */
static char *socket_problem(const char *path)
{
	struct stat st;

	if (stat(path, &st)) {
		if (errno == EACCES)
			return xasprintf("permission denied on \"%s\": "
					 "the user needs access to the "
					 "Docker socket", path);
		return xasprintf("no Docker socket at \"%s\": is the "
				 "daemon running? (set DOCKER_HOST for "
				 "another engine)", path);
	}
	if (!S_ISSOCK(st.st_mode))
		return xasprintf("\"%s\" is not a socket", path);
	if (access(path, R_OK | W_OK) && errno == EACCES)
		return xasprintf("permission denied on \"%s\": the user "
				 "needs access to the Docker socket", path);
	return NULL;
}

static char *connect_problem(struct api_client *e, CURLcode rc)
{
	char *why = e->ep.socket ? socket_problem(e->ep.socket) : NULL;

	if (why)
		return why;
	if (rc == CURLE_OPERATION_TIMEDOUT)
		return xasprintf("the Docker daemon at \"%s\" did not answer "
				 "within %ld s", e->host, e->timeout);
	return xasprintf("cannot connect to the Docker daemon at \"%s\": %s",
			 e->host, http.easy_strerror(rc));
}

/* The "message" of an error answer, or the body itself. */
static char *answer_message(const struct buf *body)
{
	cJSON *root = cJSON_ParseWithLength(body->data, body->len);
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(root, "message");
	char *s;

	if (cJSON_IsString(m))
		s = xstrdup(m->valuestring);
	else
		s = xstrndup(body->data, body->len > 500 ? 500 : body->len);
	cJSON_Delete(root);
	return s;
}

static int perform(struct api_client *e, const char *url, const char *path,
		   struct buf *body, char *api_version)
{
	struct request r = { e, path, body, "", time(NULL), 0 };
	CURLcode rc;

	set_request(e, &r, url);
	rc = http.easy_perform(e->curl);
	if (api_version)
		memcpy(api_version, r.api_version, sizeof(r.api_version));
	if (rc == CURLE_WRITE_ERROR) {
		set_error(e, xasprintf("the answer to \"%s\" is larger than "
				       "%u MiB", path,
				       ENGINE_MAX_ANSWER >> 20));
		return ENGINE_BAD;
	}
	if (rc != CURLE_OK) {
		set_error(e, connect_problem(e, rc));
		return ENGINE_UNREACHABLE;
	}
	http.easy_getinfo(e->curl, CURLINFO_RESPONSE_CODE, &e->status);
	if (e->status >= 200 && e->status < 300)
		return ENGINE_OK;
	set_error(e, answer_message(body));
	if (e->status == 400 && engine_refuses_version(e->error))
		return ENGINE_REFUSED;
	return ENGINE_HTTP;
}

int engine_negotiate(struct api_client *e)
{
	char *url = xasprintf("%s/_ping", e->ep.base);
	char version[16];
	struct buf body;
	int rc, major, minor;

	buf_init(&body, 4096);
	rc = perform(e, url, "/_ping", &body, version);
	free(url);
	buf_release(&body);
	if (rc == ENGINE_HTTP || rc == ENGINE_BAD) {
		char *why = xasprintf("the Docker daemon at \"%s\" answered "
				      "/_ping with status %ld", e->host,
				      e->status);
		set_error(e, why);
		return ENGINE_UNREACHABLE;
	}
	if (rc)
		return rc;
	if (engine_parse_version(version, &major, &minor)) {
		set_error(e, xasprintf("the engine at \"%s\" names no API "
				       "version", e->host));
		return ENGINE_REFUSED;
	}
	return engine_choose_version(e, major, minor);
}

int engine_choose_version(struct api_client *e, int major, int minor)
{
	if (major < ENGINE_API_OLDEST_MAJOR ||
	    (major == ENGINE_API_OLDEST_MAJOR &&
	     minor < ENGINE_API_OLDEST_MINOR)) {
		set_error(e, xasprintf("API version %d.%d of the engine at "
				       "\"%s\" is too old: the doctor needs "
				       "%d.%d or newer", major, minor, e->host,
				       ENGINE_API_OLDEST_MAJOR,
				       ENGINE_API_OLDEST_MINOR));
		return ENGINE_REFUSED;
	}
	if (major > ENGINE_API_NEWEST_MAJOR ||
	    (major == ENGINE_API_NEWEST_MAJOR &&
	     minor > ENGINE_API_NEWEST_MINOR)) {
		major = ENGINE_API_NEWEST_MAJOR;
		minor = ENGINE_API_NEWEST_MINOR;
	}
	e->api_major = major;
	e->api_minor = minor;
	snprintf(e->api, sizeof(e->api), "%d.%d", major, minor);
	return ENGINE_OK;
}

int engine_get(struct api_client *e, const char *path, struct buf *body)
{
	char *url = xasprintf("%s/v%s%s", e->ep.base, e->api, path);
	int rc;

	buf_init(body, ENGINE_MAX_ANSWER);
	rc = perform(e, url, path, body, NULL);
	free(url);
	return rc;
}

int engine_get_json(struct api_client *e, const char *path, cJSON **out)
{
	struct buf body;
	int rc = engine_get(e, path, &body);

	*out = NULL;
	if (!rc) {
		*out = cJSON_ParseWithLength(body.data, body.len);
		if (!*out) {
			set_error(e, xasprintf("the answer to \"%s\" is not "
					       "JSON", path));
			rc = ENGINE_BAD;
		}
	}
	buf_release(&body);
	return rc;
}
