/* base/sha256 (known answers) and base/clock (formats and directions). */
#include "unit.h"

#include <string.h>

#include "base/clock.h"
#include "base/sha256.h"

static void test_sha256_known_answers(void **state)
{
    char hex[ISYNC_SHA256_HEX_SIZE];
    assert_int_equal(isync_sha256_hex("", 0, hex), ISYNC_OK);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_int_equal(isync_sha256_hex("abc", 3, hex), ISYNC_OK);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_sha256_of_two_texts_is_of_their_concatenation(void **state)
{
    unsigned char joined[ISYNC_SHA256_SIZE], parts[ISYNC_SHA256_SIZE];
    assert_int_equal(isync_sha256("capture:Zażółć", strlen("capture:Zażółć"), joined), ISYNC_OK);
    assert_int_equal(isync_sha256_texts("capture:", "Zażółć", parts), ISYNC_OK);
    assert_memory_equal(joined, parts, ISYNC_SHA256_SIZE);
    assert_int_equal(isync_sha256_texts("refund:", "Zażółć", parts), ISYNC_OK);
    assert_memory_not_equal(joined, parts, ISYNC_SHA256_SIZE);
}

static void test_hex_of_part_of_a_digest(void **state)
{
    static const unsigned char bytes[] = { 0x00, 0x0f, 0xa5, 0xff };
    char hex[9];
    isync_hex(bytes, 4, hex);
    assert_string_equal(hex, "000fa5ff");
    isync_hex(bytes, 0, hex);
    assert_string_equal(hex, "");
}

static void test_timestamp_shape(void **state)
{
    char stamp[ISYNC_TIMESTAMP_SIZE];
    isync_utc_timestamp(stamp);
    assert_int_equal(strlen(stamp), 24);
    assert_int_equal(stamp[4], '-');
    assert_int_equal(stamp[10], 'T');
    assert_int_equal(stamp[19], '.');
    assert_int_equal(stamp[23], 'Z');
}

static void test_clocks_move_forward(void **state)
{
    long long wall = isync_now_ms(), mono = isync_monotonic_ms();
    assert_true(wall > 1700000000000LL); /* after November 2023 */
    struct timespec pause = { 0, 20 * 1000000L };
    nanosleep(&pause, NULL);
    assert_true(isync_monotonic_ms() - mono >= 20);
    assert_true(isync_now_ms() >= wall);
}

static void test_deadline_carries_into_seconds(void **state)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct timespec deadline = isync_deadline_in(1999);
    assert_in_range(deadline.tv_nsec, 0, 999999999);
    long long diff_ms = (deadline.tv_sec - now.tv_sec) * 1000LL + (deadline.tv_nsec - now.tv_nsec) / 1000000L;
    assert_in_range(diff_ms, 1998, 2100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_known_answers),
        cmocka_unit_test(test_sha256_of_two_texts_is_of_their_concatenation),
        cmocka_unit_test(test_hex_of_part_of_a_digest),
        cmocka_unit_test(test_timestamp_shape),
        cmocka_unit_test(test_clocks_move_forward),
        cmocka_unit_test(test_deadline_carries_into_seconds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
