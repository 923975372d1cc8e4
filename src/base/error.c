#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

isync_status isync_fail(isync_error *err, isync_status st, int sys_errno, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->status = st;
        err->sys_errno = sys_errno;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return st;
}

void isync_error_clear(isync_error *err)
{
    if (err) {
        err->status = ISYNC_OK;
        err->sys_errno = 0;
        err->message[0] = '\0';
    }
}

void isync_problems_add(isync_problems *problems, const char *path, const char *fmt, ...)
{
    if (problems->count < ISYNC_PROBLEMS_MAX) {
        va_list ap;
        snprintf(problems->items[problems->count].path, sizeof problems->items[0].path, "%s", path);
        va_start(ap, fmt);
        vsnprintf(problems->items[problems->count].message, sizeof problems->items[0].message, fmt, ap);
        va_end(ap);
    }
    problems->count++;
}

void isync_problems_format(const isync_problems *problems, char *out, size_t size)
{
    size_t used = 0;
    size_t shown = problems->count < ISYNC_PROBLEMS_MAX ? problems->count : ISYNC_PROBLEMS_MAX;
    out[0] = '\0';
    for (size_t i = 0; i < shown && used < size; i++) {
        used += (size_t)snprintf(out + used, size - used, "%s%s: %s", i ? "; " : "", problems->items[i].path,
                                 problems->items[i].message);
    }
    if (problems->count > shown && used < size) {
        snprintf(out + used, size - used, "; and %zu more", problems->count - shown);
    }
}
