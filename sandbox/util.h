/* Small helpers shared by the sandbox: files, randomness, time, JSON strings. */
#ifndef SANDBOX_UTIL_H
#define SANDBOX_UTIL_H

#include <stddef.h>
#include <sys/types.h>
#include <jansson.h>

/* "dir/name", malloc'd. */
char *path_join(const char *dir, const char *name);

/* Whole file as a NUL-terminated malloc'd string, or NULL. */
char *file_read(const char *path);

/* Writes dir/name atomically (temp file + rename) with the given mode. 0 on success. */
int file_write(const char *dir, const char *name, const char *data, size_t len, mode_t mode);

int file_exists(const char *dir, const char *name);

/* n random characters from [A-Za-z0-9] into out (which holds n + 1 bytes). */
void random_alnum(char *out, size_t n);

/* Monotonic clock in milliseconds. */
double now_ms(void);

/* Today's date as yyyyMMdd (out holds 9 bytes). */
void today_yyyymmdd(char *out);

/* Member `key` of `obj` when it is a string, else "". */
const char *jstr(const json_t *obj, const char *key);

/* Copies src into dst (size n), always NUL-terminating. */
void copy_str(char *dst, size_t n, const char *src);

#endif
