#include "compose.h"

#include "../lint/banned.h"

enum compose_result compose_parse(struct unit *u, const char *text,
				  size_t len, int empty_is_error,
				  struct findings *out)
{
	(void)u; (void)text; (void)len; (void)empty_is_error; (void)out;
	return COMPOSE_NOT_COMPOSE;
}
