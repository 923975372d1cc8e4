/* base/log: one call is always one line, whatever the message holds. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"

/* Logs message to a fresh file and returns what was written (free it). */
static char *logged(const char *message)
{
    char path[] = "/tmp/infor_sync_test_log.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    isync_log_configure(path, ISYNC_LOG_DEBUG);
    isync_log(ISYNC_LOG_WARNING, "dead letter: %s", message);
    isync_log_close();
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *text = calloc(1, 4096);
    size_t n = fread(text, 1, 4095, f);
    text[n] = '\0';
    fclose(f);
    unlink(path);
    return text;
}

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (; *text; text++) {
        n += *text == '\n';
    }
    return n;
}

static void test_line_breaks_are_escaped(void **state)
{
    char *text = logged("SKU A\nFORGED x\r\nmore");
    assert_int_equal(count_lines(text), 1);
    assert_non_null(strstr(text, "dead letter: SKU A\\nFORGED x\\r\\nmore\n"));
    free(text);
}

static void test_other_controls_and_del_are_escaped(void **state)
{
    char *text = logged("a\tb\x01\x1b[31mc\x7f d");
    assert_int_equal(count_lines(text), 1);
    assert_non_null(strstr(text, "a\\tb\\x01\\x1b[31mc\\x7f d\n"));
    free(text);
}

static void test_utf8_is_kept(void **state)
{
    char *text = logged("Müller");
    assert_non_null(strstr(text, "dead letter: Müller\n"));
    free(text);
}

static void test_long_message_of_line_breaks_is_one_line(void **state)
{
    char message[2000];
    memset(message, '\n', sizeof message - 1);
    message[sizeof message - 1] = '\0';
    char *text = logged(message);
    assert_int_equal(count_lines(text), 1);
    assert_true(strlen(text) <= 1023);
    assert_int_equal(text[strlen(text) - 1], '\n');
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_breaks_are_escaped),
        cmocka_unit_test(test_other_controls_and_del_are_escaped),
        cmocka_unit_test(test_utf8_is_kept),
        cmocka_unit_test(test_long_message_of_line_breaks_is_one_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
