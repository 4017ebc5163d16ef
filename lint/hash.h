/*
 * FNV-1a, 64 bits: the one string hash of the hash tables (and of the
 * GitLab report's fingerprints, which must not change).
 */
#ifndef MOUNTLINT_HASH_H
#define MOUNTLINT_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_START 0xcbf29ce484222325ULL

/* The hash h continued over the len bytes at s. */
static inline uint64_t hash_bytes(uint64_t h, const void *s, size_t len)
{
	const unsigned char *p = s;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

#endif
