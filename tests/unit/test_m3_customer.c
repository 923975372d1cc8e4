/* Customers (m3_customer.c) against scripted Infor answers: look up before
 * creating, the exact CRS610MI calls, the customer index, guests, the
 * customer of an order.placed, and the index rebuild. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "worker/business_config.h"
#include "worker/delivery.h"
#include "infor/m3.h"
#include "connectors/m3_customer.h"
#include "connectors/m3_order.h"
#include "request_check.h"
#include "stub_server.h"
#include "connectors/xref.h"

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

#define OK(body) { 200, NULL, body, 0 }

static const canned_response token = { 200, NULL, TOKEN, 0 };

#define FOUND(cuno) OK(V2_OK("GetBasicData", "{\"CUNO\":\"" cuno "\",\"CUNM\":\"Anna Schmidt\"}"))
#define NOT_FOUND(cuno) OK(V2_NOK("GetBasicData", "Customer number " cuno " does not exist", "WCU0203", "CUNO"))
#define ADDED(cuno) OK(V2_OK("Add", "{\"CUNO\":\"" cuno "\"}"))

#define MATRIX ";cono=100;divi=AAA"

/* ---- customers ------------------------------------------------------------ */

static const char *const anna =
    "{\"profile_id\":\"123\",\"email\":\"Anna.Schmidt@Example.com\",\"firstname\":\"Anna\","
    "\"lastname\":\"Schmidt\",\"phone\":\"+49 30 1234567\",\"address\":{\"street\":\"Hauptstr. 12\","
    "\"city\":\"Berlin\",\"zipcode\":\"10115\",\"country\":\"DE\"}}";

/* Every text longer than Infor takes it; ü is two bytes, one character. */
static const char *const long_names =
    "{\"profile_id\":\"77\",\"email\":\"info@mueller-und-soehne.example.com\",\"firstname\":\"J\","
    "\"lastname\":\"M\",\"company\":\"M\xc3\xbcller & S\xc3\xb6hne Gartenbau und Landschaftspflege GmbH\","
    "\"phone\":\"+49 (0) 89 1234 5678 99\",\"address\":{\"street\":\"Oberer Hauptstra\xc3\x9f" "enweg 123 Hinterhaus\","
    "\"city\":\"Garmisch-Partenkirchen Ost\",\"zipcode\":\"D-82467-1234\",\"country\":\"DE\",\"state\":\"Bavaria\"}}";

static const char *const order_for_anna =
    "{\"order_id\":\"42\",\"order_number\":\"XC-1001\",\"date\":\"2026-11-26T14:03:00Z\","
    "\"customer_id\":\"123\",\"email\":\"anna.schmidt@example.com\",\"currency\":\"EUR\","
    "\"total_amount\":\"20\",\"billing_address\":{\"firstname\":\"Anna\",\"lastname\":\"Schmidt\","
    "\"street\":\"Hauptstr. 12\",\"city\":\"Berlin\",\"zipcode\":\"10115\",\"country\":\"DE\"},"
    "\"items\":[{\"sku\":\"ITEM-A\",\"price\":\"10\",\"quantity\":\"2\"}]}";

static const char *const guest_order =
    "{\"order_id\":\"43\",\"order_number\":\"XC-1002\",\"date\":\"2026-11-26\","
    "\"email\":\"Anna@Example.com\",\"currency\":\"EUR\",\"total_amount\":\"10\","
    "\"billing_address\":{\"firstname\":\"Anna\",\"lastname\":\"Schmidt\",\"street\":\"Hauptstr. 12\","
    "\"city\":\"Berlin\",\"zipcode\":\"10115\",\"country\":\"DE\"},"
    "\"items\":[{\"sku\":\"ITEM-A\",\"price\":\"10\",\"quantity\":\"1\"}]}";

/* ---- requests ------------------------------------------------------------- */

/* ---- one run against the scripted server ---------------------------------- */

typedef struct {
    isync_business_config cfg;
    char spool[64];
    isync_xref xref;
    json_t *payload;
    json_t *progress;
    json_t *saves;      /* copies of every saved progress, with the requests seen before */
    isync_delivery_outcome out;
    isync_delivery_result result;
    char cuno[ISYNC_CUNO_SIZE];
} run;

static int record_save(void *ctx, json_t *progress)
{
    run *r = ctx;
    int seen = requests_seen();
    json_array_append_new(r->saves, json_pack("{s:i, s:o}", "after_requests", seen, "progress",
                                              json_deep_copy(progress)));
    return 0;
}

static void run_init(run *r, const char *payload)
{
    memset(r, 0, sizeof *r);
    r->cfg = (isync_business_config){ .cono = 100, .divi = "AAA", .order_type = "SO1", .facility = "F01",
                                      .warehouse = "W01", .default_customer = "DEF01",
                                      .customer_template = "TEMPLATE", .currency = "EUR" };
    snprintf(r->spool, sizeof r->spool, "/tmp/test_m3_customer_XXXXXX");
    assert_non_null(mkdtemp(r->spool));
    isync_xref_init(&r->xref, r->spool, 0);
    r->payload = parse_json(payload);
    r->progress = json_object();
    r->saves = json_array();
    isync_delivery_outcome_init(&r->out);
}

static void run_clear(run *r)
{
    char command[128];
    isync_xref_free(&r->xref);
    snprintf(command, sizeof command, "rm -rf '%s'", r->spool);
    assert_int_equal(system(command), 0);
    json_decref(r->payload);
    json_decref(r->progress);
    json_decref(r->saves);
    isync_delivery_outcome_clear(&r->out);
}

/* The customer index as the leader will read it next time (a new handle on its files). */
static const char *indexed(run *r, const char *map, const char *key)
{
    static char cuno[32];
    isync_xref fresh;
    isync_xref_init(&fresh, r->spool, 0);
    isync_status st = strcmp(map, "profiles") == 0 ? isync_xref_profile(&fresh, key, cuno, sizeof cuno, NULL)
                                                   : isync_xref_email(&fresh, key, cuno, sizeof cuno, NULL);
    if (st != ISYNC_OK) {
        snprintf(cuno, sizeof cuno, "(none)");
    }
    isync_xref_free(&fresh);
    return cuno;
}

static void resolve_order_customer(run *r, const canned_response *script, int count)
{
    fixture f;
    isync_customer customer;
    test_template t;
    test_template_open(&t, &r->cfg);
    start_server(script, count);
    fixture_open(&f, server.port, ISYNC_GRANT_CLIENT_CREDENTIALS);
    isync_customer_from_order(r->payload, &customer);
    isync_connector_ctx ctx = { .m3 = f.client, .env = &t.env, .cfg = t.env.cfg, .xref = &r->xref, .out = &r->out };
    r->result = isync_m3_customer_resolve(&ctx, &customer, r->cuno);
    fixture_close(&f);
    test_template_close(&t);
    stop_server();
    assert_int_equal(r->out.result, r->result);
}

static void deliver_event(run *r, const char *type, const canned_response *script, int count)
{
    fixture f;
    test_template t;
    test_template_open(&t, &r->cfg);
    start_server(script, count);
    fixture_open(&f, server.port, ISYNC_GRANT_CLIENT_CREDENTIALS);
    isync_connector_ctx ctx = { .m3 = f.client, .env = &t.env, .cfg = t.env.cfg, .xref = &r->xref, .type = type,
                                .payload = r->payload, .progress = r->progress, .save = record_save, .save_ctx = r,
                                .out = &r->out };
    r->result = isync_m3_customer_deliver(&ctx);
    fixture_close(&f);
    test_template_close(&t);
    stop_server();
    assert_int_equal(r->out.result, r->result);
}

static void deliver_order(run *r, const canned_response *script, int count)
{
    fixture f;
    test_template t;
    test_template_open(&t, &r->cfg);
    start_server(script, count);
    fixture_open(&f, server.port, ISYNC_GRANT_CLIENT_CREDENTIALS);
    isync_connector_ctx ctx = { .m3 = f.client, .env = &t.env, .cfg = t.env.cfg, .tmpl = t.tmpl, .xref = &r->xref,
                                .type = "order.placed", .payload = r->payload, .progress = r->progress,
                                .save = record_save, .save_ctx = r, .out = &r->out };
    r->result = isync_m3_order_deliver(&ctx);
    fixture_close(&f);
    test_template_close(&t);
    stop_server();
    assert_int_equal(r->out.result, r->result);
}

static void record(run *r, const char *profile_id, const char *email, const char *cuno)
{
    isync_error err;
    assert_int_equal(isync_xref_record(&r->xref, profile_id, email, cuno, &err), ISYNC_OK);
    isync_xref_free(&r->xref); /* read back from the file */
}

/* ---- customer numbers ------------------------------------------------------ */

static void test_customer_numbers(void **state)
{
    (void)state;
    char cuno[ISYNC_CUNO_SIZE];
    assert_true(isync_customer_number("XC", "123", cuno));
    assert_string_equal(cuno, "XC00000123");
    assert_true(isync_customer_number("XC", "12345678", cuno));
    assert_string_equal(cuno, "XC12345678");
    assert_true(isync_customer_number("WEBX", "1", cuno));
    assert_string_equal(cuno, "WEBX000001");
    assert_false(isync_customer_number("WEBX", "1234567", cuno));
    assert_false(isync_customer_number("XC", "123456789", cuno));
}

static void test_guest_number_stable_and_case_insensitive(void **state)
{
    (void)state;
    char a[ISYNC_CUNO_SIZE], b[ISYNC_CUNO_SIZE], c[ISYNC_CUNO_SIZE];
    isync_guest_customer_number("anna@example.com", 0, a);
    isync_guest_customer_number(" Anna@EXAMPLE.com ", 0, b);
    isync_guest_customer_number("guest@example.com", 0, c);
    /* "XG" + base32(SHA-256("anna@example.com"))[0..8] */
    assert_string_equal(a, "XG67KUYIW5");
    assert_string_equal(b, a);
    assert_string_equal(c, "XGKE4TLRGS");
    /* the next candidate, for when the first belongs to another e-mail */
    isync_guest_customer_number("anna@example.com", 1, b);
    assert_string_not_equal(b, a);
    assert_int_equal(strlen(b), 10);
    assert_memory_equal(b, "XG", 2);
}

/* ---- resolving a customer --------------------------------------------------- */

static void test_known_in_index_makes_no_call(void **state)
{
    (void)state;
    const canned_response script[] = { token, NOT_FOUND("XC00000123") };
    run r;
    run_init(&r, order_for_anna);
    record(&r, "123", NULL, "C4711");
    resolve_order_customer(&r, script, 2);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_string_equal(r.cuno, "C4711");
    assert_request_count(0);
    /* what it learnt on the way: the e-mail too */
    assert_string_equal(indexed(&r, "emails", "anna.schmidt@example.com"), "C4711");
    run_clear(&r);
}

static void test_known_email_makes_no_call(void **state)
{
    (void)state;
    const canned_response script[] = { token, NOT_FOUND("XC00000123") };
    run r;
    run_init(&r, order_for_anna);
    record(&r, NULL, "ANNA.Schmidt@example.com", "C0815");
    resolve_order_customer(&r, script, 2);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_string_equal(r.cuno, "C0815");
    assert_request_count(0);
    assert_string_equal(indexed(&r, "profiles", "123"), "C0815");
    run_clear(&r);
}

static void test_found_in_infor_is_not_added(void **state)
{
    (void)state;
    const canned_response script[] = { token, FOUND("XC00000123"), ADDED("XC00000123") };
    run r;
    run_init(&r, order_for_anna);
    resolve_order_customer(&r, script, 3);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_string_equal(r.cuno, "XC00000123");
    assert_request_count(2);
    assert_m3_request(1, "CRS610MI/GetBasicData", MATRIX, "CUNO=XC00000123");
    assert_string_equal(indexed(&r, "profiles", "123"), "XC00000123");
    assert_string_equal(indexed(&r, "emails", "anna.schmidt@example.com"), "XC00000123");
    run_clear(&r);
}

static void test_missing_customer_is_added_with_exact_fields(void **state)
{
    (void)state;
    const canned_response script[] = { token, NOT_FOUND("XC00000123"), ADDED("XC00000123") };
    run r;
    run_init(&r, anna);
    deliver_event(&r, "customer.created", script, 3);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(3);
    assert_m3_request(1, "CRS610MI/GetBasicData", MATRIX, "CUNO=XC00000123");
    assert_m3_request(2, "CRS610MI/Add", MATRIX,
                      "CUTM=TEMPLATE&CUNO=XC00000123&CUNM=Anna%20Schmidt&CUA1=Hauptstr.%2012&PONO=10115"
                      "&TOWN=Berlin&CSCD=DE&PHNO=%2B49%2030%201234567&MAIL=Anna.Schmidt%40Example.com");
    /* every write on a connection of its own */
    assert_true(server.connections >= 2);
    assert_string_equal(indexed(&r, "profiles", "123"), "XC00000123");
    assert_string_equal(indexed(&r, "emails", "anna.schmidt@example.com"), "XC00000123");
    /* the number is saved once known; the outcome says what happened */
    assert_int_equal(json_array_size(r.saves), 1);
    assert_string_equal(json_string_value(json_object_get(r.progress, "cuno")), "XC00000123");
    char *refs = json_dumps(r.out.infor_refs, JSON_SORT_KEYS | JSON_COMPACT);
    assert_string_equal(refs, "{\"created\":true,\"cuno\":\"XC00000123\"}");
    free(refs);
    run_clear(&r);
}

static void test_add_cuts_values_to_infor_lengths(void **state)
{
    (void)state;
    const canned_response script[] = { token, NOT_FOUND("XC00000077"), ADDED("XC00000077") };
    run r;
    run_init(&r, long_names);
    deliver_event(&r, "customer.created", script, 3);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(3);
    /* the built-in customer.created template: CUNM cut to 36 characters (ü, ö, ß
     * count once); the street wrapped at a word over CUA1/CUA2 (36 each) rather
     * than cut; PONO 10, TOWN 20, PHNO 16 cut; the state name as its code (ECAR) */
    assert_m3_request(2, "CRS610MI/Add", MATRIX,
                      "CUTM=TEMPLATE&CUNO=XC00000077"
                      "&CUNM=M%C3%BCller%20%26%20S%C3%B6hne%20Gartenbau%20und%20Landsch"
                      "&CUA1=Oberer%20Hauptstra%C3%9Fenweg%20123&CUA2=Hinterhaus"
                      "&PONO=D-82467-12&TOWN=Garmisch-Partenkirch&CSCD=DE&ECAR=BY"
                      "&PHNO=%2B49%20%280%29%2089%201234&MAIL=info%40mueller-und-soehne.example.com");
    /* every cut is reported in the event's record */
    json_t *notes = json_object_get(r.out.mapping, "notes");
    assert_int_equal(json_array_size(notes), 4); /* CUNM, TOWN, PONO, PHNO */
    run_clear(&r);
}

static void test_missing_in_another_language_by_code(void **state)
{
    (void)state;
    /* a German service account: the words differ, the code does not */
    const canned_response script[] = {
        token, OK(V2_NOK("GetBasicData", "Kundennummer XC00000123 ist nicht vorhanden", "XIM0002", "CUNO")),
        ADDED("XC00000123"),
    };
    run r;
    run_init(&r, anna);
    deliver_event(&r, "customer.created", script, 3);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(3);
    assert_m3_request(2, "CRS610MI/Add", MATRIX,
                      "CUTM=TEMPLATE&CUNO=XC00000123&CUNM=Anna%20Schmidt&CUA1=Hauptstr.%2012&PONO=10115"
                      "&TOWN=Berlin&CSCD=DE&PHNO=%2B49%2030%201234567&MAIL=Anna.Schmidt%40Example.com");
    run_clear(&r);
}

static void test_add_already_exists_counts_as_done(void **state)
{
    (void)state;
    const canned_response script[] = {
        token, NOT_FOUND("XC00000123"),
        OK(V2_NOK("Add", "Customer number XC00000123 already exists", "WCU0201", "CUNO")),
    };
    run r;
    run_init(&r, anna);
    deliver_event(&r, "customer.created", script, 3);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(3);
    assert_null(r.out.infor_error);
    assert_string_equal(indexed(&r, "profiles", "123"), "XC00000123");
    run_clear(&r);
}

static void test_missing_template_is_dead_letter_naming_it(void **state)
{
    (void)state;
    const canned_response script[] = { token, NOT_FOUND("XC00000123"), ADDED("XC00000123") };
    run r;
    run_init(&r, anna);
    r.cfg.customer_template[0] = '\0';
    deliver_event(&r, "customer.created", script, 3);

    assert_int_equal(r.result, ISYNC_DEAD_LETTER);
    assert_request_count(2); /* looked up, never added */
    assert_non_null(strstr(r.out.reason, "customer_template"));
    assert_non_null(strstr(r.out.reason, "XC00000123"));
    assert_string_equal(indexed(&r, "profiles", "123"), "(none)");
    assert_int_equal(json_array_size(r.saves), 0);
    run_clear(&r);
}

static void test_other_lookup_failures_never_add(void **state)
{
    (void)state;
    const canned_response script[] = { token, { 503, "Retry-After: 7\r\n", "busy", 0 }, ADDED("XC00000123") };
    run r;
    run_init(&r, anna);
    deliver_event(&r, "customer.created", script, 3);
    assert_int_equal(r.result, ISYNC_RETRY_LATER);
    assert_int_equal(r.out.retry_after_s, 7);
    assert_request_count(2);
    assert_non_null(strstr(r.out.reason, "CRS610MI/GetBasicData"));
    run_clear(&r);

    /* a NOK that is not "does not exist" (not authorised): dead letter, no Add */
    const canned_response refused[] = {
        token, OK(V2_NOK("GetBasicData", "Not authorized for company 100", "XAU0008", "CONO")), ADDED("XC00000123"),
    };
    run_init(&r, anna);
    deliver_event(&r, "customer.created", refused, 3);
    assert_int_equal(r.result, ISYNC_DEAD_LETTER);
    assert_request_count(2);
    assert_non_null(strstr(r.out.reason, "Not authorized"));
    run_clear(&r);
}

static void test_profile_id_too_long_for_prefix(void **state)
{
    (void)state;
    const canned_response script[] = { token };
    run r;
    run_init(&r, anna);
    snprintf(r.cfg.customer_prefix, sizeof r.cfg.customer_prefix, "WEBX");
    json_object_set_new(r.payload, "profile_id", json_string("1234567"));
    deliver_event(&r, "customer.created", script, 1);
    assert_int_equal(r.result, ISYNC_DEAD_LETTER);
    assert_request_count(0);
    assert_non_null(strstr(r.out.reason, "profile_id"));
    assert_non_null(strstr(r.out.reason, "customer_prefix"));
    run_clear(&r);
}

/* ---- guests ----------------------------------------------------------------- */

static void test_guest_per_email_created_once(void **state)
{
    (void)state;
    const canned_response script[] = { token, NOT_FOUND("XG67KUYIW5"), ADDED("XG67KUYIW5") };
    run r;
    run_init(&r, guest_order);
    snprintf(r.cfg.guest_rule, sizeof r.cfg.guest_rule, "per_email");
    resolve_order_customer(&r, script, 3);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_string_equal(r.cuno, "XG67KUYIW5");
    assert_m3_request(1, "CRS610MI/GetBasicData", MATRIX, "CUNO=XG67KUYIW5");
    assert_m3_request(2, "CRS610MI/Add", MATRIX,
                      "CUTM=TEMPLATE&CUNO=XG67KUYIW5&CUNM=Anna%20Schmidt&CUA1=Hauptstr.%2012&PONO=10115"
                      "&TOWN=Berlin&CSCD=DE&MAIL=Anna%40Example.com");
    assert_string_equal(indexed(&r, "emails", "anna@example.com"), "XG67KUYIW5");
    run_clear(&r);

    /* the same guest again, the address in other case: from the index, no call */
    const canned_response none[] = { token };
    run_init(&r, guest_order);
    snprintf(r.cfg.guest_rule, sizeof r.cfg.guest_rule, "per_email");
    record(&r, NULL, "anna@example.com", "XG67KUYIW5");
    json_object_set_new(r.payload, "email", json_string("ANNA@example.COM"));
    resolve_order_customer(&r, none, 1);
    assert_string_equal(r.cuno, "XG67KUYIW5");
    assert_request_count(0);
    run_clear(&r);
}

static void test_guest_number_of_another_email_is_skipped(void **state)
{
    (void)state;
    char next[ISYNC_CUNO_SIZE], query[64];
    isync_guest_customer_number("anna@example.com", 1, next);
    /* 40 bits can collide: XG67KUYIW5 is someone else's, so Anna gets the next candidate */
    const canned_response script[] = {
        token,
        OK(V2_OK("GetBasicData", "{\"CUNO\":\"XG67KUYIW5\",\"CUNM\":\"Bob\",\"MAIL\":\"bob@example.org\"}")),
        OK(V2_NOK("GetBasicData", "Customer number does not exist", "WCU0203", "CUNO")),
        OK(V2_OK("Add", "{\"CUNO\":\"\"}")),
    };
    run r;
    run_init(&r, guest_order);
    snprintf(r.cfg.guest_rule, sizeof r.cfg.guest_rule, "per_email");
    resolve_order_customer(&r, script, 4);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_string_equal(r.cuno, next);
    assert_m3_request(1, "CRS610MI/GetBasicData", MATRIX, "CUNO=XG67KUYIW5");
    snprintf(query, sizeof query, "CUNO=%s", next);
    assert_m3_request(2, "CRS610MI/GetBasicData", MATRIX, query);
    assert_string_equal(indexed(&r, "emails", "anna@example.com"), next);
    run_clear(&r);

    /* the first candidate with Anna's own MAIL (any case) is hers: no Add */
    const canned_response hers[] = {
        token,
        OK(V2_OK("GetBasicData", "{\"CUNO\":\"XG67KUYIW5\",\"CUNM\":\"Anna\",\"MAIL\":\"ANNA@example.com\"}")),
    };
    run_init(&r, guest_order);
    snprintf(r.cfg.guest_rule, sizeof r.cfg.guest_rule, "per_email");
    resolve_order_customer(&r, hers, 2);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_string_equal(r.cuno, "XG67KUYIW5");
    assert_request_count(2);
    run_clear(&r);
}

static void test_guest_shared(void **state)
{
    (void)state;
    const canned_response script[] = { token };
    run r;
    run_init(&r, guest_order);
    snprintf(r.cfg.guest_customer, sizeof r.cfg.guest_customer, "GUEST");
    resolve_order_customer(&r, script, 1);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_string_equal(r.cuno, "GUEST");
    assert_request_count(0);
    assert_string_equal(indexed(&r, "emails", "anna@example.com"), "(none)");
    run_clear(&r);

    /* no guest_customer: default_customer; neither: dead letter naming guest_customer */
    run_init(&r, guest_order);
    resolve_order_customer(&r, script, 1);
    assert_string_equal(r.cuno, "DEF01");
    run_clear(&r);
    run_init(&r, guest_order);
    r.cfg.default_customer[0] = '\0';
    resolve_order_customer(&r, script, 1);
    assert_int_equal(r.result, ISYNC_DEAD_LETTER);
    assert_non_null(strstr(r.out.reason, "guest_customer"));
    run_clear(&r);
}

/* ---- customer.updated --------------------------------------------------------- */

static void test_update_known_customer(void **state)
{
    (void)state;
    const canned_response script[] = { token, OK(V2_OK("ChgBasicData", "{\"CUNO\":\"XC00000123\"}")) };
    run r;
    run_init(&r, anna);
    json_object_del(r.payload, "address");
    json_object_set_new(r.payload, "lastname", json_string("Schmidt-Meyer"));
    record(&r, "123", NULL, "XC00000123");
    deliver_event(&r, "customer.updated", script, 2);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(2);
    assert_m3_request(1, "CRS610MI/ChgBasicData", MATRIX,
                      "CUNO=XC00000123&CUNM=Anna%20Schmidt-Meyer&PHNO=%2B49%2030%201234567"
                      "&MAIL=Anna.Schmidt%40Example.com");
    run_clear(&r);
}

static void test_update_of_customer_unknown_to_infor_adds_it(void **state)
{
    (void)state;
    /* the index knows the number, Infor does not (deleted there, or a stale index) */
    const canned_response script[] = {
        token, OK(V2_NOK("ChgBasicData", "Customer number XC00000123 does not exist", "WCU0203", "CUNO")),
        ADDED("XC00000123"),
    };
    run r;
    run_init(&r, anna);
    record(&r, "123", NULL, "XC00000123");
    deliver_event(&r, "customer.updated", script, 3);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(3);
    assert_m3_request(2, "CRS610MI/Add", MATRIX,
                      "CUTM=TEMPLATE&CUNO=XC00000123&CUNM=Anna%20Schmidt&CUA1=Hauptstr.%2012&PONO=10115"
                      "&TOWN=Berlin&CSCD=DE&PHNO=%2B49%2030%201234567&MAIL=Anna.Schmidt%40Example.com");
    run_clear(&r);

    /* not in the index either: looked up, added with the new data, no change needed */
    const canned_response fresh[] = { token, NOT_FOUND("XC00000123"), ADDED("XC00000123") };
    run_init(&r, anna);
    deliver_event(&r, "customer.updated", fresh, 3);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(3);
    assert_m3_request(1, "CRS610MI/GetBasicData", MATRIX, "CUNO=XC00000123");
    assert_m3_request(2, "CRS610MI/Add", MATRIX,
                      "CUTM=TEMPLATE&CUNO=XC00000123&CUNM=Anna%20Schmidt&CUA1=Hauptstr.%2012&PONO=10115"
                      "&TOWN=Berlin&CSCD=DE&PHNO=%2B49%2030%201234567&MAIL=Anna.Schmidt%40Example.com");
    run_clear(&r);

    /* unknown and no address to create it with: dead letter, nothing sent after the lookup */
    const canned_response lookup[] = { token, NOT_FOUND("XC00000123"), ADDED("XC00000123") };
    run_init(&r, anna);
    json_object_del(r.payload, "address");
    deliver_event(&r, "customer.updated", lookup, 3);
    assert_int_equal(r.result, ISYNC_DEAD_LETTER);
    assert_request_count(2);
    assert_non_null(strstr(r.out.reason, "CUA1"));
    run_clear(&r);
}

/* ---- order.placed ---------------------------------------------------------------- */

static void test_order_for_new_customer_creates_it_first(void **state)
{
    (void)state;
    const canned_response script[] = {
        token, NOT_FOUND("XC00000123"), ADDED("XC00000123"),
        OK(V2_OK("AddBatchHead", "{\"ORNO\":\"9000000001\"}")),
        OK(V2_OK("AddBatchLine", "{\"PONR\":\"1\",\"POSX\":\"0\"}")),
        OK(V2_OK("Confirm", "{\"ORNO\":\"1000000123\",\"STAT\":\"22\"}")),
        OK(V2_OK("GetOrderNo", "{\"ORNO\":\"9000000001\",\"ORNR\":\"1000000123\"}")),
    };
    run r;
    run_init(&r, order_for_anna);
    deliver_order(&r, script, 7);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(7);
    assert_m3_request(1, "CRS610MI/GetBasicData", MATRIX, "CUNO=XC00000123");
    assert_m3_request(2, "CRS610MI/Add", MATRIX,
                      "CUTM=TEMPLATE&CUNO=XC00000123&CUNM=Anna%20Schmidt&CUA1=Hauptstr.%2012&PONO=10115"
                      "&TOWN=Berlin&CSCD=DE&MAIL=anna.schmidt%40example.com");
    assert_m3_request(3, "OIS100MI/AddBatchHead", MATRIX,
                      "CUNO=XC00000123&CUOR=XC-1001&ORDT=20261126&CUCD=EUR&ORTP=SO1&FACI=F01&WHLO=W01");
    assert_m3_request(4, "OIS100MI/AddBatchLine", MATRIX, "ORNO=9000000001&ITNO=ITEM-A&ORQT=2&SAPR=10&WHLO=W01");
    /* the customer number is saved before the head is added: a resumed delivery reuses it */
    json_t *first = json_array_get(r.saves, 0);
    assert_int_equal(json_integer_value(json_object_get(first, "after_requests")), 3);
    assert_string_equal(json_string_value(json_object_get(json_object_get(first, "progress"), "cuno")),
                        "XC00000123");
    assert_string_equal(json_string_value(json_object_get(r.out.infor_refs, "cuno")), "XC00000123");
    assert_string_equal(indexed(&r, "profiles", "123"), "XC00000123");
    run_clear(&r);
}

static void test_order_resumed_uses_saved_customer(void **state)
{
    (void)state;
    const canned_response script[] = {
        token, OK(V2_OK("AddBatchHead", "{\"ORNO\":\"9000000001\"}")),
        OK(V2_OK("AddBatchLine", "{\"PONR\":\"1\",\"POSX\":\"0\"}")),
        OK(V2_OK("Confirm", "{\"ORNO\":\"1000000123\",\"STAT\":\"22\"}")),
        OK(V2_OK("GetOrderNo", "{\"ORNO\":\"9000000001\",\"ORNR\":\"1000000123\"}")),
    };
    run r;
    run_init(&r, order_for_anna);
    json_object_set_new(r.progress, "cuno", json_string("XC00000123"));
    json_object_set_new(r.progress, "step", json_string("head"));
    deliver_order(&r, script, 5);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(5); /* no second lookup */
    assert_m3_request(1, "OIS100MI/AddBatchHead", MATRIX,
                      "CUNO=XC00000123&CUOR=XC-1001&ORDT=20261126&CUCD=EUR&ORTP=SO1&FACI=F01&WHLO=W01");
    run_clear(&r);
}

static void test_order_with_infor_customer_or_without_sync(void **state)
{
    (void)state;
    const canned_response script[] = {
        token, OK(V2_OK("AddBatchHead", "{\"ORNO\":\"9000000001\"}")),
        OK(V2_OK("AddBatchLine", "{\"PONR\":\"1\",\"POSX\":\"0\"}")),
        OK(V2_OK("Confirm", "{\"ORNO\":\"1000000123\",\"STAT\":\"22\"}")),
        OK(V2_OK("GetOrderNo", "{\"ORNO\":\"9000000001\",\"ORNR\":\"1000000123\"}")),
    };
    run r;
    run_init(&r, order_for_anna);
    json_object_set_new(r.payload, "infor_customer", json_string("C10001"));
    deliver_order(&r, script, 5);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_m3_request(1, "OIS100MI/AddBatchHead", MATRIX,
                      "CUNO=C10001&CUOR=XC-1001&ORDT=20261126&CUCD=EUR&ORTP=SO1&FACI=F01&WHLO=W01");
    run_clear(&r);

    /* no customer_template: customer sync is off, default_customer as before */
    run_init(&r, order_for_anna);
    r.cfg.customer_template[0] = '\0';
    deliver_order(&r, script, 5);
    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_m3_request(1, "OIS100MI/AddBatchHead", MATRIX,
                      "CUNO=DEF01&CUOR=XC-1001&ORDT=20261126&CUCD=EUR&ORTP=SO1&FACI=F01&WHLO=W01");
    run_clear(&r);
}

/* ---- the index rebuild ------------------------------------------------------------ */

/* A LstByNumber page: rows CUNO prefix+n for n in [from, to), every third with a MAIL. */
static char *customer_page(int from, int to)
{
    size_t size = 256 + (size_t)(to - from) * 96;
    char *body = malloc(size);
    size_t used = (size_t)snprintf(body, size, "{\"results\":[{\"transaction\":\"LstByNumber\",\"records\":[");
    for (int n = from; n < to; n++) {
        used += (size_t)snprintf(body + used, size - used, "%s{\"CUNO\":\"XC%08d\",\"CUNM\":\"C %d\",\"MAIL\":\"%s%d%s\"}",
                                 n == from ? "" : ",", n, n, n % 3 == 0 ? "Buyer" : "", n,
                                 n % 3 == 0 ? "@Example.com" : "");
    }
    snprintf(body + used, size - used, "]}],\"wasTerminated\":false,\"nrOfSuccessfullTransactions\":1,"
             "\"nrOfFailedTransactions\":0}");
    return body;
}

static void test_rebuild_index_pages_through_customers(void **state)
{
    (void)state;
    char *page1 = customer_page(1, 501);
    /* the second page starts with the last row of the first; C10001 and one foreign customer follow */
    const char *page2 = V2_OK("LstByNumber", "{\"CUNO\":\"XC00000500\",\"MAIL\":\"\"},"
                                             "{\"CUNO\":\"XC00000501\",\"MAIL\":\"late@example.com\"},"
                                             "{\"CUNO\":\"XCOMPANY01\",\"MAIL\":\"office@example.com\"},"
                                             "{\"CUNO\":\"XG67KUYIW5\",\"MAIL\":\"anna@example.com\"}");
    const canned_response script[] = { token, OK(page1), OK(page2) };
    run r;
    run_init(&r, "{}");
    record(&r, "999", "stale@example.com", "XC00000999");
    deliver_event(&r, ISYNC_CUSTOMER_INDEX_TYPE, script, 3);

    assert_int_equal(r.result, ISYNC_DELIVERED);
    assert_request_count(3);
    assert_m3_request(1, "CRS610MI/LstByNumber", ";cono=100;divi=AAA;maxrecs=500", "");
    assert_m3_request(2, "CRS610MI/LstByNumber", ";cono=100;divi=AAA;maxrecs=500", "CUNO=XC00000500");
    assert_string_equal(indexed(&r, "profiles", "1"), "XC00000001");
    assert_string_equal(indexed(&r, "profiles", "501"), "XC00000501");
    assert_string_equal(indexed(&r, "emails", "buyer3@example.com"), "XC00000003");
    assert_string_equal(indexed(&r, "emails", "office@example.com"), "XCOMPANY01");
    assert_string_equal(indexed(&r, "emails", "anna@example.com"), "XG67KUYIW5");
    assert_string_equal(indexed(&r, "profiles", "999"), "(none)"); /* rewritten, not merged */
    char *refs = json_dumps(r.out.infor_refs, JSON_SORT_KEYS | JSON_COMPACT);
    assert_string_equal(refs, "{\"customers\":503,\"indexed\":503}");
    free(refs);
    free(page1);
    run_clear(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_customer_numbers),
        cmocka_unit_test(test_guest_number_stable_and_case_insensitive),
        cmocka_unit_test_teardown(test_known_in_index_makes_no_call, teardown_server),
        cmocka_unit_test_teardown(test_known_email_makes_no_call, teardown_server),
        cmocka_unit_test_teardown(test_found_in_infor_is_not_added, teardown_server),
        cmocka_unit_test_teardown(test_missing_customer_is_added_with_exact_fields, teardown_server),
        cmocka_unit_test_teardown(test_add_cuts_values_to_infor_lengths, teardown_server),
        cmocka_unit_test_teardown(test_missing_in_another_language_by_code, teardown_server),
        cmocka_unit_test_teardown(test_add_already_exists_counts_as_done, teardown_server),
        cmocka_unit_test_teardown(test_missing_template_is_dead_letter_naming_it, teardown_server),
        cmocka_unit_test_teardown(test_other_lookup_failures_never_add, teardown_server),
        cmocka_unit_test_teardown(test_profile_id_too_long_for_prefix, teardown_server),
        cmocka_unit_test_teardown(test_guest_per_email_created_once, teardown_server),
        cmocka_unit_test_teardown(test_guest_number_of_another_email_is_skipped, teardown_server),
        cmocka_unit_test_teardown(test_guest_shared, teardown_server),
        cmocka_unit_test_teardown(test_update_known_customer, teardown_server),
        cmocka_unit_test_teardown(test_update_of_customer_unknown_to_infor_adds_it, teardown_server),
        cmocka_unit_test_teardown(test_order_for_new_customer_creates_it_first, teardown_server),
        cmocka_unit_test_teardown(test_order_resumed_uses_saved_customer, teardown_server),
        cmocka_unit_test_teardown(test_order_with_infor_customer_or_without_sync, teardown_server),
        cmocka_unit_test_teardown(test_rebuild_index_pages_through_customers, teardown_server),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
