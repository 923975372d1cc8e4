/* A mapped event (mapping.h) as connectors execute it: the plan's calls
 * with the values of earlier answers filled in. */
#ifndef ISYNC_PLAN_H
#define ISYNC_PLAN_H

#include <jansson.h>

#include "worker/delivery.h"
#include "mapping/mapping.h"

#define ISYNC_PLAN_MAX_FIELDS 96

typedef struct {
    const char *fields[2 * ISYNC_PLAN_MAX_FIELDS + 1]; /* name, value, ..., NULL (isync_m3_request) */
} isync_plan_fields;

/* Maps payload with tmpl. On problems the outcome says why (a dead letter
 * naming every field, or retry later when only an exchange rate is
 * missing) and NULL is returned; else the plan (new reference). Notes and
 * the conversion rate go to out->mapping either way. */
json_t *isync_plan_make(const isync_template *tmpl, const isync_mapping_env *env, json_t *payload,
                        isync_delivery_outcome *out);

/* The call's fields with refs ("head.ORNO") taken from outputs
 * ({"head.ORNO": "1000123"}). Values are borrowed from call and outputs.
 * Returns 0, or -1 when an output is not known (yet). */
int isync_plan_fields_of(json_t *call, json_t *outputs, isync_plan_fields *out);

/* Records the call's declared outputs (template "outputs") from an answer's
 * first record into outputs as "<id>.<FIELD>". */
void isync_plan_keep_outputs(const isync_template *tmpl, json_t *call, const isync_m3_result *res, json_t *outputs);

/* "OIS100MI/AddBatchLine" == call? */
int isync_plan_call_is(json_t *call, const char *program, const char *transaction);

#endif
