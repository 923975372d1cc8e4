/* The connector contract: one table of connectors, one row per event type,
 * each row a deliver function that answers delivered / retry later / dead
 * letter (isync_delivery_result, worker/delivery.h), in the spirit of Fluent
 * Bit's output plugins (a flush callback answering FLB_OK / FLB_RETRY /
 * FLB_ERROR).
 *
 * The leader fills one isync_connector_ctx per attempt and calls
 * isync_connector_deliver(); it knows no connector by name. A connector for
 * a new target is a file in src/connectors/ with one function
 *     isync_delivery_result my_deliver(isync_connector_ctx *ctx);
 * and a row { "event.type", "my_connector", my_deliver } in connector.c.
 *
 * Errors are values: a deliver function returns its result and leaves the
 * same result, with a reason for people, in ctx->out. The helpers below do
 * the parts every connector shares: an M3 call, a failed call into the
 * outcome, a dead letter or retry with a reason, saving progress, the
 * event's template applied with the connector's own context values. */
#ifndef ISYNC_CONNECTOR_H
#define ISYNC_CONNECTOR_H

#include <jansson.h>
#include <stddef.h>

#include "connectors/xref.h"
#include "infor/m3.h"
#include "mapping/mapping.h"
#include "mapping/template.h"
#include "queue/spool.h"
#include "worker/business_config.h"
#include "worker/delivery.h"

/* Everything one delivery attempt of one event may use. Borrowed: the
 * caller owns every pointer and keeps it alive for the call. */
typedef struct {
    isync_m3_client *m3; /* the Infor M3 client */
    const isync_mapping_env *env; /* settings, field specification, rates, context, templates */
    const isync_business_config *cfg; /* the business settings (env->cfg) */
    const isync_template *tmpl; /* the event type's template; NULL: env->templates has it */
    const char *mapping_error; /* why there are no templates (said with "no mapping template"), or NULL */
    isync_xref *xref; /* the customer index (cross reference) */
    const isync_spool *spool; /* the spool: order index, payment numbers */
    const char *type; /* the event type */
    json_t *payload; /* the validated payload */
    json_t *progress; /* the connector's saved progress: an object, updated in place */
    int resuming; /* 1: an earlier attempt may have sent calls */
    isync_progress_save_fn save; /* persists progress (after every step Infor confirmed) */
    void *save_ctx;
    isync_delivery_outcome *out; /* the answer: result, reason, Infor's error and references */
} isync_connector_ctx;

typedef isync_delivery_result (*isync_connector_deliver_fn)(isync_connector_ctx *ctx);

/* One row of the table. */
typedef struct {
    const char *type; /* the event type it delivers */
    const char *name; /* the connector (its file in src/connectors/) */
    isync_connector_deliver_fn deliver;
} isync_connector;

/* ---- helpers every connector shares ---- */

/* One M3 call with the settings' CONO and DIVI; res is initialised here
 * and must be cleared by the caller (isync_connector_fail() does). */
isync_m3_outcome isync_connector_call(const isync_connector_ctx *ctx, const char *program, const char *transaction,
                                      const char *const *fields, int maxrecs, isync_m3_result *res);

/* Several transactions of one program in one request (M3 bulk execution,
 * m3.h), with the settings' CONO and DIVI; results[i] (initialised here,
 * cleared by the caller) is the i-th transaction's own outcome. */
isync_m3_outcome isync_connector_bulk(const isync_connector_ctx *ctx, const char *program,
                                      const isync_m3_bulk_entry *calls, size_t count, isync_m3_result *results);

/* A failed call into the outcome (isync_delivery_m3_failed: reason, Infor's
 * error, Retry-After, retry class); clears res. context: "(resuming)" or NULL. */
isync_delivery_result isync_connector_fail(isync_connector_ctx *ctx, const char *program, const char *transaction,
                                           isync_m3_result *res, const char *context);

/* The outcome says why (printf-style) and gives up with result: for good
 * (ISYNC_DEAD_LETTER) or for now (ISYNC_RETRY_LATER). Returns result. */
isync_delivery_result isync_connector_give_up(isync_connector_ctx *ctx, isync_delivery_result result, const char *fmt,
                                              ...) __attribute__((format(printf, 3, 4)));
#define isync_connector_dead_letter(ctx, ...) isync_connector_give_up((ctx), ISYNC_DEAD_LETTER, __VA_ARGS__)
#define isync_connector_retry(ctx, ...) isync_connector_give_up((ctx), ISYNC_RETRY_LATER, __VA_ARGS__)

/* Sets progress "step" (unless step is NULL) and saves the progress:
 * ISYNC_DELIVERED, or retry later when the spool cannot keep it. */
isync_delivery_result isync_connector_save(isync_connector_ctx *ctx, const char *step);

/* 1 when progress "step" is step (no step yet: "head"). */
int isync_connector_at_step(const isync_connector_ctx *ctx, const char *step);

/* The template of an event type (ctx->tmpl for ctx->type when set); NULL:
 * the outcome says "no mapping template for ..." (retry later). */
const isync_template *isync_connector_template(isync_connector_ctx *ctx, const char *type);

/* The template of type applied to payload, the environment's context values
 * plus values (borrowed; NULL: none) (mapping/plan.h). NULL when it cannot
 * be: the outcome says why. */
json_t *isync_connector_plan(isync_connector_ctx *ctx, const char *type, json_t *payload, json_t *values);

/* M3 refused the call (MI error) with a message containing words ("already
 * exists"). M3 words its messages in the user's language: English assumed. */
int isync_m3_refused_saying(const isync_m3_result *res, const char *words);

#endif
