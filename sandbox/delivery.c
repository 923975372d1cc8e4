/*
 * Error codes: XRE0103 unknown delivery or shipment. Deliveries exist only for shipped
 * orders (control API /_sandbox/ship); they are created picked and shipped at once, PGRS 90.
 */
#include "delivery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "util.h"

#define RORC_CUSTOMER_ORDER "3"
#define DELIVERY_SHIPPED "90"

static const char *const forwarders[][2] = {
    {"UPS", "United Parcel Service"},     {"DHL", "DHL Express"}, {"FEDEX", "FedEx"}, {"DPD", "DPD"},
    {"GLS", "General Logistics Systems"},
};

/* A numeric key as stored: no leading zeros ("0001000001" -> "1000001"). */
static void number_key(const char *in, char *out, size_t n)
{
    snprintf(out, n, "%lu", strtoul(in, NULL, 10));
}

static json_t *record_without_lines(const json_t *rec)
{
    json_t *copy = json_deep_copy(rec);

    json_object_del(copy, "lines");
    return copy;
}

static void get_head(struct mi_call *c)
{
    char dlix[24];
    const json_t *d;

    if (!mi_require(c, "DLIX"))
        return;
    number_key(mi_in(c, "DLIX"), dlix, sizeof dlix);
    d = state_delivery(dlix);
    if (!d) {
        mi_nok(c, "XRE0103", "DLIX", "Delivery number %s does not exist", mi_in(c, "DLIX"));
        return;
    }
    mi_add(c, record_without_lines(d));
}

/* Whether a delivery line passes the RIDL and RIDX filters that were sent. */
static int line_wanted(const struct mi_call *c, const json_t *line)
{
    const char *ridl = mi_in(c, "RIDL"), *ridx = mi_in(c, "RIDX");

    if (*ridl && atol(jstr(line, "RIDL")) != atol(ridl))
        return 0;
    return !*ridx || atol(jstr(line, "RIDX")) == atol(ridx);
}

static void lst_del_ln_by_ord(struct mi_call *c)
{
    const char *rorc = mi_in(c, "RORC");
    size_t i, k;
    json_t *d, *line;

    if (!mi_require(c, "RIDN"))
        return;
    json_array_foreach(state_deliveries(), i, d)
    {
        if (strcmp(jstr(d, "RIDN"), mi_in(c, "RIDN")) != 0 || (*rorc && atol(jstr(d, "RORC")) != atol(rorc)))
            continue;
        json_array_foreach(json_object_get(d, "lines"), k, line) if (line_wanted(c, line))
            mi_add(c, json_deep_copy(line));
    }
}

static void get_shipment(struct mi_call *c)
{
    char conn[24];
    const json_t *s;

    number_key(mi_in(c, "CONN"), conn, sizeof conn);
    s = state_shipment(conn);
    if (!s) {
        mi_nok(c, "XRE0103", "CONN", "Shipment %s does not exist", mi_in(c, "CONN"));
        return;
    }
    mi_add(c, json_deep_copy(s));
}

/* Shipping. */

struct shipping {
    json_t *order; /* the batch order object of the real order */
    const char *etrn, *fwno, *sunm;
    char today[9], time[5];
    json_t *shipment; /* state's */
    json_t *deliveries; /* state's deliveries created for this shipment (counted refs) */
};

static const char *forwarder_name(const char *fwno)
{
    for (size_t i = 0; i < sizeof forwarders / sizeof forwarders[0]; i++)
        if (!strcmp(forwarders[i][0], fwno))
            return forwarders[i][1];
    return fwno;
}

static void set_weight(json_t *rec, const char *field, double v)
{
    char buf[40];

    format_qty(buf, sizeof buf, v);
    jset(rec, field, buf);
}

static void add_weight(json_t *rec, const char *field, double v)
{
    set_weight(rec, field, num_value(jstr(rec, field)) + v);
}

static json_t *new_shipment(struct shipping *s, const char *whlo)
{
    char tx15[16];

    snprintf(tx15, sizeof tx15, "CO %s", jstr(s->order, "ORNR"));
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "CONO", COMPANY, "DIVI", DIVISION,
                     "TX15", tx15, "DSDT", s->today, "DSHM", s->time, "FWNO", s->fwno, "SUNM", s->sunm, "WHLO", whlo,
                     "GRWE", "0", "VOL3", "0", "RGDT", s->today, "LMDT", s->today);
}

static json_t *new_delivery(struct shipping *s, const char *whlo)
{
    const json_t *head = json_object_get(s->order, "eff");
    const json_t *customer = state_customer_record(jstr(head, "CUNO"));
    json_t *d = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "CONO", COMPANY, "RORC",
                          RORC_CUSTOMER_ORDER, "RIDN", jstr(s->order, "ORNR"), "CONN", jstr(s->shipment, "CONN"),
                          "WHLO", whlo, "PGRS", DELIVERY_SHIPPED, "ETRN", s->etrn, "FWNO", s->fwno, "DSDT", s->today,
                          "TRDT", s->today);

    jset(d, "CUOR", jstr(head, "CUOR"));
    jset(d, "CONA", jstr(head, "CUNO"));
    jset(d, "MODL", jstr(head, "MODL"));
    jset(d, "TEDL", jstr(head, "TEDL"));
    jset(d, "CSCD", jstr(customer, "CSCD"));
    jset(d, "PONO", jstr(customer, "PONO"));
    jset(d, "GRW2", "0");
    jset(d, "NEW2", "0");
    jset(d, "RGDT", s->today);
    jset(d, "LMDT", s->today);
    json_object_set_new(d, "lines", json_array());
    return d;
}

/* The delivery of this shipment for warehouse whlo, created on first use. */
static json_t *delivery_for(struct shipping *s, const char *whlo)
{
    size_t i;
    json_t *d;

    json_array_foreach(s->deliveries, i, d) if (!strcmp(jstr(d, "WHLO"), whlo)) return d;
    if (!s->shipment)
        s->shipment = state_add_shipment(new_shipment(s, whlo));
    d = state_add_delivery(new_delivery(s, whlo));
    json_array_append(s->deliveries, d);
    return d;
}

static void add_delivery_line(struct shipping *s, json_t *d, const json_t *eff)
{
    const json_t *item = state_item(jstr(eff, "ITNO"));
    double qty = num_value(jstr(eff, "ORQT"));
    json_t *line = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "DLIX", jstr(d, "DLIX"), "RORC", RORC_CUSTOMER_ORDER, "RIDN",
        jstr(d, "RIDN"), "RIDL", jstr(eff, "PONR"), "RIDX", jstr(eff, "POSX"), "ITNO", jstr(eff, "ITNO"), "FACI",
        jstr(json_object_get(s->order, "eff"), "FACI"), "TRQT", jstr(eff, "ORQT"), "PLQT", jstr(eff, "ORQT"));

    jset(line, "ALUN", *jstr(item, "UNMS") ? jstr(item, "UNMS") : "PCS");
    set_weight(line, "GRWE", qty * num_value(jstr(item, "GRWE")));
    set_weight(line, "NEWE", qty * num_value(jstr(item, "NEWE")));
    jset(line, "RGDT", s->today);
    jset(line, "LMDT", s->today);
    add_weight(d, "GRW2", num_value(jstr(line, "GRWE")));
    add_weight(d, "NEW2", num_value(jstr(line, "NEWE")));
    add_weight(s->shipment, "GRWE", num_value(jstr(line, "GRWE")));
    json_array_append_new(json_object_get(d, "lines"), line);
}

static int line_is_open(const json_t *line)
{
    return strcmp(jstr(line, "ORST"), LINE_DELIVERED) < 0;
}

static void ship_lines(struct shipping *s)
{
    size_t i;
    json_t *line;

    json_array_foreach(json_object_get(s->order, "lines"), i, line)
    {
        const json_t *eff = json_object_get(line, "eff");
        if (!line_is_open(line))
            continue;
        add_delivery_line(s, delivery_for(s, jstr(eff, "WHLO")), eff);
        jset(line, "ORST", LINE_DELIVERED);
    }
}

static json_t *summary(const struct shipping *s)
{
    json_t *dlix = json_array(), *d;
    size_t i;

    json_array_foreach(s->deliveries, i, d) json_array_append_new(dlix, json_string(jstr(d, "DLIX")));
    return json_pack("{s:s, s:s, s:o, s:s, s:s, s:s}", "ORNO", jstr(s->order, "ORNR"), "CONN",
                     jstr(s->shipment, "CONN"), "DLIX", dlix, "ETRN", s->etrn, "FWNO", s->fwno, "SUNM", s->sunm);
}

static int has_open_line(const json_t *order)
{
    size_t i;
    json_t *line;

    json_array_foreach(json_object_get(order, "lines"), i, line) if (line_is_open(line)) return 1;
    return 0;
}

int delivery_ship(const json_t *request, json_t **shipped, char *msg, size_t msg_size)
{
    struct shipping s = {0};

    s.order = state_order(jstr(request, "ORNO"));
    if (!s.order) {
        snprintf(msg, msg_size, "Order number %s does not exist", jstr(request, "ORNO"));
        return 404;
    }
    if (!has_open_line(s.order)) {
        snprintf(msg, msg_size, "Order %s has no open lines to ship", jstr(request, "ORNO"));
        return 409;
    }
    s.etrn = jstr(request, "ETRN");
    s.fwno = jstr(request, "FWNO");
    s.sunm = *jstr(request, "SUNM") ? jstr(request, "SUNM") : forwarder_name(s.fwno);
    today_yyyymmdd(s.today);
    now_hhmm(s.time);
    s.deliveries = json_array();
    ship_lines(&s);
    *shipped = summary(&s);
    json_decref(s.deliveries);
    return 0;
}

static const struct mi_transaction mws410mi[] = {{"GetHead", get_head}};
static const struct mi_transaction mws411mi[] = {{"LstDelLnByOrd", lst_del_ln_by_ord}};
static const struct mi_transaction drs100mi[] = {{"GetShipment", get_shipment}};

mi_fn mws410mi_find(const char *transaction)
{
    return mi_lookup(mws410mi, 1, transaction);
}
mi_fn mws411mi_find(const char *transaction)
{
    return mi_lookup(mws411mi, 1, transaction);
}
mi_fn drs100mi_find(const char *transaction)
{
    return mi_lookup(drs100mi, 1, transaction);
}
