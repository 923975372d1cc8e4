/* The shared throttle: AIMD on 429/503 and Retry-After for every request. */
#include "unit.h"

#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "base/clock.h"
#include "infor/throttle.h"
#include "stub_server.h"

static void test_overload_halves_once_per_burst(void **state)
{
    (void)state;
    isync_throttle throttle;
    isync_throttle_init(&throttle, 8);
    assert_int_equal(isync_throttle_limit(&throttle), 8);
    /* the 429s to the 8 requests in flight are one signal */
    for (int i = 0; i < 8; i++) {
        isync_throttle_overloaded(&throttle, -1);
    }
    assert_int_equal(isync_throttle_limit(&throttle), 4);
    assert_int_equal(isync_throttle_overloads(&throttle), 8);
    assert_int_equal(isync_throttle_quiet_ms(&throttle), 0); /* no Retry-After: nobody waits */
    isync_throttle_destroy(&throttle);
}

static void test_answers_raise_the_limit_back_to_the_most(void **state)
{
    (void)state;
    isync_throttle throttle;
    isync_throttle_init(&throttle, 8);
    isync_throttle_overloaded(&throttle, -1);
    assert_int_equal(isync_throttle_limit(&throttle), 4);
    for (int i = 0; i < 3; i++) {
        isync_throttle_answered(&throttle);
    }
    assert_int_equal(isync_throttle_limit(&throttle), 4);
    isync_throttle_answered(&throttle); /* 4 answers at limit 4: one more */
    assert_int_equal(isync_throttle_limit(&throttle), 5);
    for (int i = 0; i < 100; i++) {
        isync_throttle_answered(&throttle);
    }
    assert_int_equal(isync_throttle_limit(&throttle), 8); /* never above infor_sync.max_in_flight */
    isync_throttle_destroy(&throttle);
}

static void test_never_below_one(void **state)
{
    (void)state;
    isync_throttle throttle;
    isync_throttle_init(&throttle, 1);
    isync_throttle_overloaded(&throttle, -1);
    assert_int_equal(isync_throttle_limit(&throttle), 1);
    isync_throttle_destroy(&throttle);
}

static void test_retry_after_holds_everyone_back(void **state)
{
    (void)state;
    isync_throttle throttle;
    atomic_bool stop = false;
    isync_throttle_init(&throttle, 8);
    isync_throttle_overloaded(&throttle, 1);
    long quiet = isync_throttle_quiet_ms(&throttle);
    assert_true(quiet > 0 && quiet <= 1000); /* Retry-After: 1, less what passed since */
    long long start = isync_monotonic_ms();
    isync_throttle_wait(&throttle, &stop);
    assert_true(isync_monotonic_ms() - start >= quiet - 50);
    assert_int_equal(isync_throttle_quiet_ms(&throttle), 0);

    /* a stop ends the wait at once */
    isync_throttle_overloaded(&throttle, 60);
    stop = true;
    start = isync_monotonic_ms();
    isync_throttle_wait(&throttle, &stop);
    assert_true(isync_monotonic_ms() - start < 30000); /* not the 60 s asked for */
    isync_throttle_destroy(&throttle);
}

/* A Retry-After of centuries holds requests back for 1 hour at most (and
 * does not overflow into no wait at all). */
static void test_huge_retry_after_is_capped(void **state)
{
    (void)state;
    isync_throttle throttle;
    isync_throttle_init(&throttle, 8);
    isync_throttle_overloaded(&throttle, LONG_MAX);
    long quiet = isync_throttle_quiet_ms(&throttle);
    assert_true(quiet > 3590000 && quiet <= 3600000);
    isync_throttle_destroy(&throttle);
}

#define TOKEN "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":7200}"
#define ITEM_OK "{\"results\":[{\"records\":[{\"ITNO\":\"A1\"}]}],\"nrOfFailedTransactions\":0}"

/* An M3 client with a throttle: a 429 with Retry-After 1 cuts the limit and
 * the next call (of any client sharing the throttle) waits that second. */
static void test_m3_client_reports_429_and_waits(void **state)
{
    (void)state;
    const canned_response script[] = {
        {200, NULL, TOKEN, 0}, {429, "Retry-After: 1\r\n", "{\"error\":\"quota\"}", 0}, {200, NULL, ITEM_OK, 0}};
    const isync_m3_request get_item = {.program = "MMS200MI",
                                       .transaction = "Get",
                                       .cono = -1,
                                       .maxrecs = -1,
                                       .fields = (const char *const[]){"ITNO", "A1", NULL}};
    isync_throttle throttle;
    fixture f;
    isync_m3_result res;

    isync_throttle_init(&throttle, 8);
    start_server(script, 3);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    isync_m3_client_set_throttle(f.client, &throttle, NULL);
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_RETRY);
    assert_int_equal(res.http_status, 429);
    isync_m3_result_clear(&res);
    assert_int_equal(isync_throttle_limit(&throttle), 4);
    long long start = isync_monotonic_ms();
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_OK);
    assert_true(isync_monotonic_ms() - start >= 900);
    isync_m3_result_clear(&res);
    fixture_close(&f);
    stop_server();
    isync_throttle_destroy(&throttle);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overload_halves_once_per_burst),
        cmocka_unit_test(test_answers_raise_the_limit_back_to_the_most),
        cmocka_unit_test(test_never_below_one),
        cmocka_unit_test(test_retry_after_holds_everyone_back),
        cmocka_unit_test(test_huge_retry_after_is_capped),
        cmocka_unit_test_teardown(test_m3_client_reports_429_and_waits, teardown_server),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
