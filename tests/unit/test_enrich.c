/* Product attribute enrichment: rules by SKU pattern, product class, category. */
#include "unit.h"

#include <string.h>

#include "mapping/enrich.h"

static json_t *parse(const char *text)
{
    json_error_t jerr;
    json_t *json = json_loads(text, 0, &jerr);
    if (!json) {
        fail_msg("test JSON does not parse: %s", jerr.text);
    }
    return json;
}

/* A shop selling apparel and kitchenware: T-shirts and hoodies by SKU,
 * mugs by category, Apparel by product class, a catch-all GL account. */
static const char *const RULES =
    "[{\"match\": {\"sku\": \"TSHIRT-*\"}, \"set\": {\"gl_account\": \"3010\", \"item_group\": \"APP-T\"}},"
    " {\"match\": {\"sku\": \"HOODIE-\?\?\?-*\", \"product_class\": \"Apparel\"},"
    "  \"set\": {\"gl_account\": \"3011\", \"warehouse\": \"200\"}},"
    " {\"match\": {\"product_class\": \"apparel\"}, \"set\": {\"item_group\": \"APP\", \"cost_centre\": \"CC-FASHION\"}},"
    " {\"match\": {\"category\": \"Mugs\"}, \"set\": {\"gl_account\": \"3020\", \"item_group\": \"KITCHEN\"}},"
    " {\"match\": {}, \"set\": {\"gl_account\": \"3999\", \"cost_centre\": \"CC-SHOP\"}}]";

static const char *lookup(const char *item_text, const char *attribute)
{
    static char value[64];
    json_t *rules = parse(RULES), *item = parse(item_text);
    const char *found = isync_enrich_lookup(rules, item, attribute);
    snprintf(value, sizeof value, "%s", found ? found : "(none)");
    json_decref(rules);
    json_decref(item);
    return value;
}

static void test_the_rule_set_is_valid(void **state)
{
    isync_problems problems = {0};
    json_t *rules = parse(RULES);
    isync_enrich_validate(rules, &problems);
    assert_int_equal(problems.count, 0);
    json_decref(rules);
}

static void test_apparel_by_sku_pattern(void **state)
{
    const char *tshirt = "{\"sku\": \"TSHIRT-BLK-M\", \"product_class\": \"Apparel\", \"categories\": [\"Shirts\"]}";
    assert_string_equal(lookup(tshirt, "gl_account"), "3010");
    assert_string_equal(lookup(tshirt, "item_group"), "APP-T");
    /* the first rule does not set it: the product class rule does */
    assert_string_equal(lookup(tshirt, "cost_centre"), "CC-FASHION");
    /* case-insensitive pattern */
    assert_string_equal(lookup("{\"sku\": \"tshirt-wht-l\"}", "gl_account"), "3010");
    /* ? matches exactly one character, and every criterion of a rule must fit */
    const char *hoodie = "{\"sku\": \"HOODIE-GRY-XL\", \"product_class\": \"APPAREL\", \"categories\": []}";
    assert_string_equal(lookup(hoodie, "gl_account"), "3011");
    assert_string_equal(lookup(hoodie, "warehouse"), "200");
    const char *odd_hoodie = "{\"sku\": \"HOODIE-GREY-XL\", \"product_class\": \"Apparel\"}";
    assert_string_equal(lookup(odd_hoodie, "gl_account"), "3999");
    assert_string_equal(lookup(odd_hoodie, "warehouse"), "(none)");
    const char *gift_hoodie = "{\"sku\": \"HOODIE-GRY-XL\", \"product_class\": \"Gift card\"}";
    assert_string_equal(lookup(gift_hoodie, "gl_account"), "3999");
}

static void test_mugs_by_category(void **state)
{
    const char *mug = "{\"sku\": \"MUG-LOGO\", \"product_class\": \"Kitchen\","
                      " \"categories\": [\"Gifts\", \"mugs\"]}";
    assert_string_equal(lookup(mug, "gl_account"), "3020");
    assert_string_equal(lookup(mug, "item_group"), "KITCHEN");
    assert_string_equal(lookup(mug, "cost_centre"), "CC-SHOP");
    /* categories as objects, or one category */
    assert_string_equal(lookup("{\"sku\": \"MUG-2\", \"categories\": [{\"id\": 7, \"name\": \"Mugs\"}]}",
                               "gl_account"), "3020");
    assert_string_equal(lookup("{\"sku\": \"MUG-3\", \"category\": \"Mugs\"}", "gl_account"), "3020");
    /* a category that only starts like it is another one */
    assert_string_equal(lookup("{\"sku\": \"MUG-4\", \"categories\": [\"Mugs & Cups\"]}", "gl_account"),
                        "3999");
}

static void test_catch_all_and_nothing(void **state)
{
    const char *poster = "{\"sku\": \"POSTER-A2\", \"categories\": [\"Prints\"]}";
    assert_string_equal(lookup(poster, "gl_account"), "3999");
    assert_string_equal(lookup(poster, "item_group"), "(none)");
    /* a numeric SKU from PHP */
    assert_string_equal(lookup("{\"sku\": 100042}", "gl_account"), "3999");
    /* no rules, no match */
    json_t *none = parse("[]"), *item = parse(poster);
    assert_null(isync_enrich_lookup(none, item, "gl_account"));
    assert_null(isync_enrich_lookup(NULL, item, "gl_account"));
    json_decref(none);
    json_decref(item);
}

static void test_validation_names_each_problem(void **state)
{
    isync_problems problems = {0};
    json_t *rules = parse(
        "[{\"match\": {\"sku\": \"TSHIRT-*\"}, \"set\": {\"gl_account\": 3010}},"
        " {\"match\": {\"colour\": \"red\", \"sku\": \"\"}, \"set\": {\"item_group\": \"RED\"}},"
        " {\"match\": \"Mugs\", \"set\": {}},"
        " \"catch-all\","
        " {\"set\": {\"gl_account\": \"3999\"}, \"when\": \"always\"}]");
    isync_enrich_validate(rules, &problems);
    assert_int_equal(problems.count, 7);
    assert_string_equal(problems.items[0].path, "enrichment[0].set.gl_account");
    assert_string_equal(problems.items[0].message, "must be a string");
    assert_string_equal(problems.items[1].path, "enrichment[1].match.colour");
    assert_string_equal(problems.items[2].path, "enrichment[1].match.sku");
    assert_string_equal(problems.items[3].path, "enrichment[2].match");
    assert_string_equal(problems.items[4].path, "enrichment[2].set");
    assert_string_equal(problems.items[5].path, "enrichment[3]");
    assert_string_equal(problems.items[6].path, "enrichment[4].when");
    json_decref(rules);

    isync_problems top = {0};
    json_t *object = parse("{\"sku\": \"X\"}");
    isync_enrich_validate(object, &top);
    assert_int_equal(top.count, 1);
    assert_string_equal(top.items[0].path, "enrichment");
    json_decref(object);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_rule_set_is_valid),
        cmocka_unit_test(test_apparel_by_sku_pattern),
        cmocka_unit_test(test_mugs_by_category),
        cmocka_unit_test(test_catch_all_and_nothing),
        cmocka_unit_test(test_validation_names_each_problem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
