#include "utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "word.h"
#include "banned.h"

size_t utf8_len(unsigned char lead)
{
	if (lead >= 0xf0 && lead <= 0xf4)
		return 4;
	if (lead >= 0xe0 && lead <= 0xef)
		return 3;
	if (lead >= 0xc2 && lead <= 0xdf)
		return 2;
	return 1;
}

size_t utf8_count(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static bool is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Length of the valid sequence at s[i], or 0 when it is not valid. */
static size_t valid_at(const unsigned char *s, size_t i, size_t len)
{
	unsigned char c = s[i];
	size_t n = utf8_len(c);

	if (c < 0x80)
		return 1;
	if (n == 1 || i + n > len)
		return 0;
	for (size_t k = 1; k < n; k++)
		if (!is_cont(s[i + k]))
			return 0;
	if (c == 0xe0 && s[i + 1] < 0xa0)
		return 0;	/* overlong */
	if (c == 0xed && s[i + 1] > 0x9f)
		return 0;	/* surrogate */
	if (c == 0xf0 && s[i + 1] < 0x90)
		return 0;	/* overlong */
	if (c == 0xf4 && s[i + 1] > 0x8f)
		return 0;	/* past U+10FFFF */
	return n;
}

/* Where the first byte at or after i that is not ASCII may be. */
static size_t skip_ascii(const unsigned char *s, size_t i, size_t len)
{
	for (; i + 8 <= len; i += 8)
		if (word_high(word_load((const char *)s + i)))
			break;
	return i;
}

size_t utf8_invalid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		size_t n;

		i = skip_ascii(s, i, len);
		if (i >= len)
			break;
		n = valid_at(s, i, len);

		if (!n)
			return i;
		i += n;
	}
	return len;
}

void utf8_position(const char *s, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (!is_cont((unsigned char)s[i])) {
			(*col)++;
		}
	}
}
