/* Anomaly flags: robust statistics of the store's recent history, kept by
 * the leader, so an event far outside it (an order of 250 000 EUR in a shop
 * of 50 EUR orders, 900 of one item, 80 lines) is noticed before it reaches
 * Infor, and a sudden rise of the delivery error rate shows in status().
 *
 * Metrics: order.placed total_amount, its largest line quantity and its line
 * count; payment.captured / payment.refunded amount (a payment.voided makes
 * no Infor call: it is neither checked nor kept). Each keeps a window of the last
 * ISYNC_ANOMALY_WINDOW values of delivered events. A value x is anomalous
 * when the window holds at least min_history values and
 *
 *     |x - median| > k * scale,   scale = max(1.4826 * MAD, 5% of |median|, floor)
 *
 * (MAD: the median of |v - median|; 1.4826 makes it estimate the standard
 * deviation of normal data; the 5% and the absolute floor — 1 for every
 * metric — keep a constant history from flagging every small deviation).
 *
 * Error rate: the outcome of the last ISYNC_ANOMALY_SHORT delivery attempts
 * against the ISYNC_ANOMALY_LONG before them; rising when the short-run
 * failure rate is above 50% over at least ISYNC_ANOMALY_SHORT_MIN attempts
 * and at least 3 times the long-run rate.
 *
 * Persisted in <spool>/anomaly.json (atomic replace, not fsync'ed: losing
 * the last values to a power cut costs nothing that matters). */
#ifndef ISYNC_ANOMALY_H
#define ISYNC_ANOMALY_H

#include <jansson.h>
#include <stddef.h>

#include "base/error.h"

#define ISYNC_ANOMALY_WINDOW 200 /* values kept per metric */
#define ISYNC_ANOMALY_SHORT 50 /* recent delivery attempts */
#define ISYNC_ANOMALY_LONG 500 /* the attempts before those */
#define ISYNC_ANOMALY_SHORT_MIN 10 /* fewer recent attempts: never "rising" */
#define ISYNC_ANOMALY_SCALE_FACTOR 1.4826
#define ISYNC_ANOMALY_RELATIVE_FLOOR 0.05
#define ISYNC_ANOMALY_ABSOLUTE_FLOOR 1.0

typedef enum {
    ISYNC_METRIC_TOTAL_AMOUNT = 0,
    ISYNC_METRIC_MAX_LINE_QUANTITY,
    ISYNC_METRIC_LINE_COUNT,
    ISYNC_METRIC_PAYMENT_AMOUNT,
    ISYNC_METRIC_COUNT
} isync_metric;

typedef struct {
    double values[ISYNC_ANOMALY_WINDOW]; /* oldest first */
    size_t count;
} isync_window;

typedef struct {
    isync_window windows[ISYNC_METRIC_COUNT];
    unsigned char attempts[ISYNC_ANOMALY_SHORT + ISYNC_ANOMALY_LONG]; /* 1: failed; oldest first */
    size_t attempt_count;
    long long flagged; /* events flagged so far (this spool) */
} isync_anomaly;

typedef struct {
    double median;
    double mad; /* raw median absolute deviation */
    double scale; /* max(1.4826 * mad, 5% of |median|, floor) */
} isync_robust_stats;

typedef struct {
    double short_rate;
    double long_rate;
    size_t short_attempts;
    size_t long_attempts;
    int rising;
} isync_error_rate;

const char *isync_metric_name(isync_metric metric);

void isync_anomaly_init(isync_anomaly *a);

/* Median of n values (n > 0); the values are not changed. */
double isync_median(const double *values, size_t n);
/* Median, MAD and the floored scale of n values (n > 0). */
isync_robust_stats isync_robust_stats_of(const double *values, size_t n);

/* Appends a value to a metric's window, dropping the oldest when full. */
void isync_anomaly_add(isync_anomaly *a, isync_metric metric, double value);

/* The metrics an event type has and their values in this envelope:
 * returns how many were found (0: nothing to check). */
size_t isync_anomaly_values(json_t *envelope, isync_metric metrics[ISYNC_METRIC_COUNT],
                            double values[ISYNC_METRIC_COUNT]);

/* The anomalies of an event: NULL when none (or too little history),
 * else a new array [{"metric","value","median","limit"}] with decimal
 * strings; limit is the bound the value crossed (median ± k * scale). */
json_t *isync_anomaly_check(const isync_anomaly *a, json_t *envelope, double threshold, size_t min_history);

/* A delivered event joins the history. */
void isync_anomaly_observe(isync_anomaly *a, json_t *envelope);

/* One delivery attempt's outcome (failed: retry later or dead letter). */
void isync_anomaly_attempt(isync_anomaly *a, int failed);
isync_error_rate isync_anomaly_error_rate(const isync_anomaly *a);

/* {"flagged", "error_rate": {"short","long","short_attempts","long_attempts","rising"}} */
json_t *isync_anomaly_summary(const isync_anomaly *a);

/* A missing file is an empty history (ISYNC_OK); a damaged one too, with
 * ISYNC_ERR_CORRUPT so the caller can say so. */
isync_status isync_anomaly_load(isync_anomaly *a, const char *path, isync_error *err);
isync_status isync_anomaly_save(const isync_anomaly *a, const char *path, isync_error *err);

#endif
