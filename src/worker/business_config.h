/* Business settings: the M3 company and the defaults an order is created
 * with. They live in a JSON file named by infor_sync.config_file, edited by
 * the store module page through InforSync\save_config(); the worker reloads
 * the file when it changes. Every key is optional; unknown keys are errors
 * (a typo must not silently fall back to a default). */
#ifndef ISYNC_BUSINESS_CONFIG_H
#define ISYNC_BUSINESS_CONFIG_H

#include <jansson.h>
#include <sys/types.h>
#include <time.h>

#include "base/error.h"
#include "connectors/status_map.h"

#define ISYNC_MAX_STOCK_WAREHOUSES 16

/* Polling intervals, seconds: 0 (off) or 1 up to a week, in php.ini and in
 * the business settings alike. */
#define ISYNC_POLL_INTERVAL_MAX 604800

/* A polling interval the business settings may override php.ini with. */
typedef struct {
    int set; /* 0: php.ini's value applies */
    long seconds; /* 0: off */
} isync_config_interval;

typedef struct {
    int cono; /* M3 company (CONO), 0: the user's default */
    char divi[4]; /* division (DIVI) */
    char order_type[4]; /* ORTP */
    char facility[4]; /* FACI */
    char warehouse[4]; /* WHLO */
    char default_customer[11]; /* CUNO when the order names none */
    char customer_template[11]; /* CUTM, for creating customers; set: customer sync is on */
    char currency[4]; /* CUCD when the order names none */
    char customer_prefix[5]; /* start of a registered customer's CUNO; "": "XC" */
    char guest_rule[10]; /* "shared" or "per_email"; "": "shared" */
    char guest_customer[11]; /* CUNO of guest orders under the "shared" rule */
    /* inbound stock (poller): which warehouses, which quantity, how combined */
    char stock_warehouses[ISYNC_MAX_STOCK_WAREHOUSES][4]; /* WHLO list; none: [warehouse] */
    int stock_warehouse_count;
    char stock_quantity[12]; /* "on_hand", "allocatable" or "available"; "": "on_hand" */
    char stock_mode[7]; /* "sum" or "single"; "": "sum" */
    char stock_warehouse[4]; /* WHLO of the "single" mode; "": warehouse */
    /* order.status_changed and payments (m3_status, m3_payment) */
    isync_status_map status_map; /* X-Cart <-> Infor statuses; unset parts: defaults */
    char payment_posting[10]; /* "cash_desk", "journal" or "none"; "": "none" */
    char cash_desk[6]; /* CSHD of OIS215MI/AddPayment */
    char payment_method_code[4]; /* PYCD of OIS215MI/AddPayment */
    char journal_interface[11]; /* INTN of GLS840MI/AddBatchHead */
    char journal_cash_account[9]; /* AIT1 debited by a captured payment */
    char journal_receivable_account[9]; /* AIT1 credited by a captured payment */
    /* mapping (docs/mapping.md) */
    char base_currency[4]; /* the Infor company's currency; "": no conversion */
    char rate_source[512]; /* exchange rate table: file path or http(s) URL */
    int rate_refresh; /* seconds between fetches of rate_source; 0: 3600 */
    char shipping_item[16]; /* ITNO of shipping charge lines; "": none */
    json_t *tables; /* {"lookups":{..},"enrichment":[..],"tax_map":{..}}, each
                                    key only when set; owned (isync_config_clear) */
    /* inbound polling (poller.h): when set, they replace the php.ini values */
    isync_config_interval poll_stock_interval;
    isync_config_interval poll_items_interval;
    isync_config_interval poll_shipments_interval;
} isync_business_config;

#define ISYNC_DEFAULT_RATE_REFRESH 3600

#define ISYNC_DEFAULT_CUSTOMER_PREFIX "XC"

/* The prefix in effect ("XC" when unset). */
const char *isync_config_customer_prefix(const isync_business_config *cfg);
/* 1 when guests get a customer per e-mail address, 0 for one shared customer. */
int isync_config_guest_per_email(const isync_business_config *cfg);

/* Parses a polling interval written as text (php.ini, a form): decimal
 * digits, 0 to ISYNC_POLL_INTERVAL_MAX. Returns 0 and sets *seconds, or -1. */
int isync_poll_interval_parse(const char *text, long *seconds);

/* Frees what the configuration owns (tables); the struct can be reused. */
void isync_config_clear(isync_business_config *cfg);

/* A copy that owns its own tables (for another thread). */
void isync_config_copy(isync_business_config *copy, const isync_business_config *cfg);

/* Validates a decoded configuration; all problems reported together. */
isync_status isync_config_from_json(json_t *obj, isync_business_config *cfg, isync_problems *problems);
json_t *isync_config_to_json(const isync_business_config *cfg);

/* A missing file gives the empty configuration. Errors name the file. */
isync_status isync_config_load(const char *path, isync_business_config *cfg, isync_error *err);

/* Validates and writes atomically (0600, fsync'ed). */
isync_status isync_config_save(const char *path, json_t *obj, isync_problems *problems, isync_error *err);

/* Cheap change detection for the worker: changes when the file is replaced. */
typedef struct {
    ino_t inode;
    time_t mtime;
    long mtime_ns;
    off_t size;
    int exists;
} isync_file_stamp;

void isync_file_stamp_read(const char *path, isync_file_stamp *stamp);
int isync_file_stamp_equal(const isync_file_stamp *a, const isync_file_stamp *b);

#endif
