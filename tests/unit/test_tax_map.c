/* Tax mapping: X-Cart tax surcharges to Infor tax codes and GL accounts. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "mapping/tax_map.h"

static json_t *parse(const char *text)
{
    json_error_t jerr;
    json_t *json = json_loads(text, 0, &jerr);
    if (!json) {
        fail_msg("test JSON does not parse: %s", jerr.text);
    }
    return json;
}

/* German and Austrian VAT, US sales tax per state, a default. */
static const char *const MAP =
    "{\"VAT@DE\": {\"tax_code\": \"DE19\", \"gl_account\": \"2400\"},"
    " \"VAT@AT\": {\"tax_code\": \"AT20\", \"gl_account\": \"2401\"},"
    " \"VAT\": {\"tax_code\": \"EU\", \"gl_account\": \"2405\"},"
    " \"CDEV.STAX@US-CA\": {\"tax_code\": \"CA\", \"gl_account\": \"2410\"},"
    " \"CDEV.STAX@US-NY\": {\"tax_code\": \"NY\"},"
    " \"CDEV.STAX@US\": {\"tax_code\": \"US\", \"gl_account\": \"2419\"},"
    " \"*\": {\"tax_code\": \"EXEMPT\", \"gl_account\": \"2499\"}}";

static const char *lookup_in(const char *map_text, const char *surcharge_text, const char *address_text,
                             const char *attribute)
{
    static char value[64];
    json_t *map = parse(map_text), *surcharge = parse(surcharge_text);
    json_t *address = address_text ? parse(address_text) : NULL;
    const char *found = isync_tax_map_lookup(map, surcharge, address, attribute);
    snprintf(value, sizeof value, "%s", found ? found : "(none)");
    json_decref(map);
    json_decref(surcharge);
    json_decref(address);
    return value;
}

static const char *lookup(const char *surcharge, const char *address, const char *attribute)
{
    return lookup_in(MAP, surcharge, address, attribute);
}

static const char *const VAT19 = "{\"type\": \"tax\", \"code\": \"VAT\", \"name\": \"VAT 19%\", \"amount\": \"3.80\"}";
static const char *const STAX = "{\"type\": \"tax\", \"code\": \"CDEV.STAX\", \"name\": \"Sales tax\", \"amount\": \"1.45\"}";
static const char *const BERLIN = "{\"city\": \"Berlin\", \"zipcode\": \"10178\", \"country\": \"DE\", \"state\": \"Berlin\"}";
static const char *const SF = "{\"city\": \"San Francisco\", \"country\": \"US\", \"state\": \"California\"}";

static void test_the_map_is_valid(void **state)
{
    isync_problems problems = {0};
    json_t *map = parse(MAP);
    isync_tax_map_validate(map, &problems);
    assert_int_equal(problems.count, 0);
    json_decref(map);
}

static void test_german_vat(void **state)
{
    /* the address is in DE (state BE): VAT@DE-BE is not there, VAT@DE is */
    assert_string_equal(lookup(VAT19, BERLIN, "tax_code"), "DE19");
    assert_string_equal(lookup(VAT19, BERLIN, "gl_account"), "2400");
    /* the surcharge's own jurisdiction wins over the address */
    assert_string_equal(lookup("{\"code\": \"VAT\", \"jurisdiction\": \"AT\"}", BERLIN, "tax_code"), "AT20");
    /* VAT elsewhere in the EU: the code alone */
    assert_string_equal(lookup(VAT19, "{\"country\": \"FRA\", \"state\": \"\"}", "tax_code"), "EU");
    assert_string_equal(lookup(VAT19, NULL, "gl_account"), "2405");
}

static void test_us_sales_tax_per_state(void **state)
{
    assert_string_equal(lookup(STAX, SF, "tax_code"), "CA");
    assert_string_equal(lookup(STAX, SF, "gl_account"), "2410");
    assert_string_equal(lookup(STAX, "{\"country\": \"US\", \"state\": \"NY\"}", "tax_code"), "NY");
    /* CDEV.STAX@US-NY has no GL account: the next key, CDEV.STAX@US, gives it */
    assert_string_equal(lookup(STAX, "{\"country\": \"US\", \"state\": \"NY\"}", "gl_account"), "2419");
    /* another state: the country's entry */
    assert_string_equal(lookup(STAX, "{\"country\": \"US\", \"state\": \"Texas\"}", "tax_code"), "US");
    /* jurisdictions written with names and alpha-3 are normalised */
    assert_string_equal(lookup("{\"code\": \"CDEV.STAX\", \"jurisdiction\": \"USA-California\"}", NULL,
                               "tax_code"), "CA");
    assert_string_equal(lookup("{\"code\": \"CDEV.STAX\", \"jurisdiction\": \"us-ny\"}", SF, "tax_code"),
                        "NY");
}

static void test_fallback_and_no_match(void **state)
{
    const char *gst = "{\"type\": \"tax\", \"code\": \"GST\", \"amount\": \"2.00\"}";
    const char *sydney = "{\"country\": \"AU\", \"state\": \"New South Wales\"}";
    assert_string_equal(lookup(gst, sydney, "tax_code"), "EXEMPT");
    assert_string_equal(lookup(gst, sydney, "gl_account"), "2499");
    assert_string_equal(lookup("{\"amount\": \"1.00\"}", NULL, "tax_code"), "EXEMPT");
    /* without "*" nothing fits: NULL */
    const char *no_default = "{\"VAT@DE\": {\"tax_code\": \"DE19\"}}";
    assert_string_equal(lookup_in(no_default, gst, sydney, "tax_code"), "(none)");
    assert_string_equal(lookup_in(no_default, VAT19, "{\"country\": \"AT\"}", "tax_code"), "(none)");
    assert_string_equal(lookup_in(no_default, VAT19, BERLIN, "gl_account"), "(none)");
    assert_string_equal(lookup_in(no_default, VAT19, BERLIN, "tax_code"), "DE19");
}

static void test_validation_names_each_problem(void **state)
{
    isync_problems problems = {0};
    json_t *map = parse("{\"VAT@DE\": {\"tax_code\": 19},"
                        " \"VAT@Germany\": {\"tax_code\": \"DE19\"},"
                        " \"STAX@US-\": {\"tax_code\": \"US\"},"
                        " \"@DE\": {\"tax_code\": \"X\"},"
                        " \"*\": \"EXEMPT\","
                        " \"GST\": {}}");
    isync_tax_map_validate(map, &problems);
    assert_int_equal(problems.count, 6);
    assert_string_equal(problems.items[0].path, "tax_map.VAT@DE.tax_code");
    assert_string_equal(problems.items[0].message, "must be a string");
    assert_string_equal(problems.items[1].path, "tax_map.VAT@Germany");
    assert_string_equal(problems.items[2].path, "tax_map.STAX@US-");
    assert_string_equal(problems.items[3].path, "tax_map.@DE");
    assert_string_equal(problems.items[4].path, "tax_map.*");
    assert_string_equal(problems.items[5].path, "tax_map.GST");
    json_decref(map);

    isync_problems top = {0};
    json_t *list = parse("[]");
    isync_tax_map_validate(list, &top);
    assert_int_equal(top.count, 1);
    assert_string_equal(top.items[0].path, "tax_map");
    json_decref(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_map_is_valid),
        cmocka_unit_test(test_german_vat),
        cmocka_unit_test(test_us_sales_tax_per_state),
        cmocka_unit_test(test_fallback_and_no_match),
        cmocka_unit_test(test_validation_names_each_problem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
