/* Test support: checks on the requests the canned server (stub_server.h)
 * received, and JSON comparison for the M3 connector tests. */
#ifndef ISYNC_REQUEST_CHECK_H
#define ISYNC_REQUEST_CHECK_H

#include <jansson.h>

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

/* actual equals the JSON of expected_text. */
void assert_json_equal(json_t *actual, const char *expected_text);

#endif
