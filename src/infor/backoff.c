#include "infor/backoff.h"

#include <sys/random.h>
#include <time.h>

long isync_retry_after_capped(long retry_after_s)
{
    if (retry_after_s < 0) {
        return -1;
    }
    return retry_after_s > ISYNC_RETRY_AFTER_MAX_S ? ISYNC_RETRY_AFTER_MAX_S : retry_after_s;
}

long isync_backoff_delay_ms(unsigned attempt, long base_ms, long cap_ms, long retry_after_s, uint64_t random)
{
    if (base_ms < 1) {
        base_ms = 1;
    }
    if (cap_ms < base_ms) {
        cap_ms = base_ms;
    }
    long ceiling = base_ms;
    for (unsigned i = 0; i < attempt && ceiling < cap_ms; i++) {
        ceiling = ceiling > cap_ms / 2 ? cap_ms : ceiling * 2; /* no overflow */
    }
    if (ceiling > cap_ms) {
        ceiling = cap_ms;
    }
    long delay = base_ms + (long)(random % (uint64_t)(ceiling - base_ms + 1));
    if (retry_after_s > 0) {
        long asked = isync_retry_after_capped(retry_after_s) * 1000;
        if (asked > delay) {
            delay = asked;
        }
    }
    return delay;
}

uint64_t isync_backoff_random(void)
{
    uint64_t value = 0;
    if (getrandom(&value, sizeof value, GRND_NONBLOCK) != (ssize_t)sizeof value) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        value = (uint64_t)now.tv_nsec * 6364136223846793005ULL + (uint64_t)now.tv_sec;
    }
    return value;
}
