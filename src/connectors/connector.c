#include "connectors/connector.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mapping/mapping_set.h"
#include "mapping/plan.h"

/* ---- helpers ---- */

isync_m3_outcome isync_connector_call(const isync_connector_ctx *ctx, const char *program, const char *transaction,
                                      const char *const *fields, int maxrecs, isync_m3_result *res)
{
    isync_m3_request req = {
        .program = program,
        .transaction = transaction,
        .cono = ctx->cfg->cono,
        .divi = ctx->cfg->divi,
        .maxrecs = maxrecs,
        .fields = fields,
    };
    isync_m3_result_init(res);
    return isync_m3_call(ctx->m3, &req, res);
}

isync_m3_outcome isync_connector_bulk(const isync_connector_ctx *ctx, const char *program,
                                      const isync_m3_bulk_entry *calls, size_t count, isync_m3_result *results)
{
    isync_m3_bulk bulk = {
        .program = program, .cono = ctx->cfg->cono, .divi = ctx->cfg->divi, .calls = calls, .count = count};
    return isync_m3_bulk_call(ctx->m3, &bulk, results);
}

isync_delivery_result isync_connector_fail(isync_connector_ctx *ctx, const char *program, const char *transaction,
                                           isync_m3_result *res, const char *context)
{
    isync_m3_request req = {.program = program, .transaction = transaction};
    isync_delivery_result result = isync_delivery_m3_failed(ctx->out, &req, res, context);
    isync_m3_result_clear(res);
    return result;
}

isync_delivery_result isync_connector_give_up(isync_connector_ctx *ctx, isync_delivery_result result, const char *fmt,
                                              ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->out->reason, sizeof ctx->out->reason, fmt, ap);
    va_end(ap);
    return ctx->out->result = result;
}

isync_delivery_result isync_connector_save(isync_connector_ctx *ctx, const char *step)
{
    if (step) {
        json_object_set_new(ctx->progress, "step", json_string(step));
    }
    if (ctx->save(ctx->save_ctx, ctx->progress) != 0) {
        return isync_connector_retry(ctx, "cannot save delivery progress in the spool; will retry");
    }
    return ISYNC_DELIVERED;
}

int isync_connector_at_step(const isync_connector_ctx *ctx, const char *step)
{
    const char *current = json_string_value(json_object_get(ctx->progress, "step"));
    return strcmp(current ? current : "head", step) == 0;
}

const isync_template *isync_connector_template(isync_connector_ctx *ctx, const char *type)
{
    const isync_template *tmpl = NULL;
    if (ctx->tmpl && ctx->type && strcmp(type, ctx->type) == 0) {
        tmpl = ctx->tmpl;
    } else if (ctx->env->templates) {
        tmpl = isync_mapping_set_get(ctx->env->templates, type);
    }
    if (!tmpl) {
        int why = ctx->mapping_error && *ctx->mapping_error;
        isync_connector_retry(ctx, "no mapping template for %s%s%s", type, why ? ": " : "",
                              why ? ctx->mapping_error : "");
    }
    return tmpl;
}

json_t *isync_connector_plan(isync_connector_ctx *ctx, const char *type, json_t *payload, json_t *values)
{
    const isync_template *tmpl = isync_connector_template(ctx, type);
    if (!tmpl) {
        return NULL;
    }
    isync_mapping_env env = *ctx->env;
    env.context = ctx->env->context ? json_copy(ctx->env->context) : json_object();
    if (values) {
        json_object_update(env.context, values);
    }
    json_t *plan = isync_plan_make(tmpl, &env, payload, ctx->out);
    json_decref(env.context);
    return plan;
}

int isync_m3_refused_saying(const isync_m3_result *res, const char *words)
{
    return res->outcome == ISYNC_M3_MI_ERROR && strcasestr(res->error_message, words) != NULL;
}
