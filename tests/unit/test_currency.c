/* Currency conversion: the rate table, exact decimal conversion, fetching. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mapping/currency.h"
#include "stub_server.h"

/* 1 EUR = 1.0842 USD = 0.8351 GBP = 162.5 JPY = 4.3125 PLN (an ECB-like table) */
static const char *const TABLE =
    "{\"base\":\"EUR\",\"date\":\"2026-11-25\","
    "\"rates\":{\"USD\":\"1.0842\",\"GBP\":\"0.8351\",\"JPY\":\"162.5\",\"PLN\":\"4.3125\"}}";

static isync_rates *parse_ok(const char *text)
{
    isync_rates *rates = NULL;
    isync_error err;
    isync_error_clear(&err);
    isync_status st = isync_rates_parse(text, strlen(text), &rates, &err);
    if (st != ISYNC_OK) {
        fail_msg("table refused: %s", err.message);
    }
    return rates;
}

/* Converts and returns the result in a static buffer (the rate in rate_text). */
static char rate_text[64];
static const char *convert(const isync_rates *rates, const char *amount, const char *from,
                           const char *to, int decimals)
{
    static char out[64];
    isync_error err;
    isync_status st = isync_rates_convert(rates, amount, from, to, decimals, out, sizeof out,
                                          rate_text, sizeof rate_text, &err);
    if (st != ISYNC_OK) {
        fail_msg("convert %s %s -> %s: %s", amount, from, to, err.message);
    }
    return out;
}

static void test_parse_reads_base_date_and_rates(void **state)
{
    isync_rates *rates = parse_ok(TABLE);
    assert_string_equal(isync_rates_base(rates), "EUR");
    assert_string_equal(isync_rates_date(rates), "2026-11-25");
    isync_rates_free(rates);
}

static void test_usd_to_eur(void **state)
{
    isync_rates *rates = parse_ok(TABLE);
    /* 100 / 1.0842 = 92.23390518...; the third decimal 3 rounds down */
    assert_string_equal(convert(rates, "100.00", "USD", "EUR", 2), "92.23");
    /* 1 / 1.0842 = 0.92233905183545..., ten significant digits */
    assert_string_equal(rate_text, "0.9223390518");
    /* 19.99 / 1.0842 = 18.43755764619...: 18.44 */
    assert_string_equal(convert(rates, "19.99", "USD", "EUR", 2), "18.44");
    /* the other way: 92.23 × 1.0842 = 99.995766 -> 100.00 (carry through every digit) */
    assert_string_equal(convert(rates, "92.23", "EUR", "USD", 2), "100.00");
    assert_string_equal(rate_text, "1.0842");
    /* more decimals than the input: 19.99 / 1.0842 = 18.437557646190739... */
    assert_string_equal(convert(rates, "19.99", "USD", "EUR", 4), "18.4376");
    isync_rates_free(rates);
}

static void test_half_rounds_away_from_zero(void **state)
{
    isync_rates *rates = parse_ok(TABLE);
    /* 25 × 1.0842 = 27.105 exactly: half, away from zero (not to even: 27.10) */
    assert_string_equal(convert(rates, "25", "EUR", "USD", 2), "27.11");
    assert_string_equal(convert(rates, "-25.00", "EUR", "USD", 2), "-27.11");
    /* just below half: 24.99 × 1.0842 = 27.094158 */
    assert_string_equal(convert(rates, "24.99", "EUR", "USD", 2), "27.09");
    isync_rates_free(rates);
}

static void test_jpy_has_no_decimals(void **state)
{
    isync_rates *rates = parse_ok(TABLE);
    assert_int_equal(isync_currency_minor_units("JPY"), 0);
    assert_int_equal(isync_currency_minor_units("EUR"), 2);
    assert_int_equal(isync_currency_minor_units("KWD"), 3);
    assert_int_equal(isync_currency_minor_units("XYZ"), -1);
    /* 1 × 162.5 = 162.5: half -> 163; -163 for a refund */
    assert_string_equal(convert(rates, "1.00", "EUR", "JPY", 0), "163");
    assert_string_equal(convert(rates, "-1.00", "EUR", "JPY", 0), "-163");
    /* 1999 / 162.5 = 12.30153846... */
    assert_string_equal(convert(rates, "1999", "JPY", "EUR", 2), "12.30");
    /* cross rate via EUR: 49.99 / 1.0842 × 162.5 = 7492.50599520... -> 7493 */
    assert_string_equal(convert(rates, "49.99", "USD", "JPY", 0), "7493");
    /* 162.5 / 1.0842 = 149.88009592326... */
    assert_string_equal(rate_text, "149.8800959");
    /* 1.0842 / 162.5 = 0.006672 exactly: trailing zeros dropped */
    convert(rates, "1", "JPY", "USD", 2);
    assert_string_equal(rate_text, "0.006672");
    isync_rates_free(rates);
}

static void test_cross_rate_between_two_foreign_currencies(void **state)
{
    isync_rates *rates = parse_ok(TABLE);
    /* 10 GBP -> USD: 10 / 0.8351 × 1.0842 = 12.98287630223925... */
    assert_string_equal(convert(rates, "10", "GBP", "USD", 2), "12.98");
    /* not via a rounded intermediate: 10 / 0.8351 = 11.97 EUR, × 1.0842 = 12.977874 -> 12.98
     * here too, but 4 decimals tell them apart */
    assert_string_equal(convert(rates, "10", "GBP", "USD", 4), "12.9829");
    isync_rates_free(rates);
}

static void test_same_currency_is_rounded_with_rate_one(void **state)
{
    isync_rates *rates = parse_ok(TABLE);
    assert_string_equal(convert(rates, "19.995", "USD", "USD", 2), "20.00");
    assert_string_equal(rate_text, "1");
    assert_string_equal(convert(rates, "7", "EUR", "EUR", 2), "7.00");
    assert_string_equal(rate_text, "1");
    isync_rates_free(rates);
}

static void test_negative_amounts_and_zero(void **state)
{
    isync_rates *rates = parse_ok(TABLE);
    /* a refund: -19.99 / 1.0842 = -18.4375576... */
    assert_string_equal(convert(rates, "-19.99", "USD", "EUR", 2), "-18.44");
    /* -0.004 USD rounds to zero: no minus sign on zero */
    assert_string_equal(convert(rates, "-0.004", "USD", "EUR", 2), "0.00");
    assert_string_equal(convert(rates, "0", "PLN", "EUR", 2), "0.00");
    isync_rates_free(rates);
}

static void test_very_large_amounts(void **state)
{
    isync_rates *rates = parse_ok(TABLE);
    /* 123456789012345678.90 / 1.0842 = 113869017720296697.0116214720... */
    assert_string_equal(convert(rates, "123456789012345678.90", "USD", "EUR", 2),
                        "113869017720296697.01");
    /* × 162.5 / 1.0842 = 18503715379548213263.8... -> 20 digits, beyond 64 bits */
    assert_string_equal(convert(rates, "123456789012345678.90", "USD", "JPY", 0),
                        "18503715379548213264");
    /* 21 significant digits is more than the arithmetic takes: refused, not wrong */
    char out[64];
    isync_error err;
    assert_int_equal(isync_rates_convert(rates, "123456789012345678901", "USD", "EUR", 2, out,
                                         sizeof out, NULL, 0, &err),
                     ISYNC_ERR_INVALID);
    assert_non_null(strstr(err.message, "digits"));
    isync_rates_free(rates);
}

static void test_unknown_currency_is_not_found(void **state)
{
    isync_rates *rates = parse_ok(TABLE);
    char out[64], rate[64];
    isync_error err;
    assert_int_equal(isync_rates_convert(rates, "10.00", "CHF", "EUR", 2, out, sizeof out, rate,
                                         sizeof rate, &err),
                     ISYNC_ERR_NOTFOUND);
    assert_non_null(strstr(err.message, "CHF"));
    assert_non_null(strstr(err.message, "2026-11-25"));
    assert_int_equal(isync_rates_convert(rates, "10.00", "EUR", "SEK", 2, out, sizeof out, rate,
                                         sizeof rate, &err),
                     ISYNC_ERR_NOTFOUND);
    assert_non_null(strstr(err.message, "SEK"));
    isync_rates_free(rates);
}

static void test_bad_amounts(void **state)
{
    isync_rates *rates = parse_ok(TABLE);
    char out[64], small[4];
    isync_error err;
    const char *bad[] = {"", "abc", "1,5", "1e3", "--1", "1.", " 1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(isync_rates_convert(rates, bad[i], "USD", "EUR", 2, out, sizeof out, NULL, 0,
                                             &err),
                         ISYNC_ERR_INVALID);
    }
    /* an answer that does not fit is an error, not a silently cut number */
    assert_int_equal(isync_rates_convert(rates, "100.00", "USD", "EUR", 2, small, sizeof small, NULL,
                                         0, &err),
                     ISYNC_ERR_INVALID);
    assert_int_equal(isync_rates_convert(rates, "1", "USD", "EUR", 19, out, sizeof out, NULL, 0, &err),
                     ISYNC_ERR_INVALID);
    isync_rates_free(rates);
}

/* Parses text, expecting failure with a message containing what. */
static void expect_refused(const char *text, const char *what)
{
    isync_rates *rates = (isync_rates *)1;
    isync_error err;
    isync_error_clear(&err);
    assert_int_equal(isync_rates_parse(text, strlen(text), &rates, &err), ISYNC_ERR_INVALID);
    assert_null(rates);
    if (!strstr(err.message, what)) {
        fail_msg("expected \"%s\" in \"%s\"", what, err.message);
    }
}

static void test_bad_tables_say_what_is_wrong(void **state)
{
    expect_refused("{\"date\":\"2026-11-25\",\"rates\":{\"USD\":\"1.0842\"}}", "base: is required");
    expect_refused("{\"base\":\"EURO\",\"date\":\"2026-11-25\",\"rates\":{}}", "EURO");
    expect_refused("{\"base\":\"EUR\",\"date\":\"2026-11-25\",\"rates\":{\"USD\":\"-1.0842\"}}",
                   "rates.USD: must be positive");
    expect_refused("{\"base\":\"EUR\",\"date\":\"2026-11-25\",\"rates\":{\"USD\":\"0.000\"}}",
                   "rates.USD: must be positive");
    expect_refused("{\"base\":\"EUR\",\"date\":\"2026-11-25\",\"rates\":{\"XYZ\":\"2\"}}",
                   "rates.XYZ: not an ISO 4217");
    expect_refused("{\"base\":\"EUR\",\"date\":\"2026-11-25\",\"rates\":{\"usd\":\"1.0842\"}}",
                   "rates.usd: not an ISO 4217");
    expect_refused("{\"base\":\"EUR\",\"date\":\"2026-11-25\",\"rates\":{\"USD\":\"1,0842\"}}",
                   "rates.USD: must be a decimal");
    expect_refused("{\"base\":\"EUR\",\"date\":\"2026-11-25\",\"rates\":{\"USD\":true}}",
                   "rates.USD: must be a decimal");
    expect_refused("{\"base\":\"EUR\",\"date\":\"2026-11-25\",\"rates\":{\"EUR\":\"1.1\"}}",
                   "rates.EUR: the base currency's rate must be 1");
    expect_refused("{\"base\":\"EUR\",\"date\":\"2026-02-30\",\"rates\":{}}", "date");
    expect_refused("{\"base\":\"EUR\",\"date\":\"25.11.2026\",\"rates\":{}}", "date");
    expect_refused("{\"base\":\"EUR\",\"rates\":{}}", "date");
    expect_refused("{\"base\":\"EUR\",\"date\":\"2026-11-25\"}", "rates: is required");
    expect_refused("{\"base\":\"EUR\",\"date\":\"2026-11-25\",\"rates\":[1]}", "rates: is required");
    expect_refused("[]", "must be a JSON object");
    expect_refused("{\"base\":\"EUR\",", "not JSON");
}

static void test_rates_as_json_numbers(void **state)
{
    isync_rates *rates = parse_ok("{\"base\":\"EUR\",\"date\":\"2024-02-29\","
                                  "\"rates\":{\"USD\":1.0842,\"JPY\":162,\"EUR\":1}}");
    /* the number 1.0842 is read as the decimal it was written as */
    assert_string_equal(convert(rates, "25", "EUR", "USD", 2), "27.11");
    assert_string_equal(convert(rates, "1", "EUR", "JPY", 0), "162");
    isync_rates_free(rates);
}

static void test_dump_round_trips(void **state)
{
    isync_rates *rates = parse_ok("{\"base\":\"EUR\",\"date\":\"2026-11-25\","
                                  "\"rates\":{\"USD\":\"1.08420\",\"JPY\":162.5}}");
    char *text = isync_rates_dump(rates);
    assert_non_null(text);
    /* canonical strings: the trailing zero kept as written, numbers become strings */
    assert_non_null(strstr(text, "\"USD\": \"1.08420\""));
    assert_non_null(strstr(text, "\"JPY\": \"162.5\""));
    isync_rates *again = parse_ok(text);
    assert_string_equal(isync_rates_base(again), "EUR");
    assert_string_equal(convert(again, "25", "EUR", "USD", 2), "27.11");
    free(text);
    isync_rates_free(again);
    isync_rates_free(rates);
}

static void expect_round(const char *text, int decimals, const char *expected)
{
    char out[64];
    assert_int_equal(isync_decimal_round(text, decimals, out, sizeof out), 1);
    assert_string_equal(out, expected);
}

static void test_decimal_round(void **state)
{
    expect_round("2.345", 2, "2.35");
    expect_round("-2.345", 2, "-2.35");
    expect_round("2.3449999", 2, "2.34");
    expect_round("7", 2, "7.00");
    expect_round("9.995", 2, "10.00");
    expect_round("-999.5", 0, "-1000");
    expect_round("0.5", 0, "1");
    expect_round("-0.004", 2, "0.00");
    expect_round("0012.10", 1, "12.1");
    expect_round("123456789012345678901234567890.125", 2, "123456789012345678901234567890.13");
    char out[8];
    assert_int_equal(isync_decimal_round("abc", 2, out, sizeof out), 0);
    assert_int_equal(isync_decimal_round("1e5", 2, out, sizeof out), 0);
    assert_int_equal(isync_decimal_round("12345.678", 2, out, sizeof out), 0); /* 9 bytes needed */
    assert_int_equal(isync_decimal_round("1234.678", 2, out, sizeof out), 1);
    assert_string_equal(out, "1234.68");
}

static void test_fetch_from_a_file(void **state)
{
    char path[] = "/tmp/test_rates_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, TABLE, strlen(TABLE)), (ssize_t)strlen(TABLE));
    close(fd);
    isync_rates *rates = NULL;
    isync_error err;
    assert_int_equal(isync_rates_fetch(path, NULL, &rates, &err), ISYNC_OK);
    assert_string_equal(convert(rates, "100.00", "USD", "EUR", 2), "92.23");
    isync_rates_free(rates);
    unlink(path);
    assert_int_equal(isync_rates_fetch(path, NULL, &rates, &err), ISYNC_ERR_NOTFOUND);
    assert_null(rates);
    assert_non_null(strstr(err.message, path));
    assert_int_equal(isync_rates_fetch("", NULL, &rates, &err), ISYNC_ERR_CONFIG);
}

static isync_http *plain_http(void)
{
    isync_http_options options = {1000, 2000, 1, NULL, NULL};
    isync_http *http = isync_http_new(&options);
    assert_non_null(http);
    return http;
}

static void test_fetch_over_http(void **state)
{
    canned_response script[] = {
        {200, "Content-Type: application/json\r\n", TABLE, 0},
        {503, "Retry-After: 30\r\n", "{\"error\":\"maintenance\"}", 0},
        {200, "", "{\"base\":\"EUR\",\"date\":\"2026-11-25\",\"rates\":{\"USD\":\"-1\"}}", 0},
    };
    start_server(script, 3);
    isync_http *http = plain_http();
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/rates/EUR.json", server.port);
    isync_rates *rates = NULL;
    isync_error err;

    assert_int_equal(isync_rates_fetch(url, http, &rates, &err), ISYNC_OK);
    assert_string_equal(convert(rates, "49.99", "USD", "JPY", 0), "7493");
    isync_rates_free(rates);

    assert_int_equal(isync_rates_fetch(url, http, &rates, &err), ISYNC_ERR_HTTP);
    assert_non_null(strstr(err.message, "503"));
    assert_null(rates);

    assert_int_equal(isync_rates_fetch(url, http, &rates, &err), ISYNC_ERR_INVALID);
    assert_non_null(strstr(err.message, "rates.USD"));

    /* no HTTP client for a URL is a configuration error, not a crash */
    assert_int_equal(isync_rates_fetch(url, NULL, &rates, &err), ISYNC_ERR_CONFIG);
    isync_http_free(http);
    stop_server();
    assert_int_equal(server.request_count, 3);
    assert_true(starts_with(server.requests[0], "GET /rates/EUR.json HTTP/1.1\r\n"));
}

static void test_fetch_when_nothing_listens(void **state)
{
    start_server(NULL, 0);
    int port = server.port;
    stop_server();
    isync_http *http = plain_http();
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/rates/EUR.json", port);
    isync_rates *rates = NULL;
    isync_error err;
    assert_int_equal(isync_rates_fetch(url, http, &rates, &err), ISYNC_ERR_HTTP);
    assert_null(rates);
    isync_http_free(http);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_reads_base_date_and_rates),
        cmocka_unit_test(test_usd_to_eur),
        cmocka_unit_test(test_half_rounds_away_from_zero),
        cmocka_unit_test(test_jpy_has_no_decimals),
        cmocka_unit_test(test_cross_rate_between_two_foreign_currencies),
        cmocka_unit_test(test_same_currency_is_rounded_with_rate_one),
        cmocka_unit_test(test_negative_amounts_and_zero),
        cmocka_unit_test(test_very_large_amounts),
        cmocka_unit_test(test_unknown_currency_is_not_found),
        cmocka_unit_test(test_bad_amounts),
        cmocka_unit_test(test_bad_tables_say_what_is_wrong),
        cmocka_unit_test(test_rates_as_json_numbers),
        cmocka_unit_test(test_dump_round_trips),
        cmocka_unit_test(test_decimal_round),
        cmocka_unit_test(test_fetch_from_a_file),
        cmocka_unit_test_teardown(test_fetch_over_http, teardown_server),
        cmocka_unit_test_teardown(test_fetch_when_nothing_listens, teardown_server),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
