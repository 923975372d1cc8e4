/*
 * M3 MI REST v2 engine: /{ti}/M3/m3api-rest/v2/execute/{PROGRAM}/{TRANSACTION};matrix?FIELDS
 * and the bulk POST /{ti}/M3/m3api-rest/v2/execute. Parses the request, validates input fields
 * against the metadata file, runs each transaction under the state lock and shapes the v2 JSON
 * response; a bulk runs its transactions through the same code as single calls.
 */
#ifndef SANDBOX_M3_H
#define SANDBOX_M3_H

#include <jansson.h>

#include "http.h"

/* One transaction call as the implementations see it. */
struct mi_call {
    const json_t *in; /* known input fields, right-trimmed, empty ones left out */
    json_t *records; /* output rows; values are strings */
    long maxrecs; /* rows answered at most (0: all); mi_add drops the rest */
    const char *error_type; /* NULL while the call succeeds */
    char error_code[16];
    char error_field[16];
    char error_msg[256];
};

typedef void (*mi_fn)(struct mi_call *c);

/* A program's transaction table entry. */
struct mi_transaction {
    const char *name;
    mi_fn fn;
};

/* The function of transaction `name` in a table of n entries, or NULL. */
mi_fn mi_lookup(const struct mi_transaction *table, size_t n, const char *name);

int m3_load_metadata(const char *path);
void m3_free(void);

/* sub is the path after "/{ti}/M3/"; the caller has checked the bearer token. Single calls
 * (.../execute/{PROGRAM}/{TRANSACTION}) and bulk requests (POST .../execute, JSON body). */
void m3_handle(struct request *rq, const char *sub, struct reply *rp);

/* For a bulk request (POST, sub as for m3_handle) " bulk PROGRAM/T1 PROGRAM/T2 ..." in the order
 * of its body, what fault rules match besides the path (malloc'd); NULL for other requests. */
char *m3_bulk_label(const struct request *rq, const char *sub);

/* Input field value, "" when not sent. */
const char *mi_in(const struct mi_call *c, const char *field);
/* Appends an output row (steals rec); a row past maxrecs is dropped, as the answer would. */
void mi_add(struct mi_call *c, json_t *rec);
/* 1 when maxrecs rows are there: a list can stop building rows. */
int mi_full(const struct mi_call *c);
/* Fails the call with errorType ServerReturnedNOK. */
void mi_nok(struct mi_call *c, const char *code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* 1 when the field was sent; else fails the call with MandatoryInputFieldNotFound (for fields
 * the metadata leaves optional that the transaction cannot do without). */
int mi_require(struct mi_call *c, const char *field);

/* Digits with an optional leading '-' and optional '.' decimals. */
int mi_is_number(const char *s);

#endif
