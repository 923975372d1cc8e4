/* base/json_lines (where each value of a JSON text is) and a template text
 * with a NUL byte, which must end in bounded time with a problem. */
#include "unit.h"

#include <string.h>
#include <unistd.h>

#include "base/json_lines.h"
#include "mapping/template.h"

static void test_lines_of_values(void **state)
{
    const char text[] = "{\n\"a\": 1,\n\"b\": [true,\n\"x\"]\n}";
    json_t *lines = isync_json_lines(text, sizeof text - 1);
    assert_non_null(lines);
    assert_int_equal(isync_json_line(lines, "a"), 2);
    assert_int_equal(isync_json_line(lines, "b[1]"), 4);
    json_decref(lines);
}

/* The scanner once stayed forever on a NUL after a number: the process
 * spun at 100% CPU. alarm() turns a hang into a failed test. */
static void test_nul_byte_ends_in_bounded_time(void **state)
{
    const char text[] = "{\"a\": 1\0, \"b\"\0: [\0]}";
    alarm(5);
    json_t *lines = isync_json_lines(text, sizeof text - 1);
    alarm(0);
    assert_non_null(lines);
    assert_int_equal(isync_json_line(lines, "a"), 1);
    json_decref(lines);
}

static void test_template_with_nul_byte_is_refused(void **state)
{
    const char text[] = "{\"format\": 1\0}";
    isync_m3_spec *spec = NULL;
    isync_template *tmpl = NULL;
    json_t *problems = json_array();
    assert_int_equal(isync_m3_spec_load(NULL, &spec, NULL), ISYNC_OK);
    alarm(5);
    assert_int_equal(isync_template_parse(text, sizeof text - 1, "order.placed.json", "test", spec, &tmpl, problems),
                     ISYNC_ERR_INVALID);
    alarm(0);
    assert_null(tmpl);
    assert_string_equal(json_string_value(json_object_get(json_array_get(problems, 0), "message")),
                        "the template contains a NUL byte");
    json_decref(problems);
    isync_m3_spec_free(spec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_of_values),
        cmocka_unit_test(test_nul_byte_ends_in_bounded_time),
        cmocka_unit_test(test_template_with_nul_byte_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
