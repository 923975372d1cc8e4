/* The mapping engine: templates checked at load time with file and line,
 * values and transforms, validation against the M3 field specification,
 * the admin's directory overriding the built-in templates. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "worker/business_config.h"
#include "mapping/mapping.h"
#include "mapping/mapping_set.h"
#include "mapping/plan.h"
#include "mapping/template.h"
#include "mapping/transform.h"

static isync_m3_spec *spec;

static int setup(void **state)
{
    (void)state;
    return isync_m3_spec_load(NULL, &spec, NULL) == ISYNC_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    isync_m3_spec_free(spec);
    return 0;
}

/* Parses a template given as text; returns its problems (new reference). */
static json_t *parse_problems(const char *name, const char *text, isync_template **out)
{
    json_t *problems = json_array();
    isync_template_parse(text, strlen(text), name, name, spec, out, problems);
    return problems;
}

static const char *problem_text(json_t *problems, size_t index, const char *key)
{
    return json_string_value(json_object_get(json_array_get(problems, index), key));
}

/* A small order template, one field per line so lines are easy to name. */
static const char *order_template =
    "{\n"                                                                      /* 1 */
    "  \"format\": 1, \"event\": \"order.placed\", \"target\": \"m3\",\n"      /* 2 */
    "  \"lookups\": {\"payment\": {\"Credit card\": \"CC\", \"*\": \"OT\"}},\n" /* 3 */
    "  \"calls\": [\n"                                                         /* 4 */
    "    {\"id\": \"head\", \"program\": \"OIS100MI\", \"transaction\": \"AddBatchHead\",\n" /* 5 */
    "     \"outputs\": [\"ORNO\"],\n"                                          /* 6 */
    "     \"fields\": {\n"                                                     /* 7 */
    "       \"CUNO\": {\"context\": \"customer\"},\n"                          /* 8 */
    "       \"CUOR\": {\"from\": \"order_number\"},\n"                         /* 9 */
    "       \"ORDT\": {\"from\": \"date\", \"transform\": [\"date\"]},\n"      /* 10 */
    "       \"PYCD\": {\"from\": \"payment_method\", \"transform\": [{\"lookup\": \"payment\"}]},\n" /* 11 */
    "       \"YREF\": {\"concat\": [{\"from\": \"billing_address.firstname\"}, {\"from\": \"billing_address.lastname\"}],\n" /* 12 */
    "                \"separator\": \" \", \"transform\": [\"upper\", {\"truncate\": 12}]},\n" /* 13 */
    "       \"OTBA\": {\"from\": \"surcharges\", \"transform\": [{\"sum\": {\"type\": \"discount\"}}, \"abs\", {\"number\": 2}],\n" /* 14 */
    "                \"when\": {\"exists\": \"surcharges[type=discount]\"}}\n" /* 15 */
    "     }},\n"                                                               /* 16 */
    "    {\"id\": \"line\", \"program\": \"OIS100MI\", \"transaction\": \"AddBatchLine\", \"for_each\": \"items\",\n" /* 17 */
    "     \"fields\": {\n"                                                     /* 18 */
    "       \"ORNO\": {\"output\": \"head.ORNO\"},\n"                          /* 19 */
    "       \"ITNO\": {\"from\": \"item.sku\", \"transform\": [\"trim\", \"upper\"]},\n" /* 20 */
    "       \"ORQT\": {\"from\": \"item.quantity\"},\n"                        /* 21 */
    "       \"SAPR\": {\"from\": \"item.price\", \"transform\": [{\"number\": 2}]},\n" /* 22 */
    "       \"WHLO\": {\"from\": \"item.warehouse\", \"default\": {\"setting\": \"warehouse\"}},\n" /* 23 */
    "       \"DIA1\": {\"from\": \"item.discount\", \"when\": {\"nonzero\": \"item.discount\"}}\n" /* 24 */
    "     }},\n"                                                               /* 25 */
    "    {\"id\": \"confirm\", \"program\": \"OIS100MI\", \"transaction\": \"Confirm\", \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}}},\n" /* 26 */
    "    {\"id\": \"number\", \"program\": \"OIS100MI\", \"transaction\": \"GetOrderNo\", \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}}}\n" /* 27 */
    "  ]\n"
    "}\n";

static json_t *order(void)
{
    return json_loads("{\"order_number\": \"XC-01001\", \"date\": \"2026-11-26T14:03:00+01:00\","
                      " \"payment_method\": \"Credit card\", \"currency\": \"EUR\","
                      " \"billing_address\": {\"firstname\": \"Zoë\", \"lastname\": \"Østergård-Müller\"},"
                      " \"surcharges\": [{\"type\": \"discount\", \"code\": \"DCOUPON\", \"amount\": \"-5\"},"
                      "                  {\"type\": \"discount\", \"code\": \"DVOLUME\", \"amount\": \"-2.5\"},"
                      "                  {\"type\": \"tax\", \"code\": \"VAT\", \"amount\": \"7.90\"}],"
                      " \"items\": [{\"sku\": \" tshirt-blk-m \", \"quantity\": \"2\", \"price\": \"19.9\"},"
                      "            {\"sku\": \"MUG\", \"quantity\": \"1\", \"price\": \"0\", \"discount\": \"0.00\","
                      "             \"warehouse\": \"200\"}]}", 0, NULL);
}

static isync_template *load_order_template(void)
{
    isync_template *tmpl = NULL;
    json_t *problems = parse_problems("order.placed.json", order_template, &tmpl);
    if (json_array_size(problems)) {
        fprintf(stderr, "unexpected: %s\n", problem_text(problems, 0, "message"));
    }
    json_decref(problems);
    return tmpl;
}

static json_t *apply(isync_template *tmpl, json_t *payload, isync_business_config *cfg, json_t *context)
{
    isync_mapping_env env = { cfg, spec, NULL, context, NULL };
    return isync_mapping_apply(tmpl, payload, &env);
}

static const char *field(json_t *plan, size_t call, const char *name)
{
    return json_string_value(json_object_get(json_object_get(json_array_get(json_object_get(plan, "calls"), call),
                                                             "fields"), name));
}

static void test_builtin_templates_load(void **state)
{
    (void)state;
    isync_mapping_set *set = NULL;
    isync_error err;
    assert_int_equal(isync_mapping_set_open(NULL, NULL, &set, &err), ISYNC_OK);
    assert_non_null(isync_mapping_set_get(set, "order.placed"));
    assert_string_equal(isync_mapping_set_get(set, "order.placed")->origin, "built-in order.placed.json");
    const char *types[] = { "order.placed", "order.status_changed", "payment.captured", "payment.refunded",
                            "payment.voided", "customer.created", "customer.updated" };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        assert_non_null(isync_mapping_set_get(set, types[i])); /* a template for every outbound event type */
    }
    isync_mapping_set_free(set);
}

static void test_values_and_transforms(void **state)
{
    (void)state;
    isync_business_config cfg;
    memset(&cfg, 0, sizeof cfg);
    strcpy(cfg.warehouse, "100");
    isync_template *tmpl = load_order_template();
    assert_non_null(tmpl);
    json_t *payload = order();
    json_t *plan = apply(tmpl, payload, &cfg, NULL);

    assert_int_equal(json_array_size(json_object_get(plan, "problems")), 0);
    assert_int_equal(json_array_size(json_object_get(plan, "calls")), 5); /* head, 2 lines, confirm, number */
    assert_string_equal(field(plan, 0, "CUNO"), "{customer}");            /* known at delivery */
    assert_string_equal(field(plan, 0, "CUOR"), "XC-01001");
    assert_string_equal(field(plan, 0, "ORDT"), "20261126");
    assert_string_equal(field(plan, 0, "PYCD"), "CC");
    assert_string_equal(field(plan, 0, "YREF"), "ZOË ØSTERGÅR");         /* upper case, cut at 12 characters */
    assert_string_equal(field(plan, 0, "OTBA"), "7.50");                  /* -5 + -2.5 discounts, abs, 2 decimals */
    assert_string_equal(field(plan, 1, "ORNO"), "{head.ORNO}");
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_array_get(
                            json_object_get(plan, "calls"), 1), "refs"), "ORNO")), "head.ORNO");
    assert_string_equal(field(plan, 1, "ITNO"), "TSHIRT-BLK-M");
    assert_string_equal(field(plan, 1, "SAPR"), "19.90");
    assert_string_equal(field(plan, 1, "WHLO"), "100");                   /* default: the setting */
    assert_string_equal(field(plan, 2, "WHLO"), "200");
    assert_null(field(plan, 1, "DIA1"));
    assert_null(field(plan, 2, "DIA1"));                                  /* "0.00" is zero */
    assert_string_equal(field(plan, 2, "SAPR"), "0.00");                  /* a zero-price item is sent */
    /* the cut is reported */
    json_t *note = json_array_get(json_object_get(plan, "notes"), 0);
    assert_string_equal(json_string_value(json_object_get(note, "field")), "YREF");
    assert_non_null(strstr(json_string_value(json_object_get(note, "message")), "truncated from 20 to 12"));

    /* the context fills in what the connector knows */
    json_t *context = json_pack("{s:s}", "customer", "C1001");
    json_t *with_customer = apply(tmpl, payload, &cfg, context);
    assert_string_equal(field(with_customer, 0, "CUNO"), "C1001");
    json_decref(with_customer);
    json_decref(context);

    json_decref(plan);
    json_decref(payload);
    isync_template_free(tmpl);
}

static void test_validation_names_field_call_line_and_path(void **state)
{
    (void)state;
    isync_business_config cfg;
    memset(&cfg, 0, sizeof cfg);
    isync_template *tmpl = load_order_template();
    json_t *payload = order();
    json_object_set_new(json_array_get(json_object_get(payload, "items"), 1), "sku",
                        json_string("MUG-WITH-A-VERY-LONG-SKU"));
    json_object_set_new(payload, "order_number", json_string("XC-000000000000000000001")); /* 24 > 20 */
    json_object_set_new(payload, "date", json_string("yesterday"));
    json_object_set_new(payload, "payment_method", json_string("Invoice"));
    json_t *plan = apply(tmpl, payload, &cfg, NULL);
    json_t *problems = json_object_get(plan, "problems");

    assert_int_equal(json_array_size(problems), 3);
    /* every problem together, each with the Infor field, the call, the template line and the source */
    assert_string_equal(problem_text(problems, 0, "field"), "CUOR");
    assert_string_equal(problem_text(problems, 0, "call"), "OIS100MI/AddBatchHead");
    assert_string_equal(problem_text(problems, 0, "template"), "order.placed.json:9");
    assert_string_equal(problem_text(problems, 0, "path"), "order_number");
    assert_string_equal(problem_text(problems, 0, "message"), "is 24 characters, Infor allows 20");
    assert_string_equal(problem_text(problems, 1, "field"), "ORDT");
    assert_string_equal(problem_text(problems, 1, "template"), "order.placed.json:10");
    assert_non_null(strstr(problem_text(problems, 1, "message"), "not an ISO 8601 date"));
    assert_string_equal(problem_text(problems, 2, "field"), "ITNO");
    assert_string_equal(problem_text(problems, 2, "call"), "OIS100MI/AddBatchLine[1]");
    assert_string_equal(problem_text(problems, 2, "template"), "order.placed.json:20");
    assert_string_equal(problem_text(problems, 2, "path"), "items[1].sku");
    assert_string_equal(problem_text(problems, 2, "message"), "is 24 characters, Infor allows 15");
    assert_string_equal(field(plan, 0, "PYCD"), "OT");                    /* "*" of the lookup table */

    char text[1024];
    isync_mapping_problems_text(problems, text, sizeof text);
    assert_non_null(strstr(text, "ITNO (OIS100MI/AddBatchLine[1], order.placed.json:20, items[1].sku): is 24"));
    assert_int_equal(isync_mapping_only_retry_problems(problems), 0);

    /* a mandatory field the event leaves empty */
    json_object_del(json_array_get(json_object_get(payload, "items"), 0), "sku");
    json_t *again = apply(tmpl, payload, &cfg, NULL);
    json_t *last = json_array_get(json_object_get(again, "problems"), 2); /* reported with its call, items[0] */
    assert_string_equal(json_string_value(json_object_get(last, "field")), "ITNO");
    assert_string_equal(json_string_value(json_object_get(last, "path")), "items[0].sku");
    assert_string_equal(json_string_value(json_object_get(last, "message")),
                        "is mandatory for OIS100MI/AddBatchLine and the event gives no value");
    json_decref(again);
    json_decref(plan);
    json_decref(payload);
    isync_template_free(tmpl);
}

/* Replaces the first occurrence of from in the template text. */
static char *edited(const char *from, const char *to)
{
    const char *at = strstr(order_template, from);
    assert_non_null(at);
    char *text = malloc(strlen(order_template) + strlen(to) + 1);
    sprintf(text, "%.*s%s%s", (int)(at - order_template), order_template, to, at + strlen(from));
    return text;
}

static void expect_load_error(const char *from, const char *to, const char *where, const char *words)
{
    isync_template *tmpl = NULL;
    char *text = edited(from, to);
    json_t *problems = parse_problems("order.placed.json", text, &tmpl);
    assert_null(tmpl);
    assert_true(json_array_size(problems) >= 1);
    assert_string_equal(problem_text(problems, 0, "template"), where);
    if (!strstr(problem_text(problems, 0, "message"), words)) {
        fail_msg("\"%s\" does not say \"%s\"", problem_text(problems, 0, "message"), words);
    }
    json_decref(problems);
    free(text);
}

static void test_template_errors_at_load_time(void **state)
{
    (void)state;
    expect_load_error("\"from\": \"order_number\"", "\"from\": \"order number\"", "order.placed.json:9",
                      "is not a path");
    expect_load_error("[\"date\"]", "[\"datum\"]", "order.placed.json:10", "unknown transform \"datum\"");
    expect_load_error("{\"truncate\": 12}", "{\"truncate\": \"12\"}", "order.placed.json:13",
                      "truncate takes a whole number");
    expect_load_error("\"ITNO\": {\"from\": \"item.sku\", \"transform\": [\"trim\", \"upper\"]},", "",
                      "order.placed.json:18", "the mandatory field ITNO of OIS100MI/AddBatchLine is not mapped");
    expect_load_error("\"CUOR\":", "\"CUORX\":", "order.placed.json:9", "has no input field CUORX");
    expect_load_error("\"head.ORNO\"}", "\"line.ORNO\"}", "order.placed.json:19", "no earlier call \"line\"");
    expect_load_error("{\"setting\": \"warehouse\"}", "{\"setting\": \"wearhouse\"}", "order.placed.json:23",
                      "\"wearhouse\" is not a business setting");
    expect_load_error("\"for_each\": \"items\",", "", "order.placed.json:20", "only known inside a call with for_each");
    expect_load_error("\"transaction\": \"AddBatchHead\"", "\"transaction\": \"AddBatchHed\"", "order.placed.json:5",
                      "OIS100MI/AddBatchHed is not a transaction");
    expect_load_error("\"format\": 1, \"event\": \"order.placed\",", "\"format\": 1, \"event\": \"order.placed\", \"event2\": 1,",
                      "order.placed.json:2", "unknown key \"event2\"");
    /* syntax errors carry jansson's line */
    expect_load_error("\"ORQT\": {\"from\": \"item.quantity\"},", "\"ORQT\": {\"from\": \"item.quantity\"}", "order.placed.json:22",
                      "");
    /* a context value the order connector does not provide */
    expect_load_error("\"CUNO\": {\"context\": \"customer\"}", "\"CUNO\": {\"context\": \"payer\"}",
                      "order.placed.json:8", "does not provide the context value \"payer\"");
    /* the connector's protocol: Confirm and GetOrderNo close an order template */
    expect_load_error("{\"id\": \"confirm\", \"program\": \"OIS100MI\", \"transaction\": \"Confirm\"",
                      "{\"id\": \"confirm\", \"program\": \"OIS100MI\", \"transaction\": \"GetHead\"",
                      "order.placed.json:26", "needs OIS100MI/Confirm then OIS100MI/GetOrderNo as the last calls");
}

static void write_text(const char *path, const char *text)
{
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(text, file);
    fclose(file);
}

static void test_admin_directory_overrides_and_keeps_last_good(void **state)
{
    (void)state;
    char dir[] = "/tmp/isync_mapping_XXXXXX", path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/order.placed.json", dir);
    isync_mapping_set *set = NULL;
    assert_int_equal(isync_mapping_set_open(dir, NULL, &set, NULL), ISYNC_OK);
    assert_string_equal(isync_mapping_set_get(set, "order.placed")->origin, "built-in order.placed.json");

    write_text(path, order_template);
    assert_int_equal(isync_mapping_set_refresh(set), 1);
    assert_string_equal(isync_mapping_set_get(set, "order.placed")->origin, path);
    assert_int_equal(isync_mapping_set_refresh(set), 0);                 /* unchanged: nothing to do */

    /* a broken edit: the last good template stays, the errors are shown */
    char *broken = edited("[\"date\"]", "[\"datum\"]");
    write_text(path, broken);
    free(broken);
    assert_int_equal(isync_mapping_set_refresh(set), 1);
    assert_string_equal(isync_mapping_set_get(set, "order.placed")->origin, path);
    json_t *status = isync_mapping_set_status(set);
    json_t *errors = json_object_get(json_object_get(json_object_get(status, "templates"), "order.placed"), "errors");
    assert_int_equal(json_array_size(errors), 1);
    assert_string_equal(problem_text(errors, 0, "template"), "order.placed.json:10");
    json_decref(status);

    /* removed: the built-in one again */
    unlink(path);
    assert_int_equal(isync_mapping_set_refresh(set), 1);
    assert_string_equal(isync_mapping_set_get(set, "order.placed")->origin, "built-in order.placed.json");
    isync_mapping_set_free(set);
    rmdir(dir);
}

/* payment.voided makes no Infor call: its template's calls are [], and only there. */
static const char *void_template =
    "{\n"
    "  \"format\": 1, \"event\": \"payment.voided\", \"target\": \"m3\",\n"
    "  \"description\": \"the admin's own\",\n"
    "  \"calls\": []\n"
    "}\n";

static void expect_void_error(const char *name, const char *from, const char *to, const char *where, const char *words)
{
    isync_template *tmpl = NULL;
    const char *at = strstr(void_template, from);
    assert_non_null(at);
    char *text = malloc(strlen(void_template) + strlen(to) + 1);
    sprintf(text, "%.*s%s%s", (int)(at - void_template), void_template, to, at + strlen(from));
    json_t *problems = parse_problems(name, text, &tmpl);
    assert_null(tmpl);
    assert_int_equal(json_array_size(problems), 1);
    assert_string_equal(problem_text(problems, 0, "template"), where);
    if (!strstr(problem_text(problems, 0, "message"), words)) {
        fail_msg("\"%s\" does not say \"%s\"", problem_text(problems, 0, "message"), words);
    }
    json_decref(problems);
    free(text);
}

static void test_void_template_has_no_calls(void **state)
{
    (void)state;
    isync_template *tmpl = NULL;
    json_t *problems = parse_problems("payment.voided.json", void_template, &tmpl);
    assert_int_equal(json_array_size(problems), 0);
    assert_non_null(tmpl);
    isync_template_free(tmpl);
    json_decref(problems);

    /* a call, or no list at all, is refused at load time with its line */
    expect_void_error("payment.voided.json", "\"calls\": []",
                      "\"calls\": [{\"id\": \"pay\", \"program\": \"OIS215MI\", \"transaction\": \"AddPayment\","
                      " \"fields\": {\"PMNB\": {\"context\": \"event_id\"}, \"CSHD\": {\"const\": \"WEB\"},"
                      " \"PYNO\": {\"const\": \"C1\"}, \"PYDT\": {\"from\": \"date\", \"transform\": [\"date\"]},"
                      " \"CUCD\": {\"from\": \"currency\"}, \"PMAM\": {\"from\": \"amount\"}, \"PYCD\": {\"const\": \"CC\"}}}]",
                      "payment.voided.json:4", "the payment.voided connector makes no Infor call");
    expect_void_error("payment.voided.json", "\"calls\": []", "\"calls\": {}", "payment.voided.json:4", "must be []");
    /* every other event type still needs calls */
    expect_void_error("payment.captured.json", "\"payment.voided\"", "\"payment.captured\"", "payment.captured.json:4",
                      "must be a non-empty list of calls");

    /* the built-in one maps to no call and no problem */
    isync_mapping_set *set = NULL;
    isync_business_config cfg;
    memset(&cfg, 0, sizeof cfg);
    assert_int_equal(isync_mapping_set_open(NULL, NULL, &set, NULL), ISYNC_OK);
    json_t *payload = json_pack("{s:s, s:s, s:s, s:s, s:s}", "order_number", "XC-1001", "transaction_id", "TX-1",
                                "amount", "49.48", "currency", "EUR", "date", "2026-11-27");
    isync_mapping_env env = { &cfg, isync_mapping_set_spec(set), NULL, NULL, set };
    json_t *plan = isync_mapping_apply(isync_mapping_set_get(set, "payment.voided"), payload, &env);
    assert_int_equal(json_array_size(json_object_get(plan, "calls")), 0);
    assert_int_equal(json_array_size(json_object_get(plan, "problems")), 0);
    json_decref(plan);
    json_decref(payload);
    isync_mapping_set_free(set);
}

/* An admin's payment.voided.json replaces the built-in one like any other. */
static void test_admin_void_template(void **state)
{
    (void)state;
    char dir[] = "/tmp/isync_mapping_XXXXXX", path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/payment.voided.json", dir);
    isync_mapping_set *set = NULL;
    assert_int_equal(isync_mapping_set_open(dir, NULL, &set, NULL), ISYNC_OK);
    assert_string_equal(isync_mapping_set_get(set, "payment.voided")->origin, "built-in payment.voided.json");
    write_text(path, void_template);
    assert_int_equal(isync_mapping_set_refresh(set), 1);
    assert_string_equal(isync_mapping_set_get(set, "payment.voided")->origin, path);
    json_t *status = isync_mapping_set_status(set);
    assert_null(json_object_get(json_object_get(json_object_get(status, "templates"), "payment.voided"), "errors"));
    json_decref(status);
    unlink(path);
    isync_mapping_set_free(set);
    rmdir(dir);
}

static void test_builtin_order_template_shape(void **state)
{
    (void)state;
    isync_mapping_set *set = NULL;
    isync_business_config cfg;
    memset(&cfg, 0, sizeof cfg);
    strcpy(cfg.warehouse, "100");
    strcpy(cfg.order_type, "WEB");
    assert_int_equal(isync_mapping_set_open(NULL, NULL, &set, NULL), ISYNC_OK);
    json_t *payload = order();
    json_object_set_new(payload, "billing_address",
                        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "firstname", "Anna", "lastname", "Schmidt",
                                  "street", "Hauptstraße 5", "city", "Berlin", "zipcode", "10115", "country", "DE"));
    isync_mapping_env env = { &cfg, isync_mapping_set_spec(set), NULL, NULL, set };
    json_t *plan = isync_mapping_apply(isync_mapping_set_get(set, "order.placed"), payload, &env);
    json_t *calls = json_object_get(plan, "calls");
    const char *expected[] = { "AddBatchHead", "AddBatchAddress", "AddBatchAddress", "AddBatchLine", "AddBatchLine",
                               "Confirm", "GetOrderNo" };
    assert_int_equal(json_array_size(calls), 7);
    for (size_t i = 0; i < 7; i++) {
        assert_string_equal(json_string_value(json_object_get(json_array_get(calls, i), "transaction")), expected[i]);
    }
    assert_string_equal(field(plan, 1, "ADRT"), "1");    /* no shipping address: delivered to the billing address */
    assert_string_equal(field(plan, 2, "ADRT"), "3");
    assert_string_equal(field(plan, 1, "TOWN"), "Berlin");
    assert_string_equal(field(plan, 0, "ORTP"), "WEB");
    json_decref(plan);
    json_decref(payload);
    isync_mapping_set_free(set);
}

/* One transform on one value: its text ("" when empty), or "ERROR: ..." */
static char result_text[600];
static const char *run_transform(isync_transform_ctx *ctx, const char *name, const char *arg_json, json_t *in)
{
    json_t *arg = arg_json ? json_loads(arg_json, JSON_DECODE_ANY, NULL) : NULL;
    json_t *out = isync_transform_apply(ctx, name, arg, in);
    char *text = isync_json_text(out);
    if (ctx->error[0]) {
        snprintf(result_text, sizeof result_text, "ERROR: %s", ctx->error);
    } else {
        snprintf(result_text, sizeof result_text, "%s", text);
    }
    free(text);
    json_decref(out);
    json_decref(arg);
    return result_text;
}

static const char *on_text(isync_transform_ctx *ctx, const char *name, const char *arg, const char *value)
{
    json_t *in = json_string(value);
    const char *out = run_transform(ctx, name, arg, in);
    json_decref(in);
    return out;
}

static void test_transforms_with_realistic_values(void **state)
{
    (void)state;
    isync_business_config cfg;
    isync_problems problems;
    json_t *settings = json_loads(
        "{\"base_currency\": \"EUR\", \"rate_source\": \"/etc/rates.json\","
        " \"status_map\": {\"payment\": {\"D\": \"cancel\", \"C\": \"cancel\"}, \"infor_to_shipping\": {\"77\": \"S\"}},"
        " \"lookups\": {\"carrier\": {\"DHL Express\": \"DHX\", \"UPS Standard\": \"UPS\"}},"
        " \"enrichment\": [{\"match\": {\"sku\": \"TSHIRT-*\"}, \"set\": {\"gl_account\": \"3010\", \"item_group\": \"APP\"}},"
        "                  {\"match\": {\"category\": \"Mugs\"}, \"set\": {\"cost_centre\": \"CC20\", \"warehouse\": \"200\"}}],"
        " \"tax_map\": {\"CDEV.STAX@US-CA\": {\"tax_code\": \"CA\", \"gl_account\": \"2410\"},"
        "             \"CDEV.STAX@US\": {\"tax_code\": \"US\", \"gl_account\": \"2400\"}, \"*\": {\"tax_code\": \"EX\"}}}",
        0, NULL);
    assert_int_equal(isync_config_from_json(settings, &cfg, &problems), ISYNC_OK);
    isync_rates *rates = NULL;
    const char *table = "{\"base\": \"EUR\", \"date\": \"2026-11-25\", \"rates\": {\"USD\": \"1.0842\", \"JPY\": \"162.50\"}}";
    assert_int_equal(isync_rates_parse(table, strlen(table), &rates, NULL), ISYNC_OK);
    json_t *payload = json_pack("{s:s, s:{s:s, s:s, s:s}}", "currency", "USD", "shipping_address", "country", "US",
                                "state", "California", "city", "San Francisco");
    isync_transform_ctx ctx = { .cfg = &cfg, .rates = rates, .payload = payload, .notes = json_array() };

    /* text */
    assert_string_equal(on_text(&ctx, "trim", NULL, "  Mug  "), "Mug");
    assert_string_equal(on_text(&ctx, "upper", NULL, "straße łódź ωμέγα"), "STRAßE ŁÓDŹ ΩΜΈΓΑ");
    assert_string_equal(on_text(&ctx, "lower", NULL, "ÆRØSKØBING ЖУК"), "ærøskøbing жук");
    assert_string_equal(on_text(&ctx, "truncate", "5", "Zürich-Höngg"), "Züric");
    assert_string_equal(on_text(&ctx, "pad", "{\"length\": 7, \"char\": \"0\"}", "4711"), "0004711");
    assert_string_equal(on_text(&ctx, "pad", "{\"length\": 6, \"side\": \"right\", \"char\": \".\"}", "AB"), "AB....");
    assert_string_equal(on_text(&ctx, "prefix", "\"XC-\"", "1001"), "XC-1001");
    assert_string_equal(on_text(&ctx, "suffix", "\"/1\"", "1001"), "1001/1");
    assert_string_equal(on_text(&ctx, "omit_if_longer", "10", "anna@example.com"), "");
    assert_string_equal(on_text(&ctx, "omit_if_longer", "50", "anna@example.com"), "anna@example.com");
    /* dates and numbers */
    assert_string_equal(on_text(&ctx, "date", NULL, "2026-02-28T23:59:59-05:00"), "20260228");
    assert_true(strncmp(on_text(&ctx, "date", NULL, "28.02.2026"), "ERROR", 5) == 0);
    assert_string_equal(on_text(&ctx, "number", "2", "19.995"), "20.00");
    assert_string_equal(on_text(&ctx, "number", "2", "-0.125"), "-0.13");
    assert_string_equal(on_text(&ctx, "number", "0", "1234.5"), "1235");
    assert_string_equal(on_text(&ctx, "negate", NULL, "25.50"), "-25.50");
    assert_string_equal(on_text(&ctx, "negate", NULL, "-3"), "3");
    assert_string_equal(on_text(&ctx, "abs", NULL, "-7.50"), "7.50");
    /* the rate table: USD -> EUR, the rate and its date recorded */
    assert_string_equal(on_text(&ctx, "convert_currency", "{\"decimals\": 2}", "108.42"), "100.00");
    assert_string_equal(json_string_value(json_object_get(ctx.currency_used, "rate")), "0.9223390518");
    assert_string_equal(json_string_value(json_object_get(ctx.currency_used, "date")), "2026-11-25");
    assert_string_equal(on_text(&ctx, "convert_currency", "{}", "19.99"), "18.44"); /* EUR: 2 decimals */
    json_object_set_new(payload, "currency", json_string("GBP"));
    assert_true(strstr(on_text(&ctx, "convert_currency", "{}", "10"), "GBP") != NULL);
    assert_int_equal(ctx.retry, 1); /* a currency the table lacks: wait for the next table */
    ctx.retry = 0;
    json_object_set_new(payload, "currency", json_string("USD"));
    /* tables */
    assert_string_equal(on_text(&ctx, "lookup", "\"carrier\"", "UPS Standard"), "UPS");
    assert_true(strstr(on_text(&ctx, "lookup", "\"carrier\"", "FedEx"), "not in the lookup table") != NULL);
    assert_string_equal(on_text(&ctx, "status", "\"payment\"", "D"), "cancel");
    assert_string_equal(on_text(&ctx, "status", "\"payment\"", "P"), "none");
    assert_string_equal(on_text(&ctx, "status", "\"infor\"", "77"), "S");
    json_t *tshirt = json_pack("{s:s, s:[s]}", "sku", "TSHIRT-BLK-M", "categories", "Apparel");
    json_t *mug = json_pack("{s:s, s:[s, s]}", "sku", "MUG-LOGO", "categories", "Kitchen", "Mugs");
    assert_string_equal(run_transform(&ctx, "enrich", "\"gl_account\"", tshirt), "3010");
    assert_string_equal(run_transform(&ctx, "enrich", "\"item_group\"", tshirt), "APP");
    assert_string_equal(run_transform(&ctx, "enrich", "\"warehouse\"", mug), "200");
    assert_string_equal(run_transform(&ctx, "enrich", "\"gl_account\"", mug), "");
    json_t *stax = json_pack("{s:s, s:s, s:s}", "type", "tax", "code", "CDEV.STAX", "amount", "8.25");
    assert_string_equal(run_transform(&ctx, "tax", "\"tax_code\"", stax), "CA"); /* from the shipping address */
    json_object_set_new(stax, "jurisdiction", json_string("US-NY"));
    assert_string_equal(run_transform(&ctx, "tax", "\"tax_code\"", stax), "US");
    assert_string_equal(run_transform(&ctx, "tax", "\"gl_account\"", stax), "2400");
    json_t *surcharges = json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}]", "type", "discount", "amount", "-5.00",
                                   "type", "tax", "amount", "8.25", "type", "discount", "amount", "-0.125");
    assert_string_equal(run_transform(&ctx, "sum", "{\"type\": \"discount\"}", surcharges), "-5.125");
    assert_string_equal(run_transform(&ctx, "sum", "{\"type\": \"shipping\"}", surcharges), "");
    /* addresses: ISO-3 on request */
    json_t *address = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "firstname", "Łukasz", "lastname", "Wiśniewski",
                                "street", "ul. Piotrkowska 104", "city", "Łódź", "zipcode", "90-926", "country", "PL");
    assert_string_equal(run_transform(&ctx, "address", "\"CUNM\"", address), "Łukasz Wiśniewski");
    assert_string_equal(run_transform(&ctx, "address", "{\"part\": \"CSCD\", \"country\": \"iso3\"}", address), "POL");
    assert_string_equal(run_transform(&ctx, "address", "\"TOWN\"", address), "Łódź");

    json_decref(address);
    json_decref(surcharges);
    json_decref(stax);
    json_decref(mug);
    json_decref(tshirt);
    json_decref(ctx.currency_used);
    json_decref(ctx.address_of);
    json_decref(ctx.notes);
    json_decref(payload);
    json_decref(settings);
    isync_rates_free(rates);
    isync_config_clear(&cfg);
}

/* At delivery every context value must be known: a template asking for one
 * the connector did not give makes a dead letter, never "{event_id}" in Infor. */
static void test_delivery_needs_every_context_value(void **state)
{
    (void)state;
    isync_business_config cfg;
    memset(&cfg, 0, sizeof cfg);
    isync_template *tmpl = NULL;
    char *text = edited("\"CUOR\": {\"from\": \"order_number\"}", "\"CUOR\": {\"context\": \"event_id\"}");
    json_t *problems = parse_problems("order.placed.json", text, &tmpl);
    assert_non_null(tmpl);
    json_t *payload = order();
    isync_delivery_outcome out;
    isync_delivery_outcome_init(&out);

    json_t *context = json_pack("{s:s}", "customer", "C1001");
    isync_mapping_env env = { &cfg, spec, NULL, context, NULL };
    assert_null(isync_plan_make(tmpl, &env, payload, &out));
    assert_int_equal(out.result, ISYNC_DEAD_LETTER);
    assert_non_null(strstr(out.reason, "the context value \"event_id\" is not known"));
    json_decref(context);

    isync_delivery_outcome_clear(&out);
    isync_delivery_outcome_init(&out);
    context = json_pack("{s:s, s:s}", "customer", "C1001", "event_id", "001a2196cdf3d");
    env.context = context;
    json_t *plan = isync_plan_make(tmpl, &env, payload, &out);
    assert_non_null(plan);
    assert_string_equal(field(plan, 0, "CUOR"), "001a2196cdf3d");
    json_decref(plan);
    json_decref(context);
    isync_delivery_outcome_clear(&out);
    json_decref(payload);
    json_decref(problems);
    free(text);
    isync_template_free(tmpl);
}

/* default: a value of its own when the field would be empty - no source
 * value, or the transforms gave nothing (an enrich rule that does not match). */
static void test_default_when_empty(void **state)
{
    (void)state;
    isync_business_config cfg;
    memset(&cfg, 0, sizeof cfg);
    strcpy(cfg.warehouse, "100");
    isync_template *tmpl = NULL;
    char *text = edited("\"WHLO\": {\"from\": \"item.warehouse\", \"default\": {\"setting\": \"warehouse\"}}",
                        "\"WHLO\": {\"from\": \"item\", \"transform\": [{\"enrich\": \"warehouse\"}], "
                        "\"default\": {\"setting\": \"warehouse\"}}");
    json_t *problems = parse_problems("order.placed.json", text, &tmpl);
    assert_non_null(tmpl);
    cfg.tables = json_loads("{\"enrichment\": [{\"match\": {\"sku\": \"MUG*\"}, \"set\": {\"warehouse\": \"200\"}}]}",
                            0, NULL);
    json_t *payload = order();
    json_t *plan = apply(tmpl, payload, &cfg, NULL);
    assert_string_equal(field(plan, 1, "WHLO"), "100"); /* TSHIRT: no rule, the setting */
    assert_string_equal(field(plan, 2, "WHLO"), "200"); /* MUG: the rule */
    json_decref(plan);
    json_decref(payload);
    json_decref(problems);
    isync_config_clear(&cfg);
    free(text);
    isync_template_free(tmpl);
}

/* A list element chosen by a key whose value has dots (X-Cart's tax codes). */
static void test_path_selector_with_dots(void **state)
{
    (void)state;
    isync_business_config cfg;
    memset(&cfg, 0, sizeof cfg);
    isync_template *tmpl = NULL;
    char *text = edited("\"OTBA\": {\"from\": \"surcharges\", \"transform\": [{\"sum\": {\"type\": \"discount\"}}, \"abs\", {\"number\": 2}],",
                        "\"OTBA\": {\"from\": \"surcharges[code=CDEV.STAX].amount\", \"transform\": [{\"number\": 2}],");
    json_t *problems = parse_problems("order.placed.json", text, &tmpl);
    if (!tmpl) {
        fail_msg("%s", problem_text(problems, 0, "message"));
    }
    json_t *payload = order();
    json_array_append_new(json_object_get(payload, "surcharges"),
                          json_pack("{s:s, s:s, s:s}", "type", "tax", "code", "CDEV.STAX", "amount", "1.25"));
    json_t *plan = apply(tmpl, payload, &cfg, NULL);
    assert_string_equal(field(plan, 0, "OTBA"), "1.25");
    json_decref(plan);
    json_decref(payload);
    json_decref(problems);
    free(text);
    isync_template_free(tmpl);
}

/* Types and lengths of the field specification (m3-transactions.json). */
static void test_field_types_and_lengths(void **state)
{
    (void)state;
    isync_m3_field_spec field;
    char problem[200];
    assert_true(isync_m3_spec_field(spec, "OIS100MI", "AddBatchHead", "ORDT", &field));
    assert_int_equal(field.type, 'D');
    isync_m3_spec_check_value(&field, "20260229", problem, sizeof problem); /* not a leap year */
    assert_string_equal(problem, "must be a date yyyyMMdd (M3 type D)");
    isync_m3_spec_check_value(&field, "20280229", problem, sizeof problem);
    assert_string_equal(problem, "");
    assert_true(isync_m3_spec_field(spec, "OIS100MI", "AddBatchHead", "CONO", &field));
    assert_int_equal(field.type, 'N');
    isync_m3_spec_check_value(&field, "1O0", problem, sizeof problem);
    assert_string_equal(problem, "must be a number (M3 type N)");
    isync_m3_spec_check_value(&field, "1000", problem, sizeof problem);
    assert_string_equal(problem, "has 4 digits, Infor allows 3");
    isync_m3_spec_check_value(&field, "100", problem, sizeof problem);
    assert_string_equal(problem, "");
    assert_true(isync_m3_spec_field(spec, "OIS100MI", "AddBatchAddress", "CUA1", &field));
    isync_m3_spec_check_value(&field, "Straße der Pariser Kommune 12, Hinterhaus", problem, sizeof problem);
    assert_string_equal(problem, "is 41 characters, Infor allows 36"); /* characters, not bytes */
    assert_false(isync_m3_spec_field(spec, "OIS100MI", "AddBatchHead", "NOPE", &field));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_templates_load),
        cmocka_unit_test(test_values_and_transforms),
        cmocka_unit_test(test_validation_names_field_call_line_and_path),
        cmocka_unit_test(test_template_errors_at_load_time),
        cmocka_unit_test(test_admin_directory_overrides_and_keeps_last_good),
        cmocka_unit_test(test_builtin_order_template_shape),
        cmocka_unit_test(test_void_template_has_no_calls),
        cmocka_unit_test(test_admin_void_template),
        cmocka_unit_test(test_transforms_with_realistic_values),
        cmocka_unit_test(test_delivery_needs_every_context_value),
        cmocka_unit_test(test_default_when_empty),
        cmocka_unit_test(test_path_selector_with_dots),
        cmocka_unit_test(test_field_types_and_lengths),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
