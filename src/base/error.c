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
