/* How many requests Infor takes at once, learnt from its answers and
 * shared by every thread that calls it: additive increase, multiplicative
 * decrease (AIMD, as TCP does). An overloaded answer (429, 503) halves the
 * limit, at most once per ISYNC_THROTTLE_CALM_MS so that a burst of 429s
 * to the requests already in flight counts as one signal; every `limit`
 * answers in a row that were not overloaded raise it by one, up to the
 * most (infor_sync.max_in_flight). A Retry-After holds back every request
 * until it has passed (isync_throttle_wait). Thread-safe. */
#ifndef ISYNC_THROTTLE_H
#define ISYNC_THROTTLE_H

#include <pthread.h>
#include <stdatomic.h>

#define ISYNC_THROTTLE_CALM_MS 1000

typedef struct {
    pthread_mutex_t lock;
    int most; /* the ceiling: infor_sync.max_in_flight */
    int limit; /* requests allowed in flight now, 1..most */
    int answers_since_raise; /* answers that were not overloaded since the limit last changed */
    long long last_cut_ms; /* monotonic time of the last halving */
    long long quiet_until_ms; /* monotonic time before which no request goes out (Retry-After) */
    long overloads; /* 429/503 answers seen */
} isync_throttle;

void isync_throttle_init(isync_throttle *throttle, int most);
void isync_throttle_destroy(isync_throttle *throttle);

/* The number of requests that may be in flight now. */
int isync_throttle_limit(isync_throttle *throttle);

/* An answer that was not an overload (any other status or a transport
 * error). Returns the new limit when it grew, else 0. */
int isync_throttle_answered(isync_throttle *throttle);

/* A 429 or 503: halves the limit (see above); retry_after_s >= 0 holds every
 * request back that long. Returns the new limit when it was cut, else 0. */
int isync_throttle_overloaded(isync_throttle *throttle, long retry_after_s);

/* Milliseconds before a request may go out (0: now). */
long isync_throttle_quiet_ms(isync_throttle *throttle);

/* Sleeps until a request may go out, in short steps that end early once
 * *stop is set (stop may be NULL). */
void isync_throttle_wait(isync_throttle *throttle, const atomic_bool *stop);

/* 429/503 answers seen since init. */
long isync_throttle_overloads(isync_throttle *throttle);

#endif
