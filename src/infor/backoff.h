/* Retry timing: "full jitter" exponential backoff (a random delay between
 * base and min(cap, base * 2^attempt)), never shorter than what the server
 * asked for with Retry-After. */
#ifndef ISYNC_BACKOFF_H
#define ISYNC_BACKOFF_H

#include <stdint.h>

/* The longest Retry-After honoured (1 hour): a larger one, or a date further
 * away, is taken as this. Documented in docs/configuration.md. */
#define ISYNC_RETRY_AFTER_MAX_S 3600L

/* A Retry-After in seconds within [0, ISYNC_RETRY_AFTER_MAX_S]; negative
 * (none given) stays -1. */
long isync_retry_after_capped(long retry_after_s);

/* attempt: 0 for the first retry. retry_after_s is capped as above. random: any uniformly distributed value. */
long isync_backoff_delay_ms(unsigned attempt, long base_ms, long cap_ms, long retry_after_s, uint64_t random);

/* A random 64-bit value for the jitter (not for secrets). */
uint64_t isync_backoff_random(void);

#endif
