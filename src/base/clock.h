/* Time, the one home of the clocks: wall-clock milliseconds for records and
 * schedules, a monotonic clock for durations, the UTC timestamp of the
 * envelope and the log, and the deadline of a timed wait. */
#ifndef ISYNC_CLOCK_H
#define ISYNC_CLOCK_H

#include <stddef.h>
#include <time.h>

/* "2026-12-03T09:04:51.123Z" and its NUL */
#define ISYNC_TIMESTAMP_SIZE 25

/* Microseconds since the epoch (CLOCK_REALTIME). */
long long isync_now_us(void);

/* Milliseconds since the epoch (CLOCK_REALTIME). */
long long isync_now_ms(void);

/* Milliseconds of CLOCK_MONOTONIC: differences are durations that a change
 * of the wall clock cannot bend. */
long long isync_monotonic_ms(void);

/* The current UTC time as ISO 8601 with milliseconds, "...T09:04:51.123Z". */
void isync_utc_timestamp(char out[ISYNC_TIMESTAMP_SIZE]);

/* CLOCK_REALTIME in ms milliseconds, for pthread_cond_timedwait. */
struct timespec isync_deadline_in(long ms);

#endif
