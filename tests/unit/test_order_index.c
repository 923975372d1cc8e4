/* The index of orders created in Infor, by X-Cart order number. */
#include "unit.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connectors/order_index.h"
#include "queue/spool.h"

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void test_put_get_and_open_orders(void **state)
{
    (void)state;
    char root[] = "/tmp/test_order_index_XXXXXX";
    char dir[64];
    isync_spool spool;
    json_t *info = NULL, *open = NULL;
    assert_non_null(mkdtemp(root));
    snprintf(dir, sizeof dir, "%s/spool", root);
    assert_int_equal(isync_spool_open(&spool, dir, 0, NULL), ISYNC_OK);

    assert_int_equal(isync_order_index_get(&spool, "XC-1", &info, NULL), ISYNC_ERR_NOTFOUND);
    /* order numbers are shop text: slashes and dots must not escape the folder */
    json_t *first = json_pack("{s:s, s:s, s:s, s:b}", "order_number", "../XC/1", "orno", "0000100001",
                              "cuno", "WEBSHOP", "shipped", 0);
    json_t *second = json_pack("{s:s, s:s, s:b}", "order_number", "XC-2", "orno", "0000100002", "shipped", 1);
    /* a cancelled order has nothing left to ship: not polled */
    json_t *third = json_pack("{s:s, s:s, s:b, s:b}", "order_number", "XC-3", "orno", "0000100003", "shipped", 0,
                              "cancelled", 1);
    assert_int_equal(isync_order_index_put(&spool, third, NULL), ISYNC_OK);
    json_decref(third);
    assert_int_equal(isync_order_index_put(&spool, first, NULL), ISYNC_OK);
    assert_int_equal(isync_order_index_put(&spool, second, NULL), ISYNC_OK);
    json_t *no_number = json_object();
    assert_int_equal(isync_order_index_put(&spool, no_number, NULL), ISYNC_ERR_INVALID);

    assert_int_equal(isync_order_index_get(&spool, "../XC/1", &info, NULL), ISYNC_OK);
    assert_string_equal(json_string_value(json_object_get(info, "orno")), "0000100001");
    json_decref(info);

    assert_int_equal(isync_order_index_open_orders(&spool, &open, NULL), ISYNC_OK);
    assert_int_equal(json_array_size(open), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(open, 0), "order_number")), "../XC/1");
    json_decref(open);

    json_decref(first);
    json_decref(second);
    json_decref(no_number);
    isync_spool_close(&spool);
    nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_get_and_open_orders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
