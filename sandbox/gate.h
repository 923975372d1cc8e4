/*
 * The gateway under load: a delay on every request (latency with jitter, slept in the
 * connection's own thread) and a limit on the M3 requests processed at once. Set from the
 * command line, changed at run time through the control API. Thread-safe.
 */
#ifndef SANDBOX_GATE_H
#define SANDBOX_GATE_H

#include <stddef.h>
#include <jansson.h>

#define GATE_MAX_MS 600000
#define GATE_MAX_CONCURRENT 100000
#define GATE_MAX_RETRY_AFTER 86400

struct gate_settings {
    int latency_ms; /* 0..GATE_MAX_MS */
    int jitter_ms; /* 0..GATE_MAX_MS: the delay is uniform in [max(0, latency - jitter), latency + jitter] */
    int max_concurrent; /* M3 requests in progress at once, 0 = no limit */
    int retry_after; /* seconds in the Retry-After of a refused request */
};

/* Defaults: no delay, no limit, Retry-After 1. */
void gate_init(const struct gate_settings *s);
struct gate_settings gate_get(void);

/* Sleeps a delay drawn from the latency settings in the calling thread. */
void gate_delay(void);

/* Takes a place for an M3 request: 1, or 0 when max_concurrent are in progress already
 * (nothing taken). Every 1 is followed by one gate_leave(). */
int gate_enter(void);
void gate_leave(void);

/* {"m3_in_flight": now, "m3_peak_in_flight": the most at once since start or reset}. */
json_t *gate_counters(void);
/* The peak becomes the number in flight now. */
void gate_reset_peak(void);

/* Control API bodies; members left out keep their value. 0, or -1 with err filled in
 * (nothing changed). */
int gate_set_latency(const json_t *body, char *err, size_t errlen); /* {"ms","jitter_ms"} */
int gate_set_concurrency(const json_t *body, char *err, size_t errlen); /* {"max_concurrent","retry_after"} */
json_t *gate_latency_json(void); /* {"ms","jitter_ms"} */
json_t *gate_concurrency_json(void); /* {"max_concurrent","retry_after","m3_in_flight","m3_peak_in_flight"} */

#endif
