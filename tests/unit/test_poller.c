/* The inbound pollers (poller.c) against scripted Infor answers: which
 * calls they make, which inbound events come out, what the state keeps. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "worker/business_config.h"
#include "inbound/inbound.h"
#include "infor/m3.h"
#include "connectors/order_index.h"
#include "inbound/poller.h"
#include "queue/spool.h"
#include "stub_server.h"

#define TOKEN "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":7200}"
#define V2_OK(transaction, records)                                                                                    \
    "{\"results\":[{\"transaction\":\"" transaction "\",\"records\":[" records "]}],"                                  \
    "\"wasTerminated\":false,\"nrOfSuccessfullTransactions\":1,\"nrOfFailedTransactions\":0}"
#define OK(body)                                                                                                       \
    {                                                                                                                  \
        200, NULL, body, 0                                                                                             \
    }
#define ROW(whlo, itno, whsl, stqt, alqt)                                                                              \
    "{\"WHLO\":\"" whlo "\",\"ITNO\":\"" itno "\",\"WHSL\":\"" whsl "\",\"STQT\":\"" stqt "\",\"ALQT\":\"" alqt "\"}"

static const canned_response token = {200, NULL, TOKEN, 0};

typedef struct {
    char root[64];
    isync_spool spool;
    fixture f;
    isync_poller *poller;
    isync_business_config cfg;
} env;

static void env_open(env *e, const canned_response *script, int count, int page_size)
{
    char dir[96];
    memset(e, 0, sizeof *e);
    snprintf(e->root, sizeof e->root, "/tmp/isync_poll_XXXXXX");
    assert_non_null(mkdtemp(e->root));
    snprintf(dir, sizeof dir, "%s/spool", e->root);
    assert_int_equal(isync_spool_open(&e->spool, dir, 0, NULL), ISYNC_OK);
    start_server(script, count);
    fixture_open(&e->f, server.port, ISYNC_GRANT_CLIENT_CREDENTIALS);
    isync_poll_settings settings = {60, 60, 60, page_size};
    e->poller = isync_poller_new(&e->spool, &settings);
    e->cfg = (isync_business_config){.cono = 100, .divi = "AAA", .warehouse = "W1"};
}

static void env_close(env *e)
{
    char cmd[128];
    isync_poller_free(e->poller);
    fixture_close(&e->f);
    isync_spool_close(&e->spool);
    snprintf(cmd, sizeof cmd, "rm -rf %s", e->root);
    assert_int_equal(system(cmd), 0);
}

static void warehouses(isync_business_config *cfg, const char *a, const char *b)
{
    snprintf(cfg->stock_warehouses[0], 4, "%s", a);
    snprintf(cfg->stock_warehouses[1], 4, "%s", b);
    cfg->stock_warehouse_count = 2;
}

/* Every inbound event's payload, oldest first, acknowledged (so the next call sees only new ones). */
static json_t *take_events(env *e, const char *type)
{
    json_t *events = NULL, *out = json_array(), *event;
    size_t index;
    assert_int_equal(isync_inbound_fetch(&e->spool, 1000, NULL, &events, NULL), ISYNC_OK);
    json_array_foreach(events, index, event)
    {
        const char *id = json_string_value(json_object_get(event, "id"));
        if (!type || strcmp(json_string_value(json_object_get(event, "type")), type) == 0) {
            json_array_append(out, json_object_get(event, "payload"));
        }
        isync_inbound_ack(&e->spool, &id, 1);
    }
    json_decref(events);
    return out;
}

static json_t *by_sku(json_t *events, const char *sku)
{
    size_t index;
    json_t *event;
    json_array_foreach(events, index, event)
    {
        if (strcmp(json_string_value(json_object_get(event, "sku")), sku) == 0) {
            return event;
        }
    }
    fail_msg("no event for %s", sku);
    return NULL;
}

static void assert_json(json_t *value, const char *expected)
{
    json_t *want = json_loads(expected, JSON_DECODE_ANY, NULL);
    assert_non_null(want);
    if (!json_equal(value, want)) {
        char *got = json_dumps(value, JSON_SORT_KEYS);
        print_message("got      %s\nexpected %s\n", got, expected);
        free(got);
    }
    assert_true(json_equal(value, want));
    json_decref(want);
}

static int request_has(int index, const char *text)
{
    return strstr(server.requests[index], text) != NULL;
}

/* ---- stock ------------------------------------------------------------------ */

#define W1_LIST                                                                                                        \
    OK(V2_OK("List",                                                                                                   \
             ROW("W1", "ITEM-A", "A1", "5", "1") "," ROW("W1", "ITEM-A", "A2", "3", "0") "," ROW("W1", "ITEM-B", "B1", \
                                                                                                 "1", "1")))
#define W2_LIST OK(V2_OK("List", ROW("W2", "ITEM-A", "X1", "2.5", "2")))

static void test_stock_sum_of_two_warehouses_then_unchanged(void **state)
{
    env e;
    const canned_response script[] = {token, W1_LIST, W2_LIST, W1_LIST, W2_LIST};
    env_open(&e, script, 5, 100);
    warehouses(&e.cfg, "W1", "W2");

    assert_int_equal(isync_poll_stock(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    json_t *events = take_events(&e, "stock.changed");
    assert_int_equal(json_array_size(events), 2);
    assert_json(by_sku(events, "ITEM-A"),
                "{\"sku\":\"ITEM-A\",\"quantity\":10.5,\"warehouses\":{\"W1\":8,\"W2\":2.5},"
                "\"quantity_rule\":\"on_hand\",\"mode\":\"sum\"}");
    assert_json(by_sku(events, "ITEM-B"),
                "{\"sku\":\"ITEM-B\",\"quantity\":1,\"warehouses\":{\"W1\":1,\"W2\":0},"
                "\"quantity_rule\":\"on_hand\",\"mode\":\"sum\"}");
    json_decref(events);
    assert_true(request_has(1, "/MMS060MI/List;cono=100;divi=AAA;maxrecs=100;returncols=ITNO,STQT,ALQT?WHLO=W1 "));
    assert_true(request_has(2, "WHLO=W2 "));

    /* same answers again: nothing to tell */
    assert_int_equal(isync_poll_stock(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    events = take_events(&e, NULL);
    assert_int_equal(json_array_size(events), 0);
    json_decref(events);
    stop_server();
    assert_int_equal(server.request_count, 5);
    env_close(&e);
}

static void test_stock_allocatable_single_warehouse(void **state)
{
    env e;
    const canned_response script[] = {token, W1_LIST, W2_LIST};
    env_open(&e, script, 3, 100);
    warehouses(&e.cfg, "W1", "W2");
    snprintf(e.cfg.stock_quantity, sizeof e.cfg.stock_quantity, "allocatable");
    snprintf(e.cfg.stock_mode, sizeof e.cfg.stock_mode, "single");
    snprintf(e.cfg.stock_warehouse, sizeof e.cfg.stock_warehouse, "W1");

    assert_int_equal(isync_poll_stock(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    json_t *events = take_events(&e, "stock.changed");
    assert_int_equal(json_array_size(events), 2);
    assert_json(by_sku(events, "ITEM-A"),
                "{\"sku\":\"ITEM-A\",\"quantity\":7,\"warehouses\":{\"W1\":7,\"W2\":0.5},"
                "\"quantity_rule\":\"allocatable\",\"mode\":\"single\"}");
    assert_json(by_sku(events, "ITEM-B"),
                "{\"sku\":\"ITEM-B\",\"quantity\":0,\"warehouses\":{\"W1\":0,\"W2\":0},"
                "\"quantity_rule\":\"allocatable\",\"mode\":\"single\"}");
    json_decref(events);
    env_close(&e);
}

static void test_stock_available_asks_each_balance(void **state)
{
    env e;
    const canned_response script[] = {
        token,
        OK(V2_OK("List", ROW("W1", "ITEM-A", "A1", "5", "1") "," ROW("W1", "ITEM-B", "B1", "4", "0"))),
        OK(V2_OK("GetItmWhsBal", "{\"WHLO\":\"W1\",\"ITNO\":\"ITEM-A\",\"STQT\":\"5\",\"AV02\":\"2\"}")),
        OK(V2_OK("GetItmWhsBal", "{\"WHLO\":\"W1\",\"ITNO\":\"ITEM-B\",\"STQT\":\"4\",\"AV02\":\"3.25\"}")),
    };
    env_open(&e, script, 4, 100);
    snprintf(e.cfg.stock_quantity, sizeof e.cfg.stock_quantity, "available");

    assert_int_equal(isync_poll_stock(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    json_t *events = take_events(&e, "stock.changed");
    assert_int_equal(json_array_size(events), 2);
    assert_json(json_object_get(by_sku(events, "ITEM-A"), "warehouses"), "{\"W1\":2}");
    assert_json(json_object_get(by_sku(events, "ITEM-B"), "quantity"), "3.25");
    json_decref(events);
    stop_server();
    assert_true(request_has(2, "/MMS200MI/GetItmWhsBal;cono=100;divi=AAA?WHLO=W1&ITNO=ITEM-A "));
    assert_true(request_has(3, "ITNO=ITEM-B "));
    env_close(&e);
}

/* maxrecs=3: a page ends inside ITEM-B's locations; the next page starts at
 * ITEM-B and counts all of its rows once. */
static void test_stock_paging_across_an_item(void **state)
{
    env e;
    const canned_response script[] = {
        token,
        OK(V2_OK("List",
                 ROW("W1", "ITEM-A", "A1", "1", "0") "," ROW("W1", "ITEM-B", "B1", "2", "0") "," ROW("W1", "ITEM-B",
                                                                                                     "B2", "3", "0"))),
        OK(V2_OK("List",
                 ROW("W1", "ITEM-B", "B1", "2", "0") "," ROW("W1", "ITEM-B", "B2", "3", "0") "," ROW("W1", "ITEM-B",
                                                                                                     "B3", "4", "0"))),
        /* one item fills the page: asked again with maxrecs=6 */
        OK(V2_OK("List",
                 ROW("W1", "ITEM-B", "B1", "2", "0") "," ROW("W1", "ITEM-B", "B2", "3", "0") "," ROW(
                     "W1", "ITEM-B", "B3", "4", "0") "," ROW("W1", "ITEM-C", "C1", "7", "0"))),
    };
    env_open(&e, script, 4, 3);

    assert_int_equal(isync_poll_stock(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    json_t *events = take_events(&e, "stock.changed");
    assert_int_equal(json_array_size(events), 3);
    assert_json(json_object_get(by_sku(events, "ITEM-A"), "quantity"), "1");
    assert_json(json_object_get(by_sku(events, "ITEM-B"), "quantity"), "9");
    assert_json(json_object_get(by_sku(events, "ITEM-C"), "quantity"), "7");
    json_decref(events);
    stop_server();
    assert_int_equal(server.request_count, 4);
    assert_true(request_has(1, ";maxrecs=3;returncols=ITNO,STQT,ALQT?WHLO=W1 "));
    assert_true(request_has(2, ";maxrecs=3;returncols=ITNO,STQT,ALQT?WHLO=W1&ITNO=ITEM-B "));
    assert_true(request_has(3, ";maxrecs=6;returncols=ITNO,STQT,ALQT?WHLO=W1&ITNO=ITEM-B "));
    env_close(&e);
}

static void test_stock_gone_goes_to_zero_once(void **state)
{
    env e;
    const canned_response script[] = {
        token,
        OK(V2_OK("List", ROW("W1", "ITEM-A", "A1", "5", "0"))),
        OK(V2_OK("List", "")),
        OK(V2_OK("List", "")),
    };
    env_open(&e, script, 4, 100);
    assert_int_equal(isync_poll_stock(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    json_decref(take_events(&e, NULL));
    assert_int_equal(isync_poll_stock(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    json_t *events = take_events(&e, "stock.changed");
    assert_int_equal(json_array_size(events), 1);
    assert_json(json_object_get(by_sku(events, "ITEM-A"), "quantity"), "0");
    json_decref(events);
    assert_int_equal(isync_poll_stock(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    events = take_events(&e, NULL);
    assert_int_equal(json_array_size(events), 0);
    json_decref(events);
    env_close(&e);
}

static long long wall_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * 1000LL + tv.tv_usec / 1000;
}

static void test_429_pauses_every_kind(void **state)
{
    env e;
    const canned_response script[] = {
        token,
        {429, "Retry-After: 1\r\n", "{\"error\":\"quota\"}", 0},
        OK(V2_OK("List", ROW("W1", "ITEM-A", "A1", "5", "0"))),
    };
    env_open(&e, script, 3, 100);

    long long before = wall_ms();
    assert_int_equal(isync_poll_stock(e.poller, e.f.client, &e.cfg), ISYNC_POLL_PAUSED);
    long long until = isync_poller_paused_until(e.poller);
    assert_true(until >= before + 1000 && until <= wall_ms() + 1100);
    /* no call at all while paused, whatever the kind */
    assert_int_equal(isync_poll_stock(e.poller, e.f.client, &e.cfg), ISYNC_POLL_PAUSED);
    assert_int_equal(isync_poll_items(e.poller, e.f.client, &e.cfg), ISYNC_POLL_PAUSED);
    assert_int_equal(isync_poll_shipments(e.poller, e.f.client, &e.cfg), ISYNC_POLL_PAUSED);
    long wait = isync_poller_run(e.poller, e.f.client, &e.cfg, NULL);
    assert_true(wait > 0 && wait <= 1100);
    pthread_mutex_lock(&server.lock);
    assert_int_equal(server.request_count, 2);
    pthread_mutex_unlock(&server.lock);
    json_t *events = take_events(&e, NULL);
    assert_int_equal(json_array_size(events), 0);
    json_decref(events);

    /* the pause is saved: a new poller (another leader) waits too */
    isync_poll_settings settings = {60, 0, 0, 100};
    isync_poller *other = isync_poller_new(&e.spool, &settings);
    assert_true(isync_poller_paused_until(other) == until);
    isync_poller_free(other);

    while (wall_ms() < until + 5) {
        usleep(20000);
    }
    assert_int_equal(isync_poll_stock(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    events = take_events(&e, "stock.changed");
    assert_int_equal(json_array_size(events), 1);
    json_decref(events);
    env_close(&e);
}

/* ---- items ------------------------------------------------------------------ */

#define ITEM(itno, itds, lmdt)                                                                                         \
    "{\"ITNO\":\"" itno "\",\"ITDS\":\"" itds "\",\"FUDS\":\"Long " itds "\",\"STAT\":\"20\","                         \
    "\"GRWE\":\"0.75\",\"NEWE\":\"0.5\",\"UNMS\":\"PCS\",\"LMDT\":\"" lmdt "\"}"

static void test_items_first_run_then_rename(void **state)
{
    env e;
    const canned_response script[] = {
        token,
        OK(V2_OK("LstItmByItm", ITEM("ITEM-A", "Mug", "20260101") "," ITEM("ITEM-B", "Cap", "20260101"))),
        OK(V2_OK("LstItmByItm", ITEM("ITEM-B", "Cap", "20260101") "," ITEM("ITEM-C", "Hat", "20260101"))),
        OK(V2_OK("LstItmByItm", ITEM("ITEM-C", "Hat", "20260101"))),
        /* second run: ITEM-B renamed */
        OK(V2_OK("LstItmByItm", ITEM("ITEM-A", "Mug", "20260101") "," ITEM("ITEM-B", "Red cap", "20260202"))),
        OK(V2_OK("LstItmByItm", ITEM("ITEM-B", "Red cap", "20260202") "," ITEM("ITEM-C", "Hat", "20260101"))),
        OK(V2_OK("LstItmByItm", ITEM("ITEM-C", "Hat", "20260101"))),
    };
    env_open(&e, script, 7, 2);

    assert_int_equal(isync_poll_items(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    json_t *events = take_events(&e, "product.changed");
    assert_int_equal(json_array_size(events), 3);
    assert_json(by_sku(events, "ITEM-A"),
                "{\"sku\":\"ITEM-A\",\"name\":\"Mug\",\"description\":\"Long Mug\",\"status\":\"20\","
                "\"weight\":0.75,\"unit\":\"PCS\",\"infor_updated_at\":\"20260101\"}");
    json_decref(events);

    assert_int_equal(isync_poll_items(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    events = take_events(&e, NULL);
    assert_int_equal(json_array_size(events), 1);
    assert_json(json_object_get(by_sku(events, "ITEM-B"), "name"), "\"Red cap\"");
    json_decref(events);
    stop_server();
    assert_true(request_has(1, "/MMS200MI/LstItmByItm;cono=100;divi=AAA;maxrecs=2?ITNO=%21 "));
    assert_true(request_has(2, "?ITNO=ITEM-B "));
    assert_true(request_has(3, "?ITNO=ITEM-C "));
    env_close(&e);
}

/* ---- shipments ---------------------------------------------------------------- */

static void put_order(env *e, const char *number, const char *orno)
{
    json_t *info = json_pack("{s:s, s:s, s:s, s:s, s:i, s:b}", "order_number", number, "orno", orno, "batch_orno",
                             "9000000001", "cuno", "CUST01", "delivered_at", 1, "shipped", 0);
    assert_int_equal(isync_order_index_put(&e->spool, info, NULL), ISYNC_OK);
    json_decref(info);
}

static void test_shipment_chain(void **state)
{
    env e;
    const canned_response script[] = {
        token,
        /* first run: not shipped yet */
        OK(V2_OK("GetHead", "{\"ORNO\":\"1000000123\",\"ORST\":\"22\",\"ORSL\":\"22\"}")),
        OK(V2_OK("LstDelLnByOrd", "")),
        /* second run: shipped */
        OK(V2_OK("GetHead", "{\"ORNO\":\"1000000123\",\"ORST\":\"77\",\"ORSL\":\"77\"}")),
        OK(V2_OK("LstDelLnByOrd", "{\"DLIX\":\"5001\",\"RIDL\":\"1\"},{\"DLIX\":\"5001\",\"RIDL\":\"2\"}")),
        OK(V2_OK("GetHead",
                 "{\"DLIX\":\"5001\",\"PGRS\":\"90\",\"CONN\":\"7001\",\"ETRN\":\"1Z999\","
                 "\"FWNO\":\"UPS\",\"DSDT\":\"20261201\"}")),
        OK(V2_OK("GetShipment", "{\"CONN\":\"7001\",\"FWNO\":\"UPS\",\"SUNM\":\"United Parcel Service\"}")),
    };
    env_open(&e, script, 7, 100);
    put_order(&e, "XC-1001", "1000000123");

    assert_int_equal(isync_poll_shipments(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    json_t *events = take_events(&e, NULL);
    assert_int_equal(json_array_size(events), 1);
    assert_json(json_array_get(events, 0),
                "{\"order_number\":\"XC-1001\",\"infor_order\":\"1000000123\","
                "\"infor_status\":\"22\",\"infor_lowest_status\":\"22\",\"shipping_status\":\"P\"}");
    json_decref(events);

    assert_int_equal(isync_poll_shipments(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    json_t *shipped = take_events(&e, NULL);
    assert_int_equal(json_array_size(shipped), 2);
    assert_json(
        json_array_get(shipped, 0),
        "{\"order_number\":\"XC-1001\",\"infor_order\":\"1000000123\",\"delivery\":\"5001\",\"shipment\":\"7001\","
        "\"tracking_number\":\"1Z999\",\"carrier\":\"UPS\",\"carrier_name\":\"United Parcel Service\","
        "\"shipped_at\":\"20261201\"}");
    assert_json(json_object_get(json_array_get(shipped, 1), "shipping_status"), "\"S\"");
    json_decref(shipped);

    json_t *info = NULL;
    assert_int_equal(isync_order_index_get(&e.spool, "XC-1001", &info, NULL), ISYNC_OK);
    assert_true(json_is_true(json_object_get(info, "shipped")));
    json_decref(info);

    /* shipped orders are not polled again */
    assert_int_equal(isync_poll_shipments(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    stop_server();
    assert_int_equal(server.request_count, 7);
    assert_true(request_has(2, "/MWS411MI/LstDelLnByOrd;cono=100;divi=AAA;maxrecs=0?RORC=3&RIDN=1000000123 "));
    assert_true(request_has(5, "/MWS410MI/GetHead;cono=100;divi=AAA?DLIX=5001 "));
    assert_true(request_has(6, "/DRS100MI/GetShipment;cono=100;divi=AAA?CONN=7001 "));
    env_close(&e);
}

/* DRS100MI/GetShipment only adds the carrier's name: when it fails (a service
 * account without that program) the shipment still goes out, without the
 * name, and status() says so until the call works again. */
static void test_shipment_without_carrier_name_when_drs100mi_fails(void **state)
{
    env e;
    const canned_response script[] = {
        token,
        OK(V2_OK("GetHead", "{\"ORNO\":\"1000000200\",\"ORST\":\"66\",\"ORSL\":\"66\"}")),
        OK(V2_OK("LstDelLnByOrd", "{\"DLIX\":\"5002\",\"RIDL\":\"1\"}")),
        OK(V2_OK("GetHead",
                 "{\"DLIX\":\"5002\",\"PGRS\":\"90\",\"CONN\":\"7002\",\"ETRN\":\"1Z111\","
                 "\"FWNO\":\"DHL\",\"DSDT\":\"20261202\"}")),
        {403, NULL, "{\"error\":\"not authorized to DRS100MI\"}", 0},
        /* the next poll: the call works again */
        OK(V2_OK("GetHead", "{\"ORNO\":\"1000000201\",\"ORST\":\"66\",\"ORSL\":\"66\"}")),
        OK(V2_OK("LstDelLnByOrd", "{\"DLIX\":\"5003\",\"RIDL\":\"1\"}")),
        OK(V2_OK("GetHead",
                 "{\"DLIX\":\"5003\",\"PGRS\":\"90\",\"CONN\":\"7003\",\"ETRN\":\"1Z222\","
                 "\"FWNO\":\"DHL\",\"DSDT\":\"20261203\"}")),
        OK(V2_OK("GetShipment", "{\"CONN\":\"7003\",\"FWNO\":\"DHL\",\"SUNM\":\"DHL Express\"}")),
    };
    env_open(&e, script, 9, 100);
    put_order(&e, "XC-2001", "1000000200");

    assert_int_equal(isync_poll_shipments(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    json_t *events = take_events(&e, "order.shipped");
    assert_int_equal(json_array_size(events), 1);
    assert_json(
        json_array_get(events, 0),
        "{\"order_number\":\"XC-2001\",\"infor_order\":\"1000000200\",\"delivery\":\"5002\",\"shipment\":\"7002\","
        "\"tracking_number\":\"1Z111\",\"carrier\":\"DHL\",\"carrier_name\":null,\"shipped_at\":\"20261202\"}");
    json_decref(events);
    json_t *degraded = isync_poller_degraded(e.poller);
    json_t *note = json_object_get(degraded, "DRS100MI/GetShipment");
    assert_non_null(note);
    assert_string_equal(json_string_value(json_object_get(note, "missing")), "carrier_name");
    assert_non_null(strstr(json_string_value(json_object_get(note, "reason")), "403"));

    put_order(&e, "XC-2002", "1000000201");
    assert_int_equal(isync_poll_shipments(e.poller, e.f.client, &e.cfg), ISYNC_POLL_OK);
    events = take_events(&e, "order.shipped");
    assert_int_equal(json_array_size(events), 1);
    assert_json(json_object_get(json_array_get(events, 0), "carrier_name"), "\"DHL Express\"");
    json_decref(events);
    assert_int_equal(json_object_size(isync_poller_degraded(e.poller)), 0);
    stop_server();
    assert_int_equal(server.request_count, 9);
    env_close(&e);
}

/* ---- intervals ---------------------------------------------------------------- */

static long long due_at(env *e, const char *kind)
{
    return json_integer_value(json_object_get(json_object_get(isync_poller_state(e->poller), "next"), kind));
}

static int requests(void)
{
    pthread_mutex_lock(&server.lock);
    int n = server.request_count;
    pthread_mutex_unlock(&server.lock);
    return n;
}

/* Business settings change the intervals of a running poller: a shorter
 * one applies from now, not after the old one elapsed; off is off. */
static void test_new_intervals_take_effect(void **state)
{
    env e;
    const canned_response script[] = {
        token,
        OK(V2_OK("List", ROW("W1", "ITEM-A", "A1", "5", "0"))),
        OK(V2_OK("List", ROW("W1", "ITEM-A", "A1", "6", "0"))),
    };
    env_open(&e, script, 3, 100);
    isync_poll_settings hourly = {3600, 0, 0, 0};
    isync_poller_set_intervals(e.poller, &hourly);

    long wait = isync_poller_run(e.poller, e.f.client, &e.cfg, NULL);
    assert_int_equal(requests(), 2); /* token, one stock poll */
    assert_true(wait > 3590000 && wait <= 3600000);

    /* a shorter interval: due within it, without another call now */
    isync_poll_settings fast = {1, 0, 0, 0};
    isync_poller_set_intervals(e.poller, &fast);
    assert_int_equal(isync_poller_settings(e.poller)->stock_interval_s, 1);
    assert_int_equal(isync_poller_settings(e.poller)->page_size, 100); /* kept */
    assert_true(due_at(&e, "stock") <= wall_ms() + 1000);
    wait = isync_poller_run(e.poller, e.f.client, &e.cfg, NULL);
    assert_true(wait >= 0 && wait <= 1000);
    assert_int_equal(requests(), 2);
    usleep((useconds_t)(wait + 20) * 1000);
    isync_poller_run(e.poller, e.f.client, &e.cfg, NULL);
    assert_int_equal(requests(), 3);
    json_t *events = take_events(&e, "stock.changed");
    assert_int_equal(json_array_size(events), 2);
    json_decref(events);

    /* a longer interval keeps the due time the shorter one set */
    long long due = due_at(&e, "stock");
    isync_poller_set_intervals(e.poller, &hourly);
    assert_true(due_at(&e, "stock") == due);

    /* a kind turned on is due within its interval; every kind off: nothing to wait for */
    isync_poll_settings items_on = {0, 5, 0, 0};
    isync_poller_set_intervals(e.poller, &items_on);
    assert_int_equal(due_at(&e, "items"), 0); /* never ran: due at once */
    isync_poll_settings off = {0, 0, 0, 0};
    isync_poller_set_intervals(e.poller, &off);
    assert_int_equal(isync_poller_run(e.poller, e.f.client, &e.cfg, NULL), -1);
    assert_int_equal(requests(), 3);
    env_close(&e);
}

/* The business setting of a kind, when set, replaces php.ini's; status says which. */
static void test_effective_intervals(void **state)
{
    isync_poll_settings ini = {300, 3600, 300, 50}, out;
    isync_business_config cfg = {0};
    cfg.poll_stock_interval = (isync_config_interval){1, 60};
    cfg.poll_items_interval = (isync_config_interval){1, 0};
    isync_poll_settings_effective(&ini, &cfg, &out);
    assert_int_equal(out.stock_interval_s, 60);
    assert_int_equal(out.items_interval_s, 0);
    assert_int_equal(out.shipments_interval_s, 300);
    assert_int_equal(out.page_size, 50);
    json_t *described = isync_poll_settings_describe(&ini, &cfg);
    assert_json(described,
                "{\"stock\": {\"interval\": 60, \"source\": \"config\"},"
                " \"items\": {\"interval\": 0, \"source\": \"config\"},"
                " \"shipments\": {\"interval\": 300, \"source\": \"php.ini\"}}");
    json_decref(described);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_stock_sum_of_two_warehouses_then_unchanged, teardown_server),
        cmocka_unit_test_teardown(test_stock_allocatable_single_warehouse, teardown_server),
        cmocka_unit_test_teardown(test_stock_available_asks_each_balance, teardown_server),
        cmocka_unit_test_teardown(test_stock_paging_across_an_item, teardown_server),
        cmocka_unit_test_teardown(test_stock_gone_goes_to_zero_once, teardown_server),
        cmocka_unit_test_teardown(test_429_pauses_every_kind, teardown_server),
        cmocka_unit_test_teardown(test_items_first_run_then_rename, teardown_server),
        cmocka_unit_test_teardown(test_shipment_chain, teardown_server),
        cmocka_unit_test_teardown(test_shipment_without_carrier_name_when_drs100mi_fails, teardown_server),
        cmocka_unit_test_teardown(test_new_intervals_take_effect, teardown_server),
        cmocka_unit_test(test_effective_intervals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
