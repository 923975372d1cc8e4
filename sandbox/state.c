#include "state.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

static const char *const seed_customers[][2] = {
    {"WEBSHOP", "Web shop sales"},
    {"GUEST", "Guest checkout"},
    {"C10001", "Anna Schmidt"},
    {"C10002", "John Miller"},
};

static const char *const seed_items[][3] = {
    {"TSHIRT-BLK-M", "T-shirt black M", "19.90"},
    {"TSHIRT-WHT-L", "T-shirt white L", "19.90"},
    {"MUG-LOGO", "Mug with logo", "9.50"},
    {"CAP-RED", "Cap red", "14.00"},
    {"SOCKS-3PK", "Socks 3-pack", "12.00"},
    {"HOODIE-GRY-XL", "Hoodie grey XL", "49.00"},
    {"POSTER-A2", "Poster A2", "7.50"},
    {"BOTTLE-500", "Water bottle 500 ml", "15.00"},
};

static const char *const order_types[] = {"DTC", "WEB"};
static const char *const facilities[] = {"100"};
static const char *const warehouses[] = {"100", "200"};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static json_t *customers; /* CUNO -> CUNM */
static json_t *items;     /* ITNO -> {"ITDS", "SAPR"} */
static json_t *batches;   /* batch orders, oldest first */
static unsigned long next_batch, next_order;

void state_lock(void) { pthread_mutex_lock(&mu); }
void state_unlock(void) { pthread_mutex_unlock(&mu); }

void state_add_customer(const char *cuno, const char *cunm)
{
    json_object_set_new(customers, cuno, json_string(cunm));
}

void state_add_item(const char *itno, const char *itds, const char *sapr)
{
    json_object_set_new(items, itno, json_pack("{s:s, s:s}", "ITDS", itds, "SAPR", sapr));
}

static void seed(void)
{
    for (size_t i = 0; i < sizeof seed_customers / sizeof seed_customers[0]; i++)
        state_add_customer(seed_customers[i][0], seed_customers[i][1]);
    for (size_t i = 0; i < sizeof seed_items / sizeof seed_items[0]; i++)
        state_add_item(seed_items[i][0], seed_items[i][1], seed_items[i][2]);
    next_batch = 9000000001UL;
    next_order = 100001UL;
}

void state_init(void)
{
    customers = json_object();
    items = json_object();
    batches = json_array();
    seed();
}

void state_free(void)
{
    json_decref(customers);
    json_decref(items);
    json_decref(batches);
    customers = items = batches = NULL;
}

void state_reset(void)
{
    json_object_clear(customers);
    json_object_clear(items);
    json_array_clear(batches);
    seed();
}

const char *state_customer(const char *cuno)
{
    return json_string_value(json_object_get(customers, cuno));
}

const json_t *state_item(const char *itno)
{
    return json_object_get(items, itno);
}

static int in_list(const char *const *list, size_t n, const char *value)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], value))
            return 1;
    return 0;
}

int state_is_order_type(const char *v) { return in_list(order_types, 2, v); }
int state_is_facility(const char *v) { return in_list(facilities, 1, v); }
int state_is_warehouse(const char *v) { return in_list(warehouses, 2, v); }

json_t *state_batches(void)
{
    return batches;
}

static json_t *find(const char *key, const char *value)
{
    size_t i;
    json_t *b;

    if (!*value)
        return NULL;
    json_array_foreach(batches, i, b)
        if (!strcmp(jstr(b, key), value))
            return b;
    return NULL;
}

json_t *state_batch(const char *orno) { return find("ORNO", orno); }
json_t *state_order(const char *ornr) { return find("ORNR", ornr); }

json_t *state_add_batch(json_t *sent, json_t *eff)
{
    char orno[24];
    json_t *b;

    snprintf(orno, sizeof orno, "%lu", next_batch++);
    b = json_pack("{s:s, s:s, s:s, s:o, s:o, s:[], s:i}", "ORNO", orno, "STAT", "10",
                  "ORNR", "", "sent", sent, "eff", eff, "lines", "next_ponr", 1);
    json_array_append_new(batches, b);
    return b;
}

void state_delete_batch(const char *orno)
{
    size_t i;
    json_t *b;

    json_array_foreach(batches, i, b) {
        if (!strcmp(jstr(b, "ORNO"), orno)) {
            json_array_remove(batches, i);
            return;
        }
    }
}

const char *state_confirm(json_t *batch)
{
    char ornr[24];

    snprintf(ornr, sizeof ornr, "%010lu", next_order++);
    json_object_set_new(batch, "ORNR", json_string(ornr));
    json_object_set_new(batch, "STAT", json_string("90"));
    return jstr(batch, "ORNR");
}
