/* The order.status_changed connector (m3_status.c) and the payment
 * connector (m3_payment.c) against scripted Infor answers: the exact calls,
 * what a replay or a resumed attempt does, and what they report. */
#include "unit.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "worker/business_config.h"
#include "worker/delivery.h"
#include "infor/http.h"
#include "infor/m3.h"
#include "connectors/m3_payment.h"
#include "connectors/m3_status.h"
#include "connectors/order_index.h"
#include "queue/spool.h"
#include "request_check.h"
#include "stub_server.h"

#define TOKEN "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":7200}"
#define V2_OK(transaction, records)                                                          \
    "{\"results\":[{\"transaction\":\"" transaction "\",\"records\":[" records "]}],"         \
    "\"wasTerminated\":false,\"nrOfSuccessfullTransactions\":1,\"nrOfFailedTransactions\":0}"
#define V2_NOK(transaction, message, code, field)                                             \
    "{\"results\":[{\"transaction\":\"" transaction "\",\"errorMessage\":\"" message "\","    \
    "\"errorType\":\"ServerReturnedNOK\",\"errorCode\":\"" code "\",\"errorField\":\"" field \
    "\",\"records\":[]}],\"wasTerminated\":false,\"nrOfSuccessfullTransactions\":0,"        \
    "\"nrOfFailedTransactions\":1}"
#define OK(body) { 200, NULL, body, 0 }
#define LINE(ponr, orst) "{\"PONR\":\"" ponr "\",\"POSX\":\"0\",\"ITNO\":\"ITEM-" ponr "\",\"ORST\":\"" orst "\"}"

/* computed independently: python3 -c "import hashlib; print(int.from_bytes(hashlib.sha256(b'TX-700001').digest()[:8], 'big') % 999999999 + 1)" */
#define PMNB_TX_700001 "900000001" /* the first number of a fresh spool */
#define PMNB9_TX_700001 "900000001"

static const canned_response token = { 200, NULL, TOKEN, 0 };

#define MATRIX ";cono=100;divi=AAA"
#define LIST_MATRIX ";cono=100;divi=AAA;maxrecs=0"

/* ---- spool with an order index ------------------------------------------- */

static char root[64];
static isync_spool spool;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void open_spool(void)
{
    char dir[96];
    snprintf(root, sizeof root, "/tmp/test_m3_payment_XXXXXX");
    assert_non_null(mkdtemp(root));
    snprintf(dir, sizeof dir, "%s/spool", root);
    assert_int_equal(isync_spool_open(&spool, dir, 0, NULL), ISYNC_OK);
}

static int teardown(void **state)
{
    teardown_server(state);
    if (root[0]) {
        isync_spool_close(&spool);
        nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
        root[0] = '\0';
    }
    return 0;
}

static void index_order(const char *order_number, const char *orno, const char *cuno)
{
    json_t *info = json_pack("{s:s, s:s, s:s, s:s, s:b}", "order_number", order_number, "orno", orno,
                             "batch_orno", "9000000001", "cuno", cuno, "shipped", 0);
    assert_int_equal(isync_order_index_put(&spool, info, NULL), ISYNC_OK);
    json_decref(info);
}

static json_t *index_entry(const char *order_number)
{
    json_t *info = NULL;
    assert_int_equal(isync_order_index_get(&spool, order_number, &info, NULL), ISYNC_OK);
    return info;
}

/* ---- helpers ----------------------------------------------------------------- */

static isync_business_config config(void)
{
    isync_business_config cfg = { .cono = 100, .divi = "AAA", .payment_posting = "cash_desk",
                                  .cash_desk = "WEB", .payment_method_code = "CC",
                                  .journal_interface = "XCART", .journal_cash_account = "1930",
                                  .journal_receivable_account = "1510" };
    return cfg;
}

typedef struct {
    json_t *saves;
} save_log;

static int record_save(void *ctx, json_t *progress)
{
    save_log *log = ctx;
    int seen = requests_seen();
    json_array_append_new(log->saves, json_pack("{s:i, s:o}", "after_requests", seen,
                                                "progress", json_deep_copy(progress)));
    return 0;
}

/* ---- one delivery -------------------------------------------------------------- */

typedef struct {
    isync_business_config cfg;
    json_t *payload;
    json_t *progress;
    save_log log;
    isync_delivery_outcome out;
    isync_delivery_result result;
} run;

static void run_init(run *r, const char *payload, const char *progress)
{
    memset(r, 0, sizeof *r);
    r->cfg = config();
    r->payload = parse_json(payload);
    r->progress = parse_json(progress);
    r->log.saves = json_array();
    isync_delivery_outcome_init(&r->out);
}

static void run_clear(run *r)
{
    json_decref(r->payload);
    json_decref(r->progress);
    json_decref(r->log.saves);
    isync_delivery_outcome_clear(&r->out);
}

/* type NULL: order.status_changed */
static void deliver(run *r, const char *type, const canned_response *script, int count, int resuming)
{
    fixture f;
    test_template t;
    test_template_open(&t, &r->cfg);
    start_server(script, count);
    fixture_open(&f, server.port, ISYNC_GRANT_CLIENT_CREDENTIALS);
    isync_connector_ctx ctx = { .m3 = f.client, .env = &t.env, .cfg = t.env.cfg, .spool = &spool,
                                .type = type ? type : "order.status_changed", .payload = r->payload,
                                .progress = r->progress, .resuming = resuming, .save = record_save,
                                .save_ctx = &r->log, .out = &r->out };
    if (type) {
        r->result = isync_m3_payment_deliver(&ctx);
    } else {
        r->result = isync_m3_status_deliver(&ctx);
    }
    fixture_close(&f);
    test_template_close(&t);
    stop_server();
    assert_int_equal(r->out.result, r->result);
}

/* ---- order.status_changed ------------------------------------------------------- */

static const char *const cancelled = "{\"order_number\":\"XC-1001\",\"payment_status\":\"C\","
                                     "\"previous_payment_status\":\"Q\"}";

static void test_cancel_unallocated_order_deletes_head(void **state)
{
    (void)state;
    open_spool();
    index_order("XC-1001", "1000000123", "CUST01");
    const canned_response script[] = { token, OK(V2_OK("LstLine", LINE("1", "22") "," LINE("2", "22"))),
                                       OK(V2_OK("DelHead", "")) };
    run r;
    run_init(&r, cancelled, "{}");
    deliver(&r, NULL, script, 3, 0);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(3);
    assert_m3_request(1, "OIS100MI/LstLine", LIST_MATRIX, "ORNO=1000000123");
    assert_m3_request(2, "OIS100MI/DelHead", MATRIX, "ORNO=1000000123");
    /* the intent to delete was saved before DelHead went out */
    assert_int_equal(json_integer_value(json_object_get(json_array_get(r.log.saves, 0), "after_requests")), 2);
    assert_json_equal(r.out.infor_refs,
                      "{\"action\":\"cancel\",\"orno\":\"1000000123\",\"deleted\":true,\"lines_closed\":0}");
    json_t *entry = index_entry("XC-1001");
    assert_true(json_is_true(json_object_get(entry, "cancelled")));
    assert_true(json_is_true(json_object_get(entry, "deleted")));
    json_decref(entry);
    run_clear(&r);
}

static void test_cancel_allocated_order_closes_open_lines_only(void **state)
{
    (void)state;
    open_spool();
    index_order("XC-1001", "1000000123", "CUST01");
    /* 22 and 44 are closed; 77 (delivered/invoiced) and 99 (closed) are left */
    const canned_response script[] = {
        token,
        OK(V2_OK("LstLine", LINE("1", "22") "," LINE("2", "44") "," LINE("3", "77") "," LINE("4", "99"))),
        OK(V2_OK("CloLine", "")), OK(V2_OK("CloLine", "")),
    };
    run r;
    run_init(&r, "{\"order_number\":\"XC-1001\",\"payment_status\":\"R\"}", "{}");
    deliver(&r, NULL, script, 4, 0);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(4);
    assert_m3_request(1, "OIS100MI/LstLine", LIST_MATRIX, "ORNO=1000000123");
    assert_m3_request(2, "OIS100MI/CloLine", MATRIX, "ORNO=1000000123&PONR=1&POSX=0");
    assert_m3_request(3, "OIS100MI/CloLine", MATRIX, "ORNO=1000000123&PONR=2&POSX=0");
    assert_json_equal(r.out.infor_refs,
                      "{\"action\":\"cancel\",\"orno\":\"1000000123\",\"deleted\":false,\"lines_closed\":2}");
    run_clear(&r);
}

/* A resumed attempt lists the lines again: those closed before are skipped. */
static void test_resumed_cancel_skips_closed_lines(void **state)
{
    (void)state;
    open_spool();
    index_order("XC-1001", "1000000123", "CUST01");
    const canned_response script[] = {
        token, OK(V2_OK("LstLine", LINE("1", "99") "," LINE("2", "44"))), OK(V2_OK("CloLine", "")),
    };
    run r;
    run_init(&r, cancelled, "{}");
    deliver(&r, NULL, script, 3, 1);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(3);
    assert_m3_request(2, "OIS100MI/CloLine", MATRIX, "ORNO=1000000123&PONR=2&POSX=0");
    run_clear(&r);
}

/* DelHead ran but its answer was lost: the order is gone, which is the goal. */
static void test_resumed_after_delete_order_gone_is_delivered(void **state)
{
    (void)state;
    open_spool();
    index_order("XC-1001", "1000000123", "CUST01");
    const canned_response script[] = {
        token, OK(V2_NOK("LstLine", "Order number 1000000123 does not exist", "XRE0103", "ORNO")),
    };
    run r;
    run_init(&r, cancelled, "{\"step\":\"delete\"}");
    deliver(&r, NULL, script, 2, 1);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(2);
    assert_true(json_is_true(json_object_get(r.out.infor_refs, "deleted")));
    run_clear(&r);
}

/* Without the saved intent, the same answer is Infor refusing: dead letter. */
static void test_unknown_infor_order_is_dead_letter(void **state)
{
    (void)state;
    open_spool();
    index_order("XC-1001", "1000000123", "CUST01");
    const canned_response script[] = {
        token, OK(V2_NOK("LstLine", "Order number 1000000123 does not exist", "XRE0103", "ORNO")),
    };
    run r;
    run_init(&r, cancelled, "{}");
    deliver(&r, NULL, script, 2, 0);
    assert_int_equal(r.result, ISYNC_DEAD_LETTER);
    assert_non_null(strstr(r.out.reason, "OIS100MI/LstLine"));
    run_clear(&r);
}

static void test_replay_of_cancelled_order_calls_nothing(void **state)
{
    (void)state;
    open_spool();
    index_order("XC-1001", "1000000123", "CUST01");
    const canned_response first[] = { token, OK(V2_OK("LstLine", LINE("1", "22"))), OK(V2_OK("DelHead", "")) };
    run r;
    run_init(&r, cancelled, "{}");
    deliver(&r, NULL, first, 3, 0);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    run_clear(&r);

    run_init(&r, cancelled, "{}");
    deliver(&r, NULL, NULL, 0, 0);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(0);
    assert_true(json_is_true(json_object_get(r.out.infor_refs, "already_cancelled")));
    run_clear(&r);
}

static void test_order_not_in_index_is_retried(void **state)
{
    (void)state;
    open_spool();
    run r;
    run_init(&r, cancelled, "{}");
    deliver(&r, NULL, NULL, 0, 0);
    assert_int_equal(r.result, ISYNC_RETRY_LATER);
    assert_request_count(0);
    assert_non_null(strstr(r.out.reason, "order not in Infor yet"));
    run_clear(&r);
}

static void test_status_without_action_calls_nothing(void **state)
{
    (void)state;
    open_spool();
    index_order("XC-1001", "1000000123", "CUST01");
    run r;
    run_init(&r, "{\"order_number\":\"XC-1001\",\"payment_status\":\"P\",\"shipping_status\":\"S\"}", "{}");
    deliver(&r, NULL, NULL, 0, 0);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(0);
    assert_json_equal(r.out.infor_refs, "{\"action\":\"none\"}");
    run_clear(&r);
}

/* A configured map replaces the default: here a returned shipment cancels,
 * a cancelled payment no longer does. */
static void test_configured_status_map(void **state)
{
    (void)state;
    isync_problems problems;
    isync_business_config cfg;
    json_t *obj = parse_json("{\"status_map\":{\"payment\":{\"D\":\"cancel\"},\"shipping\":{\"R\":\"cancel\"},"
                             "\"infor_to_shipping\":{\"66\":\"S\",\"99\":\"D\"}}}");
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_OK);
    assert_int_equal(isync_status_map_action(&cfg.status_map, 0, "C"), ISYNC_ACTION_NONE);
    assert_int_equal(isync_status_map_action(&cfg.status_map, 0, "D"), ISYNC_ACTION_CANCEL);
    assert_int_equal(isync_status_map_action(&cfg.status_map, 1, "R"), ISYNC_ACTION_CANCEL);
    assert_string_equal(isync_status_map_shipping_for(&cfg.status_map, "99"), "D");
    assert_null(isync_status_map_shipping_for(&cfg.status_map, "22"));
    json_t *back = isync_config_to_json(&cfg);
    assert_json_equal(json_object_get(back, "status_map"),
                      "{\"payment\":{\"D\":\"cancel\"},\"shipping\":{\"R\":\"cancel\"},"
                      "\"infor_to_shipping\":{\"66\":\"S\",\"99\":\"D\"}}");
    json_decref(back);
    json_decref(obj);

    /* defaults */
    memset(&cfg, 0, sizeof cfg);
    assert_int_equal(isync_status_map_action(&cfg.status_map, 0, "C"), ISYNC_ACTION_CANCEL);
    assert_int_equal(isync_status_map_action(&cfg.status_map, 0, "P"), ISYNC_ACTION_NONE);
    assert_int_equal(isync_status_map_action(&cfg.status_map, 1, "R"), ISYNC_ACTION_NONE);
    assert_string_equal(isync_status_map_shipping_for(&cfg.status_map, "66"), "S");

    obj = parse_json("{\"status_map\":{\"payment\":{\"X\":\"cancel\",\"C\":\"delete\"},"
                     "\"infor_to_shipping\":{\"7\":\"S\",\"66\":\"Z\"},\"other\":1},"
                     "\"payment_posting\":\"journal\"}");
    assert_int_equal(isync_config_from_json(obj, &cfg, &problems), ISYNC_ERR_INVALID);
    char text[1024];
    isync_problems_format(&problems, text, sizeof text);
    assert_non_null(strstr(text, "status_map.payment.X: is not an X-Cart payment status code"));
    assert_non_null(strstr(text, "status_map.payment.C: must be \"cancel\" or \"none\""));
    assert_non_null(strstr(text, "status_map.infor_to_shipping.7: is not an Infor order status"));
    assert_non_null(strstr(text, "status_map.infor_to_shipping.66: must be an X-Cart shipping status code"));
    assert_non_null(strstr(text, "status_map.other: is not known"));
    assert_non_null(strstr(text, "journal_interface: is required when payment_posting is \"journal\""));
    assert_non_null(strstr(text, "cono: is required when payment_posting is \"journal\""));
    json_decref(obj);
}

/* ---- payments -------------------------------------------------------------------- */

static const char *const captured =
    "{\"order_number\":\"XC-1001\",\"transaction_id\":\"TX-700001\",\"amount\":\"49.48\","
    "\"currency\":\"EUR\",\"date\":\"2026-11-26T14:05:00Z\",\"method\":\"Credit card\"}";

static void test_payment_number_is_stable(void **state)
{
    (void)state;
    char a[10], b[10], c[10], d[10];
    open_spool();
    assert_int_equal(isync_payment_number(&spool, "TX-700001", 0, a, NULL), ISYNC_OK);
    assert_int_equal(isync_payment_number(&spool, "TX-700002", 0, c, NULL), ISYNC_OK);
    assert_int_equal(isync_payment_number(&spool, "TX-700001", 1, d, NULL), ISYNC_OK);
    assert_int_equal(isync_payment_number(&spool, "TX-700001", 0, b, NULL), ISYNC_OK);
    /* a replay gets its number again; every other transaction the next one */
    assert_string_equal(a, "900000001");
    assert_string_equal(c, "900000002");
    assert_string_equal(d, "900000003");
    assert_string_equal(b, a);
    /* kept in the spool: another leader process finds the same numbers */
    isync_spool other;
    assert_int_equal(isync_spool_open(&other, spool.dir, 1, NULL), ISYNC_OK);
    assert_int_equal(isync_payment_number(&other, "TX-700002", 0, b, NULL), ISYNC_OK);
    assert_string_equal(b, c);
    assert_int_equal(isync_payment_number(&other, "TX-700003", 0, b, NULL), ISYNC_OK);
    assert_string_equal(b, "900000004");
    isync_spool_close(&other);
}

static void test_cash_desk_capture_exact_fields(void **state)
{
    (void)state;
    open_spool();
    index_order("XC-1001", "1000000123", "CUST01");
    const canned_response script[] = { token, OK(V2_OK("AddPayment", "")) };
    run r;
    run_init(&r, captured, "{}");
    deliver(&r, "payment.captured", script, 2, 0);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(2);
    assert_m3_request(1, "OIS215MI/AddPayment", MATRIX,
                      "PMNB=" PMNB_TX_700001 "&CSHD=WEB&PYNO=CUST01&PYCD=CC&PYDT=20261126&CUCD=EUR"
                      "&PMAM=49.48&IRNO=TX-700001&CKNO=XC-1001");
    assert_json_equal(r.out.infor_refs, "{\"posting\":\"cash_desk\",\"payer\":\"CUST01\",\"irno\":\"TX-700001\","
                                        "\"pmnb\":\"" PMNB_TX_700001 "\",\"cshd\":\"WEB\"}");
    run_clear(&r);
}

static void test_cash_desk_refund_is_negative_and_uses_given_payer(void **state)
{
    (void)state;
    open_spool(); /* no index entry: the payer comes from the event */
    char number[10], query[512];
    const canned_response script[] = { token, OK(V2_OK("AddPayment", "")) };
    run r;
    run_init(&r, "{\"order_number\":\"XC-1001\",\"transaction_id\":\"TX-700009\",\"amount\":\"10.00\","
                 "\"currency\":\"EUR\",\"date\":\"2026-11-28\",\"infor_customer\":\"PAYER9\"}", "{}");
    deliver(&r, "payment.refunded", script, 2, 0);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_int_equal(isync_payment_number(&spool, "TX-700009", 1, number, NULL), ISYNC_OK);
    snprintf(query, sizeof query, "PMNB=%s&CSHD=WEB&PYNO=PAYER9&PYCD=CC&PYDT=20261128&CUCD=EUR"
                                  "&PMAM=-10.00&IRNO=TX-700009&CKNO=XC-1001", number);
    assert_m3_request(1, "OIS215MI/AddPayment", MATRIX, query);
    run_clear(&r);
}

static void test_cash_desk_duplicate_is_delivered_once(void **state)
{
    (void)state;
    open_spool();
    index_order("XC-1001", "1000000123", "CUST01");
    const canned_response script[] = {
        token, OK(V2_NOK("AddPayment", "Payment number already exists", "WPM0101", "PMNB")),
    };
    run r;
    run_init(&r, captured, "{}");
    deliver(&r, "payment.captured", script, 2, 0);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(2);
    assert_true(json_is_true(json_object_get(r.out.infor_refs, "already_posted")));
    run_clear(&r);
}

static void test_cash_desk_other_refusal_is_dead_letter(void **state)
{
    (void)state;
    open_spool();
    index_order("XC-1001", "1000000123", "CUST01");
    const canned_response script[] = {
        token, OK(V2_NOK("AddPayment", "Cash desk WEB does not exist", "XRE0103", "CSHD")),
    };
    run r;
    run_init(&r, captured, "{}");
    deliver(&r, "payment.captured", script, 2, 0);
    assert_int_equal(r.result, ISYNC_DEAD_LETTER);
    assert_non_null(strstr(r.out.reason, "OIS215MI/AddPayment"));
    run_clear(&r);
}

static void test_payment_without_payer_waits_for_its_order(void **state)
{
    (void)state;
    open_spool();
    run r;
    run_init(&r, captured, "{}");
    deliver(&r, "payment.captured", NULL, 0, 0);
    assert_int_equal(r.result, ISYNC_RETRY_LATER);
    assert_request_count(0);
    assert_non_null(strstr(r.out.reason, "order not in Infor yet"));
    run_clear(&r);
}

static void test_posting_none_calls_nothing(void **state)
{
    (void)state;
    open_spool();
    run r;
    run_init(&r, captured, "{}");
    r.cfg.payment_posting[0] = '\0';
    deliver(&r, "payment.captured", NULL, 0, 0);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(0);
    assert_json_equal(r.out.infor_refs, "{\"posting\":\"none\"}");
    run_clear(&r);
}

/* A void makes no call, whatever payment_posting says, takes no payment
 * number and needs no payer; the record says why. */
static void test_void_calls_nothing(void **state)
{
    (void)state;
    const char *postings[] = { "cash_desk", "journal", "" };
    char next[600];
    open_spool(); /* no order index entry: a void does not wait for its order's payer */
    for (size_t i = 0; i < sizeof postings / sizeof postings[0]; i++) {
        run r;
        run_init(&r, captured, "{}");
        strcpy(r.cfg.payment_posting, postings[i]);
        deliver(&r, "payment.voided", NULL, 0, 0);
        assert_int_equal(r.result, ISYNC_DELIVERED);
        assert_request_count(0);
        assert_json_equal(r.out.infor_refs,
                          "{\"note\":\"authorization voided: nothing was posted to Infor, nothing to reverse\"}");
        assert_string_equal(json_string_value(json_object_get(r.out.mapping, "template")), "built-in payment.voided.json");
        assert_json_equal(r.progress, "{\"step\":\"done\"}");
        assert_int_equal(json_array_size(r.log.saves), 0);
        run_clear(&r);
    }
    snprintf(next, sizeof next, "%s/payments/next.json", spool.dir);
    assert_int_equal(access(next, F_OK), -1); /* the payment number series is untouched */
}

static void test_journal_line_layout(void **state)
{
    (void)state;
    char parm[ISYNC_PARM_LENGTH + 1];
    isync_payment_journal_line(1, 0, "20261126", "1930", "EUR", "49.48", "CUST01", "TX-700001", "XC-1001", parm);
    assert_int_equal(strlen(parm), ISYNC_PARM_LENGTH);
    assert_string_equal(parm, "20261126" "1930    " "EUR" "            49.48" "CUST01    "
                              "TX-700001                               " "XC-1001             ");
    isync_payment_journal_line(2, 0, "20261126", "1510", "EUR", "49.48", "CUST01", "TX-700001", "XC-1001", parm);
    assert_int_equal(strncmp(parm + 19, "           -49.48", 17), 0);
    /* a refund reverses the sides */
    isync_payment_journal_line(1, 1, "20261126", "1930", "EUR", "5", "CUST01", "TX-1", "XC-1", parm);
    assert_int_equal(strncmp(parm + 19, "               -5", 17), 0);
}

static char *escaped_parm(int line, const char *account, const char *amount)
{
    char parm[ISYNC_PARM_LENGTH + 1];
    isync_payment_journal_line(line, 0, "20261126", account, "EUR", amount, "CUST01", "TX-700001", "XC-1001", parm);
    /* the client sends values right-trimmed */
    size_t len = strlen(parm);
    while (len && parm[len - 1] == ' ') {
        parm[--len] = '\0';
    }
    return isync_http_escape(parm);
}

static void test_journal_head_lines_update(void **state)
{
    (void)state;
    open_spool();
    index_order("XC-1001", "1000000123", "CUST01");
    const canned_response script[] = { token, OK(V2_OK("AddBatchHead", "{\"CONO\":\"100\"}")),
                                       OK(V2_OK("AddBatchLine", "")), OK(V2_OK("AddBatchLine", "")),
                                       OK(V2_OK("UpdBatch", "")) };
    run r;
    char query[600];
    run_init(&r, captured, "{}");
    strcpy(r.cfg.payment_posting, "journal");
    deliver(&r, "payment.captured", script, 5, 0);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(5);
    assert_m3_request(1, "GLS840MI/AddBatchHead", MATRIX,
                      "CONO=100&KEY1=XC" PMNB9_TX_700001 "&INTN=XCART&DESC=X-Cart%20payment%20XC-1001&DIVI=AAA");
    char *parm1 = escaped_parm(1, "1930", "49.48"), *parm2 = escaped_parm(2, "1510", "49.48");
    snprintf(query, sizeof query, "CONO=100&KEY1=XC" PMNB9_TX_700001 "&LINE=1&PARM=%s&DIVI=AAA", parm1);
    assert_m3_request(2, "GLS840MI/AddBatchLine", MATRIX, query);
    snprintf(query, sizeof query, "CONO=100&KEY1=XC" PMNB9_TX_700001 "&LINE=2&PARM=%s&DIVI=AAA", parm2);
    assert_m3_request(3, "GLS840MI/AddBatchLine", MATRIX, query);
    assert_m3_request(4, "GLS840MI/UpdBatch", MATRIX, "CONO=100&KEY1=XC" PMNB9_TX_700001 "&DIVI=AAA");
    free(parm1);
    free(parm2);
    /* progress saved after every write, before the next call */
    assert_int_equal(json_array_size(r.log.saves), 3);
    assert_json_equal(json_array_get(r.log.saves, 0),
                      "{\"after_requests\":2,\"progress\":{\"step\":\"lines\",\"lines_done\":0}}");
    assert_json_equal(json_array_get(r.log.saves, 1),
                      "{\"after_requests\":3,\"progress\":{\"step\":\"lines\",\"lines_done\":1}}");
    assert_json_equal(json_array_get(r.log.saves, 2),
                      "{\"after_requests\":4,\"progress\":{\"step\":\"update\",\"lines_done\":2}}");
    assert_json_equal(r.out.infor_refs, "{\"posting\":\"journal\",\"payer\":\"CUST01\",\"irno\":\"TX-700001\","
                                        "\"key1\":\"XC" PMNB9_TX_700001 "\"}");
    run_clear(&r);
}

/* The head was added but its answer lost: "already exists" -> on with the lines. */
static void test_journal_resume_after_head(void **state)
{
    (void)state;
    open_spool();
    index_order("XC-1001", "1000000123", "CUST01");
    const canned_response script[] = { token, OK(V2_NOK("AddBatchHead", "Batch key already exists", "WKE0101", "KEY1")),
                                       OK(V2_OK("AddBatchLine", "")),
                                       OK(V2_NOK("AddBatchLine", "Line 2 already exists in batch", "WLI0101", "LINE")),
                                       OK(V2_OK("UpdBatch", "")) };
    run r;
    run_init(&r, captured, "{}");
    strcpy(r.cfg.payment_posting, "journal");
    deliver(&r, "payment.captured", script, 5, 1);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(5);
    assert_m3_request(4, "GLS840MI/UpdBatch", MATRIX, "CONO=100&KEY1=XC" PMNB9_TX_700001 "&DIVI=AAA");
    assert_null(json_object_get(r.out.infor_refs, "already_posted"));
    run_clear(&r);

    /* resumed from saved progress: the head is not sent again */
    const canned_response rest[] = { token, OK(V2_OK("AddBatchLine", "")), OK(V2_OK("UpdBatch", "")) };
    run_init(&r, captured, "{\"step\":\"lines\",\"lines_done\":1}");
    strcpy(r.cfg.payment_posting, "journal");
    deliver(&r, "payment.captured", rest, 3, 1);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(3);
    assert_true(strstr(server.requests[1], "AddBatchLine") && strstr(server.requests[1], "LINE=2"));
    run_clear(&r);
}

/* A replay of a posted payment: Infor says the batch was updated already. */
static void test_journal_replay_of_posted_batch(void **state)
{
    (void)state;
    open_spool();
    index_order("XC-1001", "1000000123", "CUST01");
    const canned_response script[] = { token, OK(V2_NOK("AddBatchHead", "Batch key already exists", "WKE0101", "KEY1")),
                                       OK(V2_NOK("AddBatchLine", "Batch already updated", "WST0101", "KEY1")) };
    run r;
    run_init(&r, captured, "{}");
    strcpy(r.cfg.payment_posting, "journal");
    deliver(&r, "payment.captured", script, 3, 0);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(3);
    assert_true(json_is_true(json_object_get(r.out.infor_refs, "already_posted")));
    run_clear(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_cancel_unallocated_order_deletes_head, teardown),
        cmocka_unit_test_teardown(test_cancel_allocated_order_closes_open_lines_only, teardown),
        cmocka_unit_test_teardown(test_resumed_cancel_skips_closed_lines, teardown),
        cmocka_unit_test_teardown(test_resumed_after_delete_order_gone_is_delivered, teardown),
        cmocka_unit_test_teardown(test_unknown_infor_order_is_dead_letter, teardown),
        cmocka_unit_test_teardown(test_replay_of_cancelled_order_calls_nothing, teardown),
        cmocka_unit_test_teardown(test_order_not_in_index_is_retried, teardown),
        cmocka_unit_test_teardown(test_status_without_action_calls_nothing, teardown),
        cmocka_unit_test(test_configured_status_map),
        cmocka_unit_test_teardown(test_payment_number_is_stable, teardown),
        cmocka_unit_test_teardown(test_cash_desk_capture_exact_fields, teardown),
        cmocka_unit_test_teardown(test_cash_desk_refund_is_negative_and_uses_given_payer, teardown),
        cmocka_unit_test_teardown(test_cash_desk_duplicate_is_delivered_once, teardown),
        cmocka_unit_test_teardown(test_cash_desk_other_refusal_is_dead_letter, teardown),
        cmocka_unit_test_teardown(test_payment_without_payer_waits_for_its_order, teardown),
        cmocka_unit_test_teardown(test_posting_none_calls_nothing, teardown),
        cmocka_unit_test_teardown(test_void_calls_nothing, teardown),
        cmocka_unit_test(test_journal_line_layout),
        cmocka_unit_test_teardown(test_journal_head_lines_update, teardown),
        cmocka_unit_test_teardown(test_journal_resume_after_head, teardown),
        cmocka_unit_test_teardown(test_journal_replay_of_posted_batch, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
