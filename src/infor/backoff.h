/* Retry timing: "full jitter" exponential backoff (a random delay between
 * base and min(cap, base * 2^attempt)), never shorter than what the server
 * asked for with Retry-After. */
#ifndef ISYNC_BACKOFF_H
#define ISYNC_BACKOFF_H

#include <stdint.h>

/* attempt: 0 for the first retry. random: any uniformly distributed value. */
long isync_backoff_delay_ms(unsigned attempt, long base_ms, long cap_ms, long retry_after_s, uint64_t random);

/* A random 64-bit value for the jitter (not for secrets). */
uint64_t isync_backoff_random(void);

#endif
