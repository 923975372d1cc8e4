/* base/utf8: characters counted and cut, code points decoded and encoded,
 * case mapping; German, Polish, Greek, Cyrillic and Japanese text. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

static void test_length_counts_characters_not_bytes(void **state)
{
    assert_int_equal(isync_utf8_length(""), 0);
    assert_int_equal(isync_utf8_length("Strasse"), 7);
    assert_int_equal(isync_utf8_length("Straße"), 6);               /* 7 bytes */
    assert_int_equal(isync_utf8_length("Łódź"), 4);                 /* 7 bytes */
    assert_int_equal(isync_utf8_length("東京都渋谷区"), 6);          /* 18 bytes */
    assert_int_equal(isync_utf8_length("😀 ok"), 4);                /* a 4-byte character */
}

static void test_prefix_never_splits_a_character(void **state)
{
    const char *german = "Müllerstraße 5";
    assert_int_equal(isync_utf8_prefix(german, 0), 0);
    assert_int_equal(isync_utf8_prefix(german, 2), strlen("Mü"));
    assert_int_equal(isync_utf8_prefix(german, 12), strlen("Müllerstraße"));
    assert_int_equal(isync_utf8_prefix(german, 99), strlen(german));

    const char *polish = "Zażółć gęślą jaźń";
    assert_int_equal(isync_utf8_prefix(polish, 6), strlen("Zażółć"));
    assert_int_equal(isync_utf8_length(polish), 17);

    const char *japanese = "東京都渋谷区神南1-2-3";
    size_t cut = isync_utf8_prefix(japanese, 3);
    assert_int_equal(cut, 9);
    assert_memory_equal(japanese, "東京都", cut);
    assert_int_equal(isync_utf8_prefix("😀😀", 1), 4);
}

static void test_char_bytes(void **state)
{
    assert_int_equal(isync_utf8_char_bytes("a"), 1);
    assert_int_equal(isync_utf8_char_bytes("ß"), 2);
    assert_int_equal(isync_utf8_char_bytes("東"), 3);
    assert_int_equal(isync_utf8_char_bytes("😀"), 4);
    assert_true(isync_utf8_is_continuation(0x80));
    assert_false(isync_utf8_is_continuation('a'));
    assert_false(isync_utf8_is_continuation(0xC3));
}

static void test_decode_and_encode_round_trip(void **state)
{
    static const unsigned points[] = { 'A', 0xDF, 0x141, 0x3A9, 0x416, 0x6771, 0x1F600 };
    static const size_t bytes[] = { 1, 2, 2, 2, 2, 3, 4 };
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        char out[5] = { 0 };
        unsigned cp = 0;
        assert_int_equal(isync_utf8_encode(points[i], out), bytes[i]);
        assert_int_equal(isync_utf8_decode(out, &cp), bytes[i]);
        assert_int_equal(cp, points[i]);
    }
    char out[4];
    assert_int_equal(isync_utf8_encode(0x110000, out), 0);
}

static void test_decode_marks_malformed_characters(void **state)
{
    unsigned cp = 0;
    /* a lone continuation byte and its followers: one malformed character */
    assert_int_equal(isync_utf8_decode("\x80\x80x", &cp), 2);
    assert_int_equal(cp, ISYNC_UTF8_INVALID);
    /* a three-byte start cut short */
    assert_int_equal(isync_utf8_decode("\xE6\x97x", &cp), 2);
    assert_int_equal(cp, ISYNC_UTF8_INVALID);
    /* a stray continuation after a whole character is a character of its own */
    assert_int_equal(isync_utf8_decode("\xC3\xA4\x80", &cp), 2);
    assert_int_equal(cp, 0xE4);
}

static void assert_case(const char *text, int upper, const char *want)
{
    char *got = isync_utf8_set_case(text, upper);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_set_case_of_european_scripts(void **state)
{
    assert_case("Müller Straße", 1, "MÜLLER STRAßE"); /* ß has no one-character capital */
    assert_case("ÄÖÜ", 0, "äöü");
    assert_case("Zażółć gęślą jaźń", 1, "ZAŻÓŁĆ GĘŚLĄ JAŹŃ");
    assert_case("ŁÓDŹ", 0, "łódź");
    assert_case("Αθήνα", 1, "ΑΘΉΝΑ");
    assert_case("ΟΔΟΣ", 0, "οδοσ");
    assert_case("Москва", 1, "МОСКВА");
    assert_case("ЁЛКА", 0, "ёлка");
}

static void test_set_case_leaves_other_text_alone(void **state)
{
    assert_case("東京都 shibuya", 1, "東京都 SHIBUYA");
    assert_case("😀 Ok", 0, "😀 ok");
    assert_case("a\x80Z", 0, "a\x80z"); /* malformed bytes copied as they are */
    assert_case("", 1, "");
}

static void test_change_case_of_code_points(void **state)
{
    assert_int_equal(isync_utf8_change_case('q', 1), 'Q');
    assert_int_equal(isync_utf8_change_case(0x142, 1), 0x141);  /* ł -> Ł */
    assert_int_equal(isync_utf8_change_case(0x17C, 1), 0x17B);  /* ż -> Ż */
    assert_int_equal(isync_utf8_change_case(0x3C2, 1), 0x3A3);  /* final ς -> Σ */
    assert_int_equal(isync_utf8_change_case(0x3A3, 0), 0x3C3);  /* Σ -> σ */
    assert_int_equal(isync_utf8_change_case(0x6771, 1), 0x6771); /* 東 */
    assert_int_equal(isync_utf8_change_case(0xD7, 0), 0xD7);     /* × */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_length_counts_characters_not_bytes),
        cmocka_unit_test(test_prefix_never_splits_a_character),
        cmocka_unit_test(test_char_bytes),
        cmocka_unit_test(test_decode_and_encode_round_trip),
        cmocka_unit_test(test_decode_marks_malformed_characters),
        cmocka_unit_test(test_set_case_of_european_scripts),
        cmocka_unit_test(test_set_case_leaves_other_text_alone),
        cmocka_unit_test(test_change_case_of_code_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
