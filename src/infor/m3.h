/* M3 MI REST v2 through the ION API gateway:
 *   GET {iu}/{ti}/M3/m3api-rest/v2/execute/{PROGRAM}/{TRANSACTION};cono=..;divi=..;maxrecs=..?F=V&...
 * with the bearer token from the OAuth cache. Classifies every answer into
 * the retry classes the worker acts on. */
#ifndef ISYNC_M3_H
#define ISYNC_M3_H

#include <jansson.h>

#include "base/error.h"
#include "infor/http.h"
#include "infor/ionapi.h"
#include "infor/oauth.h"
#include "infor/throttle.h"

typedef enum {
    ISYNC_M3_OK = 0, /* transaction succeeded; records set */
    ISYNC_M3_MI_ERROR, /* M3 answered NOK (ServerReturnedNOK, MandatoryInputFieldNotFound,
                               InputFieldTooLong, ...): permanent, dead letter */
    ISYNC_M3_PERMANENT, /* HTTP 4xx other than 401/408/429 (unknown transaction: 400;
                               404; 405): permanent, dead letter */
    ISYNC_M3_RETRY /* 408, 429, 5xx, timeout, connection error, token endpoint
                               unreachable or refusing, 401 twice: retry with backoff */
} isync_m3_outcome;

typedef struct {
    const char *program; /* "OIS100MI" */
    const char *transaction; /* "AddBatchHead" */
    int cono; /* matrix parameter cono; <= 0: omitted */
    const char *divi; /* matrix parameter divi; NULL/"": omitted */
    int maxrecs; /* matrix parameter maxrecs; < 0: omitted */
    const char *const *fields; /* name, value, ..., NULL (a NULL name ends the list); values
                                    sent right-trimmed; a NULL or blank value is left out */
    const char *returncols; /* matrix parameter returncols: the output fields wanted,
                                    comma-separated ("ITNO,STQT"); NULL/"": every field */
} isync_m3_request;

typedef struct {
    isync_m3_outcome outcome;
    json_t *records; /* array of objects name -> string (right-trimmed); owned */
    char error_type[64]; /* e.g. "ServerReturnedNOK" ("" if none) */
    char error_code[32]; /* e.g. "XIM0002" */
    char error_field[16]; /* e.g. "CUNO" */
    char error_message[512]; /* Infor's message, or the HTTP/transport failure in words */
    long http_status; /* 0 when no HTTP answer */
    long retry_after_s; /* -1 when absent */
} isync_m3_result;

typedef struct isync_m3_client isync_m3_client;

/* Borrows all three; they must outlive the client. */
isync_m3_client *isync_m3_client_new(const isync_ionapi *cred, isync_http *http, isync_oauth *oauth);
void isync_m3_client_free(isync_m3_client *client);

/* Shares a throttle (throttle.h) with the process's other clients: every
 * call waits out a Retry-After first and reports 429/503 answers to it.
 * stop (may be NULL) ends such a wait early. */
void isync_m3_client_set_throttle(isync_m3_client *client, isync_throttle *throttle, const atomic_bool *stop);

/* Runs one transaction. On 401 it invalidates the token and tries once more.
 * Always fills res (call isync_m3_result_clear afterwards). */
isync_m3_outcome isync_m3_call(isync_m3_client *client, const isync_m3_request *req, isync_m3_result *res);

/* One transaction of a bulk request. */
typedef struct {
    const char *transaction; /* "AddBatchLine" */
    const char *const *fields; /* name, value, ..., NULL; as in isync_m3_request */
} isync_m3_bulk_entry;

/* Several transactions of one program in one request (M3's bulk execution). */
typedef struct {
    const char *program;
    int cono; /* <= 0: omitted */
    const char *divi; /* NULL/"": omitted */
    const isync_m3_bulk_entry *calls;
    size_t count; /* at least 1 */
} isync_m3_bulk;

/* POST {iu}/{ti}/M3/m3api-rest/v2/execute with the transactions, which M3
 * runs in order. results (count of them, initialised here, cleared by the
 * caller) take each transaction's own outcome: M3 answers HTTP 200 even when
 * some failed (nrOfFailedTransactions, errorMessage per result). When the
 * request as a whole failed (transport, HTTP status, 401 twice, unreadable
 * answer) every result carries that failure; a transaction M3 did not run
 * (the bulk was terminated) is RETRY. A write sent twice by libcurl is not
 * known (http.h): RETRY for all. Returns the worst outcome: RETRY, then
 * PERMANENT, MI_ERROR, OK. */
isync_m3_outcome isync_m3_bulk_call(isync_m3_client *client, const isync_m3_bulk *bulk, isync_m3_result *results);

/* Builds the request URL (malloc'ed); exposed for tests. */
char *isync_m3_url(const char *iu, const char *ti, const isync_m3_request *req);

/* Parses a 2xx response body in the v2 shape ({"results":[...],
 * "nrOfFailedTransactions":n}) or the v1/legacy shape ({"MIRecord":[{"NameValue":[..]}]},
 * error {"Message":..,"@type":..,"@code":..,"@field":..}, partial failure with
 * "ErrorMessage" beside rows). Sets outcome OK or MI_ERROR, records and error
 * fields. Returns ISYNC_ERR_CORRUPT, outcome RETRY, when the body is neither
 * shape or an identifier in it (ORNO, ITNO, CUNO, ...) is longer than M3
 * allows (a gateway's page, not M3: transient). */
isync_status isync_m3_parse_response(const char *body, size_t len, isync_m3_result *res);

void isync_m3_result_init(isync_m3_result *res);
void isync_m3_result_clear(isync_m3_result *res);

/* First record's field value (right-trimmed) or NULL. */
const char *isync_m3_record_field(const isync_m3_result *res, size_t index, const char *name);

#endif
