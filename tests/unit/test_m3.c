#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "infor/http.h"
#include "infor/ionapi.h"
#include "infor/m3.h"
#include "infor/oauth.h"
#include "stub_server.h"

/* ---- URL building -------------------------------------------------------- */

static void test_url_with_matrix_params_and_escaping(void **state)
{
    (void)state;
    const char *fields[] = { "CUNO", "CUST#1  ", "CUNM", "Müller & Söhne", "ORTP", "A 1", NULL };
    isync_m3_request req = { .program = "CRS610MI", .transaction = "Add", .cono = 100,
                             .divi = "AAA", .maxrecs = 0, .fields = fields };

    char *url = isync_m3_url("https://ionapi.example.com", "TEN_PRD", &req);
    assert_string_equal(url, "https://ionapi.example.com/TEN_PRD/M3/m3api-rest/v2/execute/CRS610MI/Add"
                             ";cono=100;divi=AAA;maxrecs=0"
                             "?CUNO=CUST%231&CUNM=M%C3%BCller%20%26%20S%C3%B6hne&ORTP=A%201");
    free(url);
}

static void test_url_leaves_out_blank_fields(void **state)
{
    (void)state;
    const char *fields[] = { "CUNO", "C1", "PHNO", NULL, "MAIL", "   ", "TOWN", "Berlin ", NULL };
    isync_m3_request req = { .program = "CRS610MI", .transaction = "Add", .maxrecs = -1, .fields = fields };
    char *url = isync_m3_url("https://i", "T", &req);
    assert_string_equal(url, "https://i/T/M3/m3api-rest/v2/execute/CRS610MI/Add?CUNO=C1&TOWN=Berlin");
    free(url);
}

static void test_url_omits_absent_options(void **state)
{
    (void)state;
    isync_m3_request req = { .program = "MMS200MI", .transaction = "Get", .cono = 0,
                             .divi = "", .maxrecs = -1, .fields = NULL };

    char *url = isync_m3_url("https://i", "TEN#X", &req);
    assert_string_equal(url, "https://i/TEN%23X/M3/m3api-rest/v2/execute/MMS200MI/Get");
    free(url);

    req.divi = NULL;
    req.maxrecs = 100;
    url = isync_m3_url("https://i", "T", &req);
    assert_string_equal(url, "https://i/T/M3/m3api-rest/v2/execute/MMS200MI/Get;maxrecs=100");
    free(url);

    req.returncols = "";
    url = isync_m3_url("https://i", "T", &req);
    assert_string_equal(url, "https://i/T/M3/m3api-rest/v2/execute/MMS200MI/Get;maxrecs=100");
    free(url);
}

static void test_url_asks_for_the_columns_wanted(void **state)
{
    (void)state;
    const char *fields[] = { "WHLO", "100", NULL };
    isync_m3_request req = { .program = "MMS060MI", .transaction = "List", .cono = 100, .divi = "AAA",
                             .maxrecs = 100, .fields = fields, .returncols = "ITNO,STQT,ALQT" };
    char *url = isync_m3_url("https://i", "T", &req);
    assert_string_equal(url, "https://i/T/M3/m3api-rest/v2/execute/MMS060MI/List"
                             ";cono=100;divi=AAA;maxrecs=100;returncols=ITNO,STQT,ALQT?WHLO=100");
    free(url);
}

static void test_http_escape(void **state)
{
    (void)state;
    char *escaped = isync_http_escape("a-b_c.d~e f#g&h=i/j+é");
    assert_string_equal(escaped, "a-b_c.d~e%20f%23g%26h%3Di%2Fj%2B%C3%A9");
    free(escaped);
}

/* ---- response parsing ---------------------------------------------------- */

static isync_m3_result parse(const char *body, isync_status expected)
{
    isync_m3_result res;
    isync_m3_result_init(&res);
    assert_int_equal(isync_m3_parse_response(body, strlen(body), &res), expected);
    return res;
}

static void test_v2_success_with_records(void **state)
{
    (void)state;
    isync_m3_result res = parse(
        "{\"results\":[{\"transaction\":\"LstLine\",\"records\":["
        "{\"ORNO\":\"0000012345\",\"ITNO\":\"ITEM-1         \",\"ORQT\":\"2.000000\"},"
        "{\"ORNO\":\"0000012345\",\"ITNO\":\"ITEM-2\",\"ORQT\":\"1.000000\"}]}],"
        "\"wasTerminated\":false,\"nrOfSuccessfullTransactions\":1,\"nrOfFailedTransactions\":0}",
        ISYNC_OK);

    assert_int_equal(res.outcome, ISYNC_M3_OK);
    assert_int_equal(json_array_size(res.records), 2);
    assert_string_equal(isync_m3_record_field(&res, 0, "ITNO"), "ITEM-1");
    assert_string_equal(isync_m3_record_field(&res, 1, "ITNO"), "ITEM-2");
    assert_string_equal(isync_m3_record_field(&res, 0, "ORQT"), "2.000000");
    assert_null(isync_m3_record_field(&res, 0, "NOPE"));
    assert_null(isync_m3_record_field(&res, 2, "ITNO"));
    assert_string_equal(res.error_message, "");
    isync_m3_result_clear(&res);
    assert_null(res.records);
}

static void test_v2_failure(void **state)
{
    (void)state;
    isync_m3_result res = parse(
        "{\"results\":[{\"transaction\":\"AddBatchHead\",\"errorMessage\":\"Customer number "
        "ABC does not exist\",\"errorType\":\"ServerReturnedNOK\",\"errorCode\":\"XIM0002\","
        "\"errorField\":\"CUNO\",\"records\":[]}],\"wasTerminated\":false,"
        "\"nrOfSuccessfullTransactions\":0,\"nrOfFailedTransactions\":1}",
        ISYNC_OK);

    assert_int_equal(res.outcome, ISYNC_M3_MI_ERROR);
    assert_string_equal(res.error_message, "Customer number ABC does not exist");
    assert_string_equal(res.error_type, "ServerReturnedNOK");
    assert_string_equal(res.error_code, "XIM0002");
    assert_string_equal(res.error_field, "CUNO");
    assert_int_equal(json_array_size(res.records), 0);
    isync_m3_result_clear(&res);

    res = parse("{\"results\":[{\"transaction\":\"AddBatchLine\",\"errorMessage\":\"Item missing\","
                "\"errorType\":\"MandatoryInputFieldNotFound\",\"errorField\":\"ITNO\"}],"
                "\"nrOfFailedTransactions\":1}",
                ISYNC_OK);
    assert_int_equal(res.outcome, ISYNC_M3_MI_ERROR);
    assert_string_equal(res.error_type, "MandatoryInputFieldNotFound");
    assert_string_equal(res.error_code, "");
    isync_m3_result_clear(&res);

    /* errorType absent: NOK is what M3 means. */
    res = parse("{\"results\":[{\"errorMessage\":\"Failed\"}],\"nrOfFailedTransactions\":1}", ISYNC_OK);
    assert_string_equal(res.error_type, "ServerReturnedNOK");
    isync_m3_result_clear(&res);

    /* Failure counted without a message. */
    res = parse("{\"results\":[],\"nrOfFailedTransactions\":2}", ISYNC_OK);
    assert_int_equal(res.outcome, ISYNC_M3_MI_ERROR);
    assert_string_equal(res.error_type, "ServerReturnedNOK");
    assert_true(strlen(res.error_message) > 0);
    isync_m3_result_clear(&res);
}

static void test_v2_partial_failure(void **state)
{
    (void)state;
    isync_m3_result res = parse(
        "{\"results\":[{\"transaction\":\"AddBatchLine\",\"records\":[{\"PONR\":\"1\"}]},"
        "{\"transaction\":\"AddBatchLine\",\"errorMessage\":\"Quantity too long\","
        "\"errorType\":\"InputFieldTooLong\",\"errorField\":\"ORQT\"}],"
        "\"nrOfSuccessfullTransactions\":1,\"nrOfFailedTransactions\":1}",
        ISYNC_OK);

    assert_int_equal(res.outcome, ISYNC_M3_MI_ERROR);
    assert_string_equal(res.error_type, "InputFieldTooLong");
    assert_string_equal(res.error_field, "ORQT");
    assert_int_equal(json_array_size(res.records), 1);
    assert_string_equal(isync_m3_record_field(&res, 0, "PONR"), "1");
    isync_m3_result_clear(&res);
}

static void test_v1_legacy_success(void **state)
{
    (void)state;
    isync_m3_result res = parse(
        "{\"Program\":\"OIS100MI\",\"Transaction\":\"GetOrderNo\",\"Metadata\":{\"Field\":["
        "{\"@name\":\"ORNR\",\"@type\":\"A\",\"@length\":\"10\",\"@description\":\"Order\"}]},"
        "\"MIRecord\":[{\"RowIndex\":0,\"NameValue\":[{\"Name\":\"ORNR\",\"Value\":\"1000000123\"},"
        "{\"Name\":\"CUNM\",\"Value\":\"Acme Ltd                    \"}]}]}",
        ISYNC_OK);

    assert_int_equal(res.outcome, ISYNC_M3_OK);
    assert_int_equal(json_array_size(res.records), 1);
    assert_string_equal(isync_m3_record_field(&res, 0, "ORNR"), "1000000123");
    assert_string_equal(isync_m3_record_field(&res, 0, "CUNM"), "Acme Ltd");
    isync_m3_result_clear(&res);

    /* A transaction without output rows. */
    res = parse("{\"Program\":\"OIS100MI\",\"Transaction\":\"DelBatchHead\",\"Metadata\":{}}", ISYNC_OK);
    assert_int_equal(res.outcome, ISYNC_M3_OK);
    assert_int_equal(json_array_size(res.records), 0);
    isync_m3_result_clear(&res);
}

static void test_v1_legacy_error(void **state)
{
    (void)state;
    isync_m3_result res = parse(
        "{\"Message\":\"Not authorized for company 100                    XAU0008\","
        "\"@type\":\"ServerReturnedNOK\",\"@code\":\"XAU0008\",\"@cfg\":null,\"@field\":\"CONO\"}",
        ISYNC_OK);

    assert_int_equal(res.outcome, ISYNC_M3_MI_ERROR);
    assert_string_equal(res.error_message, "Not authorized for company 100                    XAU0008");
    assert_string_equal(res.error_type, "ServerReturnedNOK");
    assert_string_equal(res.error_code, "XAU0008");
    assert_string_equal(res.error_field, "CONO");
    isync_m3_result_clear(&res);
}

static void test_v1_partial_failure(void **state)
{
    (void)state;
    isync_m3_result res = parse(
        "{\"Program\":\"CRS610MI\",\"Transaction\":\"LstByNumber\","
        "\"MIRecord\":[{\"RowIndex\":0,\"NameValue\":[{\"Name\":\"CUNO\",\"Value\":\"C1   \"}]},"
        "{\"RowIndex\":1,\"NameValue\":[{\"Name\":\"CUNO\",\"Value\":\"C2\"}]}],"
        "\"ErrorMessage\":{\"Message\":\"Record limit\",\"@type\":\"ServerReturnedNOK\","
        "\"@code\":\"XRE0103\",\"@field\":\"\"}}",
        ISYNC_OK);

    assert_int_equal(res.outcome, ISYNC_M3_MI_ERROR);
    assert_string_equal(res.error_message, "Record limit");
    assert_string_equal(res.error_code, "XRE0103");
    assert_int_equal(json_array_size(res.records), 2);
    assert_string_equal(isync_m3_record_field(&res, 0, "CUNO"), "C1");
    assert_string_equal(isync_m3_record_field(&res, 1, "CUNO"), "C2");
    isync_m3_result_clear(&res);
}

static void test_garbage_is_corrupt(void **state)
{
    (void)state;
    static const char *const bodies[] = {
        "<html>502 Bad Gateway</html>", "", "[1,2,3]", "{\"hello\":\"world\"}",
        "{\"results\":\"nope\"}", "{\"results\":[{\"records\":[1]}]}",
        "{\"MIRecord\":[{\"NameValue\":\"x\"}]}", "{\"results\":[{\"records\":[{\"A\":{}}]}]}",
    };

    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        isync_m3_result res = parse(bodies[i], ISYNC_ERR_CORRUPT);
        assert_null(res.records);
        assert_int_not_equal(res.outcome, ISYNC_M3_OK);
        isync_m3_result_clear(&res);
    }
}

/* An identifier longer than M3 allows (an ORNO of 100,000 characters) is no
 * M3 answer: unreadable, retried. At the limit it is fine. */
static void test_overlong_identifier_is_unreadable(void **state)
{
    (void)state;
    size_t huge = 100000;
    char *body = malloc(huge + 64);
    assert_non_null(body);
    int n = sprintf(body, "{\"results\":[{\"records\":[{\"ORNO\":\"");
    memset(body + n, '7', huge);
    strcpy(body + n + huge, "\"}]}]}");
    isync_m3_result res = parse(body, ISYNC_ERR_CORRUPT);
    assert_null(res.records);
    assert_int_equal(res.outcome, ISYNC_M3_RETRY);
    assert_string_equal(res.error_message, "unreadable M3 response (ORNO longer than M3 allows)");
    isync_m3_result_clear(&res);
    free(body);

    res = parse("{\"MIRecord\":[{\"NameValue\":[{\"Name\":\"ITNO\",\"Value\":\"1234567890123456\"}]}]}",
                ISYNC_ERR_CORRUPT);
    assert_string_equal(res.error_message, "unreadable M3 response (ITNO longer than M3 allows)");
    isync_m3_result_clear(&res);

    /* at the limit (and M3's blank padding is not counted) */
    res = parse("{\"results\":[{\"records\":[{\"ORNO\":\"1000000123   \",\"ITNO\":\"123456789012345\","
                "\"CUOR\":\"XC-0000000000000001\"}]}]}",
                ISYNC_OK);
    assert_string_equal(isync_m3_record_field(&res, 0, "ORNO"), "1000000123");
    isync_m3_result_clear(&res);
}

static void test_numbers_become_strings(void **state)
{
    (void)state;
    isync_m3_result res = parse(
        "{\"results\":[{\"records\":[{\"CONO\":100,\"SAPR\":12.5,\"FLAG\":true,\"EMPTY\":null}]}],"
        "\"nrOfFailedTransactions\":0}",
        ISYNC_OK);

    assert_string_equal(isync_m3_record_field(&res, 0, "CONO"), "100");
    assert_string_equal(isync_m3_record_field(&res, 0, "SAPR"), "12.5");
    assert_string_equal(isync_m3_record_field(&res, 0, "FLAG"), "true");
    assert_string_equal(isync_m3_record_field(&res, 0, "EMPTY"), "");
    isync_m3_result_clear(&res);

    res = parse("{\"MIRecord\":[{\"NameValue\":[{\"Name\":\"STQT\",\"Value\":42}]}]}", ISYNC_OK);
    assert_string_equal(isync_m3_record_field(&res, 0, "STQT"), "42");
    isync_m3_result_clear(&res);
}

static void test_record_field_trims_records_built_elsewhere(void **state)
{
    (void)state;
    isync_m3_result res;
    isync_m3_result_init(&res);
    res.records = json_pack("[{s:s}]", "CUNO", "PADDED    ");
    assert_string_equal(isync_m3_record_field(&res, 0, "CUNO"), "PADDED");
    isync_m3_result_clear(&res);
}

/* ---- isync_m3_call against a local HTTP/1.1 server (stub_server.c) ------- */

static const isync_m3_request get_item = { .program = "MMS200MI", .transaction = "Get",
                                           .cono = 100, .maxrecs = -1,
                                           .fields = (const char *const[]){ "ITNO", "A1", NULL } };

#define TOKEN_1 "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":7200}"
#define TOKEN_2 "{\"access_token\":\"tok-2\",\"token_type\":\"Bearer\",\"expires_in\":7200}"
#define ITEM_OK "{\"results\":[{\"records\":[{\"ITNO\":\"A1  \",\"STAT\":\"20\"}]}],\"nrOfFailedTransactions\":0}"

static void test_call_fetches_token_once_and_reuses_it(void **state)
{
    (void)state;
    const canned_response script[] = { { 200, NULL, TOKEN_1, 0 }, { 200, NULL, ITEM_OK, 0 },
                                       { 200, NULL, ITEM_OK, 0 } };
    fixture f;
    isync_m3_result res;

    start_server(script, 3);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_OK);
    assert_int_equal(res.http_status, 200);
    assert_string_equal(isync_m3_record_field(&res, 0, "ITNO"), "A1");
    isync_m3_result_clear(&res);
    assert_true(isync_oauth_expires_at(f.oauth) > time(NULL) + 7000);
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_OK);
    isync_m3_result_clear(&res);
    fixture_close(&f);
    stop_server();

    assert_int_equal(server.request_count, 3);
    assert_int_equal(server.connections, 2); /* one for the token, one reused by both M3 calls */
    const char *token_request = server.requests[0];
    assert_true(starts_with(token_request, "POST /TEN/as/token.oauth2 HTTP/1.1\r\n"));
    assert_non_null(strcasestr(token_request, "\r\nContent-Type: application/x-www-form-urlencoded\r\n"));
    assert_non_null(strstr(token_request, "\r\n\r\ngrant_type=password&username=TEN%23key"
                                          "&password=svc%20secret%26%3D&client_id=TEN~app"
                                          "&client_secret=client-secret"));
    for (int i = 1; i < 3; i++) {
        assert_true(starts_with(server.requests[i], "GET /TEN/M3/m3api-rest/v2/execute/MMS200MI/Get"
                                                    ";cono=100?ITNO=A1 HTTP/1.1\r\n"));
        assert_non_null(strstr(server.requests[i], "\r\nAuthorization: Bearer tok-1\r\n"));
        assert_non_null(strstr(server.requests[i], "\r\nAccept: application/json\r\n"));
    }
}

static void test_call_client_credentials_grant(void **state)
{
    (void)state;
    const canned_response script[] = { { 200, NULL, TOKEN_1, 0 }, { 200, NULL, ITEM_OK, 0 } };
    fixture f;
    isync_m3_result res;

    start_server(script, 2);
    fixture_open(&f, server.port, ISYNC_GRANT_CLIENT_CREDENTIALS);
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_OK);
    isync_m3_result_clear(&res);
    fixture_close(&f);
    stop_server();
    assert_non_null(strstr(server.requests[0], "\r\n\r\ngrant_type=client_credentials"
                                               "&client_id=TEN~app&client_secret=client-secret"));
}

static void test_call_401_gets_new_token_and_retries_once(void **state)
{
    (void)state;
    const canned_response script[] = { { 200, NULL, TOKEN_1, 0 }, { 401, NULL, "", 0 },
                                       { 200, NULL, TOKEN_2, 0 }, { 200, NULL, ITEM_OK, 0 } };
    fixture f;
    isync_m3_result res;

    start_server(script, 4);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_OK);
    assert_int_equal(res.http_status, 200);
    isync_m3_result_clear(&res);
    fixture_close(&f);
    stop_server();
    assert_int_equal(server.request_count, 4);
    assert_non_null(strstr(server.requests[3], "\r\nAuthorization: Bearer tok-2\r\n"));
}

static void test_call_401_twice_is_retry(void **state)
{
    (void)state;
    const canned_response script[] = { { 200, NULL, TOKEN_1, 0 }, { 401, NULL, "", 0 },
                                       { 200, NULL, TOKEN_2, 0 }, { 401, NULL, "", 0 } };
    fixture f;
    isync_m3_result res;

    start_server(script, 4);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_RETRY);
    assert_int_equal(res.http_status, 401);
    isync_m3_result_clear(&res);
    fixture_close(&f);
    stop_server();
    assert_int_equal(server.request_count, 4);
}

static void test_call_classifies_http_answers(void **state)
{
    (void)state;
    const canned_response script[] = {
        { 200, NULL, TOKEN_1, 0 },
        { 429, "Retry-After: 30\r\n", "quota exceeded", 0 },
        { 503, NULL, "busy", 0 },
        { 400, NULL, "Transaction GetX does not exist\r\nin program MMS200MI", 0 },
        { 200, NULL, "<html>proxy</html>", 0 },
        { 200, NULL, "{\"results\":[{\"errorMessage\":\"Item does not exist\",\"errorCode\":\"WIT0103\"}],"
                     "\"nrOfFailedTransactions\":1}", 0 },
    };
    fixture f;
    isync_m3_result res;

    start_server(script, 6);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);

    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_RETRY);
    assert_int_equal(res.http_status, 429);
    assert_int_equal(res.retry_after_s, 30);
    isync_m3_result_clear(&res);

    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_RETRY);
    assert_int_equal(res.http_status, 503);
    assert_int_equal(res.retry_after_s, -1);
    isync_m3_result_clear(&res);

    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_PERMANENT);
    assert_int_equal(res.http_status, 400);
    assert_non_null(strstr(res.error_message, "400"));
    assert_non_null(strstr(res.error_message, "HTTP 400: Transaction GetX does not exist in program MMS200MI"));
    isync_m3_result_clear(&res);

    /* a proxy's page with 200: transient, retried (bounded by retry_max_age) */
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_RETRY);
    assert_string_equal(res.error_message, "unreadable M3 response (HTTP 200)");
    isync_m3_result_clear(&res);

    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_MI_ERROR);
    assert_string_equal(res.error_code, "WIT0103");
    isync_m3_result_clear(&res);

    fixture_close(&f);
    stop_server();
    assert_int_equal(server.request_count, 6);
}

/* A Retry-After of centuries (a number past LONG_MAX, a far date) is taken
 * as the longest honoured: 1 hour. */
static void test_call_caps_retry_after(void **state)
{
    (void)state;
    const canned_response script[] = {
        { 200, NULL, TOKEN_1, 0 },
        { 429, "Retry-After: 99999999999999999999\r\n", "quota exceeded", 0 },
        { 503, "Retry-After: Fri, 31 Dec 2100 23:59:59 GMT\r\n", "busy", 0 },
    };
    fixture f;
    isync_m3_result res;

    start_server(script, 3);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_RETRY);
    assert_int_equal(res.retry_after_s, 3600);
    isync_m3_result_clear(&res);
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_RETRY);
    assert_int_equal(res.retry_after_s, 3600);
    isync_m3_result_clear(&res);
    fixture_close(&f);
    stop_server();
}

/* A gateway error page that echoes the request (its Authorization header,
 * a form with the client secret) keeps no secret in the error text that
 * goes to last_error, the log and the records. */
static void test_call_error_text_withholds_secrets(void **state)
{
    (void)state;
    const canned_response script[] = {
        { 200, NULL, "{\"access_token\":\"eyJhbGciOiJSUzI1NiJ9.payload-123.sig\",\"expires_in\":7200}", 0 },
        { 502, NULL, "<h1>Bad Gateway</h1>\r\nRequest headers:\r\nAuthorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload-123.sig"
                     "\r\nAccept: application/json\r\nbody: client_secret=client-secret&password=svc%20secret", 0 },
        { 200, NULL, "{\"results\":[{\"errorMessage\":\"Echo: authorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload-123.sig "
                     "cs client-secret\",\"errorCode\":\"X\"}],\"nrOfFailedTransactions\":1}", 0 },
    };
    fixture f;
    isync_m3_result res;

    start_server(script, 3);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_RETRY);
    assert_non_null(strstr(res.error_message, "HTTP 502: <h1>Bad Gateway</h1> Request headers: Authorization: Bearer (withheld)"));
    assert_null(strstr(res.error_message, "payload-123"));
    assert_null(strstr(res.error_message, "client-secret"));
    assert_null(strstr(res.error_message, "svc%20secret"));
    isync_m3_result_clear(&res);
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_MI_ERROR);
    assert_null(strstr(res.error_message, "payload-123"));
    assert_null(strstr(res.error_message, "client-secret"));
    assert_non_null(strstr(res.error_message, "Echo: authorization: Bearer (withheld) cs (withheld)"));
    isync_m3_result_clear(&res);
    fixture_close(&f);
    stop_server();
}

/* An access token with CR/LF would add headers of the token endpoint's
 * choosing to every M3 call: the answer is an error, nothing is sent. */
static void test_token_with_line_break_refused(void **state)
{
    (void)state;
    const canned_response script[] = {
        { 200, NULL, "{\"access_token\":\"tok-1\\r\\nX-Injected: yes\",\"expires_in\":7200}", 0 },
        { 200, NULL, ITEM_OK, 0 },
    };
    fixture f;
    isync_m3_result res;

    start_server(script, 2);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_RETRY);
    assert_non_null(strstr(res.error_message, "access_token that cannot go into a header"));
    isync_m3_result_clear(&res);
    fixture_close(&f);
    stop_server();
    assert_int_equal(server.request_count, 1); /* the token request only */
}

static void test_call_permanent_error_excerpt_is_bounded(void **state)
{
    (void)state;
    static char long_body[1000];
    memset(long_body, 'x', sizeof long_body - 1);
    const canned_response script[] = { { 200, NULL, TOKEN_1, 0 }, { 404, NULL, long_body, 0 } };
    fixture f;
    isync_m3_result res;

    start_server(script, 2);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_PERMANENT);
    assert_int_equal(res.http_status, 404);
    const char *excerpt = strchr(res.error_message, 'x');
    assert_non_null(excerpt);
    assert_int_equal(strlen(excerpt), 200);
    isync_m3_result_clear(&res);
    fixture_close(&f);
    stop_server();
}

static void test_call_token_refused_is_retry_without_secrets(void **state)
{
    (void)state;
    const canned_response script[] = {
        { 401, NULL, "{\"error\":\"invalid_client\",\"error_description\":\"bad client-secret\"}", 0 },
        { 503, "Retry-After: 12\r\n", "", 0 },
    };
    fixture f;
    isync_m3_result res;

    start_server(script, 2);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_RETRY);
    assert_int_equal(res.http_status, 0);
    assert_non_null(strstr(res.error_message, "token request failed"));
    assert_non_null(strstr(res.error_message, "invalid_client"));
    assert_null(strstr(res.error_message, "client-secret"));
    isync_m3_result_clear(&res);

    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_RETRY);
    assert_non_null(strstr(res.error_message, "token request failed"));
    assert_int_equal(res.retry_after_s, 12);
    isync_m3_result_clear(&res);
    fixture_close(&f);
    stop_server();
    assert_int_equal(server.request_count, 2);
}

static void test_call_refresh_token_then_fallback_to_grant(void **state)
{
    (void)state;
    const canned_response script[] = {
        /* expires_in 1: renewed at half, i.e. at once */
        { 200, NULL, "{\"access_token\":\"tok-1\",\"expires_in\":1,\"refresh_token\":\"ref-1\"}", 0 },
        { 200, NULL, ITEM_OK, 0 },
        { 200, NULL, "{\"access_token\":\"tok-2\",\"expires_in\":1}", 0 },
        { 200, NULL, ITEM_OK, 0 },
        { 400, NULL, "{\"error\":\"invalid_grant\"}", 0 },
        { 200, NULL, TOKEN_1, 0 },
        { 200, NULL, ITEM_OK, 0 },
    };
    fixture f;
    isync_m3_result res;

    start_server(script, 7);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_OK);
        isync_m3_result_clear(&res);
    }
    fixture_close(&f);
    stop_server();
    assert_int_equal(server.request_count, 7);
    /* base64("TEN~app:client-secret") */
    assert_non_null(strstr(server.requests[2], "\r\nAuthorization: Basic VEVOfmFwcDpjbGllbnQtc2VjcmV0\r\n"));
    assert_non_null(strstr(server.requests[2], "\r\n\r\ngrant_type=refresh_token&refresh_token=ref-1"));
    assert_non_null(strstr(server.requests[3], "Bearer tok-2"));
    /* refresh token kept when the answer did not rotate it; refused -> full grant */
    assert_non_null(strstr(server.requests[4], "grant_type=refresh_token&refresh_token=ref-1"));
    assert_non_null(strstr(server.requests[5], "grant_type=password"));
    assert_non_null(strstr(server.requests[6], "Bearer tok-1"));
}

static void test_call_timeout_and_connection_refused(void **state)
{
    (void)state;
    const canned_response script[] = { { 200, NULL, TOKEN_1, 0 }, { 200, NULL, ITEM_OK, 1500 },
                                       { 200, NULL, ITEM_OK, 0 } };
    fixture f;
    isync_m3_result res;

    start_server(script, 3);
    request_timeout_ms = 1000;
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    request_timeout_ms = 5000;
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_RETRY);
    assert_int_equal(res.http_status, 0);
    assert_non_null(strstr(res.error_message, "timed out"));
    isync_m3_result_clear(&res);
    usleep(800 * 1000); /* until the server is done with the delayed answer */
    /* the handle was rebuilt: a fresh connection works */
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_OK);
    isync_m3_result_clear(&res);
    stop_server();
    assert_int_equal(server.connections, 3); /* the token's, the one that timed out, a fresh one */

    /* nobody listens any more */
    assert_int_equal(isync_m3_call(f.client, &get_item, &res), ISYNC_M3_RETRY);
    assert_int_equal(res.http_status, 0);
    assert_non_null(strstr(res.error_message, "M3 request failed"));
    isync_m3_result_clear(&res);
    fixture_close(&f);
}

static const isync_m3_request add_line = { .program = "OIS100MI", .transaction = "AddBatchLine",
                                           .cono = 100, .maxrecs = -1,
                                           .fields = (const char *const[]){ "ORNO", "1000", "ITNO", "A1", NULL } };
#define LINE_OK "{\"results\":[{\"records\":[]}],\"nrOfFailedTransactions\":0}"

static void test_writes_keep_the_connection_alive(void **state)
{
    (void)state;
    const canned_response script[] = { { 200, NULL, TOKEN_1, 0 }, { 200, NULL, LINE_OK, 0 },
                                       { 200, NULL, LINE_OK, 0 } };
    fixture f;
    isync_m3_result res;

    start_server(script, 3);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(isync_m3_call(f.client, &add_line, &res), ISYNC_M3_OK);
        isync_m3_result_clear(&res);
    }
    fixture_close(&f);
    stop_server();
    assert_int_equal(server.request_count, 3);
    assert_int_equal(server.connections, 2); /* the token's and one for both writes: no handshake per write */
}

/* The server reads a write on the kept-alive connection and closes it
 * without answering; libcurl sends the write again on a new connection and
 * gets an answer. The call must not pass for a success: the write may have
 * run twice. */
static void test_write_resent_on_a_dead_connection_is_not_known(void **state)
{
    (void)state;
    const canned_response script[] = { { 200, NULL, TOKEN_1, 0 }, { 200, NULL, LINE_OK, 0 },
                                       { STUB_LOSE_ANSWER, NULL, "", 0 }, { 200, NULL, LINE_OK, 0 } };
    fixture f;
    isync_m3_result res;

    start_server(script, 4);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    assert_int_equal(isync_m3_call(f.client, &add_line, &res), ISYNC_M3_OK);
    isync_m3_result_clear(&res);
    assert_int_equal(isync_m3_call(f.client, &add_line, &res), ISYNC_M3_RETRY);
    assert_int_equal(res.http_status, 0);
    assert_non_null(strstr(res.error_message, "sent 2 times"));
    assert_non_null(strstr(res.error_message, "whether it ran is not known"));
    isync_m3_result_clear(&res);
    fixture_close(&f);
    stop_server();
    assert_int_equal(server.request_count, 4); /* libcurl did send it twice */
    assert_true(starts_with(server.requests[2], "GET /TEN/M3/m3api-rest/v2/execute/OIS100MI/AddBatchLine"));
    assert_true(starts_with(server.requests[3], "GET /TEN/M3/m3api-rest/v2/execute/OIS100MI/AddBatchLine"));
}

static const isync_m3_bulk_entry two_lines[] = {
    { "AddBatchLine", (const char *const[]){ "ORNO", "9000000001", "ITNO", "A1  ", "ORQT", "2", NULL } },
    { "AddBatchLine", (const char *const[]){ "ORNO", "9000000001", "ITNO", "NOPE", "ORQT", "", NULL } },
};
static const isync_m3_bulk bulk_lines = { .program = "OIS100MI", .cono = 100, .divi = "AAA", .calls = two_lines,
                                          .count = 2 };

/* One request for both lines; M3 answers 200 although the second failed. */
static void test_bulk_results_per_transaction(void **state)
{
    (void)state;
    const canned_response script[] = {
        { 200, NULL, TOKEN_1, 0 },
        { 200, NULL,
          "{\"results\":[{\"transaction\":\"AddBatchLine\",\"records\":[{\"PONR\":\"1   \"}]},"
          "{\"transaction\":\"AddBatchLine\",\"errorMessage\":\"Item number NOPE does not exist\","
          "\"errorType\":\"ServerReturnedNOK\",\"errorField\":\"ITNO\",\"errorCode\":\"WIT0203\"}],"
          "\"wasTerminated\":false,\"nrOfSuccessfullTransactions\":1,\"nrOfFailedTransactions\":1}",
          0 }
    };
    fixture f;
    isync_m3_result res[2];

    start_server(script, 2);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    assert_int_equal(isync_m3_bulk_call(f.client, &bulk_lines, res), ISYNC_M3_MI_ERROR);
    assert_int_equal(res[0].outcome, ISYNC_M3_OK);
    assert_string_equal(isync_m3_record_field(&res[0], 0, "PONR"), "1");
    assert_int_equal(res[1].outcome, ISYNC_M3_MI_ERROR);
    assert_string_equal(res[1].error_message, "Item number NOPE does not exist");
    assert_string_equal(res[1].error_field, "ITNO");
    assert_string_equal(res[1].error_code, "WIT0203");
    assert_int_equal(res[1].http_status, 200);
    isync_m3_result_clear(&res[0]);
    isync_m3_result_clear(&res[1]);
    fixture_close(&f);
    stop_server();

    assert_int_equal(server.request_count, 2);
    const char *request = server.requests[1];
    assert_true(starts_with(request, "POST /TEN/M3/m3api-rest/v2/execute HTTP/1.1\r\n"));
    assert_non_null(strcasestr(request, "\r\nContent-Type: application/json\r\n"));
    json_error_t jerr;
    json_t *body = json_loads(strstr(request, "\r\n\r\n") + 4, 0, &jerr);
    assert_non_null(body);
    assert_string_equal(json_string_value(json_object_get(body, "program")), "OIS100MI");
    assert_int_equal(json_integer_value(json_object_get(body, "cono")), 100);
    assert_string_equal(json_string_value(json_object_get(body, "divi")), "AAA");
    json_t *transactions = json_object_get(body, "transactions");
    assert_int_equal(json_array_size(transactions), 2);
    json_t *first = json_object_get(json_array_get(transactions, 0), "record");
    assert_string_equal(json_string_value(json_object_get(first, "ITNO")), "A1"); /* right-trimmed */
    json_t *second = json_object_get(json_array_get(transactions, 1), "record");
    assert_null(json_object_get(second, "ORQT")); /* blank: left out, as in a single call */
    json_decref(body);
}

/* The request as a whole failed: every transaction says so. */
/* A bulk answer with an overlong identifier is unreadable as a whole:
 * every transaction is retried. */
static void test_bulk_overlong_identifier_is_retried(void **state)
{
    (void)state;
    const canned_response script[] = {
        { 200, NULL, TOKEN_1, 0 },
        { 200, NULL,
          "{\"results\":[{\"transaction\":\"AddBatchLine\",\"records\":[{\"PONR\":\"123456\"}]},"
          "{\"transaction\":\"AddBatchLine\",\"records\":[{\"PONR\":\"2\"}]}],"
          "\"wasTerminated\":false,\"nrOfSuccessfullTransactions\":2,\"nrOfFailedTransactions\":0}",
          0 }
    };
    fixture f;
    isync_m3_result res[2];

    start_server(script, 2);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    assert_int_equal(isync_m3_bulk_call(f.client, &bulk_lines, res), ISYNC_M3_RETRY);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(res[i].outcome, ISYNC_M3_RETRY);
        assert_string_equal(res[i].error_message, "unreadable M3 bulk response (HTTP 200)");
        isync_m3_result_clear(&res[i]);
    }
    fixture_close(&f);
    stop_server();
}

static void test_bulk_failed_request_fails_every_transaction(void **state)
{
    (void)state;
    const canned_response script[] = { { 200, NULL, TOKEN_1, 0 },
                                       { 503, "Retry-After: 7\r\n", "{\"error\":\"busy\"}", 0 } };
    fixture f;
    isync_m3_result res[2];

    start_server(script, 2);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    assert_int_equal(isync_m3_bulk_call(f.client, &bulk_lines, res), ISYNC_M3_RETRY);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(res[i].outcome, ISYNC_M3_RETRY);
        assert_int_equal(res[i].http_status, 503);
        assert_int_equal(res[i].retry_after_s, 7);
        isync_m3_result_clear(&res[i]);
    }
    fixture_close(&f);
    stop_server();
}

/* M3 stopped after the first transaction: the second did not run. */
static void test_bulk_terminated_leaves_the_rest_to_retry(void **state)
{
    (void)state;
    const canned_response script[] = {
        { 200, NULL, TOKEN_1, 0 },
        { 200, NULL,
          "{\"results\":[{\"transaction\":\"AddBatchLine\",\"records\":[]}],\"wasTerminated\":true,"
          "\"nrOfSuccessfullTransactions\":1,\"nrOfFailedTransactions\":0}",
          0 }
    };
    fixture f;
    isync_m3_result res[2];

    start_server(script, 2);
    fixture_open(&f, server.port, ISYNC_GRANT_PASSWORD);
    assert_int_equal(isync_m3_bulk_call(f.client, &bulk_lines, res), ISYNC_M3_RETRY);
    assert_int_equal(res[0].outcome, ISYNC_M3_OK);
    assert_int_equal(res[1].outcome, ISYNC_M3_RETRY);
    assert_non_null(strstr(res[1].error_message, "not run"));
    isync_m3_result_clear(&res[0]);
    isync_m3_result_clear(&res[1]);
    fixture_close(&f);
    stop_server();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url_with_matrix_params_and_escaping),
        cmocka_unit_test(test_url_leaves_out_blank_fields),
        cmocka_unit_test(test_url_omits_absent_options),
        cmocka_unit_test(test_url_asks_for_the_columns_wanted),
        cmocka_unit_test(test_http_escape),
        cmocka_unit_test(test_v2_success_with_records),
        cmocka_unit_test(test_v2_failure),
        cmocka_unit_test(test_v2_partial_failure),
        cmocka_unit_test(test_v1_legacy_success),
        cmocka_unit_test(test_v1_legacy_error),
        cmocka_unit_test(test_v1_partial_failure),
        cmocka_unit_test(test_garbage_is_corrupt),
        cmocka_unit_test(test_overlong_identifier_is_unreadable),
        cmocka_unit_test(test_numbers_become_strings),
        cmocka_unit_test(test_record_field_trims_records_built_elsewhere),
        cmocka_unit_test_teardown(test_call_fetches_token_once_and_reuses_it, teardown_server),
        cmocka_unit_test_teardown(test_call_client_credentials_grant, teardown_server),
        cmocka_unit_test_teardown(test_call_401_gets_new_token_and_retries_once, teardown_server),
        cmocka_unit_test_teardown(test_call_401_twice_is_retry, teardown_server),
        cmocka_unit_test_teardown(test_call_classifies_http_answers, teardown_server),
        cmocka_unit_test_teardown(test_call_caps_retry_after, teardown_server),
        cmocka_unit_test_teardown(test_call_error_text_withholds_secrets, teardown_server),
        cmocka_unit_test_teardown(test_token_with_line_break_refused, teardown_server),
        cmocka_unit_test_teardown(test_call_permanent_error_excerpt_is_bounded, teardown_server),
        cmocka_unit_test_teardown(test_call_token_refused_is_retry_without_secrets, teardown_server),
        cmocka_unit_test_teardown(test_call_refresh_token_then_fallback_to_grant, teardown_server),
        cmocka_unit_test_teardown(test_call_timeout_and_connection_refused, teardown_server),
        cmocka_unit_test_teardown(test_writes_keep_the_connection_alive, teardown_server),
        cmocka_unit_test_teardown(test_write_resent_on_a_dead_connection_is_not_known, teardown_server),
        cmocka_unit_test_teardown(test_bulk_results_per_transaction, teardown_server),
        cmocka_unit_test_teardown(test_bulk_overlong_identifier_is_retried, teardown_server),
        cmocka_unit_test_teardown(test_bulk_failed_request_fails_every_transaction, teardown_server),
        cmocka_unit_test_teardown(test_bulk_terminated_leaves_the_rest_to_retry, teardown_server),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
