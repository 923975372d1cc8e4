/* The status report status() and php --ri show (worker/status_report.h). */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worker/status_report.h"

static json_t *no_mapping(void *ctx)
{
    (void)ctx;
    return NULL;
}

static json_t *local_mapping(void *ctx)
{
    ++*(int *)ctx;
    return json_pack("{s:{}}", "templates");
}

static json_t *report_for(const char *dir, isync_report_inputs *in)
{
    isync_spool spool = { .dir = (char *)dir, .durable = 0 };
    return isync_status_report(in, &spool);
}

static void settings_for(isync_worker_settings *s)
{
    memset(s, 0, sizeof *s);
    s->poll_stock_interval_s = 300;
    s->poll_items_interval_s = 0;
    s->poll_shipments_interval_s = 60;
}

static void test_without_a_leader(void **state)
{
    char dir[] = "/tmp/isync_report_XXXXXX";
    int asked = 0;
    isync_worker_settings s;
    assert_non_null(mkdtemp(dir));
    settings_for(&s);
    isync_report_inputs in = { .settings = &s, .enabled = 1, .worker_mode = "off", .local_mapping = local_mapping,
                               .ctx = &asked };
    json_t *report = report_for(dir, &in);
    assert_true(json_is_true(json_object_get(report, "enabled")));
    json_t *worker = json_object_get(report, "worker");
    assert_string_equal(json_string_value(json_object_get(worker, "mode")), "off");
    assert_true(json_is_null(json_object_get(worker, "leader_pid")));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(report, "counters"), "delivered")), 0);
    assert_int_equal(asked, 1);
    assert_true(json_is_null(json_object_get(json_object_get(report, "mapping"), "rates")));
    assert_true(json_is_null(json_object_get(json_object_get(report, "token"), "expires_at")));
    json_t *credentials = json_object_get(report, "credentials");
    assert_string_equal(json_string_value(json_object_get(credentials, "error")), "infor_sync.ionapi_file is not set");
    json_t *stock = json_object_get(json_object_get(report, "polling"), "stock");
    assert_int_equal(json_integer_value(json_object_get(stock, "interval")), 300);
    assert_string_equal(json_string_value(json_object_get(stock, "source")), "php.ini");
    assert_true(json_is_array(json_object_get(report, "last_deliveries")));
    json_t *rate = json_object_get(json_object_get(report, "anomalies"), "error_rate");
    assert_true(json_is_real(json_object_get(rate, "short")));
    json_decref(report);
    rmdir(dir);
}

static void test_what_a_leader_published(void **state)
{
    char dir[] = "/tmp/isync_report_XXXXXX", path[64];
    isync_worker_settings s;
    assert_non_null(mkdtemp(dir));
    settings_for(&s);
    snprintf(path, sizeof path, "%s/leader.json", dir);
    json_t *published = json_pack("{s:i, s:{s:i, s:i, s:i, s:i}, s:{s:{}}, s:{s:s}, s:{s:b, s:s}, s:[{s:s}], s:{s:i}}",
                                  "pid", 4242, "counters", "delivered", 7, "retried", 1, "dead", 2, "corrupt", 0,
                                  "mapping", "templates", "rates", "base", "EUR", "credentials", "ok", 1, "tenant",
                                  "TEN", "last_deliveries", "id", "x", "anomalies", "flagged", 3);
    assert_int_equal(json_dump_file(published, path, 0), 0);
    isync_report_inputs in = { .settings = &s, .enabled = 0, .worker_mode = "auto", .local_mapping = no_mapping };
    json_t *report = report_for(dir, &in);
    /* no lock held: the pid of a dead leader is not shown */
    assert_true(json_is_null(json_object_get(json_object_get(report, "worker"), "leader_pid")));
    assert_int_equal(json_integer_value(json_object_get(json_object_get(report, "counters"), "delivered")), 7);
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(report, "mapping"), "rates"),
                                                          "base")), "EUR");
    assert_string_equal(json_string_value(json_object_get(json_object_get(report, "credentials"), "tenant")), "TEN");
    assert_int_equal(json_array_size(json_object_get(report, "last_deliveries")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(report, "anomalies"), "flagged")), 3);
    json_decref(report);
    json_decref(published);
    unlink(path);
    rmdir(dir);
}

static void test_mapping_that_cannot_load(void **state)
{
    char dir[] = "/tmp/isync_report_XXXXXX";
    isync_worker_settings s;
    assert_non_null(mkdtemp(dir));
    settings_for(&s);
    isync_report_inputs in = { .settings = &s, .enabled = 1, .worker_mode = "on", .local_mapping = no_mapping };
    json_t *report = report_for(dir, &in);
    assert_non_null(json_string_value(json_object_get(json_object_get(report, "mapping"), "error")));
    json_decref(report);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_without_a_leader),
        cmocka_unit_test(test_what_a_leader_published),
        cmocka_unit_test(test_mapping_that_cannot_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
