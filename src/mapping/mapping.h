/* Applies a mapping template (template.h) to an event payload: the Infor
 * calls with every field's value, checked against the M3 field
 * specification. Used at enqueue time (what can be checked), by
 * map_preview() and by the connectors at delivery time. Sends nothing. */
#ifndef ISYNC_MAPPING_H
#define ISYNC_MAPPING_H

#include <jansson.h>

#include "worker/business_config.h"
#include "mapping/currency.h"
#include "mapping/m3_spec.h"
#include "mapping/mapping_set.h"
#include "mapping/template.h"

typedef struct {
    const isync_business_config *cfg;
    const isync_m3_spec *spec;
    const isync_rates *rates; /* NULL: no exchange rate table loaded */
    json_t *context; /* values the connector worked out ({"customer": "C1001"}); a
                                   name it lacks shows as "{customer}" and is checked later */
    const isync_mapping_set *templates; /* every template in use: a connector maps other
                                   events' templates too (an order creating its customer) */
} isync_mapping_env;

/* New object:
 *   {"event", "template" (origin), "calls": [{"id", "index" and "element" ("items[2]", for_each
 *    only), "program",
 *    "transaction", "fields": {NAME: text}, "refs": {NAME: "call.FIELD"}, "pending"?: {NAME:
 *    "customer"} (context values not given), "line"}],
 *    "problems": [{"field", "call", "template", "path", "message", "retry"?, "setting"?,
 *                  "missing"? (a mandatory field left empty)}],
 *    "notes": [{"field", "call", "path", "message"}], "currency"?: {"from","to","rate","date"}}
 * A field whose value comes from an earlier call's answer holds "{call.FIELD}" and is
 * listed in refs. A problem with "retry": true goes away by itself (no exchange rate yet);
 * one with "setting": true comes from a business setting (path "setting:<name>"), which the
 * admin may set before the event is delivered. */
json_t *isync_mapping_apply(const isync_template *tmpl, json_t *payload, const isync_mapping_env *env);

/* The "problems" isync_mapping_apply() would give (the same, in the same
 * order), without building the calls or the notes: what enqueue() checks.
 * settings: isync_config_to_json(env->cfg) kept by the caller (borrowed), or
 * NULL to make it here. New array. */
json_t *isync_mapping_check(const isync_template *tmpl, json_t *payload, const isync_mapping_env *env,
                            json_t *settings);

/* "ITNO (OIS100MI/AddBatchLine[2], order.placed.json:41, items[2].sku): is 17 characters,
 * Infor allows 15; ..." for a dead letter's reason. */
void isync_mapping_problems_text(json_t *problems, char *out, size_t size);

/* 1 when every problem is a retry problem (and there is one). */
int isync_mapping_only_retry_problems(json_t *problems);

#endif
