/* base/json_compact: the same bytes as jansson's json_dumpb(JSON_COMPACT)
 * for the order fixtures and for every kind of value and escape. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_compact.h"

/* value (stolen) written by both, compared; also into buffers too small. */
static void same_text(json_t *value)
{
    char expected[16384], got[16384];
    assert_non_null(value);
    size_t want = json_dumpb(value, expected, sizeof expected, JSON_COMPACT);
    size_t len = isync_json_compact(value, got, sizeof got);
    assert_true(want > 0 && want <= sizeof expected);
    if (len != want || memcmp(got, expected, want) != 0) {
        fprintf(stderr, "jansson: %.*s\ncompact: %.*s\n", (int)want, expected, (int)len, got);
    }
    assert_int_equal(len, want);
    assert_memory_equal(got, expected, want);
    for (size_t size = 0; size < want; size += 1 + size / 3) {
        memset(got, '#', sizeof got);
        assert_int_equal(isync_json_compact(value, got, size), want); /* the length needed */
        assert_memory_equal(got, expected, size);
        assert_int_equal(got[size], '#'); /* nothing beyond size */
    }
    json_decref(value);
}

static void test_order_fixtures(void **state)
{
    (void)state;
    static const char *const fixtures[] = {
        "01-eur-de-full.json",
        "02-usd-to-eur.json",
        "03-jpy-to-eur.json",
        "04-long-names-zurich.json",
        "05-pln-lodz-no-shipping-address.json",
        "06-enrichment-free-items.json",
        "07-usd-company-multiple-taxes.json",
    };
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "tests/fixtures/orders/%s", fixtures[i]);
        same_text(json_load_file(path, 0, NULL));
    }
}

static void test_every_escape(void **state)
{
    (void)state;
    char text[160];
    size_t len = 0;
    for (int c = 0; c < 0x80; c++) { /* every ASCII byte, NUL and DEL included */
        text[len++] = (char)c;
    }
    memcpy(text + len, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80/\\\"", 12); /* é € 😀 / \ " */
    len += 12;
    same_text(json_pack("{s:o}", "text", json_stringn(text, len)));
    same_text(json_pack("[o]", json_stringn("", 0)));
    json_t *object = json_object();
    json_object_setn_new(object, "a\0b", 3, json_true()); /* a key with a NUL */
    json_object_set_new(object, "tab\there \"quoted\" \xc3\xbc", json_false());
    same_text(object);
}

static void test_every_kind_of_value(void **state)
{
    (void)state;
    same_text(json_loads("{\"a\":{},\"b\":[],\"c\":[[],{}],\"d\":null,\"e\":true,\"f\":false,"
                         "\"g\":0,\"h\":-1,\"i\":9223372036854775807,\"j\":-9223372036854775808,"
                         "\"k\":[1,\"2\",[3,{\"4\":5}]]}",
                         0, NULL));
    same_text(json_pack("[f,f,f,f,f,f,f,f,f]", 1.0, 0.1, -0.0, 1e300, 1e-7, 123456789.125, -2.5, 3e20, 1.0 / 3));
    same_text(json_object());
    same_text(json_array());
    /* members in the order they were set, as jansson keeps them */
    same_text(json_pack("{s:i, s:i, s:i, s:i}", "z", 1, "a", 2, "m", 3, "b", 4));
}

static void test_nothing_to_write(void **state)
{
    (void)state;
    char buf[8];
    assert_int_equal(isync_json_compact(NULL, buf, sizeof buf), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_fixtures),
        cmocka_unit_test(test_every_escape),
        cmocka_unit_test(test_every_kind_of_value),
        cmocka_unit_test(test_nothing_to_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
