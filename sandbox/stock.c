#include "stock.h"

#include "state.h"
#include "util.h"

json_t *stock_item_record(const json_t *item)
{
    json_t *rec = json_deep_copy(item);

    json_object_del(rec, "SAPR");
    return rec;
}

static void set_qty(json_t *rec, const char *field, double v)
{
    char buf[40];

    format_qty(buf, sizeof buf, v);
    jset(rec, field, buf);
}

/* Fields of the item that the stock transactions repeat on every row. */
static void add_item_fields(json_t *rec, const char *itno)
{
    const json_t *item = state_item(itno);

    jset(rec, "ITDS", jstr(item, "ITDS"));
    jset(rec, "UNMS", jstr(item, "UNMS"));
    jset(rec, "ITGR", jstr(item, "ITGR"));
    jset(rec, "ITTY", jstr(item, "ITTY"));
}

json_t *stock_balance_record(const json_t *balance)
{
    double on_hand = num_value(jstr(balance, "STQT"));
    double allocatable = on_hand - num_value(jstr(balance, "ALQT"));
    const char *whlo = jstr(balance, "WHLO");
    json_t *rec = json_pack("{s:s, s:s, s:s, s:s, s:s}", "CONO", COMPANY, "WHLO", whlo, "ITNO", jstr(balance, "ITNO"),
                            "WHNM", state_warehouse_name(whlo), "FACI", "100");

    add_item_fields(rec, jstr(balance, "ITNO"));
    jset(rec, "STAT", jstr(balance, "STAT"));
    jset(rec, "STQT", jstr(balance, "STQT"));
    jset(rec, "ALQT", jstr(balance, "ALQT"));
    set_qty(rec, "AV01", allocatable);
    set_qty(rec, "AVAL", allocatable);
    set_qty(rec, "AV02", allocatable);
    jset(rec, "WHSL", json_string_value(json_array_get(json_object_get(balance, "locations"), 0)));
    jset(rec, "LMDT", jstr(balance, "LMDT"));
    return rec;
}

static json_t *location_row(const json_t *balance, const char *whsl, double stqt, double alqt)
{
    const char *whlo = jstr(balance, "WHLO");
    json_t *rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "CONO", COMPANY, "WHLO", whlo, "WHNM",
                            state_warehouse_name(whlo), "ITNO", jstr(balance, "ITNO"), "WHSL", whsl, "BANO", "", "CAMU",
                            "");

    add_item_fields(rec, jstr(balance, "ITNO"));
    set_qty(rec, "STQT", stqt);
    set_qty(rec, "ALQT", alqt);
    jset(rec, "STAS", "2"); /* approved */
    jset(rec, "STAT", jstr(balance, "STAT"));
    return rec;
}

json_t *stock_location_rows(const json_t *balance)
{
    const json_t *locations = json_object_get(balance, "locations");
    double stqt = num_value(jstr(balance, "STQT")), alqt = num_value(jstr(balance, "ALQT"));
    double second = json_array_size(locations) > 1 && stqt > 0 ? (double)(long)(stqt / 3) : 0;
    double main_alqt = alqt < stqt - second ? alqt : stqt - second;
    const char *main_whsl = json_string_value(json_array_get(locations, 0));
    const char *second_whsl = json_string_value(json_array_get(locations, 1));
    json_t *rows = json_array();

    json_array_append_new(rows, location_row(balance, main_whsl, stqt - second, main_alqt));
    if (second > 0)
        json_array_append_new(rows, location_row(balance, second_whsl, second, alqt - main_alqt));
    return rows;
}
