/* Event validation (order.placed), decimal and date handling, the envelope. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "queue/event.h"

#define VALID_ORDER                                                                           \
    "{\"order_id\": \"42\", \"order_number\": \"1001\", \"date\": \"2026-11-26T14:03:00Z\","   \
    " \"email\": \"anna@example.com\", \"currency\": \"EUR\", \"total_amount\": \"007.50\","   \
    " \"payment_status\": \"P\", \"shipping_status\": \"N\", \"infor_customer\": \"C000123\"," \
    " \"billing_address\": {\"firstname\": \"Anna\", \"lastname\": \"M\xc3\xbcller\","        \
    "   \"street\": \"Hauptstr. 1\", \"city\": \"Berlin\", \"zipcode\": \"10115\","             \
    "   \"country\": \"DE\"},"                                                                  \
    " \"items\": [{\"sku\": \"SKU-1\", \"name\": \"Mug\", \"price\": \"007.50\", \"quantity\": 5},"  \
    "             {\"sku\": \"SKU-2\", \"price\": 0, \"quantity\": \"1.5\", \"discount\": \"0.00\"}]}"

static json_t *parse(const char *text)
{
    json_error_t jerr;
    json_t *json = json_loads(text, 0, &jerr);
    if (!json) {
        fail_msg("test JSON does not parse: %s (line %d)", jerr.text, jerr.line);
    }
    return json;
}

static json_t *valid_order(void)
{
    return parse(VALID_ORDER);
}

/* The message for path, or NULL. */
static const char *problem_at(const isync_problems *problems, const char *path)
{
    size_t shown = problems->count < ISYNC_PROBLEMS_MAX ? problems->count : ISYNC_PROBLEMS_MAX;
    for (size_t i = 0; i < shown; i++) {
        if (strcmp(problems->items[i].path, path) == 0) {
            return problems->items[i].message;
        }
    }
    return NULL;
}

static void expect_problem(const isync_problems *problems, const char *path, const char *fragment)
{
    const char *message = problem_at(problems, path);
    if (!message) {
        char all[4096];
        isync_problems_format(problems, all, sizeof all);
        fail_msg("no problem reported for %s; got: %s", path, all);
    }
    if (fragment && !strstr(message, fragment)) {
        fail_msg("problem for %s is \"%s\", expected it to mention \"%s\"", path, message, fragment);
    }
}

static isync_status validate_with(json_t *order, isync_problems *problems)
{
    return isync_event_validate("order.placed", order, problems);
}

static const char *str_at(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static void test_valid_order_normalised(void **state)
{
    json_t *order = valid_order();
    isync_problems problems;

    assert_int_equal(validate_with(order, &problems), ISYNC_OK);
    assert_int_equal(problems.count, 0);
    assert_string_equal(str_at(order, "total_amount"), "7.50");
    json_t *items = json_object_get(order, "items");
    assert_string_equal(str_at(json_array_get(items, 0), "price"), "7.50");
    assert_string_equal(str_at(json_array_get(items, 0), "quantity"), "5");
    assert_string_equal(str_at(json_array_get(items, 1), "price"), "0");
    assert_string_equal(str_at(json_array_get(items, 1), "quantity"), "1.5");
    assert_string_equal(str_at(json_array_get(items, 1), "discount"), "0.00");
    /* everything else as the shop sent it */
    assert_string_equal(str_at(json_object_get(order, "billing_address"), "lastname"), "M\xc3\xbcller");
    assert_string_equal(str_at(order, "date"), "2026-11-26T14:03:00Z");
    json_decref(order);
}

/* surcharges: amounts normalised with their sign; each bad value named by its path. */
static void test_surcharges(void **state)
{
    json_t *order = valid_order();
    isync_problems problems;
    json_object_set_new(order, "surcharges", parse(
        "[{\"type\": \"discount\", \"code\": \"DCOUPON\", \"amount\": \"-05.00\"},"
        " {\"type\": \"tax\", \"code\": \"CDEV.STAX\", \"amount\": 3, \"include\": false,"
        "  \"jurisdiction\": \"US-CA\"},"
        " {\"type\": \"tax\", \"code\": \"VAT\", \"amount\": \"1\", \"jurisdiction\": \"GB-ENG\"},"
        " {\"type\": \"tax\", \"code\": \"VAT\", \"amount\": \"1\", \"jurisdiction\": \"D\"},"
        " {\"type\": \"tax\", \"code\": \"VAT\", \"amount\": \"1\", \"jurisdiction\": \"US-\"},"
        " {\"type\": \"tax\", \"code\": \"VAT\", \"amount\": \"1\", \"jurisdiction\": \"DE-\\u00e4\"},"
        " {\"type\": \"fee\", \"amount\": \"x\", \"include\": \"true\"}]"));
    assert_int_equal(validate_with(order, &problems), ISYNC_ERR_INVALID);
    json_t *list = json_object_get(order, "surcharges");
    assert_string_equal(str_at(json_array_get(list, 0), "amount"), "-5.00");
    assert_string_equal(str_at(json_array_get(list, 1), "amount"), "3");
    assert_null(problem_at(&problems, "surcharges[1].jurisdiction"));
    assert_null(problem_at(&problems, "surcharges[2].jurisdiction"));
    expect_problem(&problems, "surcharges[3].jurisdiction", "US-CA");
    expect_problem(&problems, "surcharges[4].jurisdiction", "US-CA");
    expect_problem(&problems, "surcharges[5].jurisdiction", "US-CA");
    expect_problem(&problems, "surcharges[6].type", "tax, shipping, discount, handling");
    expect_problem(&problems, "surcharges[6].code", "is required");
    expect_problem(&problems, "surcharges[6].amount", "decimal");
    expect_problem(&problems, "surcharges[6].include", "true or false");
    assert_int_equal(problems.count, 7);
    json_decref(order);
}

static void test_integer_ids_become_text(void **state)
{
    json_t *order = valid_order();
    isync_problems problems;
    json_object_set_new(order, "order_number", json_integer(1001));
    json_object_set_new(order, "order_id", json_integer(42));
    json_object_set_new(order, "total_amount", json_integer(15));
    assert_int_equal(validate_with(order, &problems), ISYNC_OK);
    assert_string_equal(str_at(order, "order_number"), "1001");
    assert_string_equal(str_at(order, "order_id"), "42");
    assert_string_equal(str_at(order, "total_amount"), "15");
    json_decref(order);
}

static void test_every_missing_field_reported(void **state)
{
    json_t *order = parse("{}");
    isync_problems problems;
    const char *required[] = { "order_id", "order_number", "date", "email", "currency",
                               "total_amount", "billing_address", "items" };

    assert_int_equal(validate_with(order, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, sizeof required / sizeof required[0]);
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        expect_problem(&problems, required[i], "is required");
    }
    json_decref(order);

    /* inside the address and the lines */
    order = parse("{\"billing_address\": {}, \"items\": [{}]}");
    const char *nested[] = { "billing_address.firstname", "billing_address.lastname",
                             "billing_address.street", "billing_address.city",
                             "billing_address.zipcode", "billing_address.country",
                             "items[0].sku", "items[0].price", "items[0].quantity" };
    assert_int_equal(validate_with(order, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 6 + 6 + 3);
    for (size_t i = 0; i < sizeof nested / sizeof nested[0]; i++) {
        expect_problem(&problems, nested[i], "is required");
    }
    assert_null(problem_at(&problems, "billing_address"));
    assert_null(problem_at(&problems, "items"));
    json_decref(order);
}

static void test_empty_and_null_count_as_missing(void **state)
{
    json_t *order = valid_order();
    isync_problems problems;
    json_object_set_new(order, "email", json_string(""));
    json_object_set_new(order, "currency", json_null());
    json_object_set_new(json_object_get(order, "billing_address"), "city", json_string(""));
    assert_int_equal(validate_with(order, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 3);
    expect_problem(&problems, "email", "must not be empty");
    expect_problem(&problems, "currency", "is required");
    expect_problem(&problems, "billing_address.city", "must not be empty");
    json_decref(order);
}

static void test_wrong_shapes(void **state)
{
    json_t *order = valid_order();
    isync_problems problems;
    json_object_set_new(order, "email", json_true());
    json_object_set_new(order, "billing_address", json_string("Hauptstr. 1, Berlin"));
    json_array_append_new(json_object_get(order, "items"), json_string("SKU-3"));
    assert_int_equal(validate_with(order, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 3);
    expect_problem(&problems, "email", "must be a string");
    expect_problem(&problems, "billing_address", "must be an array");
    expect_problem(&problems, "items[2]", "must be an array");
    json_decref(order);

    order = valid_order();
    json_object_set_new(order, "items", json_array());
    json_object_set_new(order, "email", json_string("anna.example.com"));
    assert_int_equal(validate_with(order, &problems), ISYNC_ERR_INVALID);
    expect_problem(&problems, "items", "non-empty");
    expect_problem(&problems, "email", "e-mail");
    json_decref(order);

    /* not an object at all */
    order = parse("[1, 2]");
    assert_int_equal(validate_with(order, &problems), ISYNC_ERR_INVALID);
    expect_problem(&problems, "payload", NULL);
    json_decref(order);
}

static void expect_bad_money(const char *key_in_item, json_t *value, const char *fragment)
{
    json_t *order = valid_order();
    isync_problems problems;
    char path[64];
    json_t *item = json_array_get(json_object_get(order, "items"), 1);
    json_object_set_new(item, key_in_item, value);
    assert_int_equal(validate_with(order, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 1);
    snprintf(path, sizeof path, "items[1].%s", key_in_item);
    expect_problem(&problems, path, fragment);
    json_decref(order);
}

static void test_bad_money(void **state)
{
    expect_bad_money("price", json_string("19,99"), "decimal");
    expect_bad_money("price", json_string("1e3"), "decimal");
    expect_bad_money("price", json_string("1,000.00"), "decimal");
    expect_bad_money("price", json_string(" 19.99"), "decimal");
    expect_bad_money("price", json_string(".5"), "decimal");
    expect_bad_money("price", json_string("5."), "decimal");
    expect_bad_money("price", json_string(""), "decimal");
    expect_bad_money("price", json_string("abc"), "decimal");
    expect_bad_money("price", json_real(19.99), "decimal");
    expect_bad_money("price", json_true(), "decimal");
    expect_bad_money("price", json_string("-1"), "0 or more");
    expect_bad_money("price", json_integer(-1), "0 or more");
    expect_bad_money("discount", json_string("-0.01"), "0 or more");
    expect_bad_money("quantity", json_string("0"), "greater than 0");
    expect_bad_money("quantity", json_string("0.000"), "greater than 0");
    expect_bad_money("quantity", json_integer(-2), "greater than 0");

    json_t *order = valid_order();
    isync_problems problems;
    json_object_set_new(order, "total_amount", json_string("-1"));
    assert_int_equal(validate_with(order, &problems), ISYNC_ERR_INVALID);
    expect_problem(&problems, "total_amount", "0 or more");
    json_decref(order);
}

static void test_decimal_normalise(void **state)
{
    char out[32];
    const struct { const char *in, *out; } good[] = {
        { "007.50", "7.50" }, { "5", "5" }, { "0", "0" }, { "000", "0" }, { "0.30000000000000004", "0.30000000000000004" },
        { "-12.5", "-12.5" }, { "-0", "0" }, { "-0.00", "0.00" }, { "19.99", "19.99" },
        { "00.01", "0.01" },
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        assert_true(isync_decimal_normalise(good[i].in, out, sizeof out));
        assert_string_equal(out, good[i].out);
    }
    const char *bad[] = { "", "-", ".", "1.", ".1", "1e3", "1E3", "19,99", "+1", "1 ", " 1", "0x10",
                          "1.2.3", "--1", "NaN", "inf" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(isync_decimal_normalise(bad[i], out, sizeof out));
    }
    /* too long for the buffer: refused, not truncated */
    assert_false(isync_decimal_normalise("123456789.123456789", out, 8));
}

static void expect_too_long(const char *key, size_t ok_len, int in_item)
{
    char text[64];
    isync_problems problems;
    for (size_t len = ok_len; len <= ok_len + 1; len++) {
        json_t *order = valid_order();
        json_t *target = in_item ? json_array_get(json_object_get(order, "items"), 0) : order;
        memset(text, 'A', len);
        text[len] = '\0';
        json_object_set_new(target, key, json_string(text));
        isync_status st = validate_with(order, &problems);
        if (len == ok_len) {
            assert_int_equal(st, ISYNC_OK);
        } else {
            char path[64];
            snprintf(path, sizeof path, "%s%s", in_item ? "items[0]." : "", key);
            assert_int_equal(st, ISYNC_ERR_INVALID);
            assert_int_equal(problems.count, 1);
            snprintf(text, sizeof text, "is %zu characters, Infor allows %zu", ok_len + 1, ok_len);
            expect_problem(&problems, path, text);
        }
        json_decref(order);
    }
}

static void test_infor_field_lengths(void **state)
{
    expect_too_long("order_number", 20, 0);
    expect_too_long("infor_customer", 10, 0);
}

/* ITNO's 15 characters are the template's check (a template may map the SKU
 * through a lookup table): the event itself takes X-Cart's longer SKUs. */
static void test_sku_length_is_left_to_the_template(void **state)
{
    isync_problems problems;
    json_t *order = valid_order();
    json_object_set_new(json_array_get(json_object_get(order, "items"), 0), "sku",
                        json_string("TSHIRT-ORGANIC-COTTON-BLACK-XXL"));
    assert_int_equal(validate_with(order, &problems), ISYNC_OK);
    json_decref(order);
}

static void expect_single(const char *key, json_t *value, const char *path, const char *fragment)
{
    json_t *order = valid_order();
    isync_problems problems;
    json_t *target = order;
    if (strncmp(path, "billing_address.", 16) == 0) {
        target = json_object_get(order, "billing_address");
    }
    json_object_set_new(target, key, value);
    assert_int_equal(validate_with(order, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 1);
    expect_problem(&problems, path, fragment);
    json_decref(order);
}

static void test_codes(void **state)
{
    expect_single("currency", json_string("eur"), "currency", "ISO 4217");
    expect_single("currency", json_string("EURO"), "currency", "ISO 4217");
    expect_single("currency", json_string("E1R"), "currency", "ISO 4217");
    expect_single("country", json_string("DEU"), "billing_address.country", "ISO 3166-1");
    expect_single("country", json_string("de"), "billing_address.country", "ISO 3166-1");
    expect_single("payment_status", json_string("XX"), "payment_status", "XX");
    expect_single("shipping_status", json_string("shipped"), "shipping_status", "shipped");

    json_t *order = valid_order();
    isync_problems problems;
    const char *payment[] = { "Q", "A", "PP", "P", "D", "C", "R" };
    for (size_t i = 0; i < sizeof payment / sizeof payment[0]; i++) {
        json_object_set_new(order, "payment_status", json_string(payment[i]));
        assert_int_equal(validate_with(order, &problems), ISYNC_OK);
    }
    json_object_del(order, "payment_status");
    json_object_del(order, "shipping_status");
    assert_int_equal(validate_with(order, &problems), ISYNC_OK);
    json_decref(order);
}

static void test_dates(void **state)
{
    const char *good[] = { "2026-11-26", "2026-11-26T14:03:00+01:00", "2026-11-26 14:03:00",
                           "2026-11-26T14:03:00Z", "2026-11-26T14:03:00.123Z", "2026-11-26T14:03",
                           "2026-11-26T14:03:00+0100", "2026-11-26T23:59:59-05:00", "2024-02-29",
                           "2000-02-29" };
    const char *bad[] = { "2026-02-30", "26.11.2026", "2026-13-01", "2026-00-10", "2026-11-00",
                          "2026-11-31", "2026-02-29", "1900-02-29", "2026/11/26", "2026-11-26T25:00",
                          "2026-11-26T14:60", "2026-11-26T14:03:00+01", "2026-11-26Tnoon",
                          "2026-11-26X", "2026-11-2", "", "11/26/2026", "2026-11-26T14:03:00ZZ",
                          "2026-11-26T14:03:00." };
    char m3[9];
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        memset(m3, 0, sizeof m3);
        if (!isync_iso8601_to_m3_date(good[i], m3)) {
            fail_msg("\"%s\" should be a valid date", good[i]);
        }
        assert_int_equal(strlen(m3), 8);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (isync_iso8601_to_m3_date(bad[i], m3)) {
            fail_msg("\"%s\" should not be a valid date", bad[i]);
        }
    }
}

static void test_dates_in_payload(void **state)
{
    const char *good[] = { "2026-11-26", "2026-11-26T14:03:00+01:00", "2026-11-26 14:03:00" };
    const char *bad[] = { "2026-02-30", "26.11.2026", "2026-11-26T25:00:00Z" };
    isync_problems problems;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        json_t *order = valid_order();
        json_object_set_new(order, "date", json_string(good[i]));
        assert_int_equal(validate_with(order, &problems), ISYNC_OK);
        json_decref(order);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        expect_single("date", json_string(bad[i]), "date", "ISO 8601");
    }
}

static void test_m3_date(void **state)
{
    char m3[9];
    assert_true(isync_iso8601_to_m3_date("2026-11-26", m3));
    assert_string_equal(m3, "20261126");
    assert_true(isync_iso8601_to_m3_date("2026-11-26T23:30:00-05:00", m3));
    assert_string_equal(m3, "20261126"); /* the date as the shop wrote it */
    assert_true(isync_iso8601_to_m3_date("2026-01-02 00:00:00", m3));
    assert_string_equal(m3, "20260102");
}

static void test_several_problems_together(void **state)
{
    json_t *order = valid_order();
    isync_problems problems;
    json_object_set_new(order, "currency", json_string("eur"));
    json_object_set_new(json_object_get(order, "billing_address"), "country", json_string("DEU"));
    json_object_set_new(json_array_get(json_object_get(order, "items"), 1), "price", json_string("19,99"));
    json_object_del(order, "email");
    assert_int_equal(validate_with(order, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 4);
    expect_problem(&problems, "currency", NULL);
    expect_problem(&problems, "billing_address.country", NULL);
    expect_problem(&problems, "items[1].price", NULL);
    expect_problem(&problems, "email", "is required");
    json_decref(order);
}

static void test_unknown_type(void **state)
{
    json_t *order = valid_order();
    isync_problems problems;
    assert_true(isync_event_type_known("order.placed"));
    assert_false(isync_event_type_known("order.cancelled"));
    assert_false(isync_event_type_known(""));
    assert_non_null(strstr(isync_event_types(), "order.placed"));
    assert_int_equal(isync_event_validate("order.cancelled", order, &problems), ISYNC_ERR_INVALID);
    expect_problem(&problems, "type", "order.cancelled");
    json_decref(order);
}

static void test_problems_format(void **state)
{
    isync_problems problems;
    char out[4096];

    memset(&problems, 0, sizeof problems);
    isync_problems_format(&problems, out, sizeof out);
    assert_string_equal(out, "");

    isync_problems_add(&problems, "items[2].price", "must be a decimal number");
    isync_problems_add(&problems, "email", "is %s", "required");
    isync_problems_format(&problems, out, sizeof out);
    assert_string_equal(out, "items[2].price: must be a decimal number; email: is required");

    memset(&problems, 0, sizeof problems);
    for (int i = 0; i < ISYNC_PROBLEMS_MAX + 8; i++) {
        char path[32];
        snprintf(path, sizeof path, "items[%d].sku", i);
        isync_problems_add(&problems, path, "is required");
    }
    assert_int_equal(problems.count, ISYNC_PROBLEMS_MAX + 8);
    isync_problems_format(&problems, out, sizeof out);
    assert_non_null(strstr(out, "items[0].sku: is required; items[1].sku: is required; "));
    char last[64];
    snprintf(last, sizeof last, "items[%d].sku: is required; and 8 more", ISYNC_PROBLEMS_MAX - 1);
    assert_true(strlen(out) > strlen(last));
    assert_string_equal(out + strlen(out) - strlen(last), last); /* at the end */
    snprintf(last, sizeof last, "items[%d].sku", ISYNC_PROBLEMS_MAX);
    assert_null(strstr(out, last));

    /* a small buffer is cut, never overrun */
    char small[24];
    memset(small, 'x', sizeof small);
    isync_problems_format(&problems, small, 20);
    assert_true(strlen(small) < 20);
    assert_int_equal(small[20], 'x');
    assert_int_equal(strncmp(small, "items[0].sku: is re", 19), 0);
}

static void test_envelope(void **state)
{
    json_t *payload = valid_order();
    const char *id = "0190a1b2c3d4e-abcdef0123";
    time_t before = time(NULL);

    json_t *env = isync_event_envelope(id, "order.placed", "order-1001", payload);
    assert_non_null(env);
    assert_int_equal(json_object_size(env), 6);
    assert_int_equal(json_integer_value(json_object_get(env, "v")), 1);
    assert_string_equal(str_at(env, "id"), id);
    assert_string_equal(str_at(env, "type"), "order.placed");
    assert_string_equal(str_at(env, "idempotency_key"), "order-1001");
    assert_ptr_equal(json_object_get(env, "payload"), payload);

    const char *created = str_at(env, "created_at");
    assert_non_null(created);
    assert_int_equal(strlen(created), 24); /* 2026-11-26T14:03:00.123Z */
    assert_int_equal(created[23], 'Z');
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    const char *rest = strptime(created, "%Y-%m-%dT%H:%M:%S", &tm);
    assert_non_null(rest);
    assert_string_equal(rest + 4, "Z");
    time_t when = timegm(&tm);
    assert_true(when >= before && when <= time(NULL));
    json_decref(env);

    env = isync_event_envelope(id, "order.placed", NULL, payload);
    assert_true(json_is_null(json_object_get(env, "idempotency_key")));
    char *text = json_dumps(env, JSON_COMPACT);
    assert_non_null(strstr(text, "\"idempotency_key\":null"));
    free(text);
    json_decref(env);
    json_decref(payload);
}

/* ---- into the spool ---- */

/* The envelope of the event id as the worker reads it from ready/. */
static json_t *spooled(const isync_spool *spool, const char *id)
{
    isync_error err;
    json_t *envelope = isync_spool_envelope(spool, ISYNC_STATE_READY, id, &err);
    if (!envelope) {
        fail_msg("event %s cannot be read back: %s", id, err.message);
    }
    return envelope;
}

static void test_enqueue_into_spool(void **state)
{
    char root[] = "/tmp/test_event_XXXXXX", dir[64], id[ISYNC_ID_SIZE], again[ISYNC_ID_SIZE];
    isync_spool spool;
    isync_error err;
    assert_non_null(mkdtemp(root));
    snprintf(dir, sizeof dir, "%s/spool", root);
    assert_int_equal(isync_spool_open(&spool, dir, 0, &err), ISYNC_OK);

    /* a validated order, read back whole by the worker */
    json_t *order = valid_order();
    isync_problems problems;
    assert_int_equal(validate_with(order, &problems), ISYNC_OK);
    assert_int_equal(isync_event_enqueue(&spool, "order.placed", NULL, order, id, &err), ISYNC_OK);
    assert_true(isync_id_valid(id));
    json_t *envelope = spooled(&spool, id);
    assert_string_equal(str_at(envelope, "id"), id);
    assert_string_equal(str_at(envelope, "type"), "order.placed");
    assert_true(json_is_null(json_object_get(envelope, "idempotency_key")));
    assert_true(json_equal(json_object_get(envelope, "payload"), order));
    json_decref(envelope);

    /* a payload far bigger than a usual order (200 lines) is written whole too */
    json_t *items = json_object_get(order, "items");
    while (json_array_size(items) < 200) {
        json_array_append(items, json_array_get(items, 0));
    }
    assert_int_equal(isync_event_enqueue(&spool, "order.placed", NULL, order, id, &err), ISYNC_OK);
    envelope = spooled(&spool, id);
    assert_true(json_equal(json_object_get(envelope, "payload"), order));
    json_decref(envelope);

    /* an idempotency key seen before gives the first event's id, nothing new */
    assert_int_equal(isync_event_enqueue(&spool, "order.placed", "xcart-order-42", order, id, &err), ISYNC_OK);
    assert_int_equal(isync_event_enqueue(&spool, "order.placed", "xcart-order-42", order, again, &err),
                     ISYNC_ERR_EXISTS);
    assert_string_equal(again, id);
    assert_int_equal(isync_spool_count(&spool, ISYNC_STATE_READY), 3);

    json_decref(order);
    isync_spool_close(&spool);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

/* ---- customer.created / customer.updated ---- */

#define VALID_CUSTOMER                                                                        \
    "{\"profile_id\": 123, \"email\": \"Anna@Example.com\", \"firstname\": \"Anna\","           \
    " \"lastname\": \"Schmidt\", \"company\": \"Schmidt GmbH\", \"phone\": \"+49 30 1234567\","  \
    " \"address\": {\"street\": \"Hauptstr. 1\", \"city\": \"Berlin\", \"zipcode\": \"10115\","  \
    "   \"country\": \"DE\", \"state\": \"BE\"}}"

static void test_customer_valid(void **state)
{
    (void)state;
    isync_problems problems;
    json_t *customer = parse(VALID_CUSTOMER);
    assert_int_equal(isync_event_validate("customer.created", customer, &problems), ISYNC_OK);
    assert_int_equal(problems.count, 0);
    assert_string_equal(str_at(customer, "profile_id"), "123"); /* an int becomes text */
    assert_int_equal(isync_event_validate("customer.updated", customer, &problems), ISYNC_OK);
    json_decref(customer);

    /* leading zeros go: the same profile, the same customer number */
    customer = parse(VALID_CUSTOMER);
    json_object_set_new(customer, "profile_id", json_string("000123"));
    assert_int_equal(isync_event_validate("customer.created", customer, &problems), ISYNC_OK);
    assert_string_equal(str_at(customer, "profile_id"), "123");
    json_decref(customer);

    /* an update needs no address */
    customer = parse(VALID_CUSTOMER);
    json_object_del(customer, "address");
    assert_int_equal(isync_event_validate("customer.updated", customer, &problems), ISYNC_OK);
    assert_int_equal(isync_event_validate("customer.created", customer, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 1);
    expect_problem(&problems, "address", "is required");
    json_decref(customer);
    assert_true(isync_event_type_known("customer.created"));
    assert_true(isync_event_type_known("customer.updated"));
    assert_non_null(strstr(isync_event_types(), "customer.updated"));
}

static void test_customer_problems_with_paths(void **state)
{
    (void)state;
    isync_problems problems;
    json_t *customer = parse("{}");
    assert_int_equal(isync_event_validate("customer.created", customer, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 5);
    expect_problem(&problems, "profile_id", "is required");
    expect_problem(&problems, "email", "is required");
    expect_problem(&problems, "firstname", "is required");
    expect_problem(&problems, "lastname", "is required");
    expect_problem(&problems, "address", "is required");
    json_decref(customer);

    customer = parse("{\"profile_id\": \"12a\", \"email\": \"anna.example.com\", \"firstname\": \"\","
                     " \"lastname\": [], \"infor_customer\": \"C0000000001\","
                     " \"address\": {\"city\": \"Berlin\", \"zipcode\": \"10115\", \"country\": \"DEU\"}}");
    assert_int_equal(isync_event_validate("customer.updated", customer, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 7);
    expect_problem(&problems, "profile_id", "digits");
    expect_problem(&problems, "email", "not an e-mail address");
    expect_problem(&problems, "firstname", "must not be empty");
    expect_problem(&problems, "lastname", "must be a string");
    expect_problem(&problems, "infor_customer", "Infor allows 10");
    expect_problem(&problems, "address.street", "is required");
    expect_problem(&problems, "address.country", "alpha-2");
    json_decref(customer);

    /* Infor's limits: MAIL 50; a profile id must fit the 10-character customer number */
    customer = parse(VALID_CUSTOMER);
    json_object_set_new(customer, "email", json_string("a.very.long.address.for.anna.schmidt@mail.example.com"));
    json_object_set_new(customer, "profile_id", json_string("123456789"));
    json_object_set_new(customer, "address", json_string("Hauptstr. 1"));
    assert_int_equal(isync_event_validate("customer.created", customer, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 3);
    expect_problem(&problems, "email", "Infor allows 50");
    expect_problem(&problems, "profile_id", "longer than 8 digits");
    expect_problem(&problems, "address", "street, city, zipcode, country");
    json_decref(customer);

    customer = parse(VALID_CUSTOMER);
    json_object_set_new(customer, "profile_id", json_string("0"));
    assert_int_equal(isync_event_validate("customer.created", customer, &problems), ISYNC_ERR_INVALID);
    expect_problem(&problems, "profile_id", "greater than 0");
    json_decref(customer);
}

static void test_order_customer_id(void **state)
{
    (void)state;
    isync_problems problems;
    json_t *order = valid_order();
    json_object_set_new(order, "customer_id", json_integer(4711));
    assert_int_equal(validate_with(order, &problems), ISYNC_OK);
    assert_string_equal(str_at(order, "customer_id"), "4711");
    json_object_set_new(order, "customer_id", json_string("")); /* a guest */
    assert_int_equal(validate_with(order, &problems), ISYNC_OK);
    json_object_set_new(order, "customer_id", json_string("guest-1"));
    assert_int_equal(validate_with(order, &problems), ISYNC_ERR_INVALID);
    expect_problem(&problems, "customer_id", "digits");
    json_decref(order);
}

#define VALID_VOID                                                                          \
    "{\"order_number\": \"XC-1001\", \"transaction_id\": 700003, \"amount\": \"049.48\","    \
    " \"currency\": \"EUR\", \"date\": \"2026-11-27T10:00:00Z\", \"method\": \"Credit card\"}"

/* payment.voided: validated like a capture or a refund. */
static void test_payment_voided(void **state)
{
    (void)state;
    isync_problems problems;
    assert_true(isync_event_type_known("payment.voided"));
    assert_non_null(strstr(isync_event_types(), "payment.voided"));

    json_t *voided = parse(VALID_VOID);
    assert_int_equal(isync_event_validate("payment.voided", voided, &problems), ISYNC_OK);
    assert_int_equal(problems.count, 0);
    assert_string_equal(str_at(voided, "transaction_id"), "700003"); /* an int becomes text */
    assert_string_equal(str_at(voided, "amount"), "49.48");
    json_decref(voided);

    /* one field missing: named alone */
    voided = parse(VALID_VOID);
    json_object_del(voided, "transaction_id");
    assert_int_equal(isync_event_validate("payment.voided", voided, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 1);
    expect_problem(&problems, "transaction_id", "is required");
    json_decref(voided);

    voided = parse("{}");
    assert_int_equal(isync_event_validate("payment.voided", voided, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 5);
    const char *required[] = { "order_number", "transaction_id", "amount", "currency", "date" };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        expect_problem(&problems, required[i], "is required");
    }
    json_decref(voided);

    /* the same rules as the other payment events */
    voided = parse("{\"order_number\": \"XC-1001\", \"transaction_id\": \"TX-1\", \"amount\": \"0\","
                   " \"currency\": \"eur\", \"date\": \"27.11.2026\", \"infor_customer\": \"CUSTOMER-0001\"}");
    assert_int_equal(isync_event_validate("payment.voided", voided, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 4);
    expect_problem(&problems, "amount", "greater than 0");
    expect_problem(&problems, "currency", "ISO 4217");
    expect_problem(&problems, "date", "ISO 8601");
    expect_problem(&problems, "infor_customer", "Infor allows 10");
    json_decref(voided);

    /* ordered after the order's other events */
    json_t *envelope = json_pack("{s:s, s:{s:s}}", "type", "payment.voided", "payload", "order_number", "XC-1001");
    json_t *keys = isync_event_entity_keys(envelope);
    assert_int_equal(json_array_size(keys), 1);
    assert_string_equal(json_string_value(json_array_get(keys, 0)), "order:xc-1001");
    json_decref(keys);
    json_decref(envelope);
}

static void test_entity_keys(void **state)
{
    (void)state;
    json_t *order = json_pack("{s:s, s:{s:s, s:s, s:s}}", "type", "order.placed", "payload", "order_number",
                              "XC-1001", "customer_id", "42", "email", "Anna@Example.com");
    json_t *guest = json_pack("{s:s, s:{s:s, s:s}}", "type", "order.placed", "payload", "order_number", "XC-1002",
                              "email", "Anna@Example.com");
    json_t *customer = json_pack("{s:s, s:{s:s, s:s}}", "type", "customer.updated", "payload", "profile_id", "42",
                                 "email", "anna@example.com");
    json_t *keys = isync_event_entity_keys(order);
    assert_int_equal(json_array_size(keys), 2);
    assert_string_equal(json_string_value(json_array_get(keys, 0)), "order:xc-1001");
    assert_string_equal(json_string_value(json_array_get(keys, 1)), "customer:42");
    json_decref(keys);
    keys = isync_event_entity_keys(guest);
    assert_string_equal(json_string_value(json_array_get(keys, 1)), "customer:anna@example.com");
    json_decref(keys);
    keys = isync_event_entity_keys(customer);
    assert_int_equal(json_array_size(keys), 1);
    assert_string_equal(json_string_value(json_array_get(keys, 0)), "customer:42");
    json_decref(keys);
    json_decref(order);
    json_decref(guest);
    json_decref(customer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entity_keys),
        cmocka_unit_test(test_payment_voided),
        cmocka_unit_test(test_customer_valid),
        cmocka_unit_test(test_customer_problems_with_paths),
        cmocka_unit_test(test_order_customer_id),
        cmocka_unit_test(test_valid_order_normalised),
        cmocka_unit_test(test_integer_ids_become_text),
        cmocka_unit_test(test_surcharges),
        cmocka_unit_test(test_every_missing_field_reported),
        cmocka_unit_test(test_empty_and_null_count_as_missing),
        cmocka_unit_test(test_wrong_shapes),
        cmocka_unit_test(test_bad_money),
        cmocka_unit_test(test_decimal_normalise),
        cmocka_unit_test(test_infor_field_lengths),
        cmocka_unit_test(test_sku_length_is_left_to_the_template),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_dates_in_payload),
        cmocka_unit_test(test_m3_date),
        cmocka_unit_test(test_several_problems_together),
        cmocka_unit_test(test_unknown_type),
        cmocka_unit_test(test_problems_format),
        cmocka_unit_test(test_envelope),
        cmocka_unit_test(test_enqueue_into_spool),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
