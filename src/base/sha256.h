/* SHA-256, the one home of the hashing: checksums of event files, file
 * names made from the shop's text (idempotency keys, order numbers,
 * transaction ids) and deterministic customer numbers. */
#ifndef ISYNC_SHA256_H
#define ISYNC_SHA256_H

#include <stddef.h>

#include "base/error.h"

#define ISYNC_SHA256_SIZE 32 /* bytes of a digest */
#define ISYNC_SHA256_HEX_SIZE (2 * ISYNC_SHA256_SIZE + 1) /* hex digits and NUL */

/* The digest of len bytes of data. ISYNC_ERR_NOMEM (digest all zero) when
 * the library cannot allocate. */
isync_status isync_sha256(const void *data, size_t len, unsigned char digest[ISYNC_SHA256_SIZE]);

/* The digest of the texts one after the other ("capture:" then an id). */
isync_status isync_sha256_texts(const char *first, const char *second, unsigned char digest[ISYNC_SHA256_SIZE]);

/* bytes as lower-case hex: 2 * count digits and a NUL into out. */
void isync_hex(const unsigned char *bytes, size_t count, char *out);

/* The digest of data as 64 lower-case hex digits. */
isync_status isync_sha256_hex(const void *data, size_t len, char out[ISYNC_SHA256_HEX_SIZE]);

#endif
