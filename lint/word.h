/*
 * Eight bytes at a time: the tests that let the scans of strings pass
 * over whole words of ordinary bytes. Each returns a mask with the high
 * bit set in the bytes of w that may match; the lowest such byte (the
 * first, in a word from word_load) always matches, the ones above it may
 * not. Zero means no byte matches.
 */
#ifndef MOUNTLINT_WORD_H
#define MOUNTLINT_WORD_H

#include <stdint.h>
#include <string.h>

#define WORD_ONES 0x0101010101010101ULL
#define WORD_HIGH 0x8080808080808080ULL

/* The 8 bytes at s, the first the lowest. */
static inline uint64_t word_load(const char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/* Bytes below n (n at most 0x80). */
static inline uint64_t word_below(uint64_t w, unsigned char n)
{
	return (w - WORD_ONES * n) & ~w & WORD_HIGH;
}

/* Bytes equal to c. */
static inline uint64_t word_equal(uint64_t w, unsigned char c)
{
	return word_below(w ^ (WORD_ONES * c), 1);
}

/* Bytes below n (n at most 0x80), exactly: no byte matches falsely. */
static inline uint64_t word_below_exact(uint64_t w, unsigned char n)
{
	/* a byte's low seven bits plus 0x80 - n carry into its high bit
	 * when they are n or more, and never into the next byte */
	uint64_t at_least = (w & ~WORD_HIGH) + WORD_ONES * (0x80 - n);

	return ~(at_least | w) & WORD_HIGH;
}

/* Bytes equal to c, exactly. */
static inline uint64_t word_equal_exact(uint64_t w, unsigned char c)
{
	return word_below_exact(w ^ (WORD_ONES * c), 1);
}

/* Bytes past ASCII: exact in every byte. */
static inline uint64_t word_high(uint64_t w)
{
	return w & WORD_HIGH;
}

#endif
