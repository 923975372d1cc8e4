#include "queue/anomaly.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic_file.h"
#include "queue/spool.h"

static const char *const metric_names[ISYNC_METRIC_COUNT] = {
    "total_amount",
    "max_line_quantity",
    "line_count",
    "payment_amount",
};

const char *isync_metric_name(isync_metric metric)
{
    return (metric >= 0 && metric < ISYNC_METRIC_COUNT) ? metric_names[metric] : "unknown";
}

void isync_anomaly_init(isync_anomaly *a)
{
    memset(a, 0, sizeof *a);
}

static int compare_doubles(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

double isync_median(const double *values, size_t n)
{
    double sorted[ISYNC_ANOMALY_WINDOW];
    if (n == 0) {
        return 0;
    }
    if (n > ISYNC_ANOMALY_WINDOW) {
        n = ISYNC_ANOMALY_WINDOW;
    }
    memcpy(sorted, values, n * sizeof *values);
    qsort(sorted, n, sizeof *sorted, compare_doubles);
    return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

isync_robust_stats isync_robust_stats_of(const double *values, size_t n)
{
    double deviations[ISYNC_ANOMALY_WINDOW];
    isync_robust_stats stats;
    if (n > ISYNC_ANOMALY_WINDOW) {
        n = ISYNC_ANOMALY_WINDOW;
    }
    stats.median = isync_median(values, n);
    for (size_t i = 0; i < n; i++) {
        deviations[i] = fabs(values[i] - stats.median);
    }
    stats.mad = isync_median(deviations, n);
    stats.scale = ISYNC_ANOMALY_SCALE_FACTOR * stats.mad;
    if (stats.scale < ISYNC_ANOMALY_RELATIVE_FLOOR * fabs(stats.median)) {
        stats.scale = ISYNC_ANOMALY_RELATIVE_FLOOR * fabs(stats.median);
    }
    if (stats.scale < ISYNC_ANOMALY_ABSOLUTE_FLOOR) {
        stats.scale = ISYNC_ANOMALY_ABSOLUTE_FLOOR;
    }
    return stats;
}

void isync_anomaly_add(isync_anomaly *a, isync_metric metric, double value)
{
    isync_window *w = &a->windows[metric];
    if (!isfinite(value)) {
        return;
    }
    if (w->count == ISYNC_ANOMALY_WINDOW) {
        memmove(w->values, w->values + 1, (ISYNC_ANOMALY_WINDOW - 1) * sizeof *w->values);
        w->count--;
    }
    w->values[w->count++] = value;
}

/* A decimal string (the validated payloads carry them) or a JSON number. */
static int number_of(json_t *value, double *out)
{
    char *end = NULL;
    if (json_is_number(value)) {
        *out = json_number_value(value);
        return 1;
    }
    if (!json_is_string(value) || !*json_string_value(value)) {
        return 0;
    }
    *out = strtod(json_string_value(value), &end);
    return *end == '\0' && isfinite(*out);
}

static size_t order_values(json_t *payload, isync_metric metrics[], double values[])
{
    size_t found = 0, index;
    double max_quantity = 0, quantity;
    json_t *items = json_object_get(payload, "items"), *item;
    if (number_of(json_object_get(payload, "total_amount"), &values[found])) {
        metrics[found++] = ISYNC_METRIC_TOTAL_AMOUNT;
    }
    if (!json_is_array(items) || json_array_size(items) == 0) {
        return found;
    }
    json_array_foreach(items, index, item)
    {
        if (number_of(json_object_get(item, "quantity"), &quantity) && quantity > max_quantity) {
            max_quantity = quantity;
        }
    }
    metrics[found] = ISYNC_METRIC_MAX_LINE_QUANTITY;
    values[found++] = max_quantity;
    metrics[found] = ISYNC_METRIC_LINE_COUNT;
    values[found++] = (double)json_array_size(items);
    return found;
}

size_t isync_anomaly_values(json_t *envelope, isync_metric metrics[ISYNC_METRIC_COUNT],
                            double values[ISYNC_METRIC_COUNT])
{
    const char *type = json_string_value(json_object_get(envelope, "type"));
    json_t *payload = json_object_get(envelope, "payload");
    if (!type || !json_is_object(payload)) {
        return 0;
    }
    if (strcmp(type, "order.placed") == 0) {
        return order_values(payload, metrics, values);
    }
    /* a void reaches no Infor call: nothing to screen, and not a payment for the history */
    if (strncmp(type, "payment.", 8) == 0 && strcmp(type, "payment.voided") != 0 &&
        number_of(json_object_get(payload, "amount"), &values[0])) {
        metrics[0] = ISYNC_METRIC_PAYMENT_AMOUNT;
        return 1;
    }
    return 0;
}

/* Money with two decimals, counts and quantities without trailing zeros. */
static json_t *decimal(isync_metric metric, double value)
{
    char text[64];
    if (metric == ISYNC_METRIC_TOTAL_AMOUNT || metric == ISYNC_METRIC_PAYMENT_AMOUNT) {
        snprintf(text, sizeof text, "%.2f", value);
    } else {
        snprintf(text, sizeof text, "%.4f", value);
        char *end = text + strlen(text) - 1;
        while (*end == '0') {
            *end-- = '\0';
        }
        if (*end == '.') {
            *end = '\0';
        }
    }
    return json_string(strcmp(text, "-0") == 0 ? "0" : text);
}

json_t *isync_anomaly_check(const isync_anomaly *a, json_t *envelope, double threshold, size_t min_history)
{
    isync_metric metrics[ISYNC_METRIC_COUNT];
    double values[ISYNC_METRIC_COUNT];
    size_t n = isync_anomaly_values(envelope, metrics, values);
    json_t *found = NULL;
    if (threshold <= 0) {
        return NULL; /* flagging is off */
    }
    for (size_t i = 0; i < n; i++) {
        const isync_window *w = &a->windows[metrics[i]];
        if (w->count == 0 || w->count < min_history) {
            continue;
        }
        isync_robust_stats stats = isync_robust_stats_of(w->values, w->count);
        if (fabs(values[i] - stats.median) <= threshold * stats.scale) {
            continue;
        }
        double limit = values[i] > stats.median ? stats.median + threshold * stats.scale
                                                : stats.median - threshold * stats.scale;
        if (!found) {
            found = json_array();
        }
        json_array_append_new(found,
                              json_pack("{s:s, s:o, s:o, s:o}", "metric", isync_metric_name(metrics[i]), "value",
                                        decimal(metrics[i], values[i]), "median", decimal(metrics[i], stats.median),
                                        "limit", decimal(metrics[i], limit)));
    }
    return found;
}

void isync_anomaly_observe(isync_anomaly *a, json_t *envelope)
{
    isync_metric metrics[ISYNC_METRIC_COUNT];
    double values[ISYNC_METRIC_COUNT];
    size_t n = isync_anomaly_values(envelope, metrics, values);
    for (size_t i = 0; i < n; i++) {
        isync_anomaly_add(a, metrics[i], values[i]);
    }
}

void isync_anomaly_attempt(isync_anomaly *a, int failed)
{
    const size_t cap = sizeof a->attempts;
    if (a->attempt_count == cap) {
        memmove(a->attempts, a->attempts + 1, cap - 1);
        a->attempt_count--;
    }
    a->attempts[a->attempt_count++] = failed ? 1 : 0;
}

static double failure_rate(const unsigned char *outcomes, size_t n)
{
    size_t failed = 0;
    for (size_t i = 0; i < n; i++) {
        failed += outcomes[i];
    }
    return n ? (double)failed / (double)n : 0;
}

isync_error_rate isync_anomaly_error_rate(const isync_anomaly *a)
{
    isync_error_rate rate;
    rate.short_attempts = a->attempt_count < ISYNC_ANOMALY_SHORT ? a->attempt_count : ISYNC_ANOMALY_SHORT;
    rate.long_attempts = a->attempt_count - rate.short_attempts;
    rate.long_rate = failure_rate(a->attempts, rate.long_attempts);
    rate.short_rate = failure_rate(a->attempts + rate.long_attempts, rate.short_attempts);
    rate.rising = rate.short_attempts >= ISYNC_ANOMALY_SHORT_MIN && rate.short_rate > 0.5 &&
        rate.short_rate >= 3 * rate.long_rate;
    return rate;
}

/* rates shown with 4 decimals: 0.3333, not 0.33333333333333331 (no libm) */
static double rounded(double rate)
{
    return (double)(long long)(rate * 10000 + 0.5) / 10000;
}

json_t *isync_anomaly_summary(const isync_anomaly *a)
{
    isync_error_rate rate = isync_anomaly_error_rate(a);
    return json_pack("{s:I, s:{s:f, s:f, s:I, s:I, s:b}}", "flagged", (json_int_t)a->flagged, "error_rate", "short",
                     rounded(rate.short_rate), "long", rounded(rate.long_rate), "short_attempts",
                     (json_int_t)rate.short_attempts, "long_attempts", (json_int_t)rate.long_attempts, "rising",
                     rate.rising);
}

static void load_window(isync_anomaly *a, isync_metric metric, json_t *list)
{
    size_t index,
        skip = json_array_size(list) > ISYNC_ANOMALY_WINDOW ? json_array_size(list) - ISYNC_ANOMALY_WINDOW : 0;
    json_t *item;
    double value;
    json_array_foreach(list, index, item)
    {
        if (index >= skip && number_of(item, &value)) {
            isync_anomaly_add(a, metric, value);
        }
    }
}

static void load_attempts(isync_anomaly *a, const char *text)
{
    size_t len = text ? strlen(text) : 0;
    size_t start = len > sizeof a->attempts ? len - sizeof a->attempts : 0;
    for (size_t i = start; i < len; i++) {
        if (text[i] == '0' || text[i] == '1') {
            isync_anomaly_attempt(a, text[i] == '1');
        }
    }
}

isync_status isync_anomaly_load(isync_anomaly *a, const char *path, isync_error *err)
{
    json_error_t jerr;
    isync_anomaly_init(a);
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root) {
        FILE *f = fopen(path, "r");
        if (!f) {
            return ISYNC_OK; /* no history yet */
        }
        fclose(f);
        return isync_fail(err, ISYNC_ERR_CORRUPT, 0, "%s is unreadable (%s): starting a new history", path, jerr.text);
    }
    json_t *metrics = json_object_get(root, "metrics");
    for (int m = 0; m < ISYNC_METRIC_COUNT; m++) {
        load_window(a, (isync_metric)m, json_object_get(metrics, metric_names[m]));
    }
    load_attempts(a, json_string_value(json_object_get(root, "attempts")));
    a->flagged = json_integer_value(json_object_get(root, "flagged"));
    json_decref(root);
    return ISYNC_OK;
}

isync_status isync_anomaly_save(const isync_anomaly *a, const char *path, isync_error *err)
{
    char text[64], attempts[sizeof a->attempts + 1];
    json_t *metrics = json_object();
    for (int m = 0; m < ISYNC_METRIC_COUNT; m++) {
        json_t *list = json_array();
        for (size_t i = 0; i < a->windows[m].count; i++) {
            snprintf(text, sizeof text, "%.15g", a->windows[m].values[i]);
            json_array_append_new(list, json_string(text));
        }
        json_object_set_new(metrics, metric_names[m], list);
    }
    for (size_t i = 0; i < a->attempt_count; i++) {
        attempts[i] = a->attempts[i] ? '1' : '0';
    }
    attempts[a->attempt_count] = '\0';
    json_t *root = json_pack("{s:i, s:o, s:s, s:I}", "v", 1, "metrics", metrics, "attempts", attempts, "flagged",
                             (json_int_t)a->flagged);
    /* statistics only: atomic, not fsync'ed */
    isync_status st = isync_write_json_file(path, root, 0, err);
    json_decref(root);
    return st;
}
