/* Anomaly flags: median and MAD, the scale floors, the minimum history,
 * the window, the error rate, and the history persisted in the spool. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "queue/anomaly.h"

static json_t *order_envelope(const char *total, const char *quantity, size_t lines)
{
    json_t *items = json_array();
    for (size_t i = 0; i < lines; i++) {
        json_array_append_new(items, json_pack("{s:s, s:s, s:s}", "sku", "MUG", "price", "1.00", "quantity",
                                               i == 0 ? quantity : "1"));
    }
    return json_pack("{s:s, s:{s:s, s:s, s:o}}", "type", "order.placed", "payload", "order_number", "1001",
                     "total_amount", total, "items", items);
}

/* n ordinary orders with totals 20, 22.5, 25, ... (wrapping at 80), one line of one piece. */
static void ordinary_history(isync_anomaly *a, size_t n)
{
    char total[32];
    for (size_t i = 0; i < n; i++) {
        snprintf(total, sizeof total, "%.2f", 20 + (double)(i % 25) * 2.5);
        json_t *env = order_envelope(total, "1", 1);
        isync_anomaly_observe(a, env);
        json_decref(env);
    }
}

static void test_median_odd_even_unsorted(void **state)
{
    (void)state;
    double odd[] = { 9, 1, 5 };
    double even[] = { 4, 1, 3, 2 };
    double one[] = { 7 };
    assert_true(isync_median(odd, 3) == 5);
    assert_true(isync_median(even, 4) == 2.5);
    assert_true(isync_median(one, 1) == 7);
    assert_true(odd[0] == 9 && odd[1] == 1); /* not sorted in place */
}

static void test_mad_and_scale(void **state)
{
    (void)state;
    /* median 30; deviations 10 10 0 10 70 -> MAD 10; scale 14.826 */
    double values[] = { 20, 40, 30, 20, 100 };
    isync_robust_stats stats = isync_robust_stats_of(values, 5);
    assert_true(stats.median == 30);
    assert_true(stats.mad == 10);
    assert_true(stats.scale > 14.825 && stats.scale < 14.827);
}

static void test_relative_floor_for_constant_history(void **state)
{
    (void)state;
    double values[30];
    for (int i = 0; i < 30; i++) {
        values[i] = 100;
    }
    /* MAD 0: the scale is 5% of the median, not 0 */
    isync_robust_stats stats = isync_robust_stats_of(values, 30);
    assert_true(stats.mad == 0);
    assert_true(stats.scale == 5);
}

static void test_absolute_floor_for_small_values(void **state)
{
    (void)state;
    double values[] = { 1, 1, 1, 1, 1 };
    isync_robust_stats stats = isync_robust_stats_of(values, 5);
    assert_true(stats.scale == ISYNC_ANOMALY_ABSOLUTE_FLOOR);
}

static void test_constant_history_does_not_flag_small_deviation(void **state)
{
    (void)state;
    isync_anomaly a;
    isync_anomaly_init(&a);
    for (int i = 0; i < 40; i++) {
        json_t *env = order_envelope("100.00", "1", 1);
        isync_anomaly_observe(&a, env);
        json_decref(env);
    }
    /* limit 100 + 6 * 5 = 130 */
    json_t *small = order_envelope("129.00", "1", 1);
    json_t *big = order_envelope("131.00", "1", 1);
    assert_null(isync_anomaly_check(&a, small, 6, 20));
    json_t *flags = isync_anomaly_check(&a, big, 6, 20);
    assert_non_null(flags);
    assert_int_equal(json_array_size(flags), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(flags, 0), "limit")), "130.00");
    json_decref(flags);
    json_decref(small);
    json_decref(big);
}

static void test_flags_far_outside_total(void **state)
{
    (void)state;
    isync_anomaly a;
    isync_anomaly_init(&a);
    ordinary_history(&a, 25);
    json_t *ordinary = order_envelope("79.90", "1", 1);
    json_t *huge = order_envelope("250000.00", "1", 1);
    assert_null(isync_anomaly_check(&a, ordinary, 6, 20));
    json_t *flags = isync_anomaly_check(&a, huge, 6, 20);
    assert_non_null(flags);
    assert_int_equal(json_array_size(flags), 1);
    json_t *flag = json_array_get(flags, 0);
    assert_string_equal(json_string_value(json_object_get(flag, "metric")), "total_amount");
    assert_string_equal(json_string_value(json_object_get(flag, "value")), "250000.00");
    assert_string_equal(json_string_value(json_object_get(flag, "median")), "50.00");
    /* median 50, MAD 15 -> scale 22.239, limit 50 + 6 * 22.239 = 183.43 */
    assert_string_equal(json_string_value(json_object_get(flag, "limit")), "183.43");
    json_decref(flags);
    json_decref(ordinary);
    json_decref(huge);
}

static void test_flags_quantity_and_line_count(void **state)
{
    (void)state;
    isync_anomaly a;
    isync_anomaly_init(&a);
    ordinary_history(&a, 25);
    json_t *env = order_envelope("50.00", "900", 12);
    json_t *flags = isync_anomaly_check(&a, env, 6, 20);
    assert_non_null(flags);
    assert_int_equal(json_array_size(flags), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(flags, 0), "metric")), "max_line_quantity");
    assert_string_equal(json_string_value(json_object_get(json_array_get(flags, 0), "value")), "900");
    assert_string_equal(json_string_value(json_object_get(json_array_get(flags, 0), "limit")), "7");
    assert_string_equal(json_string_value(json_object_get(json_array_get(flags, 1), "metric")), "line_count");
    assert_string_equal(json_string_value(json_object_get(json_array_get(flags, 1), "value")), "12");
    json_decref(flags);
    json_decref(env);
}

static void test_small_history_never_flags(void **state)
{
    (void)state;
    isync_anomaly a;
    isync_anomaly_init(&a);
    ordinary_history(&a, 19);
    json_t *huge = order_envelope("250000.00", "1", 1);
    assert_null(isync_anomaly_check(&a, huge, 6, 20));
    ordinary_history(&a, 1);
    json_t *flags = isync_anomaly_check(&a, huge, 6, 20);
    assert_non_null(flags);
    json_decref(flags);
    assert_null(isync_anomaly_check(&a, huge, 0, 20)); /* threshold 0: off */
    json_decref(huge);
}

static void test_payment_amount_and_other_types(void **state)
{
    (void)state;
    isync_anomaly a;
    isync_anomaly_init(&a);
    for (int i = 0; i < 30; i++) {
        json_t *p = json_pack("{s:s, s:{s:s}}", "type", "payment.captured", "payload", "amount", "40.00");
        isync_anomaly_observe(&a, p);
        json_decref(p);
    }
    assert_int_equal(a.windows[ISYNC_METRIC_PAYMENT_AMOUNT].count, 30);
    assert_int_equal(a.windows[ISYNC_METRIC_TOTAL_AMOUNT].count, 0);
    json_t *big = json_pack("{s:s, s:{s:s}}", "type", "payment.refunded", "payload", "amount", "4000.00");
    json_t *flags = isync_anomaly_check(&a, big, 6, 20);
    assert_non_null(flags);
    assert_string_equal(json_string_value(json_object_get(json_array_get(flags, 0), "metric")), "payment_amount");
    json_decref(flags);
    json_t *customer = json_pack("{s:s, s:{s:s}}", "type", "customer.created", "payload", "amount", "4000.00");
    assert_null(isync_anomaly_check(&a, customer, 6, 20));
    json_decref(customer);
    /* a void reaches no Infor call: not checked, not kept in the history */
    json_t *voided = json_pack("{s:s, s:{s:s}}", "type", "payment.voided", "payload", "amount", "4000.00");
    assert_null(isync_anomaly_check(&a, voided, 6, 20));
    isync_anomaly_observe(&a, voided);
    assert_int_equal(a.windows[ISYNC_METRIC_PAYMENT_AMOUNT].count, 30);
    json_decref(voided);
    json_decref(big);
}

static void test_window_keeps_the_last_values(void **state)
{
    (void)state;
    isync_anomaly a;
    isync_anomaly_init(&a);
    for (int i = 0; i < ISYNC_ANOMALY_WINDOW + 50; i++) {
        isync_anomaly_add(&a, ISYNC_METRIC_LINE_COUNT, i);
    }
    const isync_window *w = &a.windows[ISYNC_METRIC_LINE_COUNT];
    assert_int_equal(w->count, ISYNC_ANOMALY_WINDOW);
    assert_true(w->values[0] == 50);
    assert_true(w->values[ISYNC_ANOMALY_WINDOW - 1] == ISYNC_ANOMALY_WINDOW + 49);
}

static void test_error_rate(void **state)
{
    (void)state;
    isync_anomaly a;
    isync_anomaly_init(&a);
    for (int i = 0; i < 9; i++) {
        isync_anomaly_attempt(&a, 1);
    }
    assert_false(isync_anomaly_error_rate(&a).rising); /* too few attempts */
    isync_anomaly_attempt(&a, 1);
    assert_true(isync_anomaly_error_rate(&a).rising);

    isync_anomaly_init(&a);
    for (int i = 0; i < 500; i++) {
        isync_anomaly_attempt(&a, i % 10 == 0); /* 10% long run */
    }
    for (int i = 0; i < 50; i++) {
        isync_anomaly_attempt(&a, i % 2 == 0); /* 50%: not above 50% */
    }
    isync_error_rate rate = isync_anomaly_error_rate(&a);
    assert_int_equal(rate.short_attempts, 50);
    assert_int_equal(rate.long_attempts, 500);
    assert_true(rate.short_rate == 0.5);
    assert_true(rate.long_rate == 0.1);
    assert_false(rate.rising);
    for (int i = 0; i < 10; i++) {
        isync_anomaly_attempt(&a, 1); /* 60% now */
    }
    assert_true(isync_anomaly_error_rate(&a).rising);

    isync_anomaly_init(&a);
    for (int i = 0; i < 550; i++) {
        isync_anomaly_attempt(&a, i % 4 != 0); /* 75% all along: high, not rising */
    }
    rate = isync_anomaly_error_rate(&a);
    assert_true(rate.short_rate > 0.5);
    assert_false(rate.rising);
}

static void test_history_survives_save_and_load(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_anomaly_XXXXXX", path[64];
    isync_anomaly a, b;
    isync_error err;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/anomaly.json", dir);

    assert_int_equal(isync_anomaly_load(&a, path, &err), ISYNC_OK); /* none yet: empty */
    assert_int_equal(a.windows[ISYNC_METRIC_TOTAL_AMOUNT].count, 0);
    ordinary_history(&a, 25);
    isync_anomaly_attempt(&a, 1);
    isync_anomaly_attempt(&a, 0);
    a.flagged = 3;
    assert_int_equal(isync_anomaly_save(&a, path, &err), ISYNC_OK);
    assert_int_equal(isync_anomaly_load(&b, path, &err), ISYNC_OK);
    for (int m = 0; m < ISYNC_METRIC_COUNT; m++) {
        assert_int_equal(b.windows[m].count, a.windows[m].count);
        assert_memory_equal(b.windows[m].values, a.windows[m].values, a.windows[m].count * sizeof(double));
    }
    assert_int_equal(b.attempt_count, 2);
    assert_int_equal(b.attempts[0], 1);
    assert_int_equal(b.flagged, 3);
    json_t *huge = order_envelope("250000.00", "1", 1);
    json_t *flags = isync_anomaly_check(&b, huge, 6, 20);
    assert_non_null(flags);
    json_decref(flags);
    json_decref(huge);

    /* a damaged file: an empty history and an error that says so */
    FILE *f = fopen(path, "w");
    fputs("{\"metrics\": [", f);
    fclose(f);
    assert_int_equal(isync_anomaly_load(&b, path, &err), ISYNC_ERR_CORRUPT);
    assert_int_equal(b.windows[ISYNC_METRIC_TOTAL_AMOUNT].count, 0);
    assert_non_null(strstr(err.message, "anomaly.json"));
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_median_odd_even_unsorted),
        cmocka_unit_test(test_mad_and_scale),
        cmocka_unit_test(test_relative_floor_for_constant_history),
        cmocka_unit_test(test_absolute_floor_for_small_values),
        cmocka_unit_test(test_constant_history_does_not_flag_small_deviation),
        cmocka_unit_test(test_flags_far_outside_total),
        cmocka_unit_test(test_flags_quantity_and_line_count),
        cmocka_unit_test(test_small_history_never_flags),
        cmocka_unit_test(test_payment_amount_and_other_types),
        cmocka_unit_test(test_window_keeps_the_last_values),
        cmocka_unit_test(test_error_rate),
        cmocka_unit_test(test_history_survives_save_and_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
