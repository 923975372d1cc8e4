#include "base/log.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/clock.h"

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int log_fd = -1; /* -1: stderr */
static int log_level = ISYNC_LOG_WARNING;

static const char *const level_names[] = {"error", "warning", "info", "debug"};

int isync_log_level_parse(const char *name)
{
    for (int i = 0; i < 4; i++) {
        if (name && strcmp(name, level_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

const char *isync_log_level_name(isync_log_level level)
{
    return (level >= 0 && level <= 3) ? level_names[level] : "unknown";
}

void isync_log_configure(const char *path, isync_log_level level)
{
    pthread_mutex_lock(&log_lock);
    if (log_fd >= 0) {
        close(log_fd);
        log_fd = -1;
    }
    if (path && *path) {
        log_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    }
    log_level = level;
    pthread_mutex_unlock(&log_lock);
}

void isync_log_close(void)
{
    pthread_mutex_lock(&log_lock);
    if (log_fd >= 0) {
        close(log_fd);
        log_fd = -1;
    }
    pthread_mutex_unlock(&log_lock);
}

/* Appends text to line with CR, LF, the other C0 controls and DEL written as
 * \n, \r, \t or \xHH, so a value with a line break cannot forge a line.
 * Returns the new length; stops before an escape that does not fit. */
static size_t append_escaped(char *line, size_t used, size_t size, const char *text)
{
    for (; *text; text++) {
        unsigned char c = (unsigned char)*text;
        char escaped[5] = {(char)c, '\0'};
        if (c == '\n' || c == '\r' || c == '\t') {
            snprintf(escaped, sizeof escaped, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
        } else if (c < 0x20 || c == 0x7f) {
            snprintf(escaped, sizeof escaped, "\\x%02x", c);
        }
        size_t n = strlen(escaped);
        if (used + n >= size) {
            break;
        }
        memcpy(line + used, escaped, n);
        used += n;
    }
    return used;
}

void isync_log(isync_log_level level, const char *fmt, ...)
{
    char line[1024], message[1024], stamp[ISYNC_TIMESTAMP_SIZE];
    size_t used;
    va_list ap;

    if ((int)level > log_level) {
        return;
    }
    isync_utc_timestamp(stamp);
    used = (size_t)snprintf(line, sizeof line, "%s infor_sync[%d] %s: ", stamp, (int)getpid(), level_names[level]);
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    used = append_escaped(line, used, sizeof line - 1, message);
    line[used++] = '\n';

    pthread_mutex_lock(&log_lock);
    int fd = log_fd >= 0 ? log_fd : STDERR_FILENO;
    if (write(fd, line, used) < 0 && fd != STDERR_FILENO) {
        /* the log file's disk is full or read-only (often the spool's own): standard error still tells */
        ssize_t written = write(STDERR_FILENO, line, used);
        (void)written; /* nowhere to report that */
    }
    pthread_mutex_unlock(&log_lock);
}
