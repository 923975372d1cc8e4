/* The exchange rate table the worker keeps: fetched from the business
 * setting rate_source every rate_refresh seconds, the last good one kept in
 * <spool>/rates.json (so a restart and the PHP processes' previews have it).
 * A failed fetch keeps the last good table and is tried again a minute later. */
#ifndef ISYNC_RATES_CACHE_H
#define ISYNC_RATES_CACHE_H

#include <jansson.h>

#include "worker/business_config.h"
#include "mapping/currency.h"
#include "infor/http.h"

typedef struct {
    char path[1100]; /* <spool>/rates.json */
    isync_rates *rates; /* last good table, or NULL */
    char source[512]; /* where it came from */
    long long fetched_at; /* unix seconds */
    long long next_fetch; /* unix seconds */
    char error[512]; /* the last fetch's failure, "" after a success */
} isync_rates_cache;

/* Loads <spool_dir>/rates.json when it exists. */
void isync_rates_cache_init(isync_rates_cache *cache, const char *spool_dir);
void isync_rates_cache_free(isync_rates_cache *cache);

/* 1 when a fetch is due (now in seconds) or rate_source changed. */
int isync_rates_cache_due(const isync_rates_cache *cache, const isync_business_config *cfg, long long now);

/* Fetches when due or when rate_source changed. Returns 1 when something
 * changed (a new table or a new error). */
int isync_rates_cache_refresh(isync_rates_cache *cache, const isync_business_config *cfg,
                              const isync_http_options *options, long long now);

/* {"source", "base", "date", "fetched_at", "error"}; new reference. */
json_t *isync_rates_cache_status(const isync_rates_cache *cache);

#endif
