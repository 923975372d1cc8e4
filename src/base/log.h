/* A small line logger shared by the request path and the worker thread.
 * Each line is one write(2) with O_APPEND, so lines from many processes
 * never interleave. Never log secrets, tokens or customer data. */
#ifndef ISYNC_LOG_H
#define ISYNC_LOG_H

typedef enum { ISYNC_LOG_ERROR = 0, ISYNC_LOG_WARNING = 1, ISYNC_LOG_INFO = 2, ISYNC_LOG_DEBUG = 3 } isync_log_level;

/* Parses "error", "warning", "info", "debug"; returns -1 for anything else. */
int isync_log_level_parse(const char *name);
const char *isync_log_level_name(isync_log_level level);

/* path NULL or "" logs to stderr. Safe to call again to reconfigure. */
void isync_log_configure(const char *path, isync_log_level level);
void isync_log_close(void);

void isync_log(isync_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
