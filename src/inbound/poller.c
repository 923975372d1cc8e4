#include "inbound/poller.h"
#include "inbound/poller_private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/clock.h"
#include "base/decimal.h"
#include "base/json_members.h"
#include "infor/backoff.h"
#include "inbound/inbound.h"
#include "inbound/stock_totals.h"
#include "base/log.h"
#include "connectors/order_index.h"

#define DEFAULT_PAGE 100
#define MAX_PAGE 10000
#define RETRY_SOON_MS 30000L
#define PAUSE_BASE_MS 1000L
#define PAUSE_CAP_MS 300000L

json_t *isync_poller_section(isync_poller *p, const char *name)
{
    return isync_json_object_member(p->state, name);
}

isync_poller *isync_poller_new(const isync_spool *spool, const isync_poll_settings *settings)
{
    isync_poller *p = calloc(1, sizeof *p);
    if (!p) {
        return NULL;
    }
    p->spool = spool;
    p->settings = *settings;
    if (p->settings.page_size <= 0) {
        p->settings.page_size = DEFAULT_PAGE;
    }
    char *dir = isync_spool_path(spool, "poll");
    if (dir) {
        mkdir(dir, 0700);
        free(dir);
    }
    p->path = isync_spool_path(spool, "poll/state.json");
    json_error_t jerr;
    p->state = p->path ? json_load_file(p->path, 0, &jerr) : NULL;
    if (!json_is_object(p->state)) {
        if (p->path && errno != ENOENT && strstr(jerr.text, "unable to open") == NULL) {
            isync_log(ISYNC_LOG_WARNING, "poll state %s unreadable (%s): starting afresh", p->path, jerr.text);
        }
        json_decref(p->state);
        p->state = json_object();
    }
    return p;
}

static long pick_interval(long ini_value, const isync_config_interval *setting)
{
    return setting->set ? setting->seconds : ini_value;
}

void isync_poll_settings_effective(const isync_poll_settings *ini, const isync_business_config *cfg,
                                   isync_poll_settings *out)
{
    *out = *ini;
    out->stock_interval_s = pick_interval(ini->stock_interval_s, &cfg->poll_stock_interval);
    out->items_interval_s = pick_interval(ini->items_interval_s, &cfg->poll_items_interval);
    out->shipments_interval_s = pick_interval(ini->shipments_interval_s, &cfg->poll_shipments_interval);
}

static json_t *describe_interval(long ini_value, const isync_config_interval *setting)
{
    return json_pack("{s:I, s:s}", "interval", (json_int_t)pick_interval(ini_value, setting), "source",
                     setting->set ? "config" : "php.ini");
}

json_t *isync_poll_settings_describe(const isync_poll_settings *ini, const isync_business_config *cfg)
{
    return json_pack("{s:o, s:o, s:o}", "stock", describe_interval(ini->stock_interval_s, &cfg->poll_stock_interval),
                     "items", describe_interval(ini->items_interval_s, &cfg->poll_items_interval), "shipments",
                     describe_interval(ini->shipments_interval_s, &cfg->poll_shipments_interval));
}

/* Brings a kind's due time forward when its interval got shorter or was off. */
static void shorten_due(isync_poller *p, const char *kind, long old_s, long new_s)
{
    if (new_s <= 0 || (old_s > 0 && new_s >= old_s)) {
        return;
    }
    json_t *due = isync_poller_section(p, "next");
    long long latest = isync_now_ms() + (long long)new_s * 1000;
    json_t *at = json_object_get(due, kind);
    if (at && json_integer_value(at) > latest) { /* no due time yet: due now anyway */
        json_object_set_new(due, kind, json_integer(latest));
    }
}

void isync_poller_set_intervals(isync_poller *p, const isync_poll_settings *settings)
{
    shorten_due(p, "stock", p->settings.stock_interval_s, settings->stock_interval_s);
    shorten_due(p, "items", p->settings.items_interval_s, settings->items_interval_s);
    shorten_due(p, "shipments", p->settings.shipments_interval_s, settings->shipments_interval_s);
    p->settings.stock_interval_s = settings->stock_interval_s;
    p->settings.items_interval_s = settings->items_interval_s;
    p->settings.shipments_interval_s = settings->shipments_interval_s;
}

const isync_poll_settings *isync_poller_settings(const isync_poller *p)
{
    return &p->settings;
}

void isync_poller_free(isync_poller *p)
{
    if (!p) {
        return;
    }
    json_decref(p->state);
    free(p->path);
    free(p);
}

json_t *isync_poller_state(const isync_poller *p)
{
    return p->state;
}

long long isync_poller_paused_until(const isync_poller *p)
{
    return json_integer_value(json_object_get(p->state, "paused_until"));
}

int isync_poller_save_state(isync_poller *p)
{
    isync_error err;
    if (!p->path || isync_write_json_file(p->path, p->state, p->spool->durable, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "cannot save the poll state: %s", p->path ? err.message : "no memory");
        return -1;
    }
    return 0;
}

/* The end of a poll: the state saved (else FAILED), the events it emitted logged. */
isync_poll_result isync_poller_saved(isync_poller *p, isync_poll_result result, const char *poll, long emitted,
                                     const char *events)
{
    if (isync_poller_save_state(p) != 0) {
        result = ISYNC_POLL_FAILED;
    }
    if (emitted) {
        isync_log(ISYNC_LOG_INFO, "%s poll: %ld %s event(s)", poll, emitted, events);
    }
    return result;
}

int isync_poller_is_paused(isync_poller *p)
{
    long long until = isync_poller_paused_until(p);
    return until > isync_now_ms();
}

/* ---- calls ---------------------------------------------------------------- */

static int asked_to_wait(isync_m3_outcome outcome, const isync_m3_result *res)
{
    return outcome == ISYNC_M3_RETRY && res->http_status == 429;
}

/* One call; a 429 pauses the poller (with a growing backoff). */
static isync_m3_outcome call_m3(isync_poller *p, isync_m3_client *m3, const isync_business_config *cfg,
                                const char *program, const char *transaction, int maxrecs, const char *const *fields,
                                const char *returncols, isync_m3_result *res)
{
    isync_m3_request req = {program, transaction, cfg->cono, cfg->divi, maxrecs, fields, returncols};
    isync_m3_result_init(res);
    isync_m3_outcome outcome = isync_m3_call(m3, &req, res);
    if (asked_to_wait(outcome, res)) {
        long pauses = (long)json_integer_value(json_object_get(p->state, "pauses"));
        long delay = isync_backoff_delay_ms((unsigned)pauses, PAUSE_BASE_MS, PAUSE_CAP_MS, res->retry_after_s,
                                            isync_backoff_random());
        json_object_set_new(p->state, "paused_until", json_integer(isync_now_ms() + delay));
        json_object_set_new(p->state, "pauses", json_integer(pauses + 1));
        if (!p->pause_logged) {
            isync_log(ISYNC_LOG_WARNING, "Infor answered 429 to %s/%s: polling pauses for %ld ms", program, transaction,
                      delay);
            p->pause_logged = 1;
        }
    } else if (outcome == ISYNC_M3_OK && json_object_get(p->state, "pauses")) {
        json_object_del(p->state, "pauses");
        if (p->pause_logged) {
            isync_log(ISYNC_LOG_INFO, "Infor answers again: polling resumes");
        }
        p->pause_logged = 0;
    }
    return outcome;
}

isync_m3_outcome isync_poller_call(isync_poller *p, isync_m3_client *m3, const isync_business_config *cfg,
                                   const char *program, const char *transaction, int maxrecs, const char *const *fields,
                                   const char *returncols, isync_m3_result *res)
{
    isync_m3_outcome outcome = call_m3(p, m3, cfg, program, transaction, maxrecs, fields, returncols, res);
    if (outcome != ISYNC_M3_OK && !asked_to_wait(outcome, res)) {
        isync_log(ISYNC_LOG_WARNING, "poll %s/%s failed: %s", program, transaction, res->error_message);
    }
    return outcome;
}

/* An optional call failing: said once in the log, kept in the state's
 * "degraded" (status()) until the call works again. */
static void optional_failed(isync_poller *p, const char *call, const char *missing, const char *reason)
{
    json_t *notes = isync_poller_section(p, "degraded");
    if (json_object_get(notes, call)) {
        return;
    }
    isync_log(ISYNC_LOG_WARNING, "%s failed (%s): events go out without %s until it works again", call, reason,
              missing);
    json_object_set_new(
        notes, call,
        json_pack("{s:s, s:s, s:I}", "missing", missing, "reason", reason, "since", (json_int_t)isync_now_ms()));
}

static void optional_works(isync_poller *p, const char *call)
{
    json_t *notes = json_object_get(p->state, "degraded");
    if (json_object_get(notes, call)) {
        isync_log(ISYNC_LOG_INFO, "%s works again", call);
        json_object_del(notes, call);
    }
}

isync_m3_outcome isync_poller_call_optional(isync_poller *p, isync_m3_client *m3, const isync_business_config *cfg,
                                            const char *program, const char *transaction, const char *const *fields,
                                            const char *missing, isync_m3_result *res)
{
    char label[64];
    snprintf(label, sizeof label, "%s/%s", program, transaction);
    isync_m3_outcome outcome = call_m3(p, m3, cfg, program, transaction, -1, fields, NULL, res);
    if (outcome == ISYNC_M3_OK) {
        optional_works(p, label);
    } else if (!asked_to_wait(outcome, res)) {
        optional_failed(p, label, missing, res->error_message);
    }
    return outcome;
}

json_t *isync_poller_degraded(const isync_poller *p)
{
    json_t *notes = json_object_get(p->state, "degraded");
    return json_is_object(notes) ? notes : NULL;
}

/* A failed call's result (paused when Infor asks to slow down); res is cleared. */
isync_poll_result isync_poller_failure(isync_m3_outcome outcome, isync_m3_result *res)
{
    isync_poll_result r = asked_to_wait(outcome, res) ? ISYNC_POLL_PAUSED : ISYNC_POLL_FAILED;
    isync_m3_result_clear(res);
    return r;
}

const char *isync_poller_field(json_t *record, const char *name)
{
    const char *value = json_string_value(json_object_get(record, name));
    return value ? value : "";
}

/* ---- quantities ------------------------------------------------------------ */

/* "12.500" -> "12.5", "3.000" -> "3"; at most 6 decimals, rounded half
 * away from zero. */
static void format_quantity(isync_decimal value, char *out, size_t size)
{
    if (value.scale > 6) {
        isync_decimal_quantize(value, 6, &value); /* cannot fail: fewer places */
    }
    if (isync_decimal_text(isync_decimal_trim(value), out, size) != ISYNC_DECIMAL_OK) {
        snprintf(out, size, "0");
    }
}

/* The payload's JSON number for an exact quantity text. A JSON number with
 * a fraction is a double in jansson (and a float in PHP): the one place a
 * quantity becomes binary, after all arithmetic, at the wire format the
 * shop reads; the exact text is in "warehouses" of the saved state. */
static json_t *quantity_json(const char *text)
{
    return strchr(text, '.') ? json_real(strtod(text, NULL)) : json_integer(strtoll(text, NULL, 10));
}

static const char *quantity_rule(const isync_business_config *cfg)
{
    return cfg->stock_quantity[0] ? cfg->stock_quantity : "on_hand";
}

static int single_mode(const isync_business_config *cfg)
{
    return strcmp(cfg->stock_mode, "single") == 0;
}

static const char *single_warehouse(const isync_business_config *cfg)
{
    return cfg->stock_warehouse[0] ? cfg->stock_warehouse : cfg->warehouse;
}

/* The warehouses to poll: stock_warehouses (or the order warehouse), plus
 * the single-mode warehouse. Returns the count. */
static int stock_warehouses(const isync_business_config *cfg, const char *out[ISYNC_MAX_STOCK_WAREHOUSES + 2])
{
    int n = 0;
    for (int i = 0; i < cfg->stock_warehouse_count; i++) {
        out[n++] = cfg->stock_warehouses[i];
    }
    if (n == 0 && cfg->warehouse[0]) {
        out[n++] = cfg->warehouse;
    }
    if (single_mode(cfg) && single_warehouse(cfg)[0]) {
        int found = 0;
        for (int i = 0; i < n; i++) {
            found |= strcmp(out[i], single_warehouse(cfg)) == 0;
        }
        if (!found) {
            out[n++] = single_warehouse(cfg);
        }
    }
    return n;
}

/* Adds a row's quantity (by the rule) to its item's total. 0 when the
 * total overflows 38 digits or the item number is too long. */
static int add_row(isync_stock_totals *totals, json_t *row, int allocatable)
{
    const char *itno = isync_poller_field(row, "ITNO");
    if (!*itno) {
        return 1;
    }
    isync_decimal quantity = isync_stock_quantity_of(isync_poller_field(row, "STQT"));
    isync_decimal_status st = ISYNC_DECIMAL_OK;
    if (allocatable) {
        st = isync_decimal_sub(quantity, isync_stock_quantity_of(isync_poller_field(row, "ALQT")), &quantity);
    }
    isync_stock_total_status added = st == ISYNC_DECIMAL_OK ? isync_stock_totals_add(totals, itno, quantity)
                                                            : ISYNC_STOCK_TOTAL_OVERFLOW;
    if (added != ISYNC_STOCK_TOTAL_OK) {
        isync_log(ISYNC_LOG_ERROR, "MMS060MI/List: quantity of item %.40s: %s", itno,
                  added == ISYNC_STOCK_TOTAL_LONG_ITNO   ? "item number too long"
                      : added == ISYNC_STOCK_TOTAL_NOMEM ? "out of memory"
                                                         : isync_decimal_status_text(ISYNC_DECIMAL_OVERFLOW));
        return 0;
    }
    return 1;
}

/* MMS060MI/List of one warehouse, paged: one row per location and lot, in
 * ITNO order; ITNO is the start position of the next page. A full page may
 * end inside an item's locations: that item's rows are dropped and the
 * next page starts at it. A page holding one item only is fetched again
 * with a larger maxrecs. */
static isync_poll_result list_warehouse(isync_poller *p, isync_m3_client *m3, const isync_business_config *cfg,
                                        const char *whlo, int allocatable, isync_stock_totals *totals)
{
    char from[32] = "";
    int maxrecs = p->settings.page_size;

    for (;;) {
        const char *fields[] = {"WHLO", whlo, "ITNO", from, NULL};
        isync_m3_result res;
        if (!from[0]) {
            fields[2] = NULL;
        }
        /* the three columns read here, not the 40-odd of a balance row */
        isync_m3_outcome outcome = isync_poller_call(p, m3, cfg, "MMS060MI", "List", maxrecs, fields, "ITNO,STQT,ALQT",
                                                     &res);
        if (outcome != ISYNC_M3_OK) {
            return isync_poller_failure(outcome, &res);
        }
        size_t n = json_array_size(res.records);
        int full = n >= (size_t)maxrecs;
        char last[32];
        snprintf(last, sizeof last, "%s", n ? isync_poller_field(json_array_get(res.records, n - 1), "ITNO") : "");
        if (full && n && strcmp(isync_poller_field(json_array_get(res.records, 0), "ITNO"), last) == 0) {
            /* one item fills the page: ask for more at once */
            isync_m3_result_clear(&res);
            if (maxrecs >= MAX_PAGE) {
                isync_log(ISYNC_LOG_ERROR, "MMS060MI/List: item %s has more than %d locations in warehouse %s", last,
                          MAX_PAGE, whlo);
                return ISYNC_POLL_FAILED;
            }
            maxrecs *= 2;
            continue;
        }
        size_t index;
        json_t *row;
        json_array_foreach(res.records, index, row)
        {
            const char *itno = isync_poller_field(row, "ITNO");
            if ((from[0] && strcmp(itno, from) < 0) || (full && strcmp(itno, last) == 0)) {
                continue; /* before the start, or the item the page may have cut */
            }
            if (!add_row(totals, row, allocatable)) {
                isync_m3_result_clear(&res);
                return ISYNC_POLL_FAILED;
            }
        }
        isync_m3_result_clear(&res);
        if (!full) {
            return ISYNC_POLL_OK;
        }
        snprintf(from, sizeof from, "%s", last);
        maxrecs = p->settings.page_size;
    }
}

/* MMS200MI/GetItmWhsBal AV02 of each item listed in the warehouse. */
static isync_poll_result available_quantities(isync_poller *p, isync_m3_client *m3, const isync_business_config *cfg,
                                              const char *whlo, isync_stock_totals *totals)
{
    for (size_t i = 0; i < totals->count; i++) {
        const char *fields[] = {"WHLO", whlo, "ITNO", totals->items[i].itno, NULL};
        isync_m3_result res;
        isync_m3_outcome outcome = isync_poller_call(p, m3, cfg, "MMS200MI", "GetItmWhsBal", -1, fields, NULL, &res);
        if (outcome == ISYNC_M3_OK) {
            const char *av02 = isync_m3_record_field(&res, 0, "AV02");
            totals->items[i].quantity = isync_stock_quantity_of(av02 ? av02 : "");
        } else if (outcome != ISYNC_M3_MI_ERROR) {
            return isync_poller_failure(outcome, &res);
        } /* not stocked there after all: keep the listed quantity */
        isync_m3_result_clear(&res);
    }
    return ISYNC_POLL_OK;
}

json_t *isync_poller_emit(isync_poller *p, const char *type, json_t *payload)
{
    isync_error err;
    char id[ISYNC_ID_SIZE];
    /* ids are strictly increasing within the process (isync_spool_new_id),
     * so the shop reads events in the order they are written here: a
     * shipment before the status that follows from it */
    if (isync_inbound_add(p->spool, type, payload, id, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "cannot write inbound %s event: %s", type, err.message);
        json_decref(payload);
        return NULL;
    }
    isync_log(ISYNC_LOG_DEBUG, "inbound event %s: %s", id, type);
    return payload; /* caller decrefs */
}

/* One SKU's quantity per warehouse (per_whlo as JSON numbers, per_whlo_text
 * as text) and its total by the mode: the single warehouse's, or the sum of
 * the listed ones. Returns whether any warehouse lists the SKU, -1 when the
 * sum overflows 38 digits. */
static int sku_quantities(const isync_business_config *cfg, const isync_stock_totals *by_whlo,
                          const char *const *warehouses, int count, const char *sku, json_t *per_whlo,
                          json_t *per_whlo_text, char total[ISYNC_DECIMAL_TEXT])
{
    isync_decimal sum = isync_decimal_from_int(0), single = sum;
    int any = 0;
    char text[ISYNC_DECIMAL_TEXT];
    for (int i = 0; i < count; i++) {
        const isync_stock_total *found = isync_stock_totals_find(&by_whlo[i], sku);
        isync_decimal v = found ? found->quantity : isync_decimal_from_int(0);
        any |= found != NULL;
        format_quantity(v, text, sizeof text);
        json_object_set_new(per_whlo, warehouses[i], quantity_json(text));
        json_object_set_new(per_whlo_text, warehouses[i], json_string(text));
        if (strcmp(warehouses[i], single_warehouse(cfg)) == 0) {
            single = v;
        }
        int listed = !single_mode(cfg) || i < cfg->stock_warehouse_count || cfg->stock_warehouse_count == 0;
        if (listed && isync_decimal_add(sum, v, &sum) != ISYNC_DECIMAL_OK) {
            isync_log(ISYNC_LOG_ERROR, "stock poll: the quantity of %s over all warehouses overflows", sku);
            return -1;
        }
    }
    format_quantity(single_mode(cfg) ? single : sum, total, ISYNC_DECIMAL_TEXT);
    return any;
}

static void free_totals(isync_stock_totals *by_whlo, int count)
{
    for (int i = 0; i < count; i++) {
        isync_stock_totals_free(&by_whlo[i]);
    }
}

isync_poll_result isync_poll_stock(isync_poller *p, isync_m3_client *m3, const isync_business_config *cfg)
{
    const char *warehouses[ISYNC_MAX_STOCK_WAREHOUSES + 2];
    int count = stock_warehouses(cfg, warehouses);
    const char *rule = quantity_rule(cfg);
    int allocatable = strcmp(rule, "allocatable") == 0, available = strcmp(rule, "available") == 0;

    if (isync_poller_is_paused(p)) {
        return ISYNC_POLL_PAUSED;
    }
    if (count == 0) {
        isync_log(ISYNC_LOG_WARNING, "stock polling: no warehouse configured (stock_warehouses or warehouse)");
        return ISYNC_POLL_FAILED;
    }
    /* every warehouse first: a half-read picture would announce false zeros */
    isync_stock_totals by_whlo[ISYNC_MAX_STOCK_WAREHOUSES + 2] = {{0}};
    isync_poll_result r = ISYNC_POLL_OK;
    for (int i = 0; i < count && r == ISYNC_POLL_OK; i++) {
        r = list_warehouse(p, m3, cfg, warehouses[i], allocatable, &by_whlo[i]);
        if (r == ISYNC_POLL_OK && available) {
            r = available_quantities(p, m3, cfg, warehouses[i], &by_whlo[i]);
        }
    }
    if (r != ISYNC_POLL_OK) {
        free_totals(by_whlo, count);
        isync_poller_save_state(p);
        return r;
    }
    json_t *saved = isync_poller_section(p, "stock");
    json_t *skus = json_object();
    const char *sku;
    json_t *value;
    for (int i = 0; i < count; i++) {
        for (size_t k = 0; k < by_whlo[i].count; k++) {
            json_object_set(skus, by_whlo[i].items[k].itno, json_true());
        }
    }
    json_object_foreach(saved, sku, value)
    {
        json_object_set(skus, sku, json_true());
    }
    isync_poll_result result = ISYNC_POLL_OK;
    long emitted = 0;
    void *tmp;
    json_object_foreach_safe(skus, tmp, sku, value)
    {
        json_t *per_whlo = json_object(), *per_whlo_text = json_object();
        char total[ISYNC_DECIMAL_TEXT];
        int any = sku_quantities(cfg, by_whlo, warehouses, count, sku, per_whlo, per_whlo_text, total);
        if (any < 0) {
            json_decref(per_whlo);
            json_decref(per_whlo_text);
            result = ISYNC_POLL_FAILED;
            break;
        }
        json_t *now = json_pack("{s:s, s:o}", "quantity", total, "warehouses", per_whlo_text);
        json_t *before = json_object_get(saved, sku);
        if (before && json_equal(before, now)) {
            if (!any && strcmp(total, "0") == 0) {
                json_object_del(saved, sku); /* gone everywhere and announced as 0 */
            }
            json_decref(now);
            json_decref(per_whlo);
            continue;
        }
        if (!before && !any) {
            json_decref(now);
            json_decref(per_whlo);
            continue;
        }
        json_t *payload = json_pack("{s:s, s:o, s:o, s:s, s:s}", "sku", sku, "quantity", quantity_json(total),
                                    "warehouses", per_whlo, "quantity_rule", rule, "mode",
                                    single_mode(cfg) ? "single" : "sum");
        if (!isync_poller_emit(p, "stock.changed", payload)) {
            json_decref(now);
            result = ISYNC_POLL_FAILED;
            break;
        }
        json_decref(payload);
        json_object_set_new(saved, sku, now);
        emitted++;
    }
    json_decref(skus);
    free_totals(by_whlo, count);
    return isync_poller_saved(p, result, "stock", emitted, "stock.changed");
}

/* ---- items ------------------------------------------------------------------ */

static json_t *item_values(json_t *row)
{
    const char *weight = isync_poller_field(row, "GRWE");
    if (isync_decimal_sign(isync_stock_quantity_of(weight)) == 0) {
        weight = isync_poller_field(row, "NEWE");
    }
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "name", isync_poller_field(row, "ITDS"), "description",
                     isync_poller_field(row, "FUDS"), "status", isync_poller_field(row, "STAT"), "weight", weight,
                     "unit", isync_poller_field(row, "UNMS"), "infor_updated_at", isync_poller_field(row, "LMDT"));
}

isync_poll_result isync_poll_items(isync_poller *p, isync_m3_client *m3, const isync_business_config *cfg)
{
    /* ITNO is mandatory even as a start key: "!" sorts before every
     * printable item number (M3 item numbers start with a letter or digit) */
    char from[32] = "!";
    int maxrecs = p->settings.page_size, first = 1;
    long emitted = 0;
    json_t *saved;

    if (isync_poller_is_paused(p)) {
        return ISYNC_POLL_PAUSED;
    }
    saved = isync_poller_section(p, "items");
    for (;;) {
        const char *fields[] = {"ITNO", from, NULL};
        isync_m3_result res;
        isync_m3_outcome outcome = isync_poller_call(p, m3, cfg, "MMS200MI", "LstItmByItm", maxrecs, fields, NULL,
                                                     &res);
        if (outcome != ISYNC_M3_OK) {
            isync_poll_result r = isync_poller_failure(outcome, &res);
            isync_poller_save_state(p);
            return r;
        }
        size_t n = json_array_size(res.records), index, fresh = 0;
        json_t *row;
        json_array_foreach(res.records, index, row)
        {
            const char *itno = isync_poller_field(row, "ITNO");
            if (!*itno || (!first && strcmp(itno, from) <= 0)) {
                continue;
            }
            fresh++;
            json_t *values = item_values(row);
            json_t *before = json_object_get(saved, itno);
            if (before && json_equal(before, values)) {
                json_decref(values);
                continue;
            }
            json_t *payload = json_deep_copy(values);
            json_object_set_new(payload, "sku", json_string(itno));
            json_object_set_new(
                payload, "weight",
                quantity_json(isync_poller_field(values, "weight")[0] ? isync_poller_field(values, "weight") : "0"));
            if (!isync_poller_emit(p, "product.changed", payload)) {
                json_decref(values);
                isync_m3_result_clear(&res);
                isync_poller_save_state(p);
                return ISYNC_POLL_FAILED;
            }
            json_decref(payload);
            json_object_set_new(saved, itno, values);
            emitted++;
        }
        char last[32];
        snprintf(last, sizeof last, "%s", n ? isync_poller_field(json_array_get(res.records, n - 1), "ITNO") : "");
        isync_m3_result_clear(&res);
        if (n < (size_t)maxrecs) {
            break;
        }
        if (fresh == 0) {
            if (maxrecs >= MAX_PAGE) {
                break;
            }
            maxrecs *= 2; /* a page of items already seen: look further */
        } else {
            maxrecs = p->settings.page_size;
        }
        snprintf(from, sizeof from, "%s", last);
        first = 0;
    }
    if (emitted) {
        isync_log(ISYNC_LOG_INFO, "item poll: %ld product.changed event(s)", emitted);
    }
    return isync_poller_save_state(p) == 0 ? ISYNC_POLL_OK : ISYNC_POLL_FAILED;
}

/* ---- scheduling --------------------------------------------------------------- */

typedef isync_poll_result (*poll_fn)(isync_poller *, isync_m3_client *, const isync_business_config *);

static const char *const kind_names[] = {"stock", "shipments", "items"};

static long kind_interval(const isync_poller *p, int k)
{
    long intervals[] = {p->settings.stock_interval_s, p->settings.shipments_interval_s, p->settings.items_interval_s};
    return intervals[k];
}

/* Milliseconds until next (0: now), -1 when next is 0 (nothing to wait for). */
static long wait_for_next(long long next)
{
    if (next == 0) {
        return -1;
    }
    long long wait = next - isync_now_ms();
    return wait > 0 ? (long)wait : 0;
}

long isync_poller_due_in(isync_poller *p)
{
    long long next = 0, until = isync_poller_paused_until(p);
    for (int k = 0; k < 3; k++) {
        if (kind_interval(p, k) <= 0) {
            continue;
        }
        long long at = until > isync_now_ms()
            ? until
            : json_integer_value(json_object_get(isync_poller_section(p, "next"), kind_names[k]));
        next = next == 0 || at < next ? (at > 0 ? at : 1) : next;
    }
    return wait_for_next(next);
}

long isync_poller_run(isync_poller *p, isync_m3_client *m3, const isync_business_config *cfg, const atomic_bool *stop)
{
    static const char *const *names = kind_names;
    static const poll_fn fns[] = {isync_poll_stock, isync_poll_shipments, isync_poll_items};
    long intervals[] = {kind_interval(p, 0), kind_interval(p, 1), kind_interval(p, 2)};
    long long next = 0;
    json_t *due = isync_poller_section(p, "next");

    for (int k = 0; k < 3; k++) {
        if (intervals[k] <= 0) {
            continue;
        }
        long long now = isync_now_ms();
        long long until = isync_poller_paused_until(p);
        long long at = json_integer_value(json_object_get(due, names[k]));
        if (until > now) {
            next = next == 0 || until < next ? until : next;
            continue;
        }
        if (at <= now && m3 && !(stop && *stop)) {
            isync_poll_result r = fns[k](p, m3, cfg);
            now = isync_now_ms();
            if (r == ISYNC_POLL_PAUSED) {
                at = isync_poller_paused_until(p); /* still due: right after the pause */
            } else if (r == ISYNC_POLL_FAILED) {
                at = now + (intervals[k] * 1000 < RETRY_SOON_MS ? intervals[k] * 1000 : RETRY_SOON_MS);
            } else {
                at = now + intervals[k] * 1000;
            }
            json_object_set_new(due, names[k], json_integer(at));
            isync_poller_save_state(p);
        } else if (at <= now) {
            at = now + 1000; /* no connection to Infor yet */
        }
        next = next == 0 || at < next ? at : next;
    }
    return wait_for_next(next);
}
