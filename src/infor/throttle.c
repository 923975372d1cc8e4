#include "infor/throttle.h"

#include <time.h>

#include "base/clock.h"
#include "infor/backoff.h"

#define WAIT_STEP_MS 100

void isync_throttle_init(isync_throttle *throttle, int most)
{
    pthread_mutex_init(&throttle->lock, NULL);
    throttle->most = most < 1 ? 1 : most;
    throttle->limit = throttle->most;
    throttle->answers_since_raise = 0;
    throttle->last_cut_ms = 0;
    throttle->quiet_until_ms = 0;
    throttle->overloads = 0;
}

void isync_throttle_destroy(isync_throttle *throttle)
{
    pthread_mutex_destroy(&throttle->lock);
}

int isync_throttle_limit(isync_throttle *throttle)
{
    pthread_mutex_lock(&throttle->lock);
    int limit = throttle->limit;
    pthread_mutex_unlock(&throttle->lock);
    return limit;
}

int isync_throttle_answered(isync_throttle *throttle)
{
    int raised_to = 0;
    pthread_mutex_lock(&throttle->lock);
    if (throttle->limit < throttle->most && ++throttle->answers_since_raise >= throttle->limit) {
        raised_to = ++throttle->limit;
        throttle->answers_since_raise = 0;
    }
    pthread_mutex_unlock(&throttle->lock);
    return raised_to;
}

int isync_throttle_overloaded(isync_throttle *throttle, long retry_after_s)
{
    long long now = isync_monotonic_ms();
    int cut_to = 0;
    pthread_mutex_lock(&throttle->lock);
    throttle->overloads++;
    if (throttle->last_cut_ms == 0 || now - throttle->last_cut_ms >= ISYNC_THROTTLE_CALM_MS) {
        throttle->limit = throttle->limit > 1 ? throttle->limit / 2 : 1;
        throttle->answers_since_raise = 0;
        throttle->last_cut_ms = now;
        cut_to = throttle->limit;
    }
    retry_after_s = isync_retry_after_capped(retry_after_s);
    if (retry_after_s >= 0 && now + retry_after_s * 1000 > throttle->quiet_until_ms) {
        throttle->quiet_until_ms = now + retry_after_s * 1000;
    }
    pthread_mutex_unlock(&throttle->lock);
    return cut_to;
}

long isync_throttle_quiet_ms(isync_throttle *throttle)
{
    long long now = isync_monotonic_ms();
    pthread_mutex_lock(&throttle->lock);
    long long quiet = throttle->quiet_until_ms - now;
    pthread_mutex_unlock(&throttle->lock);
    return quiet > 0 ? (long)quiet : 0;
}

void isync_throttle_wait(isync_throttle *throttle, const atomic_bool *stop)
{
    long quiet;
    while ((quiet = isync_throttle_quiet_ms(throttle)) > 0 && !(stop && *stop)) {
        long step = quiet < WAIT_STEP_MS ? quiet : WAIT_STEP_MS;
        struct timespec pause = {step / 1000, (step % 1000) * 1000000L};
        nanosleep(&pause, NULL);
    }
}

long isync_throttle_overloads(isync_throttle *throttle)
{
    pthread_mutex_lock(&throttle->lock);
    long overloads = throttle->overloads;
    pthread_mutex_unlock(&throttle->lock);
    return overloads;
}
