#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/rand.h>

char *path_join(const char *dir, const char *name)
{
    char *p;

    if (asprintf(&p, "%s/%s", dir, name) < 0)
        return NULL;
    return p;
}

char *file_read(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, n;

    if (!f)
        return NULL;
    do {
        if (cap - len < 4096) {
            char *nb = realloc(buf, cap + 8192);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
            cap += 8192;
        }
        n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
    } while (n > 0);
    fclose(f);
    buf[len] = '\0';
    return buf;
}

int file_write(const char *dir, const char *name, const char *data, size_t len, mode_t mode)
{
    char *tmp = NULL, *dst = path_join(dir, name);
    int fd = -1, rc = -1;

    if (!dst || asprintf(&tmp, "%s/.%s.tmp", dir, name) < 0)
        goto out;
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0)
        goto out;
    /* open() honours the umask; the requested mode is what matters (0600 for secrets). */
    if (fchmod(fd, mode) != 0)
        goto out;
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w <= 0)
            goto out;
        data += w;
        len -= (size_t)w;
    }
    if (close(fd) != 0) {
        fd = -1;
        goto out;
    }
    fd = -1;
    rc = rename(tmp, dst);
out:
    if (fd >= 0)
        close(fd);
    if (rc != 0 && tmp)
        unlink(tmp);
    free(tmp);
    free(dst);
    return rc;
}

int file_exists(const char *dir, const char *name)
{
    char *p = path_join(dir, name);
    int ok = p && access(p, R_OK) == 0;

    free(p);
    return ok;
}

void random_alnum(char *out, size_t n)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    size_t i = 0;

    while (i < n) {
        unsigned char b[64];
        if (RAND_bytes(b, sizeof b) != 1)
            abort();
        for (size_t k = 0; k < sizeof b && i < n; k++) {
            if (b[k] >= 248) /* 248 = 4 * 62: reject to avoid modulo bias */
                continue;
            out[i++] = alphabet[b[k] % 62];
        }
    }
    out[n] = '\0';
}

long random_between(long lo, long hi)
{
    unsigned long r, span;

    if (hi <= lo)
        return lo;
    span = (unsigned long)(hi - lo) + 1;
    if (RAND_bytes((unsigned char *)&r, sizeof r) != 1)
        abort();
    return lo + (long)(r % span); /* spans are small next to 2^64: the modulo bias is negligible */
}

void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, ms % 1000 * 1000000L};

    if (ms <= 0)
        return;
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void today_yyyymmdd(char *out)
{
    time_t t = time(NULL);
    struct tm tm;

    localtime_r(&t, &tm);
    strftime(out, 9, "%Y%m%d", &tm);
}

const char *jstr(const json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));

    return s ? s : "";
}

long jint(const json_t *obj, const char *key, long def)
{
    json_t *v = json_object_get(obj, key);

    if (!v || json_is_null(v))
        return def;
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return -1;
    return (long)json_integer_value(v);
}

static int compare_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **sorted_keys(const json_t *obj, size_t *count)
{
    const char **keys = calloc(json_object_size(obj) + 1, sizeof *keys);
    const char *key;
    json_t *v;
    size_t n = 0;

    *count = 0;
    if (!keys)
        return NULL;
    json_object_foreach((json_t *)obj, key, v) keys[n++] = key;
    qsort(keys, n, sizeof *keys, compare_keys);
    *count = n;
    return keys;
}

void jset(json_t *obj, const char *key, const char *value)
{
    json_object_set_new(obj, key, json_string(value ? value : ""));
}

double num_value(const char *s)
{
    return s ? strtod(s, NULL) : 0;
}

void format_qty(char *out, size_t n, double v)
{
    char *end;

    snprintf(out, n, "%.6f", v);
    end = out + strlen(out) - 1;
    while (end > out && *end == '0')
        *end-- = '\0';
    if (*end == '.')
        *end = '\0';
    if (!strcmp(out, "-0"))
        copy_str(out, n, "0");
}

void now_hhmm(char *out)
{
    time_t t = time(NULL);
    struct tm tm;

    localtime_r(&t, &tm);
    strftime(out, 5, "%H%M", &tm);
}

void copy_str(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}
