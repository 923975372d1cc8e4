#include "state.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define SEED_DATE "20240115"
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const char *cuno, *cunm, *cua1, *pono, *town, *cscd, *mail, *phno;
} seed_customers[] = {
    {"WEBSHOP", "Web shop sales", "Hauptstrasse 1", "10115", "Berlin", "DE", "webshop@example.com", "+49 30 1234567"},
    {"GUEST", "Guest checkout", "Hauptstrasse 1", "10115", "Berlin", "DE", "guest@example.com", ""},
    {"C10001", "Anna Schmidt", "Lindenallee 12", "80331", "Muenchen", "DE", "anna.schmidt@example.com",
     "+49 89 555123"},
    {"C10002", "John Miller", "221 Baker Street", "NW1 6XE", "London", "GB", "john.miller@example.com",
     "+44 20 7946 0000"},
};

/* Customer templates: the fields a new customer gets when they are not sent. */
static const struct {
    const char *cutm, *lncd, *cucd, *ortp, *tepy, *modl;
} templates[] = {
    {"TEMPLATE", "GB", "EUR", "DTC", "30", "UPS"},
    {"WEBTMPL", "GB", "EUR", "WEB", "PP", "UPS"},
};

static const struct {
    const char *itno, *itds, *fuds, *sapr, *itgr, *grwe, *newe, *lmdt;
} seed_items[] = {
    {"TSHIRT-BLK-M", "T-shirt black M", "T-shirt black, size M, cotton", "19.90", "APPAREL", "0.22", "0.2", "20240301"},
    {"TSHIRT-WHT-L", "T-shirt white L", "T-shirt white, size L, cotton", "19.90", "APPAREL", "0.24", "0.22",
     "20240301"},
    {"MUG-LOGO", "Mug with logo", "Ceramic mug with logo, 300 ml", "9.50", "KITCHEN", "0.45", "0.35", "20240212"},
    {"CAP-RED", "Cap red", "Baseball cap red, one size", "14.00", "APPAREL", "0.12", "0.1", "20240301"},
    {"SOCKS-3PK", "Socks 3-pack", "Socks, 3 pairs, size 39-42", "12.00", "APPAREL", "0.15", "0.13", "20240118"},
    {"HOODIE-GRY-XL", "Hoodie grey XL", "Hooded sweatshirt grey, size XL", "49.00", "APPAREL", "0.8", "0.75",
     "20240305"},
    {"POSTER-A2", "Poster A2", "Poster A2, matt paper, rolled", "7.50", "PRINT", "0.2", "0.15", "20231120"},
    {"BOTTLE-500", "Water bottle 500 ml", "Stainless steel water bottle 500 ml", "15.00", "KITCHEN", "0.35", "0.3",
     "20240220"},
};

/* Stock: on hand, allocated, main location and an optional second location. */
static const struct {
    const char *whlo, *itno, *stqt, *alqt, *whsl, *whsl2;
} seed_stock[] = {
    {"100", "TSHIRT-BLK-M", "120", "8", "A-01-01", "B-05-02"},
    {"100", "TSHIRT-WHT-L", "85", "0", "A-01-02", NULL},
    {"100", "MUG-LOGO", "40", "5", "A-02-01", "B-05-03"},
    {"100", "CAP-RED", "60", "0", "A-02-02", NULL},
    {"100", "SOCKS-3PK", "200", "12", "A-03-01", "B-06-01"},
    {"100", "HOODIE-GRY-XL", "25", "2", "A-03-02", NULL},
    {"100", "POSTER-A2", "150", "0", "A-04-01", NULL},
    {"100", "BOTTLE-500", "0", "0", "A-04-02", NULL},
    {"200", "TSHIRT-BLK-M", "30", "0", "R1-01", NULL},
    {"200", "TSHIRT-WHT-L", "12", "1", "R1-02", NULL},
    {"200", "MUG-LOGO", "18", "0", "R2-01", NULL},
    {"200", "CAP-RED", "7", "0", "R2-02", NULL},
    {"200", "SOCKS-3PK", "45", "3", "R3-01", "R9-01"},
    {"200", "HOODIE-GRY-XL", "4", "0", "R3-02", NULL},
    {"200", "POSTER-A2", "0", "0", "R4-01", NULL},
    {"200", "BOTTLE-500", "60", "6", "R4-02", "R9-02"},
};

static const char *const order_types[] = {"DTC", "WEB"};
static const char *const facilities[] = {"100"};
static const char *const warehouses[][2] = {{"100", "Main warehouse"}, {"200", "Outlet warehouse"}};
static const char *const cash_desks[] = {"CD1"};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static json_t *customers; /* CUNO -> record */
static json_t *items; /* ITNO -> record */
static json_t *balances; /* item-warehouse balances, by WHLO, ITNO */
static json_t *batches; /* batch orders, oldest first */
static json_t *batch_by_orno; /* ORNO -> batch: an index of batches */
static json_t *batch_by_ornr; /* ORNR -> batch, once confirmed */
static json_t *deliveries; /* oldest first */
static json_t *shipments; /* oldest first */
static json_t *payments; /* oldest first */
static json_t *gl_batches; /* oldest first */
static unsigned long next_batch, next_order, next_dlix, next_conn;

void state_lock(void)
{
    pthread_mutex_lock(&mu);
}
void state_unlock(void)
{
    pthread_mutex_unlock(&mu);
}

static void set_default(json_t *obj, const char *field, const char *value)
{
    if (!*jstr(obj, field))
        jset(obj, field, value);
}

json_t *state_add_customer(const char *cuno, json_t *fields)
{
    char today[9];

    today_yyyymmdd(today);
    jset(fields, "CUNO", cuno);
    set_default(fields, "CONO", COMPANY);
    set_default(fields, "STAT", "20");
    set_default(fields, "RGDT", today);
    set_default(fields, "LMDT", today);
    json_object_set_new(customers, cuno, fields);
    return fields;
}

void state_add_item(const char *itno, const char *itds, const char *sapr)
{
    char today[9];

    today_yyyymmdd(today);
    json_object_set_new(items, itno,
                        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "STAT", "20", "ITNO",
                                  itno, "ITDS", itds, "FUDS", itds, "UNMS", "PCS", "ITGR", "MISC", "ITTY", "FIN",
                                  "GRWE", "0.5", "NEWE", "0.5", "LMDT", today, "SAPR", sapr, "SPUN", "PCS"));
}

static void seed_customer_records(void)
{
    for (size_t i = 0; i < COUNT(seed_customers); i++) {
        json_t *rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "CUNM",
                                seed_customers[i].cunm, "CUA1", seed_customers[i].cua1, "PONO", seed_customers[i].pono,
                                "TOWN", seed_customers[i].town, "CSCD", seed_customers[i].cscd, "MAIL",
                                seed_customers[i].mail, "PHNO", seed_customers[i].phno, "LNCD", "GB", "CUCD", "EUR",
                                "RGDT", SEED_DATE, "LMDT", SEED_DATE);
        state_add_customer(seed_customers[i].cuno, rec);
    }
}

static void seed_item_records(void)
{
    for (size_t i = 0; i < COUNT(seed_items); i++) {
        json_t *rec;
        state_add_item(seed_items[i].itno, seed_items[i].itds, seed_items[i].sapr);
        rec = state_item(seed_items[i].itno);
        jset(rec, "FUDS", seed_items[i].fuds);
        jset(rec, "ITGR", seed_items[i].itgr);
        jset(rec, "GRWE", seed_items[i].grwe);
        jset(rec, "NEWE", seed_items[i].newe);
        jset(rec, "LMDT", seed_items[i].lmdt);
    }
}

/* <0, 0, >0 as balance b sorts before, at or after whlo/itno. */
static int balance_cmp(const json_t *b, const char *whlo, const char *itno)
{
    int c = strcmp(jstr(b, "WHLO"), whlo);

    return c ? c : strcmp(jstr(b, "ITNO"), itno);
}

static json_t *new_balance(const char *whlo, const char *itno, const char *whsl, const char *whsl2)
{
    json_t *locations = json_pack("[s]", whsl);

    if (whsl2)
        json_array_append_new(locations, json_string(whsl2));
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "WHLO", whlo, "ITNO", itno, "STAT", "20", "STQT", "0",
                     "ALQT", "0", "LMDT", SEED_DATE, "locations", locations);
}

size_t state_balance_from(const char *whlo, const char *itno)
{
    size_t lo = 0, hi = json_array_size(balances);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (balance_cmp(json_array_get(balances, mid), whlo, itno) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Inserts a new balance (stolen) at its WHLO, ITNO place. */
static json_t *insert_balance(json_t *b)
{
    json_array_insert_new(balances, state_balance_from(jstr(b, "WHLO"), jstr(b, "ITNO")), b);
    return b;
}

static void seed_stock_records(void)
{
    for (size_t i = 0; i < COUNT(seed_stock); i++) {
        json_t *b = new_balance(seed_stock[i].whlo, seed_stock[i].itno, seed_stock[i].whsl, seed_stock[i].whsl2);
        jset(b, "STQT", seed_stock[i].stqt);
        jset(b, "ALQT", seed_stock[i].alqt);
        insert_balance(b);
    }
}

static void seed(void)
{
    seed_customer_records();
    seed_item_records();
    seed_stock_records();
    next_batch = 9000000001UL;
    next_order = 100001UL;
    next_dlix = 1000001UL;
    next_conn = 2000001UL;
}

static json_t **const containers[] = {&customers,  &items,     &balances, &batches,
                                      &deliveries, &shipments, &payments, &gl_batches};

void state_init(void)
{
    customers = json_object();
    items = json_object();
    balances = json_array();
    batches = json_array();
    batch_by_orno = json_object();
    batch_by_ornr = json_object();
    deliveries = json_array();
    shipments = json_array();
    payments = json_array();
    gl_batches = json_array();
    seed();
}

void state_free(void)
{
    json_decref(batch_by_orno);
    json_decref(batch_by_ornr);
    batch_by_orno = batch_by_ornr = NULL;
    for (size_t i = 0; i < COUNT(containers); i++) {
        json_decref(*containers[i]);
        *containers[i] = NULL;
    }
}

void state_reset(void)
{
    for (size_t i = 0; i < COUNT(containers); i++) {
        if (json_is_object(*containers[i]))
            json_object_clear(*containers[i]);
        else
            json_array_clear(*containers[i]);
    }
    json_object_clear(batch_by_orno);
    json_object_clear(batch_by_ornr);
    seed();
}

const char *state_customer(const char *cuno)
{
    json_t *rec = state_customer_record(cuno);

    return rec ? jstr(rec, "CUNM") : NULL;
}

json_t *state_customer_record(const char *cuno)
{
    return json_object_get(customers, cuno);
}
json_t *state_customers(void)
{
    return customers;
}

json_t *state_customer_template(const char *cutm)
{
    for (size_t i = 0; i < COUNT(templates); i++)
        if (!strcmp(templates[i].cutm, cutm))
            return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "CUTP", "0", "LNCD", templates[i].lncd, "CUCD",
                             templates[i].cucd, "ORTP", templates[i].ortp, "TEPY", templates[i].tepy, "MODL",
                             templates[i].modl, "WHLO", "100");
    return NULL;
}

void state_next_customer_number(char *out)
{
    for (unsigned long n = 10100;; n++) {
        snprintf(out, 16, "C%lu", n);
        if (!state_customer_record(out))
            return;
    }
}

json_t *state_item(const char *itno)
{
    return json_object_get(items, itno);
}
json_t *state_items(void)
{
    return items;
}

static int in_list(const char *const *list, size_t n, const char *value)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], value))
            return 1;
    return 0;
}

int state_is_order_type(const char *v)
{
    return in_list(order_types, COUNT(order_types), v);
}
int state_is_facility(const char *v)
{
    return in_list(facilities, COUNT(facilities), v);
}
int state_is_cash_desk(const char *v)
{
    return in_list(cash_desks, COUNT(cash_desks), v);
}
int state_is_warehouse(const char *v)
{
    return *state_warehouse_name(v) != '\0';
}

const char *state_warehouse_name(const char *whlo)
{
    for (size_t i = 0; i < COUNT(warehouses); i++)
        if (!strcmp(warehouses[i][0], whlo))
            return warehouses[i][1];
    return "";
}

json_t *state_balances(void)
{
    return balances;
}

json_t *state_balance(const char *whlo, const char *itno)
{
    json_t *b = json_array_get(balances, state_balance_from(whlo, itno));

    return b && !balance_cmp(b, whlo, itno) ? b : NULL;
}

json_t *state_set_balance(const char *whlo, const char *itno, const char *stqt, const char *alqt)
{
    json_t *b = state_balance(whlo, itno);
    char today[9];

    if (!b)
        b = insert_balance(new_balance(whlo, itno, "DEFAULT", NULL));
    today_yyyymmdd(today);
    jset(b, "STQT", stqt);
    jset(b, "ALQT", alqt);
    jset(b, "LMDT", today);
    return b;
}

json_t *state_batches(void)
{
    return batches;
}

static json_t *find_in(json_t *list, const char *key, const char *value)
{
    size_t i;
    json_t *rec;

    if (!*value)
        return NULL;
    json_array_foreach(list, i, rec) if (!strcmp(jstr(rec, key), value)) return rec;
    return NULL;
}

int state_is_live_order(const json_t *b)
{
    return *jstr(b, "ORNR") && !json_is_true(json_object_get(b, "DELETED"));
}

json_t *state_batch(const char *orno)
{
    return json_object_get(batch_by_orno, orno);
}

json_t *state_order(const char *ornr)
{
    json_t *b = json_object_get(batch_by_ornr, ornr);

    return b && state_is_live_order(b) ? b : NULL;
}

json_t *state_add_batch(json_t *sent, json_t *eff)
{
    char orno[24];
    json_t *b;

    snprintf(orno, sizeof orno, "%lu", next_batch++);
    b = json_pack("{s:s, s:s, s:s, s:o, s:o, s:[], s:[], s:i}", "ORNO", orno, "STAT", "10", "ORNR", "", "sent", sent,
                  "eff", eff, "lines", "addresses", "next_ponr", 1);
    json_array_append_new(batches, b);
    json_object_set(batch_by_orno, orno, b);
    return b;
}

void state_delete_batch(const char *orno)
{
    size_t i;
    json_t *b;

    json_array_foreach(batches, i, b)
    {
        if (!strcmp(jstr(b, "ORNO"), orno)) {
            if (*jstr(b, "ORNR"))
                json_object_del(batch_by_ornr, jstr(b, "ORNR"));
            json_object_del(batch_by_orno, orno);
            json_array_remove(batches, i);
            return;
        }
    }
}

const char *state_confirm(json_t *batch)
{
    char ornr[24];
    size_t i;
    json_t *line;

    snprintf(ornr, sizeof ornr, "%010lu", next_order++);
    jset(batch, "ORNR", ornr);
    json_object_set(batch_by_ornr, ornr, batch);
    jset(batch, "STAT", "90");
    json_array_foreach(json_object_get(batch, "lines"), i, line) jset(line, "ORST", LINE_ALLOCATED);
    return jstr(batch, "ORNR");
}

/* The batch order stays (GetOrderNo still answers); the real order is gone. */
void state_delete_order(json_t *order)
{
    json_object_set_new(order, "DELETED", json_true());
}

json_t *state_deliveries(void)
{
    return deliveries;
}
json_t *state_delivery(const char *dlix)
{
    return find_in(deliveries, "DLIX", dlix);
}
json_t *state_shipments(void)
{
    return shipments;
}
json_t *state_shipment(const char *conn)
{
    return find_in(shipments, "CONN", conn);
}

static json_t *append_numbered(json_t *list, json_t *rec, const char *key, unsigned long *next)
{
    char number[24];

    snprintf(number, sizeof number, "%lu", (*next)++);
    jset(rec, key, number);
    json_array_append_new(list, rec);
    return rec;
}

json_t *state_add_delivery(json_t *rec)
{
    return append_numbered(deliveries, rec, "DLIX", &next_dlix);
}

json_t *state_add_shipment(json_t *rec)
{
    return append_numbered(shipments, rec, "CONN", &next_conn);
}

json_t *state_payments(void)
{
    return payments;
}
json_t *state_gl_batches(void)
{
    return gl_batches;
}
json_t *state_gl_batch(const char *key1)
{
    return find_in(gl_batches, "KEY1", key1);
}
