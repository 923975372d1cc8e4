/* base/decimal: exact decimals for money, quantities and rates. */
#include "unit.h"

#include <string.h>

#include "base/decimal.h"

static isync_decimal dec(const char *text)
{
    isync_decimal value;
    assert_int_equal(isync_decimal_parse(text, &value), ISYNC_DECIMAL_OK);
    return value;
}

static const char *text_of(isync_decimal value)
{
    static char out[ISYNC_DECIMAL_TEXT + 32];
    assert_int_equal(isync_decimal_text(value, out, sizeof out), ISYNC_DECIMAL_OK);
    return out;
}

static const char *sum(const char *a, const char *b)
{
    isync_decimal out;
    assert_int_equal(isync_decimal_add(dec(a), dec(b), &out), ISYNC_DECIMAL_OK);
    return text_of(out);
}

static const char *difference(const char *a, const char *b)
{
    isync_decimal out;
    assert_int_equal(isync_decimal_sub(dec(a), dec(b), &out), ISYNC_DECIMAL_OK);
    return text_of(out);
}

static const char *product(const char *a, const char *b)
{
    isync_decimal out;
    assert_int_equal(isync_decimal_mul(dec(a), dec(b), &out), ISYNC_DECIMAL_OK);
    return text_of(out);
}

static const char *quotient(const char *a, const char *b, int places)
{
    isync_decimal out;
    assert_int_equal(isync_decimal_div(dec(a), dec(b), places, &out), ISYNC_DECIMAL_OK);
    return text_of(out);
}

static const char *formatted(const char *text, int places)
{
    static char out[96];
    assert_int_equal(isync_decimal_format(dec(text), places, out, sizeof out), ISYNC_DECIMAL_OK);
    return out;
}

static void test_parse_keeps_scale_and_sign(void **state)
{
    isync_decimal price = dec("19.90");
    assert_true(price.units == 1990);
    assert_int_equal(price.scale, 2);
    assert_int_equal(price.negative, 0);
    assert_string_equal(text_of(price), "19.90");
    assert_string_equal(text_of(dec("-0012.500")), "-12.500");
    assert_string_equal(text_of(dec("-0.00")), "0.00"); /* zero is never negative */
    assert_int_equal(dec("-0.00").negative, 0);
    assert_string_equal(text_of(dec("0.0001")), "0.0001");
    assert_string_equal(text_of(dec("99999999999999999999999999999999999999")),
                        "99999999999999999999999999999999999999");
    /* zeros that do not fit after the point change nothing */
    assert_string_equal(text_of(dec("1.0000000000000000000000000000000000000000000")),
                        "1.0000000000000000000000000000000000000");
}

static void test_parse_refuses_what_is_not_a_decimal(void **state)
{
    const char *bad[] = { "", "-", ".", "1.", ".5", "1e3", "19,99", "+1", " 1", "1 ", "--1", "0x10", "NaN",
                          "inf", "1.2.3", "1 000" };
    isync_decimal value = isync_decimal_from_int(7);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(isync_decimal_parse(bad[i], &value), ISYNC_DECIMAL_SYNTAX);
    }
    assert_int_equal(isync_decimal_parse(NULL, &value), ISYNC_DECIMAL_SYNTAX);
    assert_true(value.units == 7); /* untouched on failure */
}

static void test_parse_overflow(void **state)
{
    isync_decimal value;
    assert_int_equal(isync_decimal_parse("100000000000000000000000000000000000000", &value),
                     ISYNC_DECIMAL_OVERFLOW); /* 10^38: 39 digits */
    assert_int_equal(isync_decimal_parse("1.00000000000000000000000000000000000001", &value),
                     ISYNC_DECIMAL_OVERFLOW); /* 38 digits after the point and one before */
    assert_int_equal(isync_decimal_parse("0.000000000000000000000000000000000000001", &value),
                     ISYNC_DECIMAL_OVERFLOW); /* scale 39 */
    assert_string_equal(isync_decimal_status_text(ISYNC_DECIMAL_OVERFLOW), "overflow (more than 38 digits)");
}

static void test_add_and_subtract_money(void **state)
{
    assert_string_equal(sum("19.99", "0.01"), "20.00");
    assert_string_equal(sum("0.1", "0.2"), "0.3"); /* 0.30000000000000004 in binary floating point */
    assert_string_equal(sum("1249.50", "-1300"), "-50.50");
    assert_string_equal(sum("-5", "-2.5"), "-7.5");
    assert_string_equal(sum("-2.50", "2.5"), "0.00");
    assert_string_equal(difference("100", "0.01"), "99.99");
    assert_string_equal(difference("-3.5", "-3.5"), "0.0");
    assert_string_equal(difference("12.5", "4.250"), "8.250"); /* quantities: on hand - allocated */
}

static void test_add_overflow_is_a_status(void **state)
{
    isync_decimal out = isync_decimal_from_int(1);
    assert_int_equal(isync_decimal_add(dec("99999999999999999999999999999999999999"), dec("1"), &out),
                     ISYNC_DECIMAL_OVERFLOW);
    assert_int_equal(isync_decimal_sub(dec("-99999999999999999999999999999999999999"), dec("1"), &out),
                     ISYNC_DECIMAL_OVERFLOW);
    /* 10^37 + 0.1 needs 39 digits */
    assert_int_equal(isync_decimal_add(dec("10000000000000000000000000000000000000"), dec("0.1"), &out),
                     ISYNC_DECIMAL_OVERFLOW);
    assert_true(out.units == 1 && out.scale == 0); /* untouched */
    assert_string_equal(sum("99999999999999999999999999999999999998", "1"),
                        "99999999999999999999999999999999999999");
}

static void test_multiply(void **state)
{
    assert_string_equal(product("19.99", "3"), "59.97");
    assert_string_equal(product("2.5", "-0.4"), "-1.00");
    assert_string_equal(product("-1.5", "-1.5"), "2.25");
    assert_string_equal(product("0", "-7.25"), "0.00");
    /* amount x rate: 20 digits x 18 digits still fits */
    assert_string_equal(product("99999999999999999999", "1.23456789012345678"),
                        "123456789012345677998.76543210987654322");
    isync_decimal out;
    assert_int_equal(isync_decimal_mul(dec("10000000000000000000"), dec("10000000000000000000"), &out),
                     ISYNC_DECIMAL_OVERFLOW);
}

static void test_divide_rounds_half_away_from_zero(void **state)
{
    assert_string_equal(quotient("10", "3", 2), "3.33");
    assert_string_equal(quotient("20", "3", 2), "6.67");
    assert_string_equal(quotient("-20", "3", 2), "-6.67");
    assert_string_equal(quotient("1", "8", 2), "0.13");   /* 0.125: half goes up */
    assert_string_equal(quotient("-1", "8", 2), "-0.13"); /* and down below zero */
    assert_string_equal(quotient("1", "-8", 2), "-0.13");
    assert_string_equal(quotient("-0.001", "3", 2), "0.00");
    assert_string_equal(quotient("100", "1.0842", 2), "92.23"); /* EUR for 100 USD */
    assert_string_equal(quotient("123.456", "0.001", 0), "123456");
    assert_string_equal(quotient("5", "100", 1), "0.1"); /* 0.05 */
    assert_string_equal(quotient("99999999999999999999999999999999999999", "99999999999999999999999999999999999998",
                                 10), "1.0000000000");
    isync_decimal out;
    assert_int_equal(isync_decimal_div(dec("1"), dec("0.00"), 2, &out), ISYNC_DECIMAL_DIV_ZERO);
    assert_int_equal(isync_decimal_div(dec("10000000000000000000000000000000000000"), dec("0.1"), 2, &out),
                     ISYNC_DECIMAL_OVERFLOW);
    assert_int_equal(isync_decimal_div(dec("1"), dec("3"), 39, &out), ISYNC_DECIMAL_OVERFLOW);
}

static void test_quantize_and_format(void **state)
{
    assert_string_equal(formatted("2.345", 2), "2.35");
    assert_string_equal(formatted("-2.345", 2), "-2.35");
    assert_string_equal(formatted("2.3449999", 2), "2.34");
    assert_string_equal(formatted("0.5", 0), "1");
    assert_string_equal(formatted("-0.5", 0), "-1");
    assert_string_equal(formatted("1.5", 0), "2");
    assert_string_equal(formatted("2.5", 0), "3"); /* not to even */
    assert_string_equal(formatted("-0.004", 2), "0.00");
    assert_string_equal(formatted("9.995", 2), "10.00");
    assert_string_equal(formatted("7", 3), "7.000");
    assert_string_equal(formatted("12.5", 6), "12.500000");
    assert_string_equal(formatted("1", 50), "1.00000000000000000000000000000000000000000000000000");
    char small[7]; /* "234.50" and its NUL */
    assert_int_equal(isync_decimal_format(dec("1234.5"), 2, small, sizeof small), ISYNC_DECIMAL_SPACE);
    assert_int_equal(isync_decimal_format(dec("234.5"), 2, small, sizeof small), ISYNC_DECIMAL_OK);
    assert_string_equal(small, "234.50");
    isync_decimal out;
    assert_int_equal(isync_decimal_quantize(dec("99999999999999999999999999999999999999"), 1, &out),
                     ISYNC_DECIMAL_OVERFLOW);
    assert_int_equal(isync_decimal_quantize(dec("99999999999999999999999999999999999.999"), 2, &out),
                     ISYNC_DECIMAL_OK);
    assert_string_equal(text_of(out), "100000000000000000000000000000000000.00");
}

static void test_compare_and_sign(void **state)
{
    assert_int_equal(isync_decimal_compare(dec("1.5"), dec("1.50")), 0);
    assert_int_equal(isync_decimal_compare(dec("1.05"), dec("1.5")), -1);
    assert_int_equal(isync_decimal_compare(dec("-1.05"), dec("-1.5")), 1);
    assert_int_equal(isync_decimal_compare(dec("-0.01"), dec("0")), -1);
    assert_int_equal(isync_decimal_compare(dec("0.00"), dec("-0")), 0);
    assert_int_equal(isync_decimal_compare(dec("12"), dec("11.99999999999999999999999999999999999")), 1);
    assert_int_equal(isync_decimal_sign(dec("-0.000")), 0);
    assert_int_equal(isync_decimal_sign(dec("-0.001")), -1);
    assert_int_equal(isync_decimal_sign(dec("3")), 1);
    assert_string_equal(text_of(isync_decimal_negate(dec("25.50"))), "-25.50");
    assert_string_equal(text_of(isync_decimal_negate(dec("0.00"))), "0.00");
    assert_string_equal(text_of(isync_decimal_abs(dec("-7.50"))), "7.50");
    assert_string_equal(text_of(isync_decimal_trim(dec("12.500"))), "12.5");
    assert_string_equal(text_of(isync_decimal_trim(dec("300"))), "300");
    assert_int_equal(isync_decimal_digits(dec("0.0120")), 3);
    assert_int_equal(isync_decimal_digits(dec("0")), 0);
    assert_string_equal(text_of(isync_decimal_from_int(-9223372036854775807LL - 1)), "-9223372036854775808");
}

static void test_text_helpers(void **state)
{
    char out[32];
    assert_true(isync_decimal_normalise("007.50", out, sizeof out));
    assert_string_equal(out, "7.50");
    assert_true(isync_decimal_normalise("-0.00", out, sizeof out));
    assert_string_equal(out, "0.00");
    assert_false(isync_decimal_normalise("1.", out, sizeof out));
    assert_int_equal(isync_decimal_text_sign("-0.00"), 0);
    assert_int_equal(isync_decimal_text_sign("-0.01"), -1);
    assert_int_equal(isync_decimal_text_sign("0.01"), 1);
    assert_true(isync_decimal_round("-2.345", 2, out, sizeof out));
    assert_string_equal(out, "-2.35");
    assert_false(isync_decimal_round("2.345", -1, out, sizeof out));
    assert_false(isync_decimal_round("1e5", 2, out, sizeof out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_keeps_scale_and_sign),
        cmocka_unit_test(test_parse_refuses_what_is_not_a_decimal),
        cmocka_unit_test(test_parse_overflow),
        cmocka_unit_test(test_add_and_subtract_money),
        cmocka_unit_test(test_add_overflow_is_a_status),
        cmocka_unit_test(test_multiply),
        cmocka_unit_test(test_divide_rounds_half_away_from_zero),
        cmocka_unit_test(test_quantize_and_format),
        cmocka_unit_test(test_compare_and_sign),
        cmocka_unit_test(test_text_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
