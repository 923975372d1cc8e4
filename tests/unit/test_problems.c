/* Validation problems: the fixed list, its text, and the merge of a
 * payload's problems with a mapping template's (queue/problems.h). */
#include "unit.h"

#include <string.h>

#include "queue/problems.h"

static const char *str(json_t *object, const char *key)
{
    return json_string_value(json_object_get(object, key));
}

static void test_add_counts_beyond_the_maximum(void **state)
{
    isync_problems problems;
    char text[256];
    memset(&problems, 0, sizeof problems);
    for (int i = 0; i < ISYNC_PROBLEMS_MAX + 2; i++) {
        isync_problems_add(&problems, "email", "is required (%d)", i);
    }
    assert_int_equal(problems.count, ISYNC_PROBLEMS_MAX + 2);
    assert_string_equal(problems.items[ISYNC_PROBLEMS_MAX - 1].message, "is required (31)");
    isync_problems_format(&problems, text, sizeof text);
    assert_non_null(strstr(text, "email: is required (0); email: is required (1)"));
}

static void test_format_says_how_many_more(void **state)
{
    isync_problems problems;
    char text[4096];
    memset(&problems, 0, sizeof problems);
    for (int i = 0; i < ISYNC_PROBLEMS_MAX + 3; i++) {
        isync_problems_add(&problems, "x", "bad");
    }
    isync_problems_format(&problems, text, sizeof text);
    assert_non_null(strstr(text, "; and 3 more"));
}

static void test_refusable_drops_retry_and_setting(void **state)
{
    json_t *mapping = json_pack("[{s:s}, {s:s, s:b}, {s:s, s:b}, {s:s, s:b}]", "path", "a", "path", "b", "retry", 1,
                                "path", "c", "setting", 1, "path", "d", "retry", 0);
    json_t *kept = isync_problems_refusable(mapping);
    assert_int_equal(json_array_size(kept), 2);
    assert_string_equal(str(json_array_get(kept, 0), "path"), "a");
    assert_string_equal(str(json_array_get(kept, 1), "path"), "d");
    assert_int_equal(json_array_size(mapping), 4);
    json_decref(kept);
    json_decref(mapping);
}

static void test_merge_adds_where_the_template_uses_a_path(void **state)
{
    isync_problems payload;
    memset(&payload, 0, sizeof payload);
    isync_problems_add(&payload, "items[0].sku", "is required");
    json_t *mapping = json_pack("[{s:s, s:s, s:s, s:s, s:s}]", "path", "items[0].sku", "message", "is empty",
                                "field", "ITNO", "call", "OIS100MI/AddBatchLine", "template", "order.json:12");
    json_t *merged = isync_problems_merge(&payload, mapping);
    assert_int_equal(json_array_size(merged), 1);
    json_t *entry = json_array_get(merged, 0);
    assert_string_equal(str(entry, "path"), "items[0].sku");
    assert_string_equal(str(entry, "message"), "is required");
    assert_string_equal(str(entry, "field"), "ITNO");
    assert_string_equal(str(entry, "call"), "OIS100MI/AddBatchLine");
    assert_string_equal(str(entry, "template"), "order.json:12");
    json_decref(merged);
    json_decref(mapping);
}

static void test_merge_keeps_mapping_problems_at_other_paths(void **state)
{
    isync_problems payload;
    memset(&payload, 0, sizeof payload);
    isync_problems_add(&payload, "email", "is required");
    json_t *mapping = json_pack("[{s:s, s:s}, {s:s, s:s, s:b}, {s:s, s:s}]", "path", "name", "message", "too long",
                                "path", "", "message", "CUNM is mandatory", "missing", 1, "path", "email",
                                "message", "is empty");
    json_t *merged = isync_problems_merge(&payload, mapping);
    /* the payload's problem, then "name"; the missing mandatory field is a consequence */
    assert_int_equal(json_array_size(merged), 2);
    assert_string_equal(str(json_array_get(merged, 0), "path"), "email");
    assert_null(json_object_get(json_array_get(merged, 0), "field"));
    assert_string_equal(str(json_array_get(merged, 1), "path"), "name");
    json_decref(merged);
    json_decref(mapping);
}

static void test_merge_without_payload_problems_keeps_missing_fields(void **state)
{
    isync_problems payload;
    memset(&payload, 0, sizeof payload);
    json_t *mapping = json_pack("[{s:s, s:s, s:b}]", "path", "", "message", "CUNM is mandatory", "missing", 1);
    json_t *merged = isync_problems_merge(&payload, mapping);
    assert_int_equal(json_array_size(merged), 1);
    assert_true(json_equal(json_array_get(merged, 0), json_array_get(mapping, 0)));
    json_decref(merged);
    json_decref(mapping);
}

static void test_merge_of_nothing_is_empty(void **state)
{
    isync_problems payload;
    memset(&payload, 0, sizeof payload);
    json_t *mapping = json_array();
    json_t *merged = isync_problems_merge(&payload, mapping);
    assert_int_equal(json_array_size(merged), 0);
    json_decref(merged);
    json_decref(mapping);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_counts_beyond_the_maximum),
        cmocka_unit_test(test_format_says_how_many_more),
        cmocka_unit_test(test_refusable_drops_retry_and_setting),
        cmocka_unit_test(test_merge_adds_where_the_template_uses_a_path),
        cmocka_unit_test(test_merge_keeps_mapping_problems_at_other_paths),
        cmocka_unit_test(test_merge_without_payload_problems_keeps_missing_fields),
        cmocka_unit_test(test_merge_of_nothing_is_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
