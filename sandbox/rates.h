/* The exchange-rate table a shop's rate_source can point at:
 * GET /rates/{BASE}.json (no token) and its control endpoint
 * /_sandbox/rates (replace the table, read it with the request count). */
#ifndef SANDBOX_RATES_H
#define SANDBOX_RATES_H

#include "http.h"

/* GET /rates/<sub>, sub being "EUR.json". */
void rates_handle(struct request *rq, const char *sub, struct reply *rp);

/* GET /_sandbox/rates: {"table":{..},"requests":n}. */
void rates_control_get(struct request *rq, struct reply *rp);
/* POST /_sandbox/rates: a table {"base","date","rates"} replaces the one served. */
void rates_control_post(struct request *rq, struct reply *rp);

/* Back to the default EUR table, request count 0. */
void rates_reset(void);

#endif
