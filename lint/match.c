#define PCRE2_CODE_UNIT_WIDTH 8
#include "match.h"

#include <pcre2.h>

#include "banned.h"

bool match_pattern(const char *pattern, const char *subject)
{
	int err, rc;
	PCRE2_SIZE off;
	pcre2_code *re;
	pcre2_match_data *md;

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
			   PCRE2_UTF, &err, &off, NULL);
	if (!re)
		return false;
	md = pcre2_match_data_create_from_pattern(re, NULL);
	if (!md) {
		pcre2_code_free(re);
		return false;
	}
	rc = pcre2_match(re, (PCRE2_SPTR)subject, PCRE2_ZERO_TERMINATED, 0,
			 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	return rc >= 0;
}
