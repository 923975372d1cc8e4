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

/* A random whole number from lo to hi (inclusive), uniformly; lo when hi <= lo. */
long random_between(long lo, long hi);

/* Sleeps ms milliseconds in the calling thread (nothing when ms <= 0). */
void sleep_ms(long ms);

/* Monotonic clock in milliseconds. */
double now_ms(void);

/* Today's date as yyyyMMdd (out holds 9 bytes). */
void today_yyyymmdd(char *out);

/* Member `key` of `obj` when it is a string, else "". */
const char *jstr(const json_t *obj, const char *key);

/* The keys of obj in ascending (strcmp) order, borrowed; free() the array (NULL when out of memory). */
const char **sorted_keys(const json_t *obj, size_t *count);

/* Member `key` of `obj` as a non-negative integer: def when absent or null, -1 when present
 * but not a non-negative JSON integer. */
long jint(const json_t *obj, const char *key, long def);

/* Sets member `key` of `obj` to a copy of the string value. */
void jset(json_t *obj, const char *key, const char *value);

/* The leading number of s (0 when there is none). */
double num_value(const char *s);

/* A quantity or amount as M3 prints it: no trailing zeros, "25", "2.5", "-0.125". */
void format_qty(char *out, size_t n, double v);

/* Current time as HHmm (out holds 5 bytes). */
void now_hhmm(char *out);

/* Copies src into dst (size n), always NUL-terminating. */
void copy_str(char *dst, size_t n, const char *src);

#endif
