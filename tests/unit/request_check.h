/* Test support: checks on the requests the canned server (stub_server.h)
 * received, and JSON comparison for the M3 connector tests. */
#ifndef ISYNC_REQUEST_CHECK_H
#define ISYNC_REQUEST_CHECK_H

#include <jansson.h>

#include "worker/business_config.h"
#include "mapping/mapping.h"

/* Parses test JSON; fails the test when it does not parse. */
json_t *parse_json(const char *text);

/* The number of requests recorded so far (read under the server lock). */
int requests_seen(void);

/* Prints the request line of every recorded request. */
void dump_requests(void);

/* Exactly expected requests were recorded. */
void assert_request_count(int expected);

/* Request index is GET .../execute/<call><matrix>?<query>, call like
 * "CRS610MI/Add": exactly these matrix parameters and query fields (any order). */
void assert_m3_request(int index, const char *call, const char *matrix, const char *query);

/* Request index is POST .../execute (M3 bulk) of program whose
 * "transactions" equal the JSON of transactions. */
void assert_bulk_request(int index, const char *program, const char *transactions);

/* actual equals the JSON of expected_text. */
void assert_json_equal(json_t *actual, const char *expected_text);

/* An order.placed template with the fields the connector sent before
 * templates existed (head CUNO CUOR ORDT CUCD ORTP FACI WHLO; lines ORNO ITNO
 * ORQT SAPR WHLO DIA1), so the connector tests keep their exact requests. */
typedef struct {
    isync_m3_spec *spec;
    isync_template *tmpl;
    isync_mapping_set *builtin;   /* the built-in templates (customers) */
    isync_mapping_env env;
} test_template;

void test_template_open(test_template *t, const isync_business_config *cfg);
void test_template_close(test_template *t);

#endif
