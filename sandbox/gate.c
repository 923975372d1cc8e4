#include "gate.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct gate_settings settings = {0, 0, 0, 1};
static int in_flight, peak;

/* A member of a control API body and the setting it sets. */
struct member {
    const char *key;
    size_t offset; /* of the int in struct gate_settings */
    int max;
};

static const struct member latency_members[] = {
    {"ms", offsetof(struct gate_settings, latency_ms), GATE_MAX_MS},
    {"jitter_ms", offsetof(struct gate_settings, jitter_ms), GATE_MAX_MS},
};

static const struct member concurrency_members[] = {
    {"max_concurrent", offsetof(struct gate_settings, max_concurrent), GATE_MAX_CONCURRENT},
    {"retry_after", offsetof(struct gate_settings, retry_after), GATE_MAX_RETRY_AFTER},
};

void gate_init(const struct gate_settings *s)
{
    pthread_mutex_lock(&mu);
    settings = *s;
    pthread_mutex_unlock(&mu);
}

struct gate_settings gate_get(void)
{
    struct gate_settings s;

    pthread_mutex_lock(&mu);
    s = settings;
    pthread_mutex_unlock(&mu);
    return s;
}

void gate_delay(void)
{
    struct gate_settings s = gate_get();
    long lo = s.latency_ms > s.jitter_ms ? s.latency_ms - s.jitter_ms : 0;

    sleep_ms(random_between(lo, (long)s.latency_ms + s.jitter_ms));
}

int gate_enter(void)
{
    int entered = 0;

    pthread_mutex_lock(&mu);
    if (settings.max_concurrent == 0 || in_flight < settings.max_concurrent) {
        entered = 1;
        if (++in_flight > peak)
            peak = in_flight;
    }
    pthread_mutex_unlock(&mu);
    return entered;
}

void gate_leave(void)
{
    pthread_mutex_lock(&mu);
    in_flight--;
    pthread_mutex_unlock(&mu);
}

json_t *gate_counters(void)
{
    json_t *j;

    pthread_mutex_lock(&mu);
    j = json_pack("{s:i, s:i}", "m3_in_flight", in_flight, "m3_peak_in_flight", peak);
    pthread_mutex_unlock(&mu);
    return j;
}

void gate_reset_peak(void)
{
    pthread_mutex_lock(&mu);
    peak = in_flight;
    pthread_mutex_unlock(&mu);
}

static const struct member *find_member(const struct member *m, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(m[i].key, key))
            return &m[i];
    return NULL;
}

/* Every member of body must be one of m, a whole number from 0 to its max. */
static int check_body(const json_t *body, const struct member *m, size_t n, char *err, size_t errlen)
{
    const char *key;
    json_t *v;

    if (!json_is_object(body)) {
        snprintf(err, errlen, "the body is a JSON object");
        return -1;
    }
    json_object_foreach((json_t *)body, key, v)
    {
        const struct member *f = find_member(m, n, key);
        long x = jint(body, key, 0);
        if (!f) {
            snprintf(err, errlen, "unknown member %s", key);
            return -1;
        }
        if (x < 0 || x > f->max) {
            snprintf(err, errlen, "%s is a whole number from 0 to %d", key, f->max);
            return -1;
        }
    }
    return 0;
}

static int apply(const json_t *body, const struct member *m, size_t n, char *err, size_t errlen)
{
    if (check_body(body, m, n, err, errlen) != 0)
        return -1;
    pthread_mutex_lock(&mu);
    for (size_t i = 0; i < n; i++) {
        int *field = (int *)((char *)&settings + m[i].offset);
        *field = (int)jint(body, m[i].key, *field);
    }
    pthread_mutex_unlock(&mu);
    return 0;
}

int gate_set_latency(const json_t *body, char *err, size_t errlen)
{
    return apply(body, latency_members, sizeof latency_members / sizeof latency_members[0], err, errlen);
}

int gate_set_concurrency(const json_t *body, char *err, size_t errlen)
{
    return apply(body, concurrency_members, sizeof concurrency_members / sizeof concurrency_members[0], err, errlen);
}

json_t *gate_latency_json(void)
{
    struct gate_settings s = gate_get();

    return json_pack("{s:i, s:i}", "ms", s.latency_ms, "jitter_ms", s.jitter_ms);
}

json_t *gate_concurrency_json(void)
{
    struct gate_settings s = gate_get();
    json_t *j = json_pack("{s:i, s:i}", "max_concurrent", s.max_concurrent, "retry_after", s.retry_after);

    json_object_update_new(j, gate_counters());
    return j;
}
