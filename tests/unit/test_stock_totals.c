/* inbound/stock_totals: a stock poll's quantities per item, sorted, exact. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "inbound/stock_totals.h"

static isync_decimal dec(const char *text)
{
    isync_decimal value;
    assert_int_equal(isync_decimal_parse(text, &value), ISYNC_DECIMAL_OK);
    return value;
}

static const char *quantity(const isync_stock_totals *totals, const char *itno)
{
    static char out[ISYNC_DECIMAL_TEXT];
    const isync_stock_total *total = isync_stock_totals_find(totals, itno);
    if (!total) {
        return "(none)";
    }
    assert_int_equal(isync_decimal_text(total->quantity, out, sizeof out), ISYNC_DECIMAL_OK);
    return out;
}

static void test_rows_in_item_order_add_up_per_item(void **state)
{
    (void)state;
    isync_stock_totals totals = {0};
    assert_int_equal(isync_stock_totals_add(&totals, "A1", dec("2.5")), ISYNC_STOCK_TOTAL_OK);
    assert_int_equal(isync_stock_totals_add(&totals, "A1", dec("0.25")), ISYNC_STOCK_TOTAL_OK); /* a second location */
    assert_int_equal(isync_stock_totals_add(&totals, "B7", dec("-1")), ISYNC_STOCK_TOTAL_OK);
    assert_int_equal(totals.count, 2);
    assert_string_equal(quantity(&totals, "A1"), "2.75");
    assert_string_equal(quantity(&totals, "B7"), "-1");
    assert_string_equal(quantity(&totals, "A"), "(none)");
    assert_string_equal(quantity(&totals, "C"), "(none)");
    isync_stock_totals_free(&totals);
    assert_int_equal(totals.count, 0);
}

static void test_rows_out_of_order_are_placed_and_merged(void **state)
{
    (void)state;
    isync_stock_totals totals = {0};
    const char *itnos[] = {"M", "C", "X", "C", "A", "M"};
    for (size_t i = 0; i < sizeof itnos / sizeof itnos[0]; i++) {
        assert_int_equal(isync_stock_totals_add(&totals, itnos[i], dec("1")), ISYNC_STOCK_TOTAL_OK);
    }
    assert_int_equal(totals.count, 4);
    const char *sorted[] = {"A", "C", "M", "X"};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(totals.items[i].itno, sorted[i]);
    }
    assert_string_equal(quantity(&totals, "C"), "2");
    assert_string_equal(quantity(&totals, "M"), "2");
    isync_stock_totals_free(&totals);
}

static void test_many_items_grow_the_list(void **state)
{
    (void)state;
    isync_stock_totals totals = {0};
    char itno[16];
    for (int i = 0; i < 20000; i++) {
        snprintf(itno, sizeof itno, "ITEM-%06d", i);
        assert_int_equal(isync_stock_totals_add(&totals, itno, dec("3")), ISYNC_STOCK_TOTAL_OK);
    }
    assert_int_equal(totals.count, 20000);
    assert_string_equal(quantity(&totals, "ITEM-012345"), "3");
    assert_string_equal(quantity(&totals, "ITEM-020000"), "(none)");
    isync_stock_totals_free(&totals);
}

static void test_overflow_and_long_item_number_are_statuses(void **state)
{
    (void)state;
    isync_stock_totals totals = {0};
    const char *big = "99999999999999999999999999999999999999"; /* 38 digits */
    assert_int_equal(isync_stock_totals_add(&totals, "A", dec(big)), ISYNC_STOCK_TOTAL_OK);
    assert_int_equal(isync_stock_totals_add(&totals, "A", dec("1")), ISYNC_STOCK_TOTAL_OVERFLOW);
    assert_string_equal(quantity(&totals, "A"), big); /* left as it was */
    char long_itno[ISYNC_ITNO_SIZE + 1];
    memset(long_itno, 'L', ISYNC_ITNO_SIZE);
    long_itno[ISYNC_ITNO_SIZE] = '\0';
    assert_int_equal(isync_stock_totals_add(&totals, long_itno, dec("1")), ISYNC_STOCK_TOTAL_LONG_ITNO);
    assert_int_equal(totals.count, 1);
    isync_stock_totals_free(&totals);
}

static void test_quantity_text_of_m3(void **state)
{
    (void)state;
    char out[ISYNC_DECIMAL_TEXT];
    const char *cases[][2] = {
        {"12.500000", "12.500000"}, {"  3 ", "3"}, {"", "0"}, {"abc", "0"}, {"1 2", "0"}, {"-4.5", "-4.5"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(isync_decimal_text(isync_stock_quantity_of(cases[i][0]), out, sizeof out), ISYNC_DECIMAL_OK);
        assert_string_equal(out, cases[i][1]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_in_item_order_add_up_per_item),
        cmocka_unit_test(test_rows_out_of_order_are_placed_and_merged),
        cmocka_unit_test(test_many_items_grow_the_list),
        cmocka_unit_test(test_overflow_and_long_item_number_are_statuses),
        cmocka_unit_test(test_quantity_text_of_m3),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
