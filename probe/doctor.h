/*
 * mountlint doctor: the host diagnosis. It reads the engine through
 * engine.h (GET only) and prints reports and the commands a person may
 * choose to run; it changes nothing.
 *
 *	mountlint doctor [--format text|json] [--timeout S] 'PASTED ERROR'
 *	mountlint doctor [--format text|json] --volume NAME
 *	mountlint doctor [--format text|json] --disk
 */
#ifndef MOUNTLINT_PROBE_DOCTOR_H
#define MOUNTLINT_PROBE_DOCTOR_H

/* Exit statuses beyond the linter's: the engine could not be used. */
#define DOCTOR_EXIT_ENGINE 4

/*
 * argv holds the options and words after "doctor". Returns the exit
 * status: 0 a report was printed, 3 bad usage or an unrecognised error
 * text, 4 the engine is unreachable or refused the API version.
 */
int doctor_main(int argc, char **argv);

#endif
