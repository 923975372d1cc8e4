/* The order.placed connector (m3_order.c) against scripted Infor answers:
 * the exact calls it makes, fresh and resumed, and what it reports. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worker/business_config.h"
#include "worker/delivery.h"
#include "infor/m3.h"
#include "connectors/m3_order.h"
#include "request_check.h"
#include "stub_server.h"
#include "connectors/xref.h"
#include "mapping/template.h"

/* ---- scripted answers (M3 MI REST v2) ------------------------------------ */

#define TOKEN "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":7200}"
#define V2_OK(transaction, records)                                                          \
    "{\"results\":[{\"transaction\":\"" transaction "\",\"records\":[" records "]}],"         \
    "\"wasTerminated\":false,\"nrOfSuccessfullTransactions\":1,\"nrOfFailedTransactions\":0}"
#define V2_NOK(transaction, message, code, field)                                             \
    "{\"results\":[{\"transaction\":\"" transaction "\",\"errorMessage\":\"" message "\","    \
    "\"errorType\":\"ServerReturnedNOK\",\"errorCode\":\"" code "\",\"errorField\":\"" field \
    "\",\"records\":[]}],\"wasTerminated\":false,\"nrOfSuccessfullTransactions\":0,"        \
    "\"nrOfFailedTransactions\":1}"

#define HEAD_OK V2_OK("AddBatchHead", "{\"ORNO\":\"9000000001\"}")
#define LINE_OK V2_OK("AddBatchLine", "{\"PONR\":\"1\",\"POSX\":\"0\"}")
#define CONFIRM_OK V2_OK("Confirm", "{\"ORNO\":\"1000000123\",\"STAT\":\"22\"}")
#define ORDER_NO_OK V2_OK("GetOrderNo", "{\"ORNO\":\"9000000001\",\"ORNR\":\"1000000123\"}")
#define ORDER_NO_NOK V2_NOK("GetOrderNo", "Batch order 9000000001 is not confirmed", "XOR0001", "ORNO")
#define DEL_LINE_OK V2_OK("DelBatchLine", "")

/* the two lines of order_two_lines in one bulk request: both added */
#define LINES_OK                                                                                   \
    "{\"results\":[{\"transaction\":\"AddBatchLine\",\"records\":[{\"PONR\":\"1\"}]},"            \
    "{\"transaction\":\"AddBatchLine\",\"records\":[{\"PONR\":\"2\"}]}],\"wasTerminated\":false,"  \
    "\"nrOfSuccessfullTransactions\":2,\"nrOfFailedTransactions\":0}"
#define TWO_LINES_SENT                                                                                      \
    "[{\"transaction\":\"AddBatchLine\",\"record\":{\"ORNO\":\"9000000001\",\"ITNO\":\"ITEM-A\",\"ORQT\":\"2\","  \
    "\"SAPR\":\"10\",\"WHLO\":\"W01\"}},{\"transaction\":\"AddBatchLine\",\"record\":{\"ORNO\":\"9000000001\","   \
    "\"ITNO\":\"ITEM-B\",\"ORQT\":\"1\",\"SAPR\":\"39.9\",\"WHLO\":\"W01\",\"DIA1\":\"5.5\"}}]"

static const canned_response token = { 200, NULL, TOKEN, 0 };

#define OK(body) { 200, NULL, body, 0 }

/* ---- the order ------------------------------------------------------------ */

static const char *const order_two_lines =
    "{\"order_id\":\"42\",\"order_number\":\"XC-1001\",\"date\":\"2026-11-26T14:03:00Z\","
    "\"email\":\"buyer@example.com\",\"infor_customer\":\"CUST01\",\"currency\":\"USD\","
    "\"total_amount\":\"54.40\",\"items\":["
    "{\"sku\":\"ITEM-A\",\"price\":\"10\",\"quantity\":\"2\",\"discount\":\"0.00\"},"
    "{\"sku\":\"ITEM-B\",\"price\":\"39.9\",\"quantity\":\"1\",\"discount\":\"5.5\"}]}";

static const char *const order_three_lines =
    "{\"order_id\":\"43\",\"order_number\":\"XC-1002\",\"date\":\"2026-12-01\","
    "\"email\":\"buyer@example.com\",\"infor_customer\":\"CUST01\",\"currency\":\"EUR\","
    "\"total_amount\":\"35\",\"items\":["
    "{\"sku\":\"ITEM-A\",\"price\":\"10\",\"quantity\":\"2\"},"
    "{\"sku\":\"ITEM-B\",\"price\":\"5\",\"quantity\":\"1\"},"
    "{\"sku\":\"ITEM-C\",\"price\":\"10\",\"quantity\":\"1\"}]}";

static const char *const order_without_customer =
    "{\"order_id\":\"44\",\"order_number\":\"XC-1003\",\"date\":\"2026-11-27T09:00:00+01:00\","
    "\"email\":\"buyer@example.com\",\"currency\":\"EUR\",\"total_amount\":\"7.5\","
    "\"items\":[{\"sku\":\"ITEM-Z\",\"price\":\"2.5\",\"quantity\":\"3\"}]}";

static isync_business_config config(const char *default_customer)
{
    isync_business_config cfg = { .cono = 100, .divi = "AAA", .order_type = "SO1", .facility = "F01",
                                  .warehouse = "W01", .currency = "SEK" };
    snprintf(cfg.default_customer, sizeof cfg.default_customer, "%s", default_customer);
    return cfg;
}

/* ---- progress saves: a copy of the progress and how many requests preceded it */

typedef struct {
    json_t *saves;   /* [{"after_requests":n, "progress":{..}}] */
    int fail_from;   /* this save and later ones fail (1-based); 0: never */
} save_log;

static int record_save(void *ctx, json_t *progress)
{
    save_log *log = ctx;
    int seen = requests_seen();
    json_array_append_new(log->saves, json_pack("{s:i, s:o}", "after_requests", seen,
                                                "progress", json_deep_copy(progress)));
    if (log->fail_from > 0 && (int)json_array_size(log->saves) >= log->fail_from) {
        return -1;
    }
    return 0;
}

/* Request index is OIS100MI/<transaction><matrix>?<query> (see
 * assert_m3_request), sent with the bearer token. */
static void assert_ois100_request(int index, const char *transaction, const char *matrix, const char *query)
{
    char call[128];
    snprintf(call, sizeof call, "OIS100MI/%s", transaction);
    assert_m3_request(index, call, matrix, query);
    assert_non_null(strstr(server.requests[index], "\r\nAuthorization: Bearer tok-1\r\n"));
}

static void assert_token_request(int index)
{
    assert_true(index < server.request_count);
    assert_true(starts_with(server.requests[index], "POST /TEN/as/token.oauth2 HTTP/1.1\r\n"));
}

/* Some save happened after exactly `requests` requests (i.e. right after
 * request requests-1 was answered, before the next one was sent) with a
 * progress containing every key/value of expected_text. */
static void assert_saved_after(const save_log *log, int requests, const char *expected_text)
{
    json_t *expected = parse_json(expected_text);
    size_t i;
    json_t *save;
    json_array_foreach(log->saves, i, save) {
        if (json_integer_value(json_object_get(save, "after_requests")) != requests) {
            continue;
        }
        json_t *progress = json_object_get(save, "progress");
        const char *key;
        json_t *value;
        int matches = 1;
        json_object_foreach(expected, key, value) {
            matches = matches && json_equal(json_object_get(progress, key), value);
        }
        if (matches) {
            json_decref(expected);
            return;
        }
    }
    char *dump = json_dumps(log->saves, JSON_SORT_KEYS | JSON_COMPACT);
    print_message("no save after %d requests with %s; saves: %s\n", requests, expected_text, dump);
    free(dump);
    json_decref(expected);
    fail();
}

static const char *saved_step(const save_log *log, size_t index)
{
    return json_string_value(json_object_get(
        json_object_get(json_array_get(log->saves, index), "progress"), "step"));
}

/* The progress without its "outputs", which must hold the batch order
 * number as head.ORNO (the answer later calls use), equals expected_text. */
static void assert_progress(json_t *progress, const char *expected_text)
{
    json_t *copy = json_deep_copy(progress);
    json_t *outputs = json_object_get(copy, "outputs");
    const char *batch_orno = json_string_value(json_object_get(copy, "batch_orno"));
    if (batch_orno) {
        assert_string_equal(json_string_value(json_object_get(outputs, "head.ORNO")), batch_orno);
    }
    json_object_del(copy, "outputs");
    assert_json_equal(copy, expected_text);
    json_decref(copy);
}

/* ---- one delivery --------------------------------------------------------- */

typedef struct {
    isync_business_config cfg;
    char spool[64];      /* a temporary directory for the customer index */
    isync_xref xref;
    json_t *payload;
    json_t *progress;
    save_log log;
    isync_delivery_outcome out;
    isync_delivery_result result;
} run;

static void run_init(run *r, const char *default_customer, const char *order, const char *progress)
{
    memset(r, 0, sizeof *r);
    r->cfg = config(default_customer);
    r->payload = parse_json(order);
    r->progress = parse_json(progress);
    r->log.saves = json_array();
    isync_delivery_outcome_init(&r->out);
    snprintf(r->spool, sizeof r->spool, "/tmp/test_m3_order_XXXXXX");
    assert_non_null(mkdtemp(r->spool));
    isync_xref_init(&r->xref, r->spool, 0);
}

/* Runs the connector against the scripted server and stops the server. */
static void deliver(run *r, const canned_response *script, int count, int resuming)
{
    fixture f;
    test_template t;
    test_template_open(&t, &r->cfg);
    start_server(script, count);
    fixture_open(&f, server.port, ISYNC_GRANT_CLIENT_CREDENTIALS);
    isync_connector_ctx ctx = { .m3 = f.client, .env = &t.env, .cfg = t.env.cfg, .tmpl = t.tmpl, .xref = &r->xref,
                                .type = "order.placed", .payload = r->payload, .progress = r->progress,
                                .resuming = resuming, .save = record_save, .save_ctx = &r->log, .out = &r->out };
    r->result = isync_m3_order_deliver(&ctx);
    fixture_close(&f);
    test_template_close(&t);
    stop_server();
    assert_int_equal(r->out.result, r->result);
}

static void run_clear(run *r)
{
    char command[128];
    isync_xref_free(&r->xref);
    snprintf(command, sizeof command, "rm -rf '%s'", r->spool);
    assert_int_equal(system(command), 0);
    json_decref(r->payload);
    json_decref(r->progress);
    json_decref(r->log.saves);
    isync_delivery_outcome_clear(&r->out);
}

#define MATRIX ";cono=100;divi=AAA"
#define LIST_MATRIX ";cono=100;divi=AAA;maxrecs=0"

/* ---- fresh delivery ----------------------------------------------------------- */

static void test_fresh_order_two_lines(void **state)
{
    (void)state;
    const canned_response script[] = { token, OK(HEAD_OK), OK(LINES_OK), OK(CONFIRM_OK), OK(ORDER_NO_OK) };
    run r;
    run_init(&r, "DEF01", order_two_lines, "{}");
    deliver(&r, script, 5, 0);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(5);
    assert_token_request(0);
    assert_ois100_request(1, "AddBatchHead", MATRIX,
                      "CUNO=CUST01&CUOR=XC-1001&ORDT=20261126&CUCD=USD&ORTP=SO1&FACI=F01&WHLO=W01");
    /* both lines in one bulk request; a zero discount is not sent */
    assert_bulk_request(2, "OIS100MI", TWO_LINES_SENT);
    assert_ois100_request(3, "Confirm", MATRIX, "ORNO=9000000001");
    assert_ois100_request(4, "GetOrderNo", MATRIX, "ORNO=9000000001");
    /* the token's connection and one kept alive for every M3 call, writes included */
    assert_int_equal(server.connections, 2);

    assert_progress(r.progress,
                      "{\"cuno\":\"CUST01\",\"step\":\"done\",\"batch_orno\":\"9000000001\",\"lines_done\":2,\"calls_done\":2,\"orno\":\"1000000123\"}");
    assert_json_equal(r.out.infor_refs,
                      "{\"batch_orno\":\"9000000001\",\"orno\":\"1000000123\",\"cuno\":\"CUST01\"}");
    assert_null(r.out.infor_error);
    /* progress saved after every write, before the next call; after the
     * lines it says confirm: a crash there resumes at Confirm */
    assert_saved_after(&r.log, 2, "{\"step\":\"lines\",\"batch_orno\":\"9000000001\",\"lines_done\":0}");
    assert_saved_after(&r.log, 3, "{\"step\":\"confirm\",\"batch_orno\":\"9000000001\",\"lines_done\":2}");
    assert_saved_after(&r.log, 4, "{\"step\":\"order_no\",\"batch_orno\":\"9000000001\",\"lines_done\":2}");
    run_clear(&r);
}

static void test_fresh_order_uses_default_customer(void **state)
{
    (void)state;
    const canned_response script[] = { token, OK(HEAD_OK), OK(LINE_OK), OK(CONFIRM_OK), OK(ORDER_NO_OK) };
    run r;
    run_init(&r, "DEF01", order_without_customer, "{}");
    deliver(&r, script, 5, 0);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(5);
    /* ORDT: the date as the shop wrote it, not converted to UTC */
    assert_ois100_request(1, "AddBatchHead", MATRIX,
                      "CUNO=DEF01&CUOR=XC-1003&ORDT=20261127&CUCD=EUR&ORTP=SO1&FACI=F01&WHLO=W01");
    assert_ois100_request(2, "AddBatchLine", MATRIX, "ORNO=9000000001&ITNO=ITEM-Z&ORQT=3&SAPR=2.5&WHLO=W01");
    assert_ois100_request(3, "Confirm", MATRIX, "ORNO=9000000001");
    assert_ois100_request(4, "GetOrderNo", MATRIX, "ORNO=9000000001");
    assert_json_equal(r.out.infor_refs,
                      "{\"batch_orno\":\"9000000001\",\"orno\":\"1000000123\",\"cuno\":\"DEF01\"}");
    run_clear(&r);
}

static void test_no_customer_is_dead_letter_without_calls(void **state)
{
    (void)state;
    const canned_response script[] = { token, OK(HEAD_OK) };
    run r;
    run_init(&r, "", order_without_customer, "{}");
    deliver(&r, script, 2, 0);

    assert_int_equal(r.result, ISYNC_DEAD_LETTER);
    assert_request_count(0);
    assert_int_equal(server.connections, 0);
    assert_non_null(strstr(r.out.reason, "infor_customer"));
    assert_non_null(strstr(r.out.reason, "default_customer"));
    assert_int_equal(json_array_size(r.log.saves), 0);
    assert_progress(r.progress, "{}");
    run_clear(&r);
}

/* ---- resumed delivery ------------------------------------------------------ */

static void test_resume_at_head_finds_unconfirmed_head(void **state)
{
    (void)state;
    const canned_response script[] = {
        token,
        OK(V2_OK("LstBatchHead", "{\"ORNO\":\"9000000007\",\"CUOR\":\"XC-0999\",\"ORNR\":\"1000000100\"},"
                                 "{\"ORNO\":\"9000000001\",\"CUOR\":\"XC-1001   \",\"ORNR\":\"\"}")),
        OK(V2_OK("LstBatchLine", "{\"ORNO\":\"9000000001\",\"PONR\":\"1\",\"ITNO\":\"ITEM-A\",\"ORQT\":\"2.000000\"}")),
        OK(LINE_OK),
        OK(CONFIRM_OK),
        OK(ORDER_NO_OK),
    };
    run r;
    run_init(&r, "DEF01", order_two_lines, "{}");
    deliver(&r, script, 6, 1);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(6);
    assert_token_request(0);
    assert_ois100_request(1, "LstBatchHead", LIST_MATRIX, "CUNO=CUST01");
    assert_ois100_request(2, "LstBatchLine", LIST_MATRIX, "ORNO=9000000001");
    /* ITEM-A is there already: only ITEM-B is added */
    assert_ois100_request(3, "AddBatchLine", MATRIX,
                      "ORNO=9000000001&ITNO=ITEM-B&ORQT=1&SAPR=39.9&WHLO=W01&DIA1=5.5");
    assert_ois100_request(4, "Confirm", MATRIX, "ORNO=9000000001");
    assert_ois100_request(5, "GetOrderNo", MATRIX, "ORNO=9000000001");
    assert_saved_after(&r.log, 4, "{\"batch_orno\":\"9000000001\",\"lines_done\":2}");
    assert_progress(r.progress,
                      "{\"cuno\":\"CUST01\",\"step\":\"done\",\"batch_orno\":\"9000000001\",\"lines_done\":2,\"calls_done\":2,\"orno\":\"1000000123\"}");
    run_clear(&r);
}

/* AddBatchHead ran twice (libcurl re-sent it): the second head is deleted,
 * the delivery goes on with the first. */
static void test_resume_deletes_a_duplicate_head(void **state)
{
    (void)state;
    const canned_response script[] = {
        token,
        OK(V2_OK("LstBatchHead", "{\"ORNO\":\"9000000001\",\"CUOR\":\"XC-1001\",\"ORNR\":\"\"},"
                                 "{\"ORNO\":\"9000000002\",\"CUOR\":\"XC-1001\",\"ORNR\":\"\"}")),
        OK(V2_OK("DelBatchHead", "")),
        OK(V2_OK("LstBatchLine", "")),
        OK(LINE_OK), OK(LINE_OK), OK(CONFIRM_OK), OK(ORDER_NO_OK),
    };
    run r;
    run_init(&r, "DEF01", order_two_lines, "{}");
    deliver(&r, script, 8, 1);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(8);
    assert_ois100_request(1, "LstBatchHead", LIST_MATRIX, "CUNO=CUST01");
    assert_ois100_request(2, "DelBatchHead", MATRIX, "ORNO=9000000002");
    assert_ois100_request(3, "LstBatchLine", LIST_MATRIX, "ORNO=9000000001");
    assert_ois100_request(6, "Confirm", MATRIX, "ORNO=9000000001");
    assert_string_equal(json_string_value(json_object_get(r.progress, "batch_orno")), "9000000001");
    run_clear(&r);
}

static void test_resume_at_head_nothing_found_adds_head(void **state)
{
    (void)state;
    const canned_response script[] = {
        token,
        OK(V2_OK("LstBatchHead", "{\"ORNO\":\"9000000007\",\"CUOR\":\"XC-0999\",\"ORNR\":\"\"}")),
        OK(HEAD_OK), OK(LINES_OK), OK(CONFIRM_OK), OK(ORDER_NO_OK),
    };
    run r;
    run_init(&r, "DEF01", order_two_lines, "{}");
    deliver(&r, script, 6, 1);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(6);
    assert_ois100_request(1, "LstBatchHead", LIST_MATRIX, "CUNO=CUST01");
    /* a head just created has no lines: no LstBatchLine, the lines in bulk */
    assert_ois100_request(2, "AddBatchHead", MATRIX,
                      "CUNO=CUST01&CUOR=XC-1001&ORDT=20261126&CUCD=USD&ORTP=SO1&FACI=F01&WHLO=W01");
    assert_bulk_request(3, "OIS100MI", TWO_LINES_SENT);
    assert_ois100_request(4, "Confirm", MATRIX, "ORNO=9000000001");
    assert_ois100_request(5, "GetOrderNo", MATRIX, "ORNO=9000000001");
    assert_progress(r.progress,
                      "{\"cuno\":\"CUST01\",\"step\":\"done\",\"batch_orno\":\"9000000001\",\"lines_done\":2,\"calls_done\":2,\"orno\":\"1000000123\"}");
    run_clear(&r);
}

static void test_resume_at_head_already_confirmed(void **state)
{
    (void)state;
    const canned_response script[] = {
        token,
        OK(V2_OK("LstBatchHead", "{\"ORNO\":\"9000000001\",\"CUOR\":\"XC-1001\",\"ORNR\":\"1000000123\"}")),
        OK(ORDER_NO_OK),
    };
    run r;
    run_init(&r, "DEF01", order_two_lines, "{}");
    deliver(&r, script, 3, 1);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(3);
    assert_ois100_request(1, "LstBatchHead", LIST_MATRIX, "CUNO=CUST01");
    assert_ois100_request(2, "GetOrderNo", MATRIX, "ORNO=9000000001");
    assert_int_equal(json_integer_value(json_object_get(r.progress, "lines_done")), 0);
    assert_string_equal(json_string_value(json_object_get(r.progress, "step")), "done");
    assert_string_equal(json_string_value(json_object_get(r.progress, "batch_orno")), "9000000001");
    assert_string_equal(json_string_value(json_object_get(r.progress, "orno")), "1000000123");
    assert_json_equal(r.out.infor_refs,
                      "{\"batch_orno\":\"9000000001\",\"orno\":\"1000000123\",\"cuno\":\"CUST01\"}");
    run_clear(&r);
}

static void test_resume_at_lines_deletes_duplicate_line(void **state)
{
    (void)state;
    const canned_response script[] = {
        token,
        OK(V2_OK("LstBatchLine", "{\"PONR\":\"1\",\"ITNO\":\"ITEM-A\",\"ORQT\":\"2.000000\"},"
                                 "{\"PONR\":\"2\",\"ITNO\":\"ITEM-B\",\"ORQT\":\"1.000000\"},"
                                 "{\"PONR\":\"3\",\"ITNO\":\"ITEM-A\",\"ORQT\":\"2.000000\"}")),
        OK(DEL_LINE_OK),
        OK(LINE_OK),
        OK(CONFIRM_OK),
        OK(ORDER_NO_OK),
    };
    run r;
    run_init(&r, "DEF01", order_three_lines,
             "{\"step\":\"lines\",\"batch_orno\":\"9000000001\",\"lines_done\":1}");
    deliver(&r, script, 6, 1);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(6);
    assert_token_request(0);
    assert_ois100_request(1, "LstBatchLine", LIST_MATRIX, "ORNO=9000000001");
    assert_ois100_request(2, "DelBatchLine", MATRIX, "ORNO=9000000001&PONR=3");
    assert_ois100_request(3, "AddBatchLine", MATRIX, "ORNO=9000000001&ITNO=ITEM-C&ORQT=1&SAPR=10&WHLO=W01");
    assert_ois100_request(4, "Confirm", MATRIX, "ORNO=9000000001");
    assert_ois100_request(5, "GetOrderNo", MATRIX, "ORNO=9000000001");
    assert_saved_after(&r.log, 4, "{\"batch_orno\":\"9000000001\",\"lines_done\":3}");
    assert_progress(r.progress,
                      "{\"cuno\":\"CUST01\",\"step\":\"done\",\"batch_orno\":\"9000000001\",\"lines_done\":3,\"calls_done\":3,\"orno\":\"1000000123\"}");
    run_clear(&r);
}

static void test_resume_at_lines_other_quantity_is_not_our_line(void **state)
{
    (void)state;
    const canned_response script[] = {
        token,
        OK(V2_OK("LstBatchLine", "{\"PONR\":\"1\",\"ITNO\":\"ITEM-A\",\"ORQT\":\"2.000000\"},"
                                 "{\"PONR\":\"2\",\"ITNO\":\"ITEM-B\",\"ORQT\":\"4.000000\"}")),
        OK(DEL_LINE_OK),
        OK(LINE_OK),
        OK(CONFIRM_OK),
        OK(ORDER_NO_OK),
    };
    run r;
    run_init(&r, "DEF01", order_two_lines, "{\"step\":\"lines\",\"batch_orno\":\"9000000001\",\"lines_done\":2}");
    deliver(&r, script, 6, 1);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(6);
    assert_ois100_request(1, "LstBatchLine", LIST_MATRIX, "ORNO=9000000001");
    assert_ois100_request(2, "DelBatchLine", MATRIX, "ORNO=9000000001&PONR=2");
    assert_ois100_request(3, "AddBatchLine", MATRIX,
                      "ORNO=9000000001&ITNO=ITEM-B&ORQT=1&SAPR=39.9&WHLO=W01&DIA1=5.5");
    assert_ois100_request(4, "Confirm", MATRIX, "ORNO=9000000001");
    assert_ois100_request(5, "GetOrderNo", MATRIX, "ORNO=9000000001");
    run_clear(&r);
}

static void test_resume_at_confirm_not_yet_confirmed(void **state)
{
    (void)state;
    const canned_response script[] = {
        token,
        OK(ORDER_NO_NOK),
        OK(V2_OK("LstBatchLine", "{\"PONR\":\"1\",\"ITNO\":\"ITEM-A\",\"ORQT\":\"2\"},"
                                 "{\"PONR\":\"2\",\"ITNO\":\"ITEM-B\",\"ORQT\":\"1.000000\"}")),
        OK(CONFIRM_OK),
        OK(ORDER_NO_OK),
    };
    run r;
    run_init(&r, "DEF01", order_two_lines,
             "{\"step\":\"confirm\",\"batch_orno\":\"9000000001\",\"lines_done\":2}");
    deliver(&r, script, 5, 1);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(5);
    assert_ois100_request(1, "GetOrderNo", MATRIX, "ORNO=9000000001");
    assert_ois100_request(2, "LstBatchLine", LIST_MATRIX, "ORNO=9000000001");
    assert_ois100_request(3, "Confirm", MATRIX, "ORNO=9000000001");
    assert_ois100_request(4, "GetOrderNo", MATRIX, "ORNO=9000000001");
    assert_saved_after(&r.log, 4, "{\"step\":\"order_no\",\"lines_done\":2}");
    assert_progress(r.progress,
                      "{\"cuno\":\"CUST01\",\"step\":\"done\",\"batch_orno\":\"9000000001\",\"lines_done\":2,\"orno\":\"1000000123\"}");
    assert_null(r.out.infor_error);
    run_clear(&r);
}

static void test_resume_after_confirm_unreadable_answer_sends_no_write(void **state)
{
    (void)state;
    /* Confirm answered OK last time; now a proxy answers GetOrderNo with a page */
    const canned_response script[] = { token, OK("<html>proxy</html>"),
                                       OK(V2_OK("LstBatchLine", "{\"PONR\":\"1\",\"ITNO\":\"ITEM-A\",\"ORQT\":\"2\"},"
                                                                "{\"PONR\":\"2\",\"ITNO\":\"ITEM-B\",\"ORQT\":\"1\"}")),
                                       OK(CONFIRM_OK), OK(ORDER_NO_OK) };
    run r;
    run_init(&r, "DEF01", order_two_lines,
             "{\"step\":\"order_no\",\"batch_orno\":\"9000000001\",\"lines_done\":2}");
    deliver(&r, script, 5, 1);

    /* Infor did not say "not confirmed": no second Confirm on a guess */
    assert_int_not_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(2);
    assert_ois100_request(1, "GetOrderNo", MATRIX, "ORNO=9000000001");
    assert_non_null(strstr(r.out.reason, "OIS100MI/GetOrderNo"));
    assert_string_equal(json_string_value(json_object_get(r.progress, "step")), "order_no");
    run_clear(&r);
}

/* ---- failures -------------------------------------------------------------- */

static void test_mi_error_on_add_batch_line_is_dead_letter(void **state)
{
    (void)state;
    const canned_response script[] = {
        token, OK(HEAD_OK),
        OK("{\"results\":[{\"transaction\":\"AddBatchLine\",\"records\":[{\"PONR\":\"1\"}]},"
           "{\"transaction\":\"AddBatchLine\",\"errorMessage\":\"Item number ITEM-B does not exist\","
           "\"errorType\":\"ServerReturnedNOK\",\"errorCode\":\"WIT0103\",\"errorField\":\"ITNO\"}],"
           "\"wasTerminated\":false,\"nrOfSuccessfullTransactions\":1,\"nrOfFailedTransactions\":1}"),
    };
    run r;
    run_init(&r, "DEF01", order_two_lines, "{}");
    deliver(&r, script, 3, 0);

    assert_int_equal(r.result, ISYNC_DEAD_LETTER);
    assert_request_count(3);
    assert_bulk_request(2, "OIS100MI", TWO_LINES_SENT);
    assert_non_null(strstr(r.out.reason, "OIS100MI/AddBatchLine"));
    assert_non_null(strstr(r.out.reason, "items[1]"));
    assert_non_null(strstr(r.out.reason, "Item number ITEM-B does not exist"));
    assert_non_null(strstr(r.out.reason, "ServerReturnedNOK"));
    assert_json_equal(r.out.infor_error,
                      "{\"program\":\"OIS100MI\",\"transaction\":\"AddBatchLine\",\"type\":\"ServerReturnedNOK\","
                      "\"code\":\"WIT0103\",\"field\":\"ITNO\",\"message\":\"Item number ITEM-B does not exist\","
                      "\"http_status\":200}");
    /* the first line is in Infor: the replay after a fix resumes after it */
    assert_progress(r.progress, "{\"cuno\":\"CUST01\",\"step\":\"lines\",\"batch_orno\":\"9000000001\",\"lines_done\":1,\"calls_done\":1}");
    assert_saved_after(&r.log, 3, "{\"step\":\"lines\",\"batch_orno\":\"9000000001\",\"lines_done\":1}");
    assert_json_equal(r.out.infor_refs, "{\"batch_orno\":\"9000000001\",\"orno\":null,\"cuno\":\"CUST01\"}");
    run_clear(&r);
}

static void test_503_on_confirm_is_retry_later(void **state)
{
    (void)state;
    const canned_response script[] = {
        token, OK(HEAD_OK), OK(LINES_OK),
        { 503, "Retry-After: 120\r\n", "Service Unavailable", 0 },
    };
    run r;
    run_init(&r, "DEF01", order_two_lines, "{}");
    deliver(&r, script, 4, 0);

    assert_int_equal(r.result, ISYNC_RETRY_LATER);
    assert_int_equal(r.out.retry_after_s, 120);
    assert_request_count(4);
    assert_ois100_request(3, "Confirm", MATRIX, "ORNO=9000000001");
    assert_non_null(strstr(r.out.reason, "OIS100MI/Confirm"));
    assert_non_null(strstr(r.out.reason, "503"));
    assert_int_equal(json_integer_value(json_object_get(r.out.infor_error, "http_status")), 503);
    assert_progress(r.progress, "{\"cuno\":\"CUST01\",\"step\":\"confirm\",\"batch_orno\":\"9000000001\",\"lines_done\":2,\"calls_done\":2}");
    /* what the retry starts from */
    assert_string_equal(saved_step(&r.log, json_array_size(r.log.saves) - 1), "confirm");
    run_clear(&r);
}

static void test_failing_lst_batch_head_while_resuming_is_retry_later(void **state)
{
    (void)state;
    const canned_response script[] = { token, { 503, "Retry-After: 30\r\n", "busy", 0 }, OK(HEAD_OK),
                                       OK(LINE_OK), OK(LINE_OK), OK(CONFIRM_OK), OK(ORDER_NO_OK) };
    run r;
    run_init(&r, "DEF01", order_two_lines, "{}");
    deliver(&r, script, 7, 1);

    /* Infor cannot tell whether the head exists: no AddBatchHead on a guess */
    assert_int_equal(r.result, ISYNC_RETRY_LATER);
    assert_int_equal(r.out.retry_after_s, 30);
    assert_request_count(2);
    assert_ois100_request(1, "LstBatchHead", LIST_MATRIX, "CUNO=CUST01");
    assert_non_null(strstr(r.out.reason, "OIS100MI/LstBatchHead"));
    assert_progress(r.progress, "{\"cuno\":\"CUST01\"}");
    run_clear(&r);
}

static void test_failing_lst_batch_line_while_resuming_is_retry_later(void **state)
{
    (void)state;
    const canned_response script[] = { token, { 500, NULL, "Internal Server Error", 0 }, OK(LINE_OK),
                                       OK(CONFIRM_OK), OK(ORDER_NO_OK) };
    run r;
    run_init(&r, "DEF01", order_two_lines,
             "{\"step\":\"lines\",\"batch_orno\":\"9000000001\",\"lines_done\":1}");
    deliver(&r, script, 5, 1);

    assert_int_equal(r.result, ISYNC_RETRY_LATER);
    assert_request_count(2);
    assert_ois100_request(1, "LstBatchLine", LIST_MATRIX, "ORNO=9000000001");
    assert_non_null(strstr(r.out.reason, "OIS100MI/LstBatchLine"));
    assert_progress(r.progress, "{\"cuno\":\"CUST01\",\"step\":\"lines\",\"batch_orno\":\"9000000001\",\"lines_done\":1}");
    run_clear(&r);
}

static void test_progress_not_saved_stops_before_next_write(void **state)
{
    (void)state;
    const canned_response script[] = { token, OK(HEAD_OK), OK(LINE_OK), OK(LINE_OK), OK(CONFIRM_OK),
                                       OK(ORDER_NO_OK) };
    run r;
    run_init(&r, "DEF01", order_two_lines, "{}");
    r.log.fail_from = 1;
    deliver(&r, script, 6, 0);

    assert_int_equal(r.result, ISYNC_RETRY_LATER);
    assert_request_count(2);
    assert_ois100_request(1, "AddBatchHead", MATRIX,
                      "CUNO=CUST01&CUOR=XC-1001&ORDT=20261126&CUCD=USD&ORTP=SO1&FACI=F01&WHLO=W01");
    assert_non_null(strstr(r.out.reason, "progress"));
    run_clear(&r);
}

/* ---- templates of the shop's own: bulk where it can, one by one where it must */

/* The connector with template_text (order.placed) instead of the test template. */
static void deliver_template(run *r, const char *template_text, const canned_response *script, int count, int resuming)
{
    fixture f;
    test_template t;
    isync_template *tmpl = NULL;
    json_t *problems = json_array();
    test_template_open(&t, &r->cfg);
    if (isync_template_parse(template_text, strlen(template_text), "order.placed.json", "test", t.spec, &tmpl,
                             problems) != ISYNC_OK) {
        char *dump = json_dumps(problems, JSON_COMPACT);
        print_message("template refused: %s\n", dump);
        free(dump);
        fail();
    }
    json_decref(problems);
    start_server(script, count);
    fixture_open(&f, server.port, ISYNC_GRANT_CLIENT_CREDENTIALS);
    isync_connector_ctx ctx = {.m3 = f.client,
                               .env = &t.env,
                               .cfg = t.env.cfg,
                               .tmpl = tmpl,
                               .xref = &r->xref,
                               .type = "order.placed",
                               .payload = r->payload,
                               .progress = r->progress,
                               .resuming = resuming,
                               .save = record_save,
                               .save_ctx = &r->log,
                               .out = &r->out};
    r->result = isync_m3_order_deliver(&ctx);
    fixture_close(&f);
    isync_template_free(tmpl);
    test_template_close(&t);
    stop_server();
    assert_int_equal(r->out.result, r->result);
}

#define TEMPLATE_HEAD                                                                                                  \
    "{\"format\": 1, \"event\": \"order.placed\", \"target\": \"m3\", \"calls\": ["                                    \
    "{\"id\": \"head\", \"program\": \"OIS100MI\", \"transaction\": \"AddBatchHead\", \"outputs\": [\"ORNO\"],"        \
    " \"fields\": {\"CUNO\": {\"context\": \"customer\"}, \"CUOR\": {\"from\": \"order_number\"}}},"
#define TEMPLATE_END                                                                                                   \
    "{\"id\": \"confirm\", \"program\": \"OIS100MI\", \"transaction\": \"Confirm\","                                   \
    " \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}}},"                                                           \
    "{\"id\": \"number\", \"program\": \"OIS100MI\", \"transaction\": \"GetOrderNo\","                                 \
    " \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}}}]}"

/* an invoice address, a delivery address whose answer (ADID) every line refers to, the lines */
static const char *const lines_need_address_template = TEMPLATE_HEAD
    "{\"id\": \"invoice_address\", \"program\": \"OIS100MI\", \"transaction\": \"AddBatchAddress\","
    " \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}, \"ADRT\": {\"const\": \"3\"}, \"CUNM\": {\"const\": \"Ann "
    "Buyer\"}}},"
    "{\"id\": \"delivery_address\", \"program\": \"OIS100MI\", \"transaction\": \"AddBatchAddress\", \"outputs\": "
    "[\"ADID\"],"
    " \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}, \"ADRT\": {\"const\": \"1\"}, \"CUNM\": {\"const\": \"Bo "
    "Receiver\"}}},"
    "{\"id\": \"line\", \"program\": \"OIS100MI\", \"transaction\": \"AddBatchLine\", \"for_each\": \"items\","
    " \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}, \"ITNO\": {\"from\": \"item.sku\"},"
    "  \"ORQT\": {\"from\": \"item.quantity\"}, \"ADID\": {\"output\": \"delivery_address.ADID\"}}}," TEMPLATE_END;

/* the same without the lines referring to the address */
static const char *const independent_body_template = TEMPLATE_HEAD
    "{\"id\": \"invoice_address\", \"program\": \"OIS100MI\", \"transaction\": \"AddBatchAddress\","
    " \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}, \"ADRT\": {\"const\": \"3\"}, \"CUNM\": {\"const\": \"Ann "
    "Buyer\"}}},"
    "{\"id\": \"delivery_address\", \"program\": \"OIS100MI\", \"transaction\": \"AddBatchAddress\", \"outputs\": "
    "[\"ADID\"],"
    " \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}, \"ADRT\": {\"const\": \"1\"}, \"CUNM\": {\"const\": \"Bo "
    "Receiver\"}}},"
    "{\"id\": \"line\", \"program\": \"OIS100MI\", \"transaction\": \"AddBatchLine\", \"for_each\": \"items\","
    " \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}, \"ITNO\": {\"from\": \"item.sku\"},"
    "  \"ORQT\": {\"from\": \"item.quantity\"}}}," TEMPLATE_END;

#define HEAD_SHORT "CUNO=CUST01&CUOR=XC-1001"
#define ADDRESS_OK V2_OK("AddBatchAddress", "")
#define DELIVERY_ADDRESS_OK V2_OK("AddBatchAddress", "{\"ADID\":\"A00017\"}")

static void test_independent_body_calls_go_in_one_bulk_request(void **state)
{
    (void)state;
    const canned_response script[] = {
        token,
        OK(HEAD_OK),
        OK("{\"results\":[{\"transaction\":\"AddBatchAddress\",\"records\":[]},"
           "{\"transaction\":\"AddBatchAddress\",\"records\":[{\"ADID\":\"A00017\"}]},"
           "{\"transaction\":\"AddBatchLine\",\"records\":[{\"PONR\":\"1\"}]},"
           "{\"transaction\":\"AddBatchLine\",\"records\":[{\"PONR\":\"2\"}]}],\"wasTerminated\":false,"
           "\"nrOfSuccessfullTransactions\":4,\"nrOfFailedTransactions\":0}"),
        OK(CONFIRM_OK),
        OK(ORDER_NO_OK),
    };
    run r;
    run_init(&r, "DEF01", order_two_lines, "{}");
    deliver_template(&r, independent_body_template, script, 5, 0);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(5);
    assert_ois100_request(1, "AddBatchHead", MATRIX, HEAD_SHORT);
    assert_bulk_request(2, "OIS100MI",
                        "[{\"transaction\":\"AddBatchAddress\",\"record\":{\"ORNO\":\"9000000001\",\"ADRT\":\"3\","
                        "\"CUNM\":\"Ann Buyer\"}},{\"transaction\":\"AddBatchAddress\",\"record\":{\"ORNO\":"
                        "\"9000000001\",\"ADRT\":\"1\",\"CUNM\":\"Bo Receiver\"}},{\"transaction\":\"AddBatchLine\","
                        "\"record\":{\"ORNO\":\"9000000001\",\"ITNO\":\"ITEM-A\",\"ORQT\":\"2\"}},{\"transaction\":"
                        "\"AddBatchLine\",\"record\":{\"ORNO\":\"9000000001\",\"ITNO\":\"ITEM-B\",\"ORQT\":\"1\"}}]");
    assert_ois100_request(3, "Confirm", MATRIX, "ORNO=9000000001");
    assert_ois100_request(4, "GetOrderNo", MATRIX, "ORNO=9000000001");
    assert_saved_after(&r.log, 2, "{\"step\":\"lines\",\"lines_done\":0,\"calls_done\":0}");
    assert_saved_after(&r.log, 3, "{\"step\":\"confirm\",\"lines_done\":2,\"calls_done\":4}");
    assert_saved_after(&r.log, 4, "{\"step\":\"order_no\"}");
    /* the answer a later call could use is kept */
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(r.progress, "outputs"), "delivery_address.ADID")), "A00017");
    run_clear(&r);
}

/* A line needs the delivery address's answer, which would come in the same
 * request: nothing goes in bulk, every body call is made on its own, in
 * order, the address's ADID in each line, progress saved after each. */
static void test_body_call_needing_an_earlier_answer_goes_one_by_one(void **state)
{
    (void)state;
    const canned_response script[] = {
        token,       OK(HEAD_OK), OK(ADDRESS_OK), OK(DELIVERY_ADDRESS_OK),
        OK(LINE_OK), OK(LINE_OK), OK(CONFIRM_OK), OK(ORDER_NO_OK),
    };
    run r;
    run_init(&r, "DEF01", order_two_lines, "{}");
    deliver_template(&r, lines_need_address_template, script, 8, 0);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(8);
    assert_token_request(0);
    assert_ois100_request(1, "AddBatchHead", MATRIX, HEAD_SHORT);
    assert_ois100_request(2, "AddBatchAddress", MATRIX, "ORNO=9000000001&ADRT=3&CUNM=Ann%20Buyer");
    assert_ois100_request(3, "AddBatchAddress", MATRIX, "ORNO=9000000001&ADRT=1&CUNM=Bo%20Receiver");
    assert_ois100_request(4, "AddBatchLine", MATRIX, "ORNO=9000000001&ITNO=ITEM-A&ORQT=2&ADID=A00017");
    assert_ois100_request(5, "AddBatchLine", MATRIX, "ORNO=9000000001&ITNO=ITEM-B&ORQT=1&ADID=A00017");
    assert_ois100_request(6, "Confirm", MATRIX, "ORNO=9000000001");
    assert_ois100_request(7, "GetOrderNo", MATRIX, "ORNO=9000000001");
    /* after each call, before the next one */
    assert_saved_after(&r.log, 2, "{\"step\":\"lines\",\"lines_done\":0,\"calls_done\":0}");
    assert_saved_after(&r.log, 3, "{\"step\":\"lines\",\"lines_done\":0,\"calls_done\":1}");
    assert_saved_after(&r.log, 4, "{\"step\":\"lines\",\"lines_done\":0,\"calls_done\":2}");
    assert_saved_after(&r.log, 5, "{\"step\":\"lines\",\"lines_done\":1,\"calls_done\":3}");
    assert_saved_after(&r.log, 6, "{\"step\":\"confirm\",\"lines_done\":2,\"calls_done\":4}");
    assert_saved_after(&r.log, 7, "{\"step\":\"order_no\",\"lines_done\":2,\"calls_done\":4}");
    assert_progress(r.progress,
                    "{\"cuno\":\"CUST01\",\"step\":\"done\",\"batch_orno\":\"9000000001\","
                    "\"lines_done\":2,\"calls_done\":4,\"orno\":\"1000000123\"}");
    run_clear(&r);
}

/* 51 lines, each answering its PONR, then a text for the last line
 * (AddBatchText PONR = line.PONR): the first 50 lines go in one bulk
 * request; the next request would hold line 51 and the text that needs
 * line 51's answer, so both go one by one, the text with line 51's PONR
 * (not line 50's, the latest answer known before that request). */
static const char *const line_text_template = TEMPLATE_HEAD
    "{\"id\": \"line\", \"program\": \"OIS100MI\", \"transaction\": \"AddBatchLine\", \"for_each\": \"items\","
    " \"outputs\": [\"PONR\"],"
    " \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}, \"ITNO\": {\"from\": \"item.sku\"},"
    "  \"ORQT\": {\"from\": \"item.quantity\"}}},"
    "{\"id\": \"gift_text\", \"program\": \"OIS100MI\", \"transaction\": \"AddBatchText\","
    " \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}, \"TYPE\": {\"const\": \"2\"}, \"TYTR\": {\"const\": \"1\"},"
    "  \"PARM\": {\"const\": \"gift wrap\"}, \"PONR\": {\"output\": \"line.PONR\"}}}," TEMPLATE_END;

#define MANY_LINES 51

static char *order_with_lines(int lines)
{
    json_t *items = json_array();
    for (int i = 1; i <= lines; i++) {
        char sku[16];
        snprintf(sku, sizeof sku, "I%02d", i);
        json_array_append_new(items, json_pack("{s:s, s:s, s:s}", "sku", sku, "price", "1", "quantity", "1"));
    }
    json_t *order = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "order_id", "45", "order_number", "XC-1001",
                              "date", "2026-12-01", "email", "buyer@example.com", "infor_customer", "CUST01",
                              "total_amount", "51", "items", items);
    char *text = json_dumps(order, JSON_COMPACT);
    json_decref(order);
    return text;
}

/* The bulk answer to lines first..last (PONR = position) and the
 * transactions the request carried. */
static void many_lines(int first, int last, char *answer, size_t answer_size, char *sent, size_t sent_size)
{
    size_t a = (size_t)snprintf(answer, answer_size, "{\"results\":[");
    size_t s = (size_t)snprintf(sent, sent_size, "[");
    for (int i = first; i <= last; i++) {
        const char *comma = i < last ? "," : "";
        a += (size_t)snprintf(answer + a, answer_size - a,
                              "{\"transaction\":\"AddBatchLine\",\"records\":[{\"PONR\":\"%d\"}]}%s", i, comma);
        s += (size_t)snprintf(sent + s, sent_size - s,
                              "{\"transaction\":\"AddBatchLine\",\"record\":{\"ORNO\":\"9000000001\","
                              "\"ITNO\":\"I%02d\",\"ORQT\":\"1\"}}%s",
                              i, comma);
    }
    snprintf(answer + a, answer_size - a,
             "],\"wasTerminated\":false,\"nrOfSuccessfullTransactions\":%d,\"nrOfFailedTransactions\":0}",
             last - first + 1);
    snprintf(sent + s, sent_size - s, "]");
}

static void test_bulk_requests_of_50_then_one_by_one_where_a_call_needs_an_answer(void **state)
{
    (void)state;
    static char answer[8192], sent[8192];
    many_lines(1, 50, answer, sizeof answer, sent, sizeof sent);
    const canned_response script[] = {
        token,
        OK(HEAD_OK),
        OK(answer),
        OK(V2_OK("AddBatchLine", "{\"PONR\":\"51\"}")),
        OK(V2_OK("AddBatchText", "")),
        OK(CONFIRM_OK),
        OK(ORDER_NO_OK),
    };
    char *order = order_with_lines(MANY_LINES);
    run r;
    run_init(&r, "DEF01", order, "{}");
    free(order);
    deliver_template(&r, line_text_template, script, 7, 0);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(7);
    assert_ois100_request(1, "AddBatchHead", MATRIX, HEAD_SHORT);
    assert_bulk_request(2, "OIS100MI", sent);
    assert_ois100_request(3, "AddBatchLine", MATRIX, "ORNO=9000000001&ITNO=I51&ORQT=1");
    assert_ois100_request(4, "AddBatchText", MATRIX, "ORNO=9000000001&TYPE=2&TYTR=1&PARM=gift%20wrap&PONR=51");
    assert_ois100_request(5, "Confirm", MATRIX, "ORNO=9000000001");
    assert_ois100_request(6, "GetOrderNo", MATRIX, "ORNO=9000000001");
    assert_saved_after(&r.log, 3, "{\"step\":\"lines\",\"lines_done\":50,\"calls_done\":50}");
    assert_saved_after(&r.log, 4, "{\"step\":\"lines\",\"lines_done\":51,\"calls_done\":51}");
    assert_saved_after(&r.log, 5, "{\"step\":\"confirm\",\"lines_done\":51,\"calls_done\":52}");
    assert_progress(r.progress,
                    "{\"cuno\":\"CUST01\",\"step\":\"done\",\"batch_orno\":\"9000000001\","
                    "\"lines_done\":51,\"calls_done\":52,\"orno\":\"1000000123\"}");
    run_clear(&r);
}

/* ---- transaction k of n failed in a bulk request ------------------------------ */

#define THREE_LINES_SENT                                                                                               \
    "[{\"transaction\":\"AddBatchLine\",\"record\":{\"ORNO\":\"9000000001\",\"ITNO\":\"ITEM-A\",\"ORQT\":\"2\","       \
    "\"SAPR\":\"10\",\"WHLO\":\"W01\"}},{\"transaction\":\"AddBatchLine\",\"record\":{\"ORNO\":\"9000000001\","        \
    "\"ITNO\":\"ITEM-B\",\"ORQT\":\"1\",\"SAPR\":\"5\",\"WHLO\":\"W01\"}},{\"transaction\":\"AddBatchLine\","          \
    "\"record\":{\"ORNO\":\"9000000001\",\"ITNO\":\"ITEM-C\",\"ORQT\":\"1\",\"SAPR\":\"10\",\"WHLO\":\"W01\"}}]"
#define LINE_1_OK "{\"transaction\":\"AddBatchLine\",\"records\":[{\"PONR\":\"1\"}]}"
#define LINE_2_NOK                                                                                                     \
    "{\"transaction\":\"AddBatchLine\",\"errorMessage\":\"Item number ITEM-B does not exist\","                        \
    "\"errorType\":\"ServerReturnedNOK\",\"errorCode\":\"WIT0103\",\"errorField\":\"ITNO\"}"
#define NOT_PROCESSED "{\"transaction\":\"AddBatchLine\",\"notProcessed\":true}"

/* Attempt 1 of order_three_lines: head, then the three lines in one bulk
 * request answered with bulk_answer, in which line 2 failed: a dead letter
 * naming that call, progress with line 1 only (and nothing saved beyond). */
static void first_attempt_line_2_fails(run *r, const char *bulk_answer)
{
    const canned_response script[] = {token, OK(HEAD_OK), OK(bulk_answer), OK(CONFIRM_OK), OK(ORDER_NO_OK)};
    run_init(r, "DEF01", order_three_lines, "{}");
    deliver(r, script, 5, 0);

    assert_int_equal(r->result, ISYNC_DEAD_LETTER);
    assert_request_count(3);
    assert_bulk_request(2, "OIS100MI", THREE_LINES_SENT);
    /* what the single call would have said: Infor's reason, the transaction, the line */
    assert_non_null(strstr(r->out.reason, "OIS100MI/AddBatchLine"));
    assert_non_null(strstr(r->out.reason, "(items[1], ITNO ITEM-B)"));
    assert_non_null(strstr(r->out.reason, "Item number ITEM-B does not exist"));
    assert_json_equal(r->out.infor_error,
                      "{\"program\":\"OIS100MI\",\"transaction\":\"AddBatchLine\",\"type\":\"ServerReturnedNOK\","
                      "\"code\":\"WIT0103\",\"field\":\"ITNO\",\"message\":\"Item number ITEM-B does not exist\","
                      "\"http_status\":200}");
    assert_progress(r->progress,
                    "{\"cuno\":\"CUST01\",\"step\":\"lines\",\"batch_orno\":\"9000000001\","
                    "\"lines_done\":1,\"calls_done\":1}");
    assert_saved_after(&r->log, 3, "{\"step\":\"lines\",\"lines_done\":1,\"calls_done\":1}");
    size_t i;
    json_t *save;
    json_array_foreach(r->log.saves, i, save)
    {
        assert_true(json_integer_value(json_object_get(json_object_get(save, "progress"), "lines_done")) <= 1);
    }
}

/* Attempt 2 (the dead letter replayed after ITEM-B was created in M3) from
 * attempt 1's progress, Infor's batch lines being lst_batch_line: lines are
 * reconciled with LstBatchLine, never added again on the strength of the
 * bulk answer. */
static void second_attempt(run *first, run *r, const canned_response *script, int count)
{
    char *progress = json_dumps(first->progress, JSON_COMPACT);
    run_init(r, "DEF01", order_three_lines, progress);
    free(progress);
    deliver(r, script, count, 1);
    assert_int_equal(r->result, ISYNC_DELIVERED);
    assert_ois100_request(1, "LstBatchLine", LIST_MATRIX, "ORNO=9000000001");
    for (int i = 0; i < server.request_count; i++) {
        assert_false(starts_with(server.requests[i], "POST /TEN/M3/")); /* resuming: one by one */
    }
    assert_ois100_request(count - 2, "Confirm", MATRIX, "ORNO=9000000001");
    assert_ois100_request(count - 1, "GetOrderNo", MATRIX, "ORNO=9000000001");
    assert_progress(r->progress,
                    "{\"cuno\":\"CUST01\",\"step\":\"done\",\"batch_orno\":\"9000000001\","
                    "\"lines_done\":3,\"calls_done\":3,\"orno\":\"1000000123\"}");
}

/* M3 went on after the failed transaction: line 3 is in Infor, line 2 is not. */
static void test_bulk_line_2_of_3_failed_and_m3_went_on(void **state)
{
    (void)state;
    run first, second;
    first_attempt_line_2_fails(
        &first,
        "{\"results\":[" LINE_1_OK "," LINE_2_NOK ",{\"transaction\":\"AddBatchLine\",\"records\":[{\"PONR\":\"2\"}]}],"
        "\"wasTerminated\":false,\"nrOfSuccessfullTransactions\":2,\"nrOfFailedTransactions\":1}");
    const canned_response script[] = {
        token,
        OK(V2_OK("LstBatchLine",
                 "{\"PONR\":\"1\",\"ITNO\":\"ITEM-A\",\"ORQT\":\"2.000000\"},"
                 "{\"PONR\":\"2\",\"ITNO\":\"ITEM-C\",\"ORQT\":\"1.000000\"}")),
        OK(DEL_LINE_OK),
        OK(LINE_OK),
        OK(LINE_OK),
        OK(CONFIRM_OK),
        OK(ORDER_NO_OK),
    };
    second_attempt(&first, &second, script, 7);
    assert_request_count(7);
    /* ITEM-C, run out of order after the failure, goes: the lines end up in the shop's order */
    assert_ois100_request(2, "DelBatchLine", MATRIX, "ORNO=9000000001&PONR=2");
    assert_ois100_request(3, "AddBatchLine", MATRIX, "ORNO=9000000001&ITNO=ITEM-B&ORQT=1&SAPR=5&WHLO=W01");
    assert_ois100_request(4, "AddBatchLine", MATRIX, "ORNO=9000000001&ITNO=ITEM-C&ORQT=1&SAPR=10&WHLO=W01");
    run_clear(&first);
    run_clear(&second);
}

/* M3 stopped at the failed transaction: line 3 was not run. */
static void test_bulk_line_2_of_3_failed_and_m3_stopped(void **state)
{
    (void)state;
    run first, second;
    first_attempt_line_2_fails(&first,
                               "{\"results\":[" LINE_1_OK "," LINE_2_NOK "," NOT_PROCESSED "],"
                               "\"wasTerminated\":true,\"terminationReason\":\"Transaction failed\","
                               "\"nrOfSuccessfullTransactions\":1,\"nrOfFailedTransactions\":1,"
                               "\"nrOfNotProcessedTransactions\":1}");
    const canned_response script[] = {
        token,          OK(V2_OK("LstBatchLine", "{\"PONR\":\"1\",\"ITNO\":\"ITEM-A\",\"ORQT\":\"2.000000\"}")),
        OK(LINE_OK),    OK(LINE_OK),
        OK(CONFIRM_OK), OK(ORDER_NO_OK),
    };
    second_attempt(&first, &second, script, 6);
    assert_request_count(6);
    assert_ois100_request(2, "AddBatchLine", MATRIX, "ORNO=9000000001&ITNO=ITEM-B&ORQT=1&SAPR=5&WHLO=W01");
    assert_ois100_request(3, "AddBatchLine", MATRIX, "ORNO=9000000001&ITNO=ITEM-C&ORQT=1&SAPR=10&WHLO=W01");
    run_clear(&first);
    run_clear(&second);
}

/* M3 ended the request after line 1 without a failed transaction (the
 * results of lines 2 and 3 say notProcessed): they are not done, nothing is
 * confirmed, the delivery is retried (and then reconciles). */
static void test_bulk_ended_by_m3_counts_only_what_ran(void **state)
{
    (void)state;
    const canned_response script[] = {
        token,
        OK(HEAD_OK),
        OK("{\"results\":[" LINE_1_OK "," NOT_PROCESSED "," NOT_PROCESSED "],\"wasTerminated\":true,"
           "\"terminationReason\":\"Bulk request ended\",\"nrOfSuccessfullTransactions\":1,"
           "\"nrOfFailedTransactions\":0,\"nrOfNotProcessedTransactions\":2}"),
        OK(CONFIRM_OK),
        OK(ORDER_NO_OK),
    };
    run r;
    run_init(&r, "DEF01", order_three_lines, "{}");
    deliver(&r, script, 5, 0);

    assert_int_equal(r.result, ISYNC_RETRY_LATER);
    assert_request_count(3);
    assert_non_null(strstr(r.out.reason, "(items[1], ITNO ITEM-B)"));
    assert_non_null(strstr(r.out.reason, "not run"));
    assert_progress(r.progress,
                    "{\"cuno\":\"CUST01\",\"step\":\"lines\",\"batch_orno\":\"9000000001\","
                    "\"lines_done\":1,\"calls_done\":1}");
    run_clear(&r);
}

/* wasTerminated without saying which transactions ran: none counts as done
 * (the resume asks Infor with LstBatchLine). */
static void test_bulk_ended_by_m3_without_saying_what_ran_counts_nothing(void **state)
{
    (void)state;
    const canned_response script[] = {
        token,
        OK(HEAD_OK),
        OK("{\"results\":[" LINE_1_OK ",{\"transaction\":\"AddBatchLine\",\"records\":[]},"
           "{\"transaction\":\"AddBatchLine\",\"records\":[]}],\"wasTerminated\":true,"
           "\"nrOfSuccessfullTransactions\":1,\"nrOfFailedTransactions\":0}"),
        OK(CONFIRM_OK),
        OK(ORDER_NO_OK),
    };
    run r;
    run_init(&r, "DEF01", order_three_lines, "{}");
    deliver(&r, script, 5, 0);

    assert_int_equal(r.result, ISYNC_RETRY_LATER);
    assert_request_count(3);
    assert_non_null(strstr(r.out.reason, "(items[0], ITNO ITEM-A)"));
    assert_progress(r.progress,
                    "{\"cuno\":\"CUST01\",\"step\":\"lines\",\"batch_orno\":\"9000000001\","
                    "\"lines_done\":0,\"calls_done\":0}");
    run_clear(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_fresh_order_two_lines, teardown_server),
        cmocka_unit_test_teardown(test_fresh_order_uses_default_customer, teardown_server),
        cmocka_unit_test_teardown(test_no_customer_is_dead_letter_without_calls, teardown_server),
        cmocka_unit_test_teardown(test_resume_at_head_finds_unconfirmed_head, teardown_server),
        cmocka_unit_test_teardown(test_resume_at_head_nothing_found_adds_head, teardown_server),
        cmocka_unit_test_teardown(test_resume_deletes_a_duplicate_head, teardown_server),
        cmocka_unit_test_teardown(test_resume_at_head_already_confirmed, teardown_server),
        cmocka_unit_test_teardown(test_resume_at_lines_deletes_duplicate_line, teardown_server),
        cmocka_unit_test_teardown(test_resume_at_lines_other_quantity_is_not_our_line, teardown_server),
        cmocka_unit_test_teardown(test_resume_at_confirm_not_yet_confirmed, teardown_server),
        cmocka_unit_test_teardown(test_resume_after_confirm_unreadable_answer_sends_no_write, teardown_server),
        cmocka_unit_test_teardown(test_mi_error_on_add_batch_line_is_dead_letter, teardown_server),
        cmocka_unit_test_teardown(test_503_on_confirm_is_retry_later, teardown_server),
        cmocka_unit_test_teardown(test_failing_lst_batch_head_while_resuming_is_retry_later, teardown_server),
        cmocka_unit_test_teardown(test_failing_lst_batch_line_while_resuming_is_retry_later, teardown_server),
        cmocka_unit_test_teardown(test_progress_not_saved_stops_before_next_write, teardown_server),
        cmocka_unit_test_teardown(test_independent_body_calls_go_in_one_bulk_request, teardown_server),
        cmocka_unit_test_teardown(test_body_call_needing_an_earlier_answer_goes_one_by_one, teardown_server),
        cmocka_unit_test_teardown(test_bulk_requests_of_50_then_one_by_one_where_a_call_needs_an_answer,
                                  teardown_server),
        cmocka_unit_test_teardown(test_bulk_line_2_of_3_failed_and_m3_went_on, teardown_server),
        cmocka_unit_test_teardown(test_bulk_line_2_of_3_failed_and_m3_stopped, teardown_server),
        cmocka_unit_test_teardown(test_bulk_ended_by_m3_counts_only_what_ran, teardown_server),
        cmocka_unit_test_teardown(test_bulk_ended_by_m3_without_saying_what_ran_counts_nothing, teardown_server),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
