/* Business configuration: validation, the JSON file, change detection. */
#include "unit.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "worker/business_config.h"

typedef struct {
    char dir[64];
    char file[128];
} fixture;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->dir, sizeof f->dir, "/tmp/test_config_XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->file, sizeof f->file, "%s/infor_sync.json", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    nftw(f->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(f);
    return 0;
}

static json_t *parse(const char *text)
{
    json_error_t jerr;
    json_t *json = json_loads(text, 0, &jerr);
    if (!json) {
        fail_msg("test JSON does not parse: %s", jerr.text);
    }
    return json;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static const char *problem_at(const isync_problems *problems, const char *path)
{
    for (size_t i = 0; i < problems->count && i < ISYNC_PROBLEMS_MAX; i++) {
        if (strcmp(problems->items[i].path, path) == 0) {
            return problems->items[i].message;
        }
    }
    return NULL;
}

static void expect_problem(const isync_problems *problems, const char *path, const char *fragment)
{
    const char *message = problem_at(problems, path);
    if (!message) {
        char all[2048];
        isync_problems_format(problems, all, sizeof all);
        fail_msg("no problem reported for %s; got: %s", path, all);
    }
    if (fragment && !strstr(message, fragment)) {
        fail_msg("problem for %s is \"%s\", expected it to mention \"%s\"", path, message, fragment);
    }
}

#define FULL_CONFIG                                                                            \
    "{\"cono\": 100, \"divi\": \"AAA\", \"order_type\": \"A01\", \"facility\": \"A01\","       \
    " \"warehouse\": \"001\", \"default_customer\": \"C000000123\","                            \
    " \"customer_template\": \"TEMPLATE01\", \"currency\": \"EUR\", \"customer_prefix\": \"WEB\", \"guest_rule\": \"per_email\", \"guest_customer\": \"GUEST\", \"stock_warehouses\": [\"001\", \"002\"],"     \
    " \"stock_quantity\": \"allocatable\", \"stock_mode\": \"single\", \"stock_warehouse\": \"002\","      \
    " \"status_map\": {\"payment\": {\"D\": \"cancel\"}}, \"payment_posting\": \"cash_desk\","        \
    " \"cash_desk\": \"CD1\", \"payment_method_code\": \"CC\", \"journal_interface\": null,"          \
    " \"journal_cash_account\": null, \"journal_receivable_account\": null,"                       \
    " \"base_currency\": \"EUR\", \"rate_source\": \"https://rates.example.com/EUR.json\","       \
    " \"rate_refresh\": 900, \"shipping_item\": \"SHIPPING\","                                     \
    " \"lookups\": {\"carrier\": {\"Courier\": \"DHL\", \"*\": \"\"}},"                         \
    " \"enrichment\": [{\"match\": {\"sku\": \"TSHIRT-*\"}, \"set\": {\"gl_account\": \"3010\"}}]," \
    " \"tax_map\": {\"VAT@DE\": {\"tax_code\": \"DE19\", \"gl_account\": \"2400\"}},"         \
    " \"poll_stock_interval\": 120, \"poll_items_interval\": 0, \"poll_shipments_interval\": null}"

static void test_valid_object(void **state)
{
    isync_business_config cfg;
    isync_problems problems;
    json_t *obj = parse(FULL_CONFIG);

    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_OK);
    assert_int_equal(problems.count, 0);
    assert_int_equal(cfg.cono, 100);
    assert_string_equal(cfg.divi, "AAA");
    assert_string_equal(cfg.order_type, "A01");
    assert_string_equal(cfg.facility, "A01");
    assert_string_equal(cfg.warehouse, "001");
    assert_string_equal(cfg.default_customer, "C000000123");
    assert_string_equal(cfg.customer_template, "TEMPLATE01");
    assert_string_equal(cfg.currency, "EUR");
    assert_string_equal(cfg.customer_prefix, "WEB");
    assert_string_equal(isync_config_customer_prefix(&cfg), "WEB");
    assert_string_equal(cfg.guest_rule, "per_email");
    assert_true(isync_config_guest_per_email(&cfg));
    assert_string_equal(cfg.guest_customer, "GUEST");
    assert_int_equal(cfg.stock_warehouse_count, 2);
    assert_string_equal(cfg.stock_warehouses[1], "002");
    assert_string_equal(cfg.stock_mode, "single");
    assert_string_equal(cfg.payment_posting, "cash_desk");
    assert_string_equal(cfg.cash_desk, "CD1");
    assert_int_equal(isync_status_map_action(&cfg.status_map, 0, "C"), ISYNC_ACTION_NONE);
    assert_string_equal(cfg.base_currency, "EUR");
    assert_int_equal(cfg.rate_refresh, 900);
    assert_string_equal(cfg.shipping_item, "SHIPPING");
    assert_int_equal(cfg.poll_stock_interval.seconds, 120);
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(cfg.tables, "lookups"),
                                                                         "carrier"), "Courier")), "DHL");

    /* back to JSON: the same object */
    json_t *back = isync_config_to_json(&cfg);
    assert_true(json_equal(back, obj));
    json_decref(back);
    json_decref(obj);
    isync_config_clear(&cfg);
}

static void test_empty_and_nulls(void **state)
{
    isync_business_config cfg;
    isync_problems problems;
    json_t *obj = parse("{\"cono\": null, \"divi\": null}");

    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_OK);
    assert_int_equal(cfg.cono, 0);
    assert_string_equal(cfg.divi, "");
    json_decref(obj);

    /* unset keys come back as null, all of them present */
    json_t *json = isync_config_to_json(&cfg);
    const char *keys[] = { "cono", "divi", "order_type", "facility", "warehouse",
                           "default_customer", "customer_template", "currency", "customer_prefix", "guest_rule", "guest_customer", "stock_warehouses", "stock_quantity", "stock_mode", "stock_warehouse",
                           "status_map", "payment_posting", "cash_desk", "payment_method_code", "journal_interface",
                           "journal_cash_account", "journal_receivable_account", "base_currency", "rate_source",
                           "shipping_item", "rate_refresh", "lookups", "enrichment", "tax_map",
                           "poll_stock_interval", "poll_items_interval", "poll_shipments_interval" };
    assert_int_equal(json_object_size(json), sizeof keys / sizeof keys[0]);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        json_t *value = json_object_get(json, keys[i]);
        assert_non_null(value);
        assert_true(json_is_null(value));
    }
    json_decref(json);

    obj = parse("[]");
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_ERR_INVALID);
    expect_problem(&problems, "config", NULL);
    json_decref(obj);
}

static void test_customer_settings(void **state)
{
    isync_business_config cfg;
    isync_problems problems;
    json_t *obj = parse("{}");

    /* unset: prefix XC, one shared guest customer */
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_OK);
    assert_string_equal(isync_config_customer_prefix(&cfg), "XC");
    assert_false(isync_config_guest_per_email(&cfg));
    json_decref(obj);

    obj = parse("{\"guest_rule\": \"shared\", \"customer_prefix\": \"X1\"}");
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_OK);
    assert_false(isync_config_guest_per_email(&cfg));
    assert_string_equal(isync_config_customer_prefix(&cfg), "X1");
    json_decref(obj);

    obj = parse("{\"guest_rule\": \"per-email\", \"customer_prefix\": \"XCUST\","
                " \"guest_customer\": \"GUEST-00001\"}");
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 3);
    expect_problem(&problems, "guest_rule", "\"shared\" or \"per_email\"");
    expect_problem(&problems, "customer_prefix", "longer than 4");
    expect_problem(&problems, "guest_customer", "longer than 10");
    json_decref(obj);

    obj = parse("{\"customer_prefix\": \"xc\", \"guest_rule\": 1}");
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 2);
    expect_problem(&problems, "customer_prefix", "capital letters or digits");
    expect_problem(&problems, "guest_rule", "must be a string");
    json_decref(obj);
}

/* The mapping settings: currency, rate source and the tables of the transforms. */
static void test_mapping_settings(void **state)
{
    isync_business_config cfg;
    isync_problems problems;
    json_t *obj = parse("{\"base_currency\": \"eur\", \"rate_refresh\": 5, \"shipping_item\": \"SHIPPING-AND-HANDLING\","
                        " \"lookups\": {\"carrier\": {\"Courier\": 7}, \"size\": []},"
                        " \"enrichment\": [{\"match\": {\"colour\": \"red\"}, \"set\": {\"gl_account\": \"3010\"}}],"
                        " \"tax_map\": {\"VAT@DE\": \"DE19\"}}");
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_ERR_INVALID);
    assert_null(cfg.tables); /* nothing kept from a refused configuration */
    expect_problem(&problems, "base_currency", "ISO 4217");
    expect_problem(&problems, "rate_source", "required when base_currency is set");
    expect_problem(&problems, "rate_refresh", "60 to 604800");
    expect_problem(&problems, "shipping_item", "longer than 15");
    expect_problem(&problems, "lookups.carrier.Courier", "must be a string");
    expect_problem(&problems, "lookups.size", "must be a table");
    expect_problem(&problems, "enrichment[0].match.colour", NULL);
    expect_problem(&problems, "tax_map.VAT@DE", NULL);
    json_decref(obj);

    obj = parse("{\"rate_refresh\": \"900\"}"); /* forms post numbers as text */
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_OK);
    assert_int_equal(cfg.rate_refresh, 900);
    json_decref(obj);
}

/* Polling intervals: seconds, 0 = off, at most a week, like php.ini; unset: php.ini's value. */
static void test_poll_intervals(void **state)
{
    isync_business_config cfg;
    isync_problems problems;
    json_t *obj = parse("{\"poll_stock_interval\": 60, \"poll_items_interval\": \"0\", \"poll_shipments_interval\": null}");
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_OK);
    assert_true(cfg.poll_stock_interval.set);
    assert_int_equal(cfg.poll_stock_interval.seconds, 60);
    assert_true(cfg.poll_items_interval.set); /* set to off, not unset */
    assert_int_equal(cfg.poll_items_interval.seconds, 0);
    assert_false(cfg.poll_shipments_interval.set);
    json_t *back = isync_config_to_json(&cfg);
    assert_int_equal(json_integer_value(json_object_get(back, "poll_stock_interval")), 60);
    assert_true(json_is_integer(json_object_get(back, "poll_items_interval")));
    assert_true(json_is_null(json_object_get(back, "poll_shipments_interval")));
    json_decref(back);
    json_decref(obj);

    obj = parse("{\"poll_stock_interval\": 604800, \"poll_items_interval\": 1}");
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_OK);
    json_decref(obj);

    obj = parse("{\"poll_stock_interval\": -1, \"poll_items_interval\": 604801, \"poll_shipments_interval\": \"5m\"}");
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 3);
    expect_problem(&problems, "poll_stock_interval", "seconds from 0 (off) to 604800");
    expect_problem(&problems, "poll_items_interval", "seconds from 0 (off) to 604800");
    expect_problem(&problems, "poll_shipments_interval", "seconds from 0 (off) to 604800");
    json_decref(obj);

    obj = parse("{\"poll_stock_interval\": 1.5, \"poll_items_interval\": true, \"poll_shipments_interval\": \"\"}");
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 3);
    json_decref(obj);

    /* the text rule php.ini uses too */
    long seconds = -1;
    assert_int_equal(isync_poll_interval_parse("300", &seconds), 0);
    assert_int_equal(seconds, 300);
    assert_int_equal(isync_poll_interval_parse("0", &seconds), 0);
    assert_int_equal(seconds, 0);
    assert_int_equal(isync_poll_interval_parse("-5", &seconds), -1);
    assert_int_equal(isync_poll_interval_parse(" 5", &seconds), -1);
    assert_int_equal(isync_poll_interval_parse("5 s", &seconds), -1);
    assert_int_equal(isync_poll_interval_parse("", &seconds), -1);
    assert_int_equal(isync_poll_interval_parse("604801", &seconds), -1);
    assert_int_equal(isync_poll_interval_parse("99999999999999999999999", &seconds), -1);
}

static void test_unknown_key(void **state)
{
    isync_business_config cfg;
    isync_problems problems;
    json_t *obj = parse("{\"cono\": 100, \"warehous\": \"001\", \"CONO\": 1}");

    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 2);
    expect_problem(&problems, "warehous", "not a known setting");
    expect_problem(&problems, "CONO", "not a known setting");
    json_decref(obj);
}

static void expect_cono(json_t *value, int ok, int expected)
{
    isync_business_config cfg;
    isync_problems problems;
    json_t *obj = json_object();
    json_object_set_new(obj, "cono", value);
    isync_status st = isync_config_from_json(obj, &cfg, &problems);
    if (ok) {
        assert_int_equal(st, ISYNC_OK);
        assert_int_equal(cfg.cono, expected);
    } else {
        assert_int_equal(st, ISYNC_ERR_INVALID);
        assert_int_equal(problems.count, 1);
        expect_problem(&problems, "cono", "1 to 999");
    }
    json_decref(obj);
}

static void test_cono(void **state)
{
    expect_cono(json_integer(1), 1, 1);
    expect_cono(json_integer(999), 1, 999);
    expect_cono(json_string("100"), 1, 100); /* forms post text */
    expect_cono(json_integer(0), 0, 0);
    expect_cono(json_integer(1000), 0, 0);
    expect_cono(json_integer(-1), 0, 0);
    expect_cono(json_string("0"), 0, 0);
    expect_cono(json_string("1000"), 0, 0);
    expect_cono(json_string("abc"), 0, 0);
    expect_cono(json_string("100abc"), 0, 0);
    expect_cono(json_string(""), 0, 0);
    expect_cono(json_string("99999999999999999999"), 0, 0);
    expect_cono(json_real(100.5), 0, 0);
    expect_cono(json_true(), 0, 0);
}

static void test_text_lengths(void **state)
{
    isync_business_config cfg;
    isync_problems problems;
    json_t *obj = parse("{\"divi\": \"ABCD\", \"warehouse\": \"0001\", \"default_customer\": \"C0000001234\","
                        " \"facility\": 12}");
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 4);
    expect_problem(&problems, "divi", "longer than 3");
    expect_problem(&problems, "divi", "DIVI");
    expect_problem(&problems, "warehouse", "WHLO");
    expect_problem(&problems, "default_customer", "longer than 10");
    expect_problem(&problems, "facility", "must be a string");
    json_decref(obj);
}

static void test_currency(void **state)
{
    isync_business_config cfg;
    isync_problems problems;
    const char *bad[] = { "eur", "EU", "E1R", "EURO" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *obj = json_pack("{s:s}", "currency", bad[i]);
        assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_ERR_INVALID);
        assert_int_equal(problems.count, 1);
        expect_problem(&problems, "currency", NULL);
        json_decref(obj);
    }
    json_t *obj = json_pack("{s:s}", "currency", "USD");
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_OK);
    assert_string_equal(cfg.currency, "USD");
    json_decref(obj);
}

static size_t count_files(const char *dir)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        n += e->d_name[0] != '.';
    }
    closedir(d);
    return n;
}

static void test_save_and_load(void **state)
{
    fixture *f = *state;
    isync_business_config cfg;
    isync_problems problems;
    isync_error err;
    struct stat st;
    json_t *obj = parse("{\"cono\": \"100\", \"divi\": \"AAA\", \"warehouse\": null}");

    assert_int_equal(isync_config_save(f->file, obj, &problems, &err), ISYNC_OK);
    json_decref(obj);
    assert_int_equal(stat(f->file, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_int_equal(count_files(f->dir), 1); /* no tmp file left */

    assert_int_equal(isync_config_load(f->file, &cfg, &err), ISYNC_OK);
    assert_int_equal(cfg.cono, 100);
    assert_string_equal(cfg.divi, "AAA");
    assert_string_equal(cfg.warehouse, "");

    /* the file holds the normalised form */
    json_t *saved = json_load_file(f->file, 0, NULL);
    assert_non_null(saved);
    assert_int_equal(json_integer_value(json_object_get(saved, "cono")), 100);
    assert_true(json_is_null(json_object_get(saved, "currency")));
    json_decref(saved);

    /* replaced atomically: a new file (inode), not rewritten in place */
    isync_file_stamp before, after;
    isync_file_stamp_read(f->file, &before);
    assert_true(before.exists);
    obj = parse("{\"cono\": 200}");
    assert_int_equal(isync_config_save(f->file, obj, &problems, &err), ISYNC_OK);
    json_decref(obj);
    isync_file_stamp_read(f->file, &after);
    assert_false(isync_file_stamp_equal(&before, &after));
    assert_int_not_equal(before.inode, after.inode);
    assert_int_equal(isync_config_load(f->file, &cfg, &err), ISYNC_OK);
    assert_int_equal(cfg.cono, 200);
    assert_string_equal(cfg.divi, "");

    /* nothing changed: the same stamp */
    isync_file_stamp_read(f->file, &before);
    assert_true(isync_file_stamp_equal(&before, &after));
}

static void test_save_invalid_keeps_file(void **state)
{
    fixture *f = *state;
    isync_problems problems;
    isync_error err;
    isync_business_config cfg;
    json_t *obj = parse("{\"cono\": 100}");
    assert_int_equal(isync_config_save(f->file, obj, &problems, &err), ISYNC_OK);
    json_decref(obj);

    obj = parse("{\"cono\": 5000, \"divi\": \"TOOLONG\", \"colour\": \"red\"}");
    assert_int_equal(isync_config_save(f->file, obj, &problems, &err), ISYNC_ERR_INVALID);
    assert_int_equal(problems.count, 3);
    expect_problem(&problems, "cono", NULL);
    expect_problem(&problems, "divi", NULL);
    expect_problem(&problems, "colour", NULL);
    json_decref(obj);
    assert_int_equal(isync_config_load(f->file, &cfg, &err), ISYNC_OK);
    assert_int_equal(cfg.cono, 100);
    assert_int_equal(count_files(f->dir), 1);
}

static void test_save_errors(void **state)
{
    fixture *f = *state;
    isync_problems problems;
    isync_error err;
    char path[256];
    json_t *obj = parse("{\"cono\": 100}");

    isync_error_clear(&err);
    assert_int_equal(isync_config_save("", obj, &problems, &err), ISYNC_ERR_CONFIG);
    assert_non_null(strstr(err.message, "infor_sync.config_file"));
    assert_int_equal(isync_config_save(NULL, obj, &problems, &err), ISYNC_ERR_CONFIG);

    snprintf(path, sizeof path, "%s/missing-dir/infor_sync.json", f->dir);
    isync_error_clear(&err);
    assert_int_equal(isync_config_save(path, obj, &problems, &err), ISYNC_ERR_IO);
    assert_non_null(strstr(err.message, path));
    json_decref(obj);
}

static void test_missing_file_is_empty(void **state)
{
    fixture *f = *state;
    isync_business_config cfg;
    isync_error err;
    char path[256];

    memset(&cfg, 0x55, sizeof cfg);
    snprintf(path, sizeof path, "%s/nothing-here.json", f->dir);
    assert_int_equal(isync_config_load(path, &cfg, &err), ISYNC_OK);
    assert_int_equal(cfg.cono, 0);
    assert_string_equal(cfg.divi, "");
    assert_string_equal(cfg.currency, "");
    assert_int_equal(isync_config_load("", &cfg, &err), ISYNC_OK);
    assert_int_equal(isync_config_load(NULL, &cfg, &err), ISYNC_OK);

    isync_file_stamp stamp;
    isync_file_stamp_read(path, &stamp);
    assert_false(stamp.exists);
}

static void test_malformed_file(void **state)
{
    fixture *f = *state;
    isync_business_config cfg;
    isync_error err;

    write_file(f->file, "{\n  \"cono\": 100,\n  \"divi\": \"AAA\"\n  \"currency\": \"EUR\"\n}\n");
    isync_error_clear(&err);
    assert_int_equal(isync_config_load(f->file, &cfg, &err), ISYNC_ERR_CONFIG);
    assert_non_null(strstr(err.message, f->file));
    assert_non_null(strstr(err.message, "line 4"));

    /* valid JSON, invalid settings: named too */
    write_file(f->file, "{\"cono\": 100, \"warehous\": \"001\"}");
    isync_error_clear(&err);
    assert_int_equal(isync_config_load(f->file, &cfg, &err), ISYNC_ERR_CONFIG);
    assert_non_null(strstr(err.message, f->file));
    assert_non_null(strstr(err.message, "warehous"));

    /* empty file */
    write_file(f->file, "");
    assert_int_equal(isync_config_load(f->file, &cfg, &err), ISYNC_ERR_CONFIG);
    assert_non_null(strstr(err.message, f->file));

    /* a directory where the file should be */
    assert_int_equal(unlink(f->file), 0);
    assert_int_equal(mkdir(f->file, 0700), 0);
    assert_int_equal(isync_config_load(f->file, &cfg, &err), ISYNC_ERR_CONFIG);
    assert_non_null(strstr(err.message, f->file));
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_object),
        cmocka_unit_test(test_empty_and_nulls),
        cmocka_unit_test(test_customer_settings),
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_mapping_settings),
        cmocka_unit_test(test_poll_intervals),
        cmocka_unit_test(test_cono),
        cmocka_unit_test(test_text_lengths),
        cmocka_unit_test(test_currency),
        T(test_save_and_load),
        T(test_save_invalid_keeps_file),
        T(test_save_errors),
        T(test_missing_file_is_empty),
        T(test_malformed_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
