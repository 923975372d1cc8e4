/* Errors are values: every function that can fail returns an isync_status
 * and, when given one, fills an isync_error with a message for humans.
 * Messages never contain secrets or personal data. */
#ifndef ISYNC_ERROR_H
#define ISYNC_ERROR_H

#include <stddef.h>

typedef enum {
    ISYNC_OK = 0,
    ISYNC_ERR_IO, /* a system call failed; sys_errno says why */
    ISYNC_ERR_INVALID, /* input failed validation */
    ISYNC_ERR_CORRUPT, /* stored data failed its checksum or parse */
    ISYNC_ERR_EXISTS, /* already there (idempotency key, O_EXCL) */
    ISYNC_ERR_NOTFOUND, /* no such event, file or key */
    ISYNC_ERR_NOMEM,
    ISYNC_ERR_CONFIG, /* a setting or a credentials file is wrong */
    ISYNC_ERR_HTTP, /* transport failure or unexpected HTTP answer */
    ISYNC_ERR_AUTH, /* the token endpoint refused us */
    ISYNC_ERR_TIMEOUT
} isync_status;

typedef struct {
    isync_status status;
    int sys_errno; /* errno for ISYNC_ERR_IO, else 0 */
    char message[512];
} isync_error;

/* Sets err (if not NULL) and returns st, so callers can `return isync_fail(...)`. */
isync_status isync_fail(isync_error *err, isync_status st, int sys_errno, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

void isync_error_clear(isync_error *err);

/* Validation results: what is wrong where, every problem of one input
 * together (payloads, templates, settings, credentials). */
#define ISYNC_PROBLEMS_MAX 32

/* Every problem found in one input, reported together. */
typedef struct {
    size_t count; /* problems found; may exceed ISYNC_PROBLEMS_MAX */
    struct {
        char path[128]; /* e.g. "items[2].price" */
        char message[192];
    } items[ISYNC_PROBLEMS_MAX];
} isync_problems;

void isync_problems_add(isync_problems *problems, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "items[2].price: must be a decimal number; email: is required" */
void isync_problems_format(const isync_problems *problems, char *out, size_t size);

#endif
