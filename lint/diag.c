#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

#include "banned.h"

static void diag_vprint(const char *level, const char *fmt, va_list ap)
{
	fprintf(stderr, "mountlint: %s: ", level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void diag_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vprint("error", fmt, ap);
	va_end(ap);
}

void diag_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vprint("note", fmt, ap);
	va_end(ap);
}
