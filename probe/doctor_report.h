/*
 * What the doctor's reports share: the parsed command line, the engine
 * connection and the JSON report being built.
 */
#ifndef MOUNTLINT_PROBE_DOCTOR_REPORT_H
#define MOUNTLINT_PROBE_DOCTOR_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>

#include "doctor.h"
#include "engine.h"
#include "errors.h"

/* What every report shares. */
struct doctor {
	bool json;
	long timeout;			/* seconds; 0: the default */
	const char *volume;		/* --volume, or from the pasted error */
	bool disk;
	char *pasted;			/* the words joined, or NULL */
	const struct pasted_error *match;
	struct strlist pasted_ids;	/* container IDs in the pasted error */
	struct api_client engine;
	cJSON *out;			/* the JSON report being built */
};

/*
 * Connects (negotiates the version). Returns 0, or the exit status 4
 * after telling why on stderr (and in d->out for JSON).
 */
int doctor_connect(struct doctor *d);

/* The engine failed mid-report: tells why; returns the exit status. */
int doctor_engine_failed(struct doctor *d, int rc);

/* The reports. Each returns the exit status and fills d->out or stdout. */
int doctor_volume_report(struct doctor *d);
int doctor_disk_report(struct doctor *d);

/* "12.3 MiB" into buf. */
const char *doctor_bytes(char *buf, size_t size, unsigned long long n);

#endif
