#include "base/clock.h"

#include <stdio.h>

static long long to_ms(const struct timespec *t)
{
    return (long long)t->tv_sec * 1000LL + t->tv_nsec / 1000000L;
}

long long isync_now_us(void)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (long long)now.tv_sec * 1000000LL + now.tv_nsec / 1000;
}

long long isync_now_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return to_ms(&now);
}

long long isync_monotonic_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return to_ms(&now);
}

void isync_utc_timestamp(char out[ISYNC_TIMESTAMP_SIZE])
{
    struct timespec now;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &now);
    gmtime_r(&now.tv_sec, &tm);
    size_t used = strftime(out, ISYNC_TIMESTAMP_SIZE, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + used, ISYNC_TIMESTAMP_SIZE - used, ".%03ldZ", now.tv_nsec / 1000000L);
}

struct timespec isync_deadline_in(long ms)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += ms / 1000;
    deadline.tv_nsec += (ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    return deadline;
}
