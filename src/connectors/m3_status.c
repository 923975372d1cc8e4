#include "connectors/m3_status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "connectors/order_index.h"
#include "mapping/plan.h"
#include "connectors/status_map.h"

typedef struct {
    isync_connector_ctx *c;
    const char *orno;
} status_job;

/* The template's call to transaction with the connector's context values;
 * NULL when it cannot be made (the outcome says why). Fields are borrowed
 * from *plan, which the caller frees. */
static json_t *mapped_call(status_job *job, const char *transaction, const char *ponr, const char *posx, json_t **plan,
                           isync_plan_fields *fields)
{
    json_t *values = json_pack("{s:s, s:s, s:s}", "orno", job->orno, "line_number", ponr ? ponr : "", "line_suffix",
                               posx ? posx : "");
    *plan = isync_connector_plan(job->c, "order.status_changed", job->c->payload, values);
    json_decref(values);
    size_t index;
    json_t *call;
    json_array_foreach(json_object_get(*plan, "calls"), index, call)
    {
        if (isync_plan_call_is(call, "OIS100MI", transaction)) {
            isync_plan_fields_of(call, NULL, fields);
            return call;
        }
    }
    if (*plan) {
        isync_connector_dead_letter(job->c, "mapping: the order.status_changed template makes no OIS100MI/%s call",
                                    transaction);
    }
    return NULL;
}

static int line_status(json_t *row)
{
    const char *orst = json_string_value(json_object_get(row, "ORST"));
    return orst ? atoi(orst) : 0;
}

/* The action the new statuses call for: cancel wins over none. */
static isync_status_action choose_action(const isync_business_config *cfg, json_t *payload)
{
    const char *payment = json_string_value(json_object_get(payload, "payment_status"));
    const char *shipping = json_string_value(json_object_get(payload, "shipping_status"));
    if ((payment && isync_status_map_action(&cfg->status_map, 0, payment) == ISYNC_ACTION_CANCEL) ||
        (shipping && isync_status_map_action(&cfg->status_map, 1, shipping) == ISYNC_ACTION_CANCEL)) {
        return ISYNC_ACTION_CANCEL;
    }
    return ISYNC_ACTION_NONE;
}

static isync_delivery_result delete_order(status_job *job)
{
    isync_plan_fields fields;
    json_t *plan;
    isync_m3_result res;
    if (!mapped_call(job, "DelHead", NULL, NULL, &plan, &fields)) {
        json_decref(plan);
        return job->c->out->result;
    }
    if (isync_connector_save(job->c, "delete") != ISYNC_DELIVERED) {
        json_decref(plan);
        return ISYNC_RETRY_LATER;
    }
    if (isync_connector_call(job->c, "OIS100MI", "DelHead", fields.fields, -1, &res) != ISYNC_M3_OK) {
        isync_delivery_result result = isync_connector_fail(job->c, "OIS100MI", "DelHead", &res, NULL);
        json_decref(plan);
        return result;
    }
    isync_m3_result_clear(&res);
    json_decref(plan);
    json_object_set_new(job->c->progress, "deleted", json_true());
    return ISYNC_DELIVERED;
}

static isync_delivery_result close_line(status_job *job, json_t *row)
{
    const char *ponr = json_string_value(json_object_get(row, "PONR"));
    const char *posx = json_string_value(json_object_get(row, "POSX"));
    isync_plan_fields fields;
    json_t *plan;
    isync_m3_result res;
    char context[48];
    if (!mapped_call(job, "CloLine", ponr, posx, &plan, &fields)) {
        json_decref(plan);
        return job->c->out->result;
    }
    if (isync_connector_call(job->c, "OIS100MI", "CloLine", fields.fields, -1, &res) != ISYNC_M3_OK) {
        snprintf(context, sizeof context, "(line %.10s)", ponr ? ponr : "?");
        isync_delivery_result result = isync_connector_fail(job->c, "OIS100MI", "CloLine", &res, context);
        json_decref(plan);
        return result;
    }
    json_decref(plan);
    isync_m3_result_clear(&res);
    json_object_set_new(job->c->progress, "lines_closed",
                        json_integer(json_integer_value(json_object_get(job->c->progress, "lines_closed")) + 1));
    return ISYNC_DELIVERED;
}

static isync_delivery_result cancel(status_job *job, int resuming)
{
    const char *fields[] = {"ORNO", job->orno, NULL};
    isync_m3_result res;
    const char *step = json_string_value(json_object_get(job->c->progress, "step"));
    isync_m3_outcome listed = isync_connector_call(job->c, "OIS100MI", "LstLine", fields, 0, &res);

    if (listed == ISYNC_M3_MI_ERROR && resuming && step && strcmp(step, "delete") == 0) {
        /* our DelHead ran; only its answer was lost */
        isync_m3_result_clear(&res);
        json_object_set_new(job->c->progress, "deleted", json_true());
        return ISYNC_DELIVERED;
    }
    if (listed != ISYNC_M3_OK) {
        return isync_connector_fail(job->c, "OIS100MI", "LstLine", &res, NULL);
    }
    size_t index;
    json_t *row;
    int all_unallocated = 1;
    json_array_foreach(res.records, index, row)
    {
        all_unallocated &= line_status(row) < ISYNC_CANCEL_DELETE_BELOW;
    }
    isync_delivery_result result = ISYNC_DELIVERED;
    if (all_unallocated) {
        result = delete_order(job);
    } else {
        json_array_foreach(res.records, index, row)
        {
            int status = line_status(row);
            if (status < ISYNC_CANCEL_CLOSE_BELOW) {
                if ((result = close_line(job, row)) != ISYNC_DELIVERED) {
                    break;
                }
            } else if (status < 99) {
                isync_log(ISYNC_LOG_WARNING, "order %s line %s is at status %02d (invoiced): not closed", job->orno,
                          json_string_value(json_object_get(row, "PONR")), status);
            }
        }
    }
    isync_m3_result_clear(&res);
    return result;
}

static void mark_cancelled(const isync_spool *spool, json_t *entry, int deleted)
{
    isync_error err;
    json_object_set_new(entry, "cancelled", json_true());
    json_object_set_new(entry, "deleted", json_boolean(deleted));
    if (isync_order_index_put(spool, entry, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
}

isync_delivery_result isync_m3_status_deliver(isync_connector_ctx *ctx)
{
    status_job job = {ctx, NULL};
    isync_delivery_outcome *out = ctx->out;
    const char *order_number = json_string_value(json_object_get(ctx->payload, "order_number"));
    json_t *entry = NULL;
    isync_error err;
    isync_status_action action = choose_action(ctx->cfg, ctx->payload);

    json_decref(out->infor_refs);
    out->infor_refs = json_pack("{s:s}", "action", isync_status_action_name(action));
    if (action == ISYNC_ACTION_NONE) {
        return out->result = ISYNC_DELIVERED;
    }
    isync_status st = isync_order_index_get(ctx->spool, order_number ? order_number : "", &entry, &err);
    if (st != ISYNC_OK) {
        return isync_connector_retry(
            ctx, "%s",
            st == ISYNC_ERR_NOTFOUND ? "order not in Infor yet (no order.placed delivered for it)" : err.message);
    }
    job.orno = json_string_value(json_object_get(entry, "orno"));
    if (!job.orno || !*job.orno) {
        json_decref(entry);
        return isync_connector_dead_letter(ctx, "the order index has no Infor order number for this order");
    }
    json_object_set_new(out->infor_refs, "orno", json_string(job.orno));
    if (json_is_true(json_object_get(entry, "cancelled"))) {
        json_object_set_new(out->infor_refs, "already_cancelled", json_true());
        json_decref(entry);
        return out->result = ISYNC_DELIVERED;
    }
    isync_delivery_result result = cancel(&job, ctx->resuming);
    if (result == ISYNC_DELIVERED) {
        int deleted = json_is_true(json_object_get(ctx->progress, "deleted"));
        json_object_set_new(out->infor_refs, "deleted", json_boolean(deleted));
        json_object_set_new(out->infor_refs, "lines_closed",
                            json_integer(json_integer_value(json_object_get(ctx->progress, "lines_closed"))));
        json_object_set_new(ctx->progress, "step", json_string("done"));
        mark_cancelled(ctx->spool, entry, deleted);
    }
    json_decref(entry);
    return out->result = result;
}
