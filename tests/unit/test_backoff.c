/* Retry timing: full-jitter exponential backoff and Retry-After. */
#include "unit.h"

#include <limits.h>

#include "infor/backoff.h"

/* A small deterministic generator, so failures can be reproduced. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static long ceiling_for(unsigned attempt, long base, long cap)
{
    long ceiling = base;
    for (unsigned i = 0; i < attempt && ceiling < cap; i++) {
        ceiling *= 2;
    }
    return ceiling < cap ? ceiling : cap;
}

static void test_jitter_stays_within_bounds(void **state)
{
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    const long base = 1000, cap = 300000;
    for (unsigned attempt = 0; attempt < 40; attempt++) {
        long ceiling = ceiling_for(attempt, base, cap);
        long lowest = LONG_MAX, highest = 0;
        for (int i = 0; i < 5000; i++) {
            long delay = isync_backoff_delay_ms(attempt, base, cap, 0, next_random(&seed));
            assert_in_range(delay, base, ceiling);
            lowest = delay < lowest ? delay : lowest;
            highest = delay > highest ? delay : highest;
        }
        /* the delay really is spread over the range, not stuck at one end */
        if (ceiling > base) {
            assert_true(lowest < base + (ceiling - base) / 10);
            assert_true(highest > ceiling - (ceiling - base) / 10);
        }
    }
}

static void test_extreme_random_values(void **state)
{
    const uint64_t values[] = { 0, 1, UINT64_MAX, UINT64_MAX - 1, 1ULL << 63, 12345 };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        for (unsigned attempt = 0; attempt < 70; attempt++) {
            long delay = isync_backoff_delay_ms(attempt, 250, 60000, 0, values[i]);
            assert_in_range(delay, 250, ceiling_for(attempt, 250, 60000));
        }
    }
    /* the first retry (attempt 0) waits exactly base: base * 2^0 */
    assert_int_equal(isync_backoff_delay_ms(0, 1000, 300000, 0, 0), 1000);
    assert_int_equal(isync_backoff_delay_ms(0, 1000, 300000, 0, UINT64_MAX), 1000);
    /* attempt 3: up to 8 * base */
    assert_int_equal(isync_backoff_delay_ms(3, 1000, 300000, 0, 7000), 8000);
    assert_int_equal(isync_backoff_delay_ms(3, 1000, 300000, 0, 7001), 1000);
}

static void test_reaches_the_cap(void **state)
{
    /* with random = ceiling - base the delay is the ceiling itself */
    assert_int_equal(isync_backoff_delay_ms(8, 1000, 300000, 0, 256000 - 1000), 256000);
    assert_int_equal(isync_backoff_delay_ms(9, 1000, 300000, 0, 300000 - 1000), 300000);
    assert_int_equal(isync_backoff_delay_ms(30, 1000, 300000, 0, 300000 - 1000), 300000);
    assert_int_equal(isync_backoff_delay_ms(1000, 1000, 300000, 0, 300000 - 1000), 300000);
    assert_int_equal(isync_backoff_delay_ms(UINT_MAX, 1000, 300000, 0, 300000 - 1000), 300000);
    /* and never beyond it, even with a huge cap */
    for (unsigned attempt = 0; attempt < 200; attempt += 7) {
        long delay = isync_backoff_delay_ms(attempt, 1, LONG_MAX / 4, 0, UINT64_MAX);
        assert_in_range(delay, 1, LONG_MAX / 4);
    }
}

static void test_huge_settings_do_not_overflow(void **state)
{
    /* a cap too large to ever reach: the ceiling must not wrap around */
    for (unsigned attempt = 0; attempt < 200; attempt += 3) {
        long delay = isync_backoff_delay_ms(attempt, 1000, LONG_MAX, 0, UINT64_MAX - attempt);
        assert_true(delay >= 1000);
    }
    assert_true(isync_backoff_delay_ms(100, 1000, LONG_MAX, 0, UINT64_MAX / 3) >= 1000);
    /* ceiling == cap == LONG_MAX: random is taken modulo LONG_MAX - 1000 + 1 */
    assert_int_equal(isync_backoff_delay_ms(100, 1000, LONG_MAX, 0, UINT64_MAX / 2 + 5000), 6999);
    /* a server asking for an absurd Retry-After gets the longest honoured
     * wait (1 hour), neither a short one nor centuries */
    assert_int_equal(isync_backoff_delay_ms(0, 1000, 300000, LONG_MAX, 0), 3600000);
    assert_int_equal(isync_backoff_delay_ms(0, 1000, 300000, LONG_MAX / 999, 0), 3600000);
    assert_int_equal(isync_backoff_delay_ms(0, 1000, 300000, 3601, 0), 3600000);
}

static void test_retry_after_wins_when_larger(void **state)
{
    /* Retry-After: 120 s beats a jitter of at most 8 s */
    for (uint64_t r = 0; r < 100; r++) {
        assert_int_equal(isync_backoff_delay_ms(3, 1000, 300000, 120, r * 977), 120000);
    }
    /* a Retry-After shorter than the jitter does not shorten it */
    assert_int_equal(isync_backoff_delay_ms(3, 1000, 300000, 2, 5000), 6000);
    /* and it may exceed the cap: the server knows best */
    assert_int_equal(isync_backoff_delay_ms(0, 1000, 300000, 3600, 0), 3600000);
    /* zero or negative means "none given" */
    assert_int_equal(isync_backoff_delay_ms(0, 1000, 300000, 0, 0), 1000);
    assert_int_equal(isync_backoff_delay_ms(0, 1000, 300000, -5, 0), 1000);
}

static void test_edge_settings(void **state)
{
    uint64_t seed = 42;
    /* base below 1 counts as 1 ms */
    for (int i = 0; i < 1000; i++) {
        long delay = isync_backoff_delay_ms(5, 0, 100, 0, next_random(&seed));
        assert_in_range(delay, 1, 32);
        delay = isync_backoff_delay_ms(20, -50, 100, 0, next_random(&seed));
        assert_in_range(delay, 1, 100);
    }
    /* a cap below base: always base */
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(isync_backoff_delay_ms((unsigned)i, 5000, 10, 0, next_random(&seed)), 5000);
    }
    /* cap equal to base */
    assert_int_equal(isync_backoff_delay_ms(10, 700, 700, 0, UINT64_MAX), 700);
}

static void test_random_source_varies(void **state)
{
    uint64_t a = isync_backoff_random(), b = isync_backoff_random(), c = isync_backoff_random();
    assert_false(a == b && b == c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jitter_stays_within_bounds),
        cmocka_unit_test(test_extreme_random_values),
        cmocka_unit_test(test_reaches_the_cap),
        cmocka_unit_test(test_huge_settings_do_not_overflow),
        cmocka_unit_test(test_retry_after_wins_when_larger),
        cmocka_unit_test(test_edge_settings),
        cmocka_unit_test(test_random_source_varies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
