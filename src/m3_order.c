#include "m3_order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "log.h"
#include "m3_customer.h"

#define MAX_FIELDS 16

/* One order delivery in progress: what every step needs. */
typedef struct {
    isync_m3_client *m3;
    const isync_business_config *cfg;
    isync_xref *xref;
    json_t *payload;
    json_t *progress;
    isync_progress_save_fn save;
    void *save_ctx;
    isync_delivery_outcome *out;
    const char *cuno;
} order_job;

typedef struct {
    const char *fields[2 * MAX_FIELDS + 1];
    size_t used;
} field_list;

static void add_field(field_list *list, const char *name, const char *value)
{
    if (value && *value && list->used + 2 < 2 * MAX_FIELDS) {
        list->fields[list->used++] = name;
        list->fields[list->used++] = value;
        list->fields[list->used] = NULL;
    }
}

static const char *payload_text(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static const char *progress_text(const order_job *job, const char *key)
{
    return json_string_value(json_object_get(job->progress, key));
}

static int save_progress(order_job *job, const char *step)
{
    json_object_set_new(job->progress, "step", json_string(step));
    return job->save(job->save_ctx, job->progress);
}

/* Records a failed call in the outcome and maps it to a delivery result. */
static isync_delivery_result call_failed(order_job *job, const isync_m3_request *req,
                                         const isync_m3_result *res, const char *context)
{
    return isync_delivery_m3_failed(job->out, req, res, context);
}

static isync_m3_outcome call(order_job *job, const char *transaction, field_list *fields,
                             int maxrecs, isync_m3_result *res)
{
    isync_m3_request req = {
        .program = "OIS100MI",
        .transaction = transaction,
        .cono = job->cfg->cono,
        .divi = job->cfg->divi,
        .maxrecs = maxrecs,
        .fields = fields->fields,
    };
    isync_m3_result_init(res);
    return isync_m3_call(job->m3, &req, res);
}

static isync_delivery_result fail(order_job *job, const char *transaction, field_list *fields,
                                  isync_m3_result *res, const char *context)
{
    isync_m3_request req = { .program = "OIS100MI", .transaction = transaction, .fields = fields->fields };
    isync_delivery_result result = call_failed(job, &req, res, context);
    isync_m3_result_clear(res);
    return result;
}

static isync_delivery_result progress_not_saved(order_job *job)
{
    snprintf(job->out->reason, sizeof job->out->reason,
             "cannot save delivery progress in the spool; will retry");
    job->out->result = ISYNC_RETRY_LATER;
    return ISYNC_RETRY_LATER;
}

/* Resume: a batch head for this customer with our CUOR may already exist.
 * When Infor cannot tell, we cannot either: retry later rather than guess. */
static isync_delivery_result find_existing_head(order_job *job)
{
    field_list fields = { .used = 0 };
    isync_m3_result res;
    const char *cuor = payload_text(job->payload, "order_number");

    add_field(&fields, "CUNO", job->cuno);
    if (call(job, "LstBatchHead", &fields, 0, &res) != ISYNC_M3_OK) {
        return fail(job, "LstBatchHead", &fields, &res, "(resuming)");
    }
    size_t index;
    json_t *row;
    json_array_foreach(res.records, index, row) {
        const char *row_cuor = json_string_value(json_object_get(row, "CUOR"));
        const char *row_orno = json_string_value(json_object_get(row, "ORNO"));
        const char *row_ornr = json_string_value(json_object_get(row, "ORNR"));
        if (row_cuor && row_orno && strcmp(row_cuor, cuor) == 0) {
            json_object_set_new(job->progress, "batch_orno", json_string(row_orno));
            json_object_set_new(job->progress, "step", json_string("lines"));
            if (row_ornr && *row_ornr) {
                json_object_set_new(job->progress, "step", json_string("confirm"));
            }
            break;
        }
    }
    isync_m3_result_clear(&res);
    return ISYNC_DELIVERED;
}

static isync_delivery_result add_head(order_job *job)
{
    field_list fields = { .used = 0 };
    isync_m3_result res;
    char ordt[9] = "";
    const char *currency = payload_text(job->payload, "currency");

    isync_iso8601_to_m3_date(payload_text(job->payload, "date"), ordt);
    add_field(&fields, "CUNO", job->cuno);
    add_field(&fields, "CUOR", payload_text(job->payload, "order_number"));
    add_field(&fields, "ORDT", ordt);
    add_field(&fields, "CUCD", currency && *currency ? currency : job->cfg->currency);
    add_field(&fields, "ORTP", job->cfg->order_type);
    add_field(&fields, "FACI", job->cfg->facility);
    add_field(&fields, "WHLO", job->cfg->warehouse);
    if (call(job, "AddBatchHead", &fields, -1, &res) != ISYNC_M3_OK) {
        return fail(job, "AddBatchHead", &fields, &res, NULL);
    }
    const char *orno = isync_m3_record_field(&res, 0, "ORNO");
    if (!orno || !*orno) {
        snprintf(res.error_message, sizeof res.error_message, "answer carries no ORNO");
        res.outcome = ISYNC_M3_PERMANENT;
        return fail(job, "AddBatchHead", &fields, &res, NULL);
    }
    json_object_set_new(job->progress, "batch_orno", json_string(orno));
    json_object_set_new(job->progress, "lines_done", json_integer(0));
    isync_m3_result_clear(&res);
    return save_progress(job, "lines") == 0 ? ISYNC_DELIVERED : progress_not_saved(job);
}

static int same_quantity(const char *a, const char *b)
{
    return a && b && strtod(a, NULL) == strtod(b, NULL);
}

static isync_delivery_result delete_line(order_job *job, const char *ponr)
{
    field_list fields = { .used = 0 };
    isync_m3_result res;
    add_field(&fields, "ORNO", progress_text(job, "batch_orno"));
    add_field(&fields, "PONR", ponr);
    if (call(job, "DelBatchLine", &fields, -1, &res) != ISYNC_M3_OK) {
        return fail(job, "DelBatchLine", &fields, &res, "(removing a duplicate line)");
    }
    isync_m3_result_clear(&res);
    isync_log(ISYNC_LOG_WARNING, "batch order %s: removed duplicate line %s",
              progress_text(job, "batch_orno"), ponr);
    return ISYNC_DELIVERED;
}

/* Resume: makes the batch order's lines a prefix of the items. Lines are
 * added in item order, so matching them in sequence tells how far we got
 * (without that, a line could be added twice: a failed query retries
 * later). A line that matches no item in sequence is a duplicate, from a
 * call that timed out on our side and that Infor ran late: it is deleted
 * before Confirm. */
static isync_delivery_result reconcile_lines(order_job *job)
{
    field_list fields = { .used = 0 };
    isync_m3_result res;
    json_t *items = json_object_get(job->payload, "items");
    size_t matched = 0, index;
    json_t *row;
    isync_delivery_result result = ISYNC_DELIVERED;

    add_field(&fields, "ORNO", progress_text(job, "batch_orno"));
    if (call(job, "LstBatchLine", &fields, 0, &res) != ISYNC_M3_OK) {
        return fail(job, "LstBatchLine", &fields, &res, "(resuming)");
    }
    json_array_foreach(res.records, index, row) {
        json_t *item = json_array_get(items, matched);
        const char *itno = json_string_value(json_object_get(row, "ITNO"));
        if (item && itno && strcmp(itno, payload_text(item, "sku")) == 0 &&
            same_quantity(json_string_value(json_object_get(row, "ORQT")), payload_text(item, "quantity"))) {
            matched++;
        } else if ((result = delete_line(job, json_string_value(json_object_get(row, "PONR")))) !=
                   ISYNC_DELIVERED) {
            break;
        }
    }
    isync_m3_result_clear(&res);
    json_object_set_new(job->progress, "lines_done", json_integer((json_int_t)matched));
    return result;
}

static isync_delivery_result add_line(order_job *job, size_t index, json_t *item)
{
    field_list fields = { .used = 0 };
    isync_m3_result res;
    char context[64];
    const char *discount = payload_text(item, "discount");

    add_field(&fields, "ORNO", progress_text(job, "batch_orno"));
    add_field(&fields, "ITNO", payload_text(item, "sku"));
    add_field(&fields, "ORQT", payload_text(item, "quantity"));
    add_field(&fields, "SAPR", payload_text(item, "price"));
    add_field(&fields, "WHLO", job->cfg->warehouse);
    if (discount && strspn(discount, "0.") != strlen(discount)) {
        add_field(&fields, "DIA1", discount);
    }
    if (call(job, "AddBatchLine", &fields, -1, &res) != ISYNC_M3_OK) {
        snprintf(context, sizeof context, "(items[%zu], ITNO %.20s)", index,
                 payload_text(item, "sku"));
        return fail(job, "AddBatchLine", &fields, &res, context);
    }
    isync_m3_result_clear(&res);
    size_t count = json_array_size(json_object_get(job->payload, "items"));
    json_object_set_new(job->progress, "lines_done", json_integer((json_int_t)index + 1));
    return save_progress(job, index + 1 == count ? "confirm" : "lines") == 0 ? ISYNC_DELIVERED
                                                                         : progress_not_saved(job);
}

static isync_delivery_result add_lines(order_job *job)
{
    json_t *items = json_object_get(job->payload, "items");
    size_t count = json_array_size(items);
    size_t done = (size_t)json_integer_value(json_object_get(job->progress, "lines_done"));
    for (size_t i = done; i < count; i++) {
        isync_delivery_result result = add_line(job, i, json_array_get(items, i));
        if (result != ISYNC_DELIVERED) {
            return result;
        }
    }
    if (done >= count) { /* nothing was added: the last line's save did not say so */
        return save_progress(job, "confirm") == 0 ? ISYNC_DELIVERED : progress_not_saved(job);
    }
    return ISYNC_DELIVERED;
}

/* GetOrderNo answers only once the batch order was confirmed. */
static isync_m3_outcome get_order_number(order_job *job, isync_m3_result *res, field_list *fields)
{
    add_field(fields, "ORNO", progress_text(job, "batch_orno"));
    return call(job, "GetOrderNo", fields, -1, res);
}

static isync_delivery_result record_order_number(order_job *job, isync_m3_result *res)
{
    const char *ornr = isync_m3_record_field(res, 0, "ORNR");
    json_object_set_new(job->progress, "orno", json_string(ornr ? ornr : ""));
    json_object_set_new(job->progress, "step", json_string("done"));
    isync_m3_result_clear(res);
    /* not saved here: the worker saves the record with the outcome, and a
     * crash before that only repeats GetOrderNo, which changes nothing */
    return ISYNC_DELIVERED;
}

/* Resume after Confirm may have run: GetOrderNo answers only for a
 * confirmed batch order. Sets *confirmed. */
static isync_delivery_result check_confirmed(order_job *job, int *confirmed)
{
    field_list fields = { .used = 0 };
    isync_m3_result res;
    *confirmed = 0;
    isync_m3_outcome known = get_order_number(job, &res, &fields);
    if (known == ISYNC_M3_OK) {
        *confirmed = 1;
        return record_order_number(job, &res);
    }
    if (known != ISYNC_M3_MI_ERROR) { /* only M3's NOK says "not confirmed" */
        return fail(job, "GetOrderNo", &fields, &res, "(resuming)");
    }
    isync_m3_result_clear(&res); /* NOK: not confirmed yet */
    return ISYNC_DELIVERED;
}

static isync_delivery_result confirm(order_job *job)
{
    field_list fields = { .used = 0 };
    isync_m3_result res;

    add_field(&fields, "ORNO", progress_text(job, "batch_orno"));
    if (call(job, "Confirm", &fields, -1, &res) != ISYNC_M3_OK) {
        return fail(job, "Confirm", &fields, &res, NULL);
    }
    isync_m3_result_clear(&res);
    if (save_progress(job, "order_no") != 0) {
        return progress_not_saved(job);
    }
    fields.used = 0;
    if (get_order_number(job, &res, &fields) != ISYNC_M3_OK) {
        return fail(job, "GetOrderNo", &fields, &res, NULL);
    }
    return record_order_number(job, &res);
}

static int at_step(const order_job *job, const char *step)
{
    const char *current = progress_text(job, "step");
    return strcmp(current ? current : "head", step) == 0;
}

/* Customer sync: the customer from customer_id / email / billing_address,
 * created in Infor when missing, saved before the head is added. */
static isync_delivery_result resolve_customer(order_job *job)
{
    isync_customer customer;
    char cuno[ISYNC_CUNO_SIZE];
    isync_customer_from_order(job->payload, &customer);
    isync_delivery_result result = isync_m3_customer_resolve(job->m3, job->cfg, job->xref, &customer,
                                                             cuno, job->out);
    if (result != ISYNC_DELIVERED) {
        return result;
    }
    json_object_set_new(job->progress, "cuno", json_string(cuno));
    job->cuno = progress_text(job, "cuno");
    return save_progress(job, "head") == 0 ? ISYNC_DELIVERED : progress_not_saved(job);
}

/* Before the head: the CUNO of the order (see m3_order.h). */
static isync_delivery_result choose_customer(order_job *job)
{
    const char *cuno = progress_text(job, "cuno");
    if (!cuno || !*cuno) {
        cuno = payload_text(job->payload, "infor_customer");
    }
    if ((!cuno || !*cuno) && job->cfg->customer_template[0]) {
        return resolve_customer(job);
    }
    if (!cuno || !*cuno) {
        cuno = job->cfg->default_customer[0] ? job->cfg->default_customer : NULL;
    }
    if (!cuno) {
        snprintf(job->out->reason, sizeof job->out->reason,
                 "no Infor customer: the order has no infor_customer and the configuration has no default_customer");
        return job->out->result = ISYNC_DEAD_LETTER;
    }
    json_object_set_new(job->progress, "cuno", json_string(cuno)); /* saved with the head */
    job->cuno = progress_text(job, "cuno");
    return ISYNC_DELIVERED;
}

static void set_refs(order_job *job)
{
    json_decref(job->out->infor_refs);
    job->out->infor_refs = json_pack("{s:O?, s:O?, s:s}", "batch_orno",
                                     json_object_get(job->progress, "batch_orno"), "orno",
                                     json_object_get(job->progress, "orno"), "cuno", job->cuno);
}

isync_delivery_result isync_m3_order_deliver(isync_m3_client *m3, const isync_business_config *cfg,
                                             isync_xref *xref, json_t *payload, json_t *progress, int resuming,
                                             isync_progress_save_fn save, void *save_ctx,
                                             isync_delivery_outcome *out)
{
    order_job job = { m3, cfg, xref, payload, progress, save, save_ctx, out, NULL };
    isync_delivery_result result = choose_customer(&job);

    if (result != ISYNC_DELIVERED) {
        return out->result = result;
    }
    if (at_step(&job, "head")) {
        if (resuming) {
            result = find_existing_head(&job);
        }
        if (result == ISYNC_DELIVERED && at_step(&job, "head")) {
            result = add_head(&job);
            resuming = 0; /* the lines of a head we just created cannot exist yet */
        }
    }
    if (result == ISYNC_DELIVERED && resuming && (at_step(&job, "confirm") || at_step(&job, "order_no"))) {
        int confirmed = 0;
        result = check_confirmed(&job, &confirmed);
        if (result == ISYNC_DELIVERED && !confirmed && at_step(&job, "confirm")) {
            /* verify the lines once more before confirming */
            json_object_set_new(job.progress, "step", json_string("lines"));
        }
    }
    if (result == ISYNC_DELIVERED && at_step(&job, "lines")) {
        if (resuming) {
            result = reconcile_lines(&job);
        }
        if (result == ISYNC_DELIVERED) {
            result = add_lines(&job);
        }
    }
    if (result == ISYNC_DELIVERED && (at_step(&job, "confirm") || at_step(&job, "order_no"))) {
        result = confirm(&job);
    }
    set_refs(&job);
    return out->result = result;
}
