#include "worker/business_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/json_members.h"
#include "mapping/enrich.h"
#include "queue/spool.h"
#include "mapping/tax_map.h"

typedef enum { SETTING_TEXT, SETTING_INTERVAL } setting_kind;

/* The settings that are a text field or a poll interval in isync_business_config. */
typedef struct {
    const char *key;
    size_t offset;
    setting_kind kind;
    size_t max_len; /* text: the Infor field length */
    const char *infor_field;
    const char *const *allowed; /* text: NULL allows any text up to max_len */
} field_setting;

static const char *const payment_postings[] = {"cash_desk", "journal", "none", NULL};

static const char *const guest_rules[] = {"shared", "per_email", NULL};
static const field_setting field_settings[] = {
    {"divi", offsetof(isync_business_config, divi), SETTING_TEXT, 3, "DIVI", NULL},
    {"order_type", offsetof(isync_business_config, order_type), SETTING_TEXT, 3, "ORTP", NULL},
    {"facility", offsetof(isync_business_config, facility), SETTING_TEXT, 3, "FACI", NULL},
    {"warehouse", offsetof(isync_business_config, warehouse), SETTING_TEXT, 3, "WHLO", NULL},
    {"default_customer", offsetof(isync_business_config, default_customer), SETTING_TEXT, 10, "CUNO", NULL},
    {"customer_template", offsetof(isync_business_config, customer_template), SETTING_TEXT, 10, "CUTM", NULL},
    {"currency", offsetof(isync_business_config, currency), SETTING_TEXT, 3, "CUCD", NULL},
    {"customer_prefix", offsetof(isync_business_config, customer_prefix), SETTING_TEXT, 4, "CUNO", NULL},
    {"guest_rule", offsetof(isync_business_config, guest_rule), SETTING_TEXT, 9, NULL, guest_rules},
    {"guest_customer", offsetof(isync_business_config, guest_customer), SETTING_TEXT, 10, "CUNO", NULL},
    {"stock_quantity", offsetof(isync_business_config, stock_quantity), SETTING_TEXT, 11, "-", NULL},
    {"stock_mode", offsetof(isync_business_config, stock_mode), SETTING_TEXT, 6, "-", NULL},
    {"stock_warehouse", offsetof(isync_business_config, stock_warehouse), SETTING_TEXT, 3, "WHLO", NULL},
    {"payment_posting", offsetof(isync_business_config, payment_posting), SETTING_TEXT, 9, NULL, payment_postings},
    {"cash_desk", offsetof(isync_business_config, cash_desk), SETTING_TEXT, 5, "CSHD", NULL},
    {"payment_method_code", offsetof(isync_business_config, payment_method_code), SETTING_TEXT, 3, "PYCD", NULL},
    {"journal_interface", offsetof(isync_business_config, journal_interface), SETTING_TEXT, 10, "INTN", NULL},
    {"journal_cash_account", offsetof(isync_business_config, journal_cash_account), SETTING_TEXT, 8, "AIT1", NULL},
    {"journal_receivable_account", offsetof(isync_business_config, journal_receivable_account), SETTING_TEXT, 8, "AIT1",
     NULL},
    {"base_currency", offsetof(isync_business_config, base_currency), SETTING_TEXT, 3, "CUCD", NULL},
    {"rate_source", offsetof(isync_business_config, rate_source), SETTING_TEXT, 511, "-", NULL},
    {"shipping_item", offsetof(isync_business_config, shipping_item), SETTING_TEXT, 15, "ITNO", NULL},
    {"poll_stock_interval", offsetof(isync_business_config, poll_stock_interval), SETTING_INTERVAL, 0, NULL, NULL},
    {"poll_items_interval", offsetof(isync_business_config, poll_items_interval), SETTING_INTERVAL, 0, NULL, NULL},
    {"poll_shipments_interval", offsetof(isync_business_config, poll_shipments_interval), SETTING_INTERVAL, 0, NULL,
     NULL},
};

static const char *const table_settings[] = {"lookups", "enrichment", "tax_map", NULL};

#define FIELD_SETTINGS (sizeof field_settings / sizeof field_settings[0])

static const field_setting *find_field_setting(const char *key)
{
    for (size_t i = 0; i < FIELD_SETTINGS; i++) {
        if (strcmp(field_settings[i].key, key) == 0) {
            return &field_settings[i];
        }
    }
    return NULL;
}

static void set_cono(json_t *value, isync_business_config *cfg, isync_problems *problems)
{
    if (json_is_null(value)) {
        return;
    }
    if (json_is_string(value)) {
        /* forms post numbers as text */
        const char *text = json_string_value(value);
        char *end = NULL;
        long n = strtol(text, &end, 10);
        if (*text && end && *end == '\0') {
            value = NULL;
            cfg->cono = (int)n;
            if (n < 1 || n > 999) {
                isync_problems_add(problems, "cono", "must be an M3 company number from 1 to 999 (CONO)");
            }
            return;
        }
    }
    if (!json_is_integer(value) || json_integer_value(value) < 1 || json_integer_value(value) > 999) {
        isync_problems_add(problems, "cono", "must be an M3 company number from 1 to 999 (CONO)");
        return;
    }
    cfg->cono = (int)json_integer_value(value);
}

static void set_text(const field_setting *setting, json_t *value, isync_business_config *cfg, isync_problems *problems)
{
    char *field = (char *)cfg + setting->offset;
    if (json_is_null(value)) {
        return;
    }
    if (!json_is_string(value)) {
        isync_problems_add(problems, setting->key, "must be a string");
        return;
    }
    if (setting->allowed) {
        for (size_t i = 0; setting->allowed[i]; i++) {
            if (strcmp(json_string_value(value), setting->allowed[i]) == 0) {
                snprintf(field, setting->max_len + 1, "%s", setting->allowed[i]);
                return;
            }
        }
        char choices[128] = "";
        for (size_t i = 0; setting->allowed[i]; i++) {
            size_t used = strlen(choices);
            snprintf(choices + used, sizeof choices - used, "%s\"%s\"",
                     i == 0                        ? ""
                         : setting->allowed[i + 1] ? ", "
                                                   : " or ",
                     setting->allowed[i]);
        }
        isync_problems_add(problems, setting->key, "must be %s", choices);
        return;
    }
    if (json_string_length(value) > setting->max_len) {
        isync_problems_add(problems, setting->key, "is longer than %zu characters (Infor %s)", setting->max_len,
                           setting->infor_field);
        return;
    }
    snprintf(field, setting->max_len + 1, "%s", json_string_value(value));
}

/* The inbound stock rules (poller.c): their words, not Infor fields. */
static void check_stock_rules(const isync_business_config *cfg, isync_problems *problems)
{
    if (cfg->stock_quantity[0] && strcmp(cfg->stock_quantity, "on_hand") != 0 &&
        strcmp(cfg->stock_quantity, "allocatable") != 0 && strcmp(cfg->stock_quantity, "available") != 0) {
        isync_problems_add(problems, "stock_quantity", "must be \"on_hand\", \"allocatable\" or \"available\"");
    }
    if (cfg->stock_mode[0] && strcmp(cfg->stock_mode, "sum") != 0 && strcmp(cfg->stock_mode, "single") != 0) {
        isync_problems_add(problems, "stock_mode", "must be \"sum\" or \"single\"");
    }
}

/* A list of warehouse codes (WHLO); a comma-separated string from a form works too. */
static void set_stock_warehouses(json_t *value, isync_business_config *cfg, isync_problems *problems)
{
    json_t *list = NULL, *item;
    size_t index;
    if (json_is_null(value)) {
        return;
    }
    if (json_is_string(value)) {
        char copy[256], *save = NULL;
        snprintf(copy, sizeof copy, "%s", json_string_value(value));
        list = json_array();
        for (char *part = strtok_r(copy, ", ", &save); part; part = strtok_r(NULL, ", ", &save)) {
            json_array_append_new(list, json_string(part));
        }
    } else if (json_is_array(value)) {
        list = json_incref(value);
    } else {
        isync_problems_add(problems, "stock_warehouses", "must be a list of warehouse codes (WHLO)");
        return;
    }
    json_array_foreach(list, index, item)
    {
        if (!json_is_string(item) || json_string_length(item) < 1 || json_string_length(item) > 3) {
            isync_problems_add(problems, "stock_warehouses", "must be warehouse codes of 1 to 3 characters (WHLO)");
            break;
        }
        if (cfg->stock_warehouse_count >= ISYNC_MAX_STOCK_WAREHOUSES) {
            isync_problems_add(problems, "stock_warehouses", "lists more than %d warehouses",
                               ISYNC_MAX_STOCK_WAREHOUSES);
            break;
        }
        snprintf(cfg->stock_warehouses[cfg->stock_warehouse_count++], 4, "%s", json_string_value(item));
    }
    json_decref(list);
}

/* What the chosen payment posting needs (OIS215MI / GLS840MI mandatory fields). */
static void check_payment_posting(const isync_business_config *cfg, isync_problems *problems)
{
    static const char *const cash_desk_needs[] = {"cash_desk", "payment_method_code", NULL};
    static const char *const journal_needs[] = {"journal_interface", "journal_cash_account",
                                                "journal_receivable_account", NULL};
    const char *const *needs = strcmp(cfg->payment_posting, "cash_desk") == 0 ? cash_desk_needs
        : strcmp(cfg->payment_posting, "journal") == 0                        ? journal_needs
                                                                              : NULL;
    for (size_t i = 0; needs && needs[i]; i++) {
        const field_setting *setting = find_field_setting(needs[i]);
        if (!((const char *)cfg + setting->offset)[0]) {
            isync_problems_add(problems, needs[i], "is required when payment_posting is \"%s\"", cfg->payment_posting);
        }
    }
    if (needs == journal_needs && cfg->cono <= 0) {
        isync_problems_add(problems, "cono", "is required when payment_posting is \"journal\" (GLS840MI CONO)");
    }
}

/* lookups: {"table": {"key": "value", ...}, ...} */
static void check_lookups(json_t *value, isync_problems *problems)
{
    isync_json_check_tables(value, "lookups", "must be tables of texts: {\"table\": {\"key\": \"value\"}}",
                            "must be a string", isync_complain_to_problems, problems);
}

static void set_table(const char *key, json_t *value, isync_business_config *cfg, isync_problems *problems)
{
    if (json_is_null(value)) {
        return;
    }
    if (strcmp(key, "lookups") == 0) {
        check_lookups(value, problems);
    } else if (strcmp(key, "enrichment") == 0) {
        isync_enrich_validate(value, problems);
    } else {
        isync_tax_map_validate(value, problems);
    }
    if (!cfg->tables) {
        cfg->tables = json_object();
    }
    json_object_set(cfg->tables, key, value);
}

static int is_table_setting(const char *key)
{
    for (size_t i = 0; table_settings[i]; i++) {
        if (strcmp(table_settings[i], key) == 0) {
            return 1;
        }
    }
    return 0;
}

static void set_rate_refresh(json_t *value, isync_business_config *cfg, isync_problems *problems)
{
    long long seconds = -1;
    if (json_is_null(value)) {
        return;
    }
    if (json_is_integer(value)) {
        seconds = json_integer_value(value);
    } else if (json_is_string(value) && *json_string_value(value)) {
        char *end = NULL;
        seconds = strtoll(json_string_value(value), &end, 10);
        if (*end) {
            seconds = -1;
        }
    }
    if (seconds < 60 || seconds > 7 * 86400) {
        isync_problems_add(problems, "rate_refresh", "must be a number of seconds from 60 to 604800");
        return;
    }
    cfg->rate_refresh = (int)seconds;
}

int isync_poll_interval_parse(const char *text, long *seconds)
{
    char *end = NULL;
    if (!text || *text < '0' || *text > '9') {
        return -1;
    }
    errno = 0;
    long long value = strtoll(text, &end, 10);
    if (errno || *end || value > ISYNC_POLL_INTERVAL_MAX) {
        return -1;
    }
    *seconds = (long)value;
    return 0;
}

/* An integer, or its text from a form; null leaves php.ini's value in force. */
static void set_interval(const field_setting *setting, json_t *value, isync_business_config *cfg,
                         isync_problems *problems)
{
    isync_config_interval *interval = (isync_config_interval *)((char *)cfg + setting->offset);
    long seconds = -1;
    if (json_is_null(value)) {
        return;
    }
    if (json_is_integer(value) && json_integer_value(value) >= 0 &&
        json_integer_value(value) <= ISYNC_POLL_INTERVAL_MAX) {
        seconds = (long)json_integer_value(value);
    } else if (json_is_string(value) && isync_poll_interval_parse(json_string_value(value), &seconds) != 0) {
        seconds = -1;
    }
    if (seconds < 0) {
        isync_problems_add(problems, setting->key, "must be a number of seconds from 0 (off) to %d",
                           ISYNC_POLL_INTERVAL_MAX);
        return;
    }
    interval->set = 1;
    interval->seconds = seconds;
}

static int is_currency_code(const char *code)
{
    return strlen(code) == 3 && strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 3;
}

void isync_config_clear(isync_business_config *cfg)
{
    json_decref(cfg->tables);
    cfg->tables = NULL;
}

void isync_config_copy(isync_business_config *copy, const isync_business_config *cfg)
{
    *copy = *cfg;
    copy->tables = json_deep_copy(cfg->tables);
}

isync_status isync_config_from_json(json_t *obj, isync_business_config *cfg, isync_problems *problems)
{
    const char *key;
    json_t *value;

    memset(cfg, 0, sizeof *cfg);
    memset(problems, 0, sizeof *problems);
    if (!json_is_object(obj)) {
        isync_problems_add(problems, "config", "must be an array with string keys");
        return ISYNC_ERR_INVALID;
    }
    json_object_foreach(obj, key, value)
    {
        const field_setting *setting = find_field_setting(key);
        if (strcmp(key, "cono") == 0) {
            set_cono(value, cfg, problems);
        } else if (strcmp(key, "stock_warehouses") == 0) {
            set_stock_warehouses(value, cfg, problems);
        } else if (strcmp(key, "status_map") == 0) {
            isync_status_map_from_json(value, &cfg->status_map, problems);
        } else if (strcmp(key, "rate_refresh") == 0) {
            set_rate_refresh(value, cfg, problems);
        } else if (is_table_setting(key)) {
            set_table(key, value, cfg, problems);
        } else if (setting && setting->kind == SETTING_INTERVAL) {
            set_interval(setting, value, cfg, problems);
        } else if (setting) {
            set_text(setting, value, cfg, problems);
        } else {
            isync_problems_add(problems, key, "is not a known setting");
        }
    }
    if (cfg->currency[0] && !is_currency_code(cfg->currency)) {
        isync_problems_add(problems, "currency", "must be an ISO 4217 code like \"EUR\"");
    }
    if (cfg->base_currency[0] && !is_currency_code(cfg->base_currency)) {
        isync_problems_add(problems, "base_currency", "must be an ISO 4217 code like \"EUR\"");
    }
    if (cfg->base_currency[0] && !cfg->rate_source[0]) {
        isync_problems_add(problems, "rate_source", "is required when base_currency is set (the exchange rate table)");
    }
    if (strspn(cfg->customer_prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != strlen(cfg->customer_prefix)) {
        isync_problems_add(problems, "customer_prefix",
                           "must be capital letters or digits (the start of an Infor customer number)");
    }
    check_payment_posting(cfg, problems);
    check_stock_rules(cfg, problems);
    if (problems->count) {
        isync_config_clear(cfg);
        return ISYNC_ERR_INVALID;
    }
    return ISYNC_OK;
}

const char *isync_config_customer_prefix(const isync_business_config *cfg)
{
    return cfg->customer_prefix[0] ? cfg->customer_prefix : ISYNC_DEFAULT_CUSTOMER_PREFIX;
}

int isync_config_guest_per_email(const isync_business_config *cfg)
{
    return strcmp(cfg->guest_rule, "per_email") == 0;
}

static json_t *field_setting_value(const field_setting *setting, const isync_business_config *cfg)
{
    const char *field = (const char *)cfg + setting->offset;
    if (setting->kind == SETTING_INTERVAL) {
        const isync_config_interval *interval = (const isync_config_interval *)field;
        return interval->set ? json_integer(interval->seconds) : json_null();
    }
    return field[0] ? json_string(field) : json_null();
}

/* The settings of one kind, in table order: the texts come first in config(), the intervals last. */
static void add_field_settings(json_t *obj, const isync_business_config *cfg, setting_kind kind)
{
    for (size_t i = 0; i < FIELD_SETTINGS; i++) {
        if (field_settings[i].kind == kind) {
            json_object_set_new(obj, field_settings[i].key, field_setting_value(&field_settings[i], cfg));
        }
    }
}

json_t *isync_config_to_json(const isync_business_config *cfg)
{
    json_t *obj = json_object();
    json_object_set_new(obj, "cono", cfg->cono > 0 ? json_integer(cfg->cono) : json_null());
    add_field_settings(obj, cfg, SETTING_TEXT);
    json_t *warehouses = json_array();
    for (int i = 0; i < cfg->stock_warehouse_count; i++) {
        json_array_append_new(warehouses, json_string(cfg->stock_warehouses[i]));
    }
    json_object_set_new(obj, "stock_warehouses", cfg->stock_warehouse_count ? warehouses : json_null());
    json_object_set_new(obj, "status_map", isync_status_map_to_json(&cfg->status_map));
    json_object_set_new(obj, "rate_refresh", cfg->rate_refresh ? json_integer(cfg->rate_refresh) : json_null());
    for (size_t i = 0; table_settings[i]; i++) {
        json_t *table = json_object_get(cfg->tables, table_settings[i]);
        json_object_set_new(obj, table_settings[i], table ? json_deep_copy(table) : json_null());
    }
    add_field_settings(obj, cfg, SETTING_INTERVAL);
    if (!cfg->stock_warehouse_count) {
        json_decref(warehouses);
    }
    return obj;
}

isync_status isync_config_load(const char *path, isync_business_config *cfg, isync_error *err)
{
    json_error_t jerr;
    isync_problems problems;
    char summary[400];

    memset(cfg, 0, sizeof *cfg);
    if (!path || !*path || (access(path, F_OK) != 0 && errno == ENOENT)) {
        return ISYNC_OK;
    }
    json_t *obj = json_load_file(path, 0, &jerr);
    if (!obj) {
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "configuration file %s: line %d: %s", path, jerr.line, jerr.text);
    }
    isync_status st = isync_config_from_json(obj, cfg, &problems);
    json_decref(obj);
    if (st != ISYNC_OK) {
        isync_problems_format(&problems, summary, sizeof summary);
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "configuration file %s: %s", path, summary);
    }
    return ISYNC_OK;
}

isync_status isync_config_save(const char *path, json_t *obj, isync_problems *problems, isync_error *err)
{
    isync_business_config cfg;
    if (!path || !*path) {
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "infor_sync.config_file is not set");
    }
    if (isync_config_from_json(obj, &cfg, problems) != ISYNC_OK) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "invalid configuration");
    }
    json_t *normal = isync_config_to_json(&cfg);
    isync_config_clear(&cfg);
    isync_status st = isync_write_json_file(path, normal, 1, err);
    json_decref(normal);
    return st;
}

void isync_file_stamp_read(const char *path, isync_file_stamp *stamp)
{
    struct stat st;
    memset(stamp, 0, sizeof *stamp);
    if (path && *path && stat(path, &st) == 0) {
        stamp->exists = 1;
        stamp->inode = st.st_ino;
        stamp->mtime = st.st_mtim.tv_sec;
        stamp->mtime_ns = st.st_mtim.tv_nsec;
        stamp->size = st.st_size;
    }
}

int isync_file_stamp_equal(const isync_file_stamp *a, const isync_file_stamp *b)
{
    return a->exists == b->exists && a->inode == b->inode && a->mtime == b->mtime && a->mtime_ns == b->mtime_ns &&
        a->size == b->size;
}
