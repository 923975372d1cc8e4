#include "mapping/rates_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic_file.h"
#include "base/log.h"
#include "queue/spool.h"

#define RETRY_FAILED_FETCH_S 60

static isync_rates *table_of(json_t *table)
{
    char *text = json_dumps(table, JSON_COMPACT);
    isync_rates *rates = NULL;
    if (text) {
        isync_rates_parse(text, strlen(text), &rates, NULL);
        free(text);
    }
    return rates;
}

void isync_rates_cache_init(isync_rates_cache *cache, const char *spool_dir)
{
    memset(cache, 0, sizeof *cache);
    snprintf(cache->path, sizeof cache->path, "%s/rates.json", spool_dir);
    json_t *saved = json_load_file(cache->path, 0, NULL);
    if (saved) {
        cache->rates = table_of(json_object_get(saved, "table"));
        snprintf(cache->source, sizeof cache->source, "%s", json_string_value(json_object_get(saved, "source")) ?: "");
        cache->fetched_at = json_integer_value(json_object_get(saved, "fetched_at"));
        json_decref(saved);
    }
}

void isync_rates_cache_free(isync_rates_cache *cache)
{
    isync_rates_free(cache->rates);
    cache->rates = NULL;
}

static void save(isync_rates_cache *cache)
{
    char *text = isync_rates_dump(cache->rates);
    json_t *table = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    json_t *saved = json_pack("{s:s, s:I, s:o?}", "source", cache->source, "fetched_at", (json_int_t)cache->fetched_at,
                              "table", table);
    isync_error err;
    if (isync_write_json_file(cache->path, saved, 1, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_WARNING, "exchange rates: %s", err.message);
    }
    json_decref(saved);
}

int isync_rates_cache_due(const isync_rates_cache *cache, const isync_business_config *cfg, long long now)
{
    if (!cfg->rate_source[0]) {
        return 0;
    }
    long long refresh = cfg->rate_refresh ? cfg->rate_refresh : ISYNC_DEFAULT_RATE_REFRESH;
    long long due = cache->next_fetch ? cache->next_fetch : cache->fetched_at + refresh;
    return strcmp(cache->source, cfg->rate_source) != 0 || now >= due;
}

int isync_rates_cache_refresh(isync_rates_cache *cache, const isync_business_config *cfg,
                              const isync_http_options *options, long long now)
{
    if (!isync_rates_cache_due(cache, cfg, now)) {
        return 0;
    }
    long long refresh = cfg->rate_refresh ? cfg->rate_refresh : ISYNC_DEFAULT_RATE_REFRESH;
    isync_error err;
    isync_rates *fresh = NULL;
    isync_http *http = isync_http_new(options);
    isync_status st = isync_rates_fetch(cfg->rate_source, http, &fresh, &err);
    isync_http_free(http);
    if (st != ISYNC_OK) {
        int changed = strcmp(cache->error, err.message) != 0;
        snprintf(cache->error, sizeof cache->error, "%s", err.message);
        cache->next_fetch = now + RETRY_FAILED_FETCH_S;
        if (changed) {
            isync_log(ISYNC_LOG_ERROR, "exchange rates from %s: %s (keeping the last good table)", cfg->rate_source,
                      err.message);
        }
        return changed;
    }
    isync_rates_free(cache->rates);
    cache->rates = fresh;
    snprintf(cache->source, sizeof cache->source, "%s", cfg->rate_source);
    cache->fetched_at = now;
    cache->next_fetch = now + refresh;
    cache->error[0] = '\0';
    save(cache);
    isync_log(ISYNC_LOG_INFO, "exchange rates of %s loaded", isync_rates_date(fresh));
    return 1;
}

json_t *isync_rates_cache_status(const isync_rates_cache *cache)
{
    return json_pack("{s:s?, s:s?, s:s?, s:I, s:s?}", "source", cache->source[0] ? cache->source : NULL, "base",
                     cache->rates ? isync_rates_base(cache->rates) : NULL, "date",
                     cache->rates ? isync_rates_date(cache->rates) : NULL, "fetched_at", (json_int_t)cache->fetched_at,
                     "error", cache->error[0] ? cache->error : NULL);
}
