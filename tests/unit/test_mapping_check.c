/* The problems-only check enqueue() runs (isync_mapping_check) against the
 * full application (isync_mapping_apply): the same problems, in the same
 * order, with the same texts, for the built-in templates on the order
 * fixtures and on events broken in the ways the phpt tests break them; and
 * the same plan with a field specification other than the one the templates
 * were prepared with (mapping/prepared: the rules then looked up per event). */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worker/business_config.h"
#include "mapping/currency.h"
#include "mapping/mapping.h"
#include "mapping/mapping_set.h"

#define FIXTURES "tests/fixtures"

static isync_mapping_set *set;
static isync_rates *rates;
static isync_m3_spec *other_spec; /* the same rules, not the spec the templates were prepared with */

static char *read_text(const char *path)
{
    FILE *file = fopen(path, "rb");
    char *text = NULL;
    long size;
    if (file && fseek(file, 0, SEEK_END) == 0 && (size = ftell(file)) >= 0 && fseek(file, 0, SEEK_SET) == 0 &&
        (text = calloc(1, (size_t)size + 1)) && fread(text, 1, (size_t)size, file) != (size_t)size) {
        free(text);
        text = NULL;
    }
    if (file) {
        fclose(file);
    }
    return text;
}

static int setup(void **state)
{
    (void)state;
    isync_error err;
    char *text = read_text(FIXTURES "/rates/eur-2026-11-25.json");
    int ok = text && isync_rates_parse(text, strlen(text), &rates, &err) == ISYNC_OK &&
        isync_mapping_set_open(NULL, NULL, &set, &err) == ISYNC_OK &&
        isync_m3_spec_load(NULL, &other_spec, &err) == ISYNC_OK;
    free(text);
    return ok ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    isync_mapping_set_free(set);
    isync_rates_free(rates);
    isync_m3_spec_free(other_spec);
    return 0;
}

static void load_config(json_t *config, isync_business_config *cfg)
{
    isync_problems problems;
    memset(&problems, 0, sizeof problems);
    memset(cfg, 0, sizeof *cfg);
    json_t *empty = json_object();
    /* rate_source is only a setting here: the rates are given to the mapping */
    assert_int_equal(isync_config_from_json(config ? config : empty, cfg, &problems), ISYNC_OK);
    json_decref(empty);
}

/* Checks one event of one type: apply's problems == check's problems, with
 * the settings made by the check and given to it. Returns how many there are. */
static size_t same_problems(const char *type, json_t *payload, const isync_business_config *cfg,
                            const isync_rates *with_rates, json_t *context)
{
    const isync_template *tmpl = isync_mapping_set_get(set, type);
    isync_mapping_env env = {cfg, isync_mapping_set_spec(set), with_rates, context, set};
    assert_non_null(tmpl);
    json_t *plan = isync_mapping_apply(tmpl, payload, &env);
    json_t *settings = isync_config_to_json(cfg);
    json_t *made = isync_mapping_check(tmpl, payload, &env, NULL);
    json_t *given = isync_mapping_check(tmpl, payload, &env, settings);
    json_t *expected = json_object_get(plan, "problems");
    if (!json_equal(expected, made) || !json_equal(expected, given)) {
        char *a = json_dumps(expected, JSON_INDENT(1)), *b = json_dumps(made, JSON_INDENT(1));
        fprintf(stderr, "%s: apply gave %s\ncheck gave %s\n", type, a, b);
        free(a);
        free(b);
    }
    assert_true(json_equal(expected, made));
    assert_true(json_equal(expected, given));
    /* with another spec than the one the template was prepared with, its rules are looked up per event */
    isync_mapping_env other = env;
    other.spec = other_spec;
    json_t *other_plan = isync_mapping_apply(tmpl, payload, &other);
    json_t *other_made = isync_mapping_check(tmpl, payload, &other, settings);
    assert_true(json_equal(plan, other_plan));
    assert_true(json_equal(expected, other_made));
    json_decref(other_made);
    json_decref(other_plan);
    size_t count = json_array_size(expected);
    json_decref(given);
    json_decref(made);
    json_decref(settings);
    json_decref(plan);
    return count;
}

/* payload with the member at path (keys joined by '.', list indexes as
 * numbers) set to value (stolen; NULL: removed). */
static void set_member(json_t *payload, const char *path, json_t *value)
{
    char key[128];
    const char *dot = strchr(path, '.');
    if (!dot) {
        if (json_is_array(payload)) {
            json_array_set_new(payload, strtoul(path, NULL, 10), value ? value : json_null());
        } else if (value) {
            json_object_set_new(payload, path, value);
        } else {
            json_object_del(payload, path);
        }
        return;
    }
    snprintf(key, sizeof key, "%.*s", (int)(dot - path), path);
    json_t *child = json_is_array(payload) ? json_array_get(payload, strtoul(key, NULL, 10))
                                           : json_object_get(payload, key);
    if (child) {
        set_member(child, dot + 1, value);
    } else {
        json_decref(value);
    }
}

/* The ways an order is broken: each gives the template problems (and some
 * only notes); the unbroken order is checked too. */
static const struct {
    const char *path;
    const char *value; /* JSON text; NULL: the member removed */
} breaks[] = {
    {NULL, NULL},
    {"items.0.sku", "\"A-SKU-FAR-TOO-LONG-FOR-M3\""},
    {"items.1.price", "\"abc\""},
    {"items.0.quantity", "\"many\""},
    {"items.2.discount", "\"2,00\""},
    {"items.0.sku", "{\"not\": \"text\"}"},
    {"date", "\"yesterday\""},
    {"date", NULL},
    {"order_number", "\"XC-ORDER-NUMBER-LONGER-THAN-M3-ALLOWS-IT\""},
    {"billing_address.country", "\"XX\""},
    {"billing_address", NULL},
    {"shipping_address", NULL},
    {"shipping_address.city", "\"Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch\""},
    {"billing_address.lastname", "\"Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh\""},
    {"billing_address.state", "\"Nowhere Land\""},
    {"currency", "\"USD\""},
    {"currency", "\"XYZ\""},
    {"surcharges", "[{\"type\": \"discount\", \"amount\": \"x\"}]"},
    {"surcharges",
     "[{\"type\": \"shipping\", \"amount\": \"4.90\", \"name\": \"Express delivery with a very long name\"}]"},
    {"items", "[]"},
};

static size_t check_order_breaks(json_t *payload, const isync_business_config *cfg)
{
    size_t problems = 0;
    for (size_t i = 0; i < sizeof breaks / sizeof breaks[0]; i++) {
        json_t *broken = json_deep_copy(payload);
        if (breaks[i].path) {
            set_member(broken, breaks[i].path,
                       breaks[i].value ? json_loads(breaks[i].value, JSON_DECODE_ANY, NULL) : NULL);
        }
        problems += same_problems("order.placed", broken, cfg, rates, NULL);
        problems += same_problems("order.placed", broken, cfg, NULL, NULL); /* no exchange rates yet */
        json_decref(broken);
    }
    return problems;
}

static void test_order_fixtures_broken_every_way(void **state)
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
    size_t problems = 0;
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, FIXTURES "/orders/%s", fixtures[i]);
        json_t *fixture = json_load_file(path, 0, NULL);
        assert_non_null(fixture);
        isync_business_config cfg, empty;
        load_config(json_object_get(fixture, "config"), &cfg);
        load_config(NULL, &empty); /* no settings: warehouse, facility... are setting problems */
        problems += check_order_breaks(json_object_get(fixture, "payload"), &cfg);
        problems += check_order_breaks(json_object_get(fixture, "payload"), &empty);
        isync_config_clear(&cfg);
        isync_config_clear(&empty);
        json_decref(fixture);
    }
    assert_true(problems > 100); /* the breaks do break: the comparison is not between empty lists */
}

static void test_other_event_types(void **state)
{
    (void)state;
    static const struct {
        const char *type;
        const char *payload;
    } events[] = {
        {"order.status_changed",
         "{\"order_id\": 1, \"order_number\": \"XC-1\", \"status\": \"C\", \"old_status\": \"Q\"}"},
        {"order.status_changed", "{\"order_id\": 1, \"order_number\": \"XC-1-FAR-TOO-LONG-FOR-AN-M3-FIELD\"}"},
        {"payment.captured",
         "{\"order_id\": 1, \"order_number\": \"XC-1\", \"amount\": \"45.22\", \"currency\": \"EUR\","
         " \"transaction_id\": \"TX-1\", \"payment_method\": \"Credit card\","
         " \"date\": \"2026-11-26T14:03:00Z\"}"},
        {"payment.captured", "{\"order_id\": 1, \"amount\": \"forty\", \"currency\": \"EUR\", \"date\": \"soon\"}"},
        {"payment.refunded", "{\"order_id\": 1, \"amount\": \"-5\", \"currency\": \"USD\", \"date\": \"2026-11-26\"}"},
        {"payment.voided", "{\"order_id\": 1, \"transaction_id\": \"TX-1\"}"},
        {"customer.created",
         "{\"customer_id\": 7, \"email\": \"a@example.com\", \"address\": {\"firstname\": \"A\","
         " \"lastname\": \"B\", \"street\": \"S 1\", \"city\": \"Berlin\", \"zipcode\": \"10115\","
         " \"country\": \"DE\"}}"},
        {"customer.updated",
         "{\"customer_id\": 7, \"email\": \"a-very-long-address-for-the-field@example.com\","
         " \"address\": {\"country\": \"ZZ\"}}"},
        {"customer.created", "{}"},
    };
    isync_business_config cfg;
    json_t *config = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s}", "cono", 100, "divi", "AAA", "order_type", "DTC",
                               "facility", "100", "warehouse", "100", "default_customer", "WEBSHOP", "currency", "EUR");
    load_config(config, &cfg);
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
        json_t *payload = json_loads(events[i].payload, 0, NULL);
        json_t *context = json_pack("{s:s}", "customer", "C1001");
        assert_non_null(payload);
        if (isync_mapping_set_get(set, events[i].type)) {
            same_problems(events[i].type, payload, &cfg, rates, NULL);
            same_problems(events[i].type, payload, &cfg, NULL, context);
        }
        json_decref(context);
        json_decref(payload);
    }
    isync_config_clear(&cfg);
    json_decref(config);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_fixtures_broken_every_way),
        cmocka_unit_test(test_other_event_types),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
