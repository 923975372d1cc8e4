#include "unit.h"

#include "request_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stub_server.h"

json_t *parse_json(const char *text)
{
    json_error_t error;
    json_t *value = json_loads(text, 0, &error);
    if (!value) {
        fail_msg("test JSON does not parse: %s: %s", error.text, text);
    }
    return value;
}

int requests_seen(void)
{
    pthread_mutex_lock(&server.lock);
    int seen = server.request_count;
    pthread_mutex_unlock(&server.lock);
    return seen;
}

void dump_requests(void)
{
    for (int i = 0; i < server.request_count; i++) {
        const char *line_end = strstr(server.requests[i], "\r\n");
        int len = line_end ? (int)(line_end - server.requests[i]) : (int)strlen(server.requests[i]);
        print_message("  request %d: %.*s\n", i, len, server.requests[i]);
    }
}

void assert_request_count(int expected)
{
    if (server.request_count != expected) {
        print_message("expected %d requests, got %d:\n", expected, server.request_count);
        dump_requests();
    }
    assert_int_equal(server.request_count, expected);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "B=2&A=1" -> "A=1&B=2" (malloc'ed) */
static char *sorted_query(const char *query, size_t len)
{
    char *copy = strndup(query, len);
    char *parts[64];
    size_t count = 0;
    char *save = NULL;
    for (char *part = strtok_r(copy, "&", &save); part && count < 64; part = strtok_r(NULL, "&", &save)) {
        parts[count++] = part;
    }
    qsort(parts, count, sizeof parts[0], compare_strings);
    char *out = calloc(1, len + 2);
    for (size_t i = 0; i < count; i++) {
        if (i) {
            strcat(out, "&");
        }
        strcat(out, parts[i]);
    }
    free(copy);
    return out;
}

void assert_m3_request(int index, const char *call, const char *matrix, const char *query)
{
    static const char prefix[] = "GET /TEN/M3/m3api-rest/v2/execute/";
    char expected_path[256], actual_path[256];

    if (index >= server.request_count) {
        dump_requests();
        fail_msg("no request %d (%s)", index, call);
    }
    const char *request = server.requests[index];
    if (!starts_with(request, prefix)) {
        dump_requests();
        fail_msg("request %d is no M3 call: %.80s", index, request);
    }
    const char *target = request + strlen(prefix);
    const char *target_end = strstr(target, " HTTP/1.1\r\n");
    assert_non_null(target_end);
    const char *question = memchr(target, '?', (size_t)(target_end - target));
    const char *path_end = question ? question : target_end;
    snprintf(actual_path, sizeof actual_path, "%.*s", (int)(path_end - target), target);
    snprintf(expected_path, sizeof expected_path, "%s%s", call, matrix);
    if (strcmp(actual_path, expected_path) != 0) {
        dump_requests();
    }
    assert_string_equal(actual_path, expected_path);
    char *actual = question ? sorted_query(question + 1, (size_t)(target_end - question - 1)) : strdup("");
    char *expected = sorted_query(query, strlen(query));
    if (strcmp(actual, expected) != 0) {
        print_message("request %d (%s): query differs\n", index, call);
        dump_requests();
    }
    assert_string_equal(actual, expected);
    free(actual);
    free(expected);
}

void assert_bulk_request(int index, const char *program, const char *transactions)
{
    static const char head[] = "POST /TEN/M3/m3api-rest/v2/execute HTTP/1.1\r\n";
    if (index >= server.request_count || !starts_with(server.requests[index], head)) {
        dump_requests();
        fail_msg("request %d is no M3 bulk request", index);
    }
    const char *body_text = strstr(server.requests[index], "\r\n\r\n");
    assert_non_null(body_text);
    json_t *body = parse_json(body_text + 4);
    assert_string_equal(json_string_value(json_object_get(body, "program")), program);
    assert_json_equal(json_object_get(body, "transactions"), transactions);
    json_decref(body);
}

void assert_json_equal(json_t *actual, const char *expected_text)
{
    json_t *expected = parse_json(expected_text);
    if (!json_equal(actual, expected)) {
        char *dump = json_dumps(actual, JSON_SORT_KEYS | JSON_COMPACT);
        print_message("expected %s\n     got %s\n", expected_text, dump ? dump : "(null)");
        free(dump);
        json_decref(expected);
        fail();
    }
    json_decref(expected);
}

static const char *const order_template =
    "{\"format\": 1, \"event\": \"order.placed\", \"target\": \"m3\", \"calls\": ["
    "{\"id\": \"head\", \"program\": \"OIS100MI\", \"transaction\": \"AddBatchHead\", \"outputs\": [\"ORNO\"],"
    " \"fields\": {\"CUNO\": {\"context\": \"customer\"}, \"CUOR\": {\"from\": \"order_number\"},"
    "  \"ORDT\": {\"from\": \"date\", \"transform\": [\"date\"]},"
    "  \"CUCD\": {\"from\": \"currency\", \"default\": {\"setting\": \"currency\"}},"
    "  \"ORTP\": {\"setting\": \"order_type\"}, \"FACI\": {\"setting\": \"facility\"},"
    "  \"WHLO\": {\"setting\": \"warehouse\"}}},"
    "{\"id\": \"line\", \"program\": \"OIS100MI\", \"transaction\": \"AddBatchLine\", \"for_each\": \"items\","
    " \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}, \"ITNO\": {\"from\": \"item.sku\"},"
    "  \"ORQT\": {\"from\": \"item.quantity\"}, \"SAPR\": {\"from\": \"item.price\"},"
    "  \"WHLO\": {\"setting\": \"warehouse\"},"
    "  \"DIA1\": {\"from\": \"item.discount\", \"when\": {\"nonzero\": \"item.discount\"}}}},"
    "{\"id\": \"confirm\", \"program\": \"OIS100MI\", \"transaction\": \"Confirm\","
    " \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}}},"
    "{\"id\": \"number\", \"program\": \"OIS100MI\", \"transaction\": \"GetOrderNo\","
    " \"fields\": {\"ORNO\": {\"output\": \"head.ORNO\"}}}]}";

void test_template_open(test_template *t, const isync_business_config *cfg)
{
    json_t *problems = json_array();
    memset(t, 0, sizeof *t);
    assert_int_equal(isync_m3_spec_load(NULL, &t->spec, NULL), ISYNC_OK);
    assert_int_equal(isync_template_parse(order_template, strlen(order_template), "order.placed.json", "test",
                                          t->spec, &t->tmpl, problems), ISYNC_OK);
    json_decref(problems);
    assert_int_equal(isync_mapping_set_open(NULL, NULL, &t->builtin, NULL), ISYNC_OK);
    t->env.cfg = cfg;
    t->env.spec = t->spec;
    t->env.templates = t->builtin;
}

void test_template_close(test_template *t)
{
    isync_template_free(t->tmpl);
    isync_m3_spec_free(t->spec);
    isync_mapping_set_free(t->builtin);
}
