#include "connectors/m3_order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "queue/event.h"
#include "base/decimal.h"
#include "base/log.h"
#include "connectors/m3_customer.h"
#include "mapping/plan.h"

/* One order delivery in progress: what every step needs. */
typedef struct {
    isync_connector_ctx *c;
    const char *cuno;
    const isync_template *tmpl;
    json_t *plan; /* the mapped calls */
    json_t *outputs; /* progress "outputs": {"head.ORNO": ..} */
} order_job;

static const char *payload_text(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static const char *progress_text(const order_job *job, const char *key)
{
    return json_string_value(json_object_get(job->c->progress, key));
}

static json_t *plan_call(const order_job *job, size_t index)
{
    return json_array_get(json_object_get(job->plan, "calls"), index);
}

static size_t plan_size(const order_job *job)
{
    return json_array_size(json_object_get(job->plan, "calls"));
}

/* The calls between the head and Confirm (template.c enforces the shape). */
static size_t body_end(const order_job *job)
{
    return plan_size(job) - 2;
}

/* The fields of the plan's call at index, earlier answers filled in. */
static int fields_of(order_job *job, size_t index, isync_plan_fields *fields)
{
    if (isync_plan_fields_of(plan_call(job, index), job->outputs, fields) != 0) {
        isync_connector_dead_letter(job->c, "mapping: call %zu needs an answer of an earlier call that is not known",
                                    index);
        return -1;
    }
    return 0;
}

static const char *head_field(const order_job *job, const char *name)
{
    return json_string_value(json_object_get(json_object_get(plan_call(job, 0), "fields"), name));
}

static void set_batch_orno(order_job *job, const char *orno)
{
    json_object_set_new(job->c->progress, "batch_orno", json_string(orno));
    json_object_set_new(job->outputs, "head.ORNO", json_string(orno));
}

/* A second batch head with our CUOR, never confirmed: it can only come from
 * an AddBatchHead that ran twice (libcurl re-sent it, docs/architecture.md#kept-alive-writes). */
static isync_delivery_result delete_extra_head(order_job *job, const char *orno)
{
    isync_m3_result res;
    const char *fields[] = {"ORNO", orno, NULL};
    if (isync_connector_call(job->c, "OIS100MI", "DelBatchHead", fields, -1, &res) != ISYNC_M3_OK) {
        return isync_connector_fail(job->c, "OIS100MI", "DelBatchHead", &res, "(removing a duplicate batch head)");
    }
    isync_m3_result_clear(&res);
    isync_log(ISYNC_LOG_WARNING, "removed duplicate batch head %s", orno);
    return ISYNC_DELIVERED;
}

/* The row of the head to go on with among the customer's batch heads with
 * our CUOR: a confirmed one, else the first; NULL when there is none. */
static json_t *head_to_keep(json_t *rows, const char *cuor)
{
    size_t index;
    json_t *row, *keep = NULL;
    json_array_foreach(rows, index, row)
    {
        const char *row_cuor = json_string_value(json_object_get(row, "CUOR"));
        const char *row_ornr = json_string_value(json_object_get(row, "ORNR"));
        if (!row_cuor || strcmp(row_cuor, cuor) != 0 || !json_object_get(row, "ORNO")) {
            continue;
        }
        if (!keep || (row_ornr && *row_ornr)) {
            keep = row;
        }
        if (row_ornr && *row_ornr) {
            break;
        }
    }
    return keep;
}

/* Resume: a batch head for this customer with our CUOR may already exist
 * (more than one when AddBatchHead ran twice: the others are deleted).
 * When Infor cannot tell, we cannot either: retry later rather than guess. */
static isync_delivery_result find_existing_head(order_job *job)
{
    isync_m3_result res;
    const char *cuor = head_field(job, "CUOR");
    const char *fields[] = {"CUNO", job->cuno, NULL};
    isync_delivery_result result = ISYNC_DELIVERED;

    if (!cuor) {
        return ISYNC_DELIVERED; /* no CUOR to find it by: cannot have been found before either */
    }
    if (isync_connector_call(job->c, "OIS100MI", "LstBatchHead", fields, 0, &res) != ISYNC_M3_OK) {
        return isync_connector_fail(job->c, "OIS100MI", "LstBatchHead", &res, "(resuming)");
    }
    json_t *keep = head_to_keep(res.records, cuor);
    size_t index;
    json_t *row;
    json_array_foreach(res.records, index, row)
    {
        const char *row_cuor = json_string_value(json_object_get(row, "CUOR"));
        const char *row_ornr = json_string_value(json_object_get(row, "ORNR"));
        if (row != keep && row_cuor && strcmp(row_cuor, cuor) == 0 && !(row_ornr && *row_ornr) &&
            (result = delete_extra_head(job, json_string_value(json_object_get(row, "ORNO")))) != ISYNC_DELIVERED) {
            break;
        }
    }
    if (keep && result == ISYNC_DELIVERED) {
        const char *ornr = json_string_value(json_object_get(keep, "ORNR"));
        set_batch_orno(job, json_string_value(json_object_get(keep, "ORNO")));
        json_object_set_new(job->c->progress, "step", json_string(ornr && *ornr ? "confirm" : "lines"));
    }
    isync_m3_result_clear(&res);
    return result;
}

static isync_delivery_result add_head(order_job *job)
{
    isync_plan_fields fields;
    isync_m3_result res;

    if (fields_of(job, 0, &fields) != 0) {
        return ISYNC_DEAD_LETTER;
    }
    if (isync_connector_call(job->c, "OIS100MI", "AddBatchHead", fields.fields, -1, &res) != ISYNC_M3_OK) {
        return isync_connector_fail(job->c, "OIS100MI", "AddBatchHead", &res, NULL);
    }
    const char *orno = isync_m3_record_field(&res, 0, "ORNO");
    if (!orno || !*orno) {
        snprintf(res.error_message, sizeof res.error_message, "answer carries no ORNO");
        res.outcome = ISYNC_M3_PERMANENT;
        return isync_connector_fail(job->c, "OIS100MI", "AddBatchHead", &res, NULL);
    }
    isync_plan_keep_outputs(job->tmpl, plan_call(job, 0), &res, job->outputs);
    set_batch_orno(job, orno);
    json_object_set_new(job->c->progress, "lines_done", json_integer(0));
    json_object_set_new(job->c->progress, "calls_done", json_integer(0));
    isync_m3_result_clear(&res);
    return isync_connector_save(job->c, "lines");
}

static int is_line(json_t *call)
{
    return isync_plan_call_is(call, "OIS100MI", "AddBatchLine");
}

static const char *call_field(json_t *call, const char *name)
{
    return json_string_value(json_object_get(json_object_get(call, "fields"), name));
}

/* The same quantity, exactly ("2" and "2.000" are; M3 answers with its own decimals). */
static int same_quantity(const char *a, const char *b)
{
    isync_decimal x, y;
    return a && b && isync_decimal_parse(a, &x) == ISYNC_DECIMAL_OK && isync_decimal_parse(b, &y) == ISYNC_DECIMAL_OK &&
        isync_decimal_compare(x, y) == 0;
}

static isync_delivery_result delete_line(order_job *job, const char *ponr)
{
    isync_m3_result res;
    const char *fields[] = {"ORNO", progress_text(job, "batch_orno"), "PONR", ponr, NULL};
    if (isync_connector_call(job->c, "OIS100MI", "DelBatchLine", fields, -1, &res) != ISYNC_M3_OK) {
        return isync_connector_fail(job->c, "OIS100MI", "DelBatchLine", &res, "(removing a duplicate line)");
    }
    isync_m3_result_clear(&res);
    isync_log(ISYNC_LOG_WARNING, "batch order %s: removed duplicate line %s", progress_text(job, "batch_orno"), ponr);
    return ISYNC_DELIVERED;
}

/* The plan's n-th line call (n counts AddBatchLine calls only), or NULL. */
static json_t *nth_line(const order_job *job, size_t n)
{
    for (size_t i = 1; i < body_end(job); i++) {
        json_t *call = plan_call(job, i);
        if (is_line(call) && n-- == 0) {
            return call;
        }
    }
    return NULL;
}

/* Resume: makes the batch order's lines a prefix of the plan's line
 * calls. Lines are added in plan order, so matching them in sequence (item
 * number and quantity) tells how far we got (without that, a line could be
 * added twice: a failed query retries later). A line that matches nothing
 * in sequence is a duplicate, from a call that timed out on our side and
 * that Infor ran late: it is deleted before Confirm. */
static isync_delivery_result reconcile_lines(order_job *job)
{
    isync_m3_result res;
    const char *fields[] = {"ORNO", progress_text(job, "batch_orno"), NULL};
    size_t matched = 0, index;
    json_t *row;
    isync_delivery_result result = ISYNC_DELIVERED;

    if (isync_connector_call(job->c, "OIS100MI", "LstBatchLine", fields, 0, &res) != ISYNC_M3_OK) {
        return isync_connector_fail(job->c, "OIS100MI", "LstBatchLine", &res, "(resuming)");
    }
    json_array_foreach(res.records, index, row)
    {
        json_t *line = nth_line(job, matched);
        const char *itno = json_string_value(json_object_get(row, "ITNO"));
        const char *expected = line ? call_field(line, "ITNO") : NULL;
        if (expected && itno && strcmp(itno, expected) == 0 &&
            same_quantity(json_string_value(json_object_get(row, "ORQT")), call_field(line, "ORQT"))) {
            matched++;
        } else if ((result = delete_line(job, json_string_value(json_object_get(row, "PONR")))) != ISYNC_DELIVERED) {
            break;
        }
    }
    isync_m3_result_clear(&res);
    json_object_set_new(job->c->progress, "lines_done", json_integer((json_int_t)matched));
    return result;
}

/* "(items[1], ITNO ITEM-B)" or "(delivery_address)" for a failed call's reason. */
static void call_context(json_t *call, char *out, size_t size)
{
    const char *element = json_string_value(json_object_get(call, "element"));
    const char *itno = call_field(call, "ITNO");
    const char *what = element ? element : json_string_value(json_object_get(call, "id"));
    if (itno) {
        snprintf(out, size, "(%.60s, ITNO %.20s)", what, itno);
    } else {
        snprintf(out, size, "(%.60s)", what);
    }
}

/* Progress after the body call at index answered OK. */
static void body_call_done(order_job *job, size_t index, const isync_m3_result *res)
{
    json_t *call = plan_call(job, index);
    isync_plan_keep_outputs(job->tmpl, call, res, job->outputs);
    if (is_line(call)) {
        json_int_t lines = json_integer_value(json_object_get(job->c->progress, "lines_done"));
        json_object_set_new(job->c->progress, "lines_done", json_integer(lines + 1));
    }
    json_object_set_new(job->c->progress, "calls_done", json_integer((json_int_t)index));
}

/* One call between the head and Confirm; progress saved after it. */
static isync_delivery_result add_body_call(order_job *job, size_t index, int resuming)
{
    isync_plan_fields fields;
    isync_m3_result res;
    char context[96];
    json_t *call = plan_call(job, index);
    const char *transaction = json_string_value(json_object_get(call, "transaction"));

    if (fields_of(job, index, &fields) != 0) {
        return ISYNC_DEAD_LETTER;
    }
    if (isync_connector_call(job->c, "OIS100MI", transaction, fields.fields, -1, &res) != ISYNC_M3_OK &&
        !(resuming && !is_line(call) && isync_m3_refused_saying(&res, "already exists"))) {
        call_context(call, context, sizeof context);
        return isync_connector_fail(job->c, "OIS100MI", transaction, &res, context);
    }
    body_call_done(job, index, &res);
    isync_m3_result_clear(&res);
    return isync_connector_save(job->c, index + 1 == body_end(job) ? "confirm" : "lines");
}

/* Bulk requests hold at most this many transactions. */
#define BULK_MAX 50

/* The answers to the body calls start..start+count-1, in order: progress for
 * the ones M3 ran up to the first that failed, saved; then that failure. */
static isync_delivery_result take_bulk_answers(order_job *job, size_t start, size_t count, isync_m3_result *results)
{
    size_t ok = 0;
    while (ok < count && results[ok].outcome == ISYNC_M3_OK) {
        body_call_done(job, start + ok, &results[ok]);
        ok++;
    }
    isync_delivery_result saved = isync_connector_save(job->c, start + ok == body_end(job) ? "confirm" : "lines");
    if (ok == count || saved != ISYNC_DELIVERED) {
        return saved;
    }
    char context[96];
    json_t *call = plan_call(job, start + ok);
    call_context(call, context, sizeof context);
    return isync_connector_fail(job->c, "OIS100MI", json_string_value(json_object_get(call, "transaction")),
                                &results[ok], context);
}

/* Does the body call at index refer to an answer of a call from start up to
 * it (same id: a for_each call's answers replace each other)? Then the answer
 * it needs comes in the same request, and an older one may already be known:
 * "line.PONR" of line 50 while line 51 is in this request. */
static int needs_answer_from(const order_job *job, size_t start, size_t index)
{
    const char *field;
    json_t *ref;
    json_object_foreach(json_object_get(plan_call(job, index), "refs"), field, ref)
    {
        const char *text = json_string_value(ref);
        const char *dot = text ? strchr(text, '.') : NULL;
        for (size_t i = start; dot && i < index; i++) {
            const char *id = json_string_value(json_object_get(plan_call(job, i), "id"));
            if (id && strlen(id) == (size_t)(dot - text) && strncmp(id, text, (size_t)(dot - text)) == 0) {
                return 1;
            }
        }
    }
    return 0;
}

/* Up to BULK_MAX body calls from start in one request. 1 when a call needs
 * the answer of an earlier one in the same request (then nothing was sent). */
static int send_bulk(order_job *job, size_t start, size_t count, isync_delivery_result *result)
{
    isync_plan_fields *fields = calloc(count, sizeof *fields);
    isync_m3_bulk_entry *entries = calloc(count, sizeof *entries);
    isync_m3_result *results = calloc(count, sizeof *results);
    int fallback = !fields || !entries || !results;
    for (size_t i = 0; !fallback && i < count; i++) {
        json_t *call = plan_call(job, start + i);
        fallback = needs_answer_from(job, start, start + i) ||
            isync_plan_fields_of(call, job->outputs, &fields[i]) != 0;
        entries[i].transaction = json_string_value(json_object_get(call, "transaction"));
        entries[i].fields = fields[i].fields;
    }
    if (!fallback) {
        isync_connector_bulk(job->c, "OIS100MI", entries, count, results);
        *result = take_bulk_answers(job, start, count, results);
        for (size_t i = 0; i < count; i++) {
            isync_m3_result_clear(&results[i]);
        }
    }
    free(fields);
    free(entries);
    free(results);
    return fallback;
}

/* A batch order just created: the calls between the head and Confirm
 * (addresses, lines) go in bulk requests, which M3 runs in order, instead of
 * one request each. 1 when a call needs an answer of an earlier body call:
 * the rest then goes one by one (add_body). */
static int add_body_in_bulk(order_job *job, isync_delivery_result *result)
{
    *result = ISYNC_DELIVERED;
    for (size_t start = 1; start < body_end(job) && *result == ISYNC_DELIVERED; start += BULK_MAX) {
        size_t left = body_end(job) - start;
        if (send_bulk(job, start, left < BULK_MAX ? left : BULK_MAX, result)) {
            return 1;
        }
    }
    return 0;
}

/* The calls after the head: lines known to Infor (reconciled) and other
 * calls recorded in calls_done are skipped. */
static isync_delivery_result add_body(order_job *job, int resuming)
{
    isync_delivery_result result;
    if (!resuming && body_end(job) > 2 && json_integer_value(json_object_get(job->c->progress, "calls_done")) == 0 &&
        !add_body_in_bulk(job, &result)) {
        return result;
    }
    size_t calls_done = (size_t)json_integer_value(json_object_get(job->c->progress, "calls_done"));
    size_t lines_known = (size_t)json_integer_value(json_object_get(job->c->progress, "lines_done"));
    size_t line_number = 0;
    for (size_t i = 1; i < body_end(job); i++) {
        json_t *call = plan_call(job, i);
        int done = is_line(call) ? line_number++ < lines_known : i <= calls_done;
        if (done) {
            continue;
        }
        if (is_line(call)) {
            json_object_set_new(job->c->progress, "lines_done", json_integer((json_int_t)line_number - 1));
        }
        /* resuming: an earlier attempt may have run it (one by one, or in a bulk request) */
        result = add_body_call(job, i, resuming);
        if (result != ISYNC_DELIVERED) {
            return result;
        }
    }
    return isync_connector_save(job->c, "confirm");
}

/* GetOrderNo answers only once the batch order was confirmed. */
static isync_m3_outcome get_order_number(order_job *job, isync_m3_result *res, isync_plan_fields *fields)
{
    if (fields_of(job, plan_size(job) - 1, fields) != 0) {
        res->outcome = ISYNC_M3_PERMANENT;
        return ISYNC_M3_PERMANENT;
    }
    return isync_connector_call(job->c, "OIS100MI", "GetOrderNo", fields->fields, -1, res);
}

static isync_delivery_result record_order_number(order_job *job, isync_m3_result *res)
{
    const char *ornr = isync_m3_record_field(res, 0, "ORNR");
    isync_plan_keep_outputs(job->tmpl, plan_call(job, plan_size(job) - 1), res, job->outputs);
    json_object_set_new(job->c->progress, "orno", json_string(ornr ? ornr : ""));
    json_object_set_new(job->c->progress, "step", json_string("done"));
    isync_m3_result_clear(res);
    /* not saved here: the worker saves the record with the outcome, and a
     * crash before that only repeats GetOrderNo, which changes nothing */
    return ISYNC_DELIVERED;
}

/* Resume after Confirm may have run: GetOrderNo answers only for a
 * confirmed batch order. Sets *confirmed. */
static isync_delivery_result check_confirmed(order_job *job, int *confirmed)
{
    isync_plan_fields fields;
    isync_m3_result res;
    *confirmed = 0;
    isync_m3_result_init(&res);
    isync_m3_outcome known = get_order_number(job, &res, &fields);
    if (known == ISYNC_M3_OK) {
        *confirmed = 1;
        return record_order_number(job, &res);
    }
    if (known != ISYNC_M3_MI_ERROR) { /* only M3's NOK says "not confirmed" */
        return isync_connector_fail(job->c, "OIS100MI", "GetOrderNo", &res, "(resuming)");
    }
    isync_m3_result_clear(&res); /* NOK: not confirmed yet */
    return ISYNC_DELIVERED;
}

static isync_delivery_result confirm(order_job *job)
{
    isync_plan_fields fields;
    isync_m3_result res;

    if (fields_of(job, plan_size(job) - 2, &fields) != 0) {
        return ISYNC_DEAD_LETTER;
    }
    if (isync_connector_call(job->c, "OIS100MI", "Confirm", fields.fields, -1, &res) != ISYNC_M3_OK) {
        return isync_connector_fail(job->c, "OIS100MI", "Confirm", &res, NULL);
    }
    isync_m3_result_clear(&res);
    if (isync_connector_save(job->c, "order_no") != ISYNC_DELIVERED) {
        return ISYNC_RETRY_LATER;
    }
    isync_m3_result_init(&res);
    if (get_order_number(job, &res, &fields) != ISYNC_M3_OK) {
        return isync_connector_fail(job->c, "OIS100MI", "GetOrderNo", &res, NULL);
    }
    return record_order_number(job, &res);
}

/* Customer sync: the customer from customer_id / email / billing_address,
 * created in Infor when missing, saved before the head is added. */
static isync_delivery_result resolve_customer(order_job *job)
{
    isync_customer customer;
    char cuno[ISYNC_CUNO_SIZE];
    isync_customer_from_order(job->c->payload, &customer);
    isync_delivery_result result = isync_m3_customer_resolve(job->c, &customer, cuno);
    if (result != ISYNC_DELIVERED) {
        return result;
    }
    json_object_set_new(job->c->progress, "cuno", json_string(cuno));
    job->cuno = progress_text(job, "cuno");
    return isync_connector_save(job->c, "head");
}

/* Before the head: the CUNO of the order (see m3_order.h). */
static isync_delivery_result choose_customer(order_job *job)
{
    const char *cuno = progress_text(job, "cuno");
    if (!cuno || !*cuno) {
        cuno = payload_text(job->c->payload, "infor_customer");
    }
    if ((!cuno || !*cuno) && job->c->cfg->customer_template[0]) {
        return resolve_customer(job);
    }
    if (!cuno || !*cuno) {
        cuno = job->c->cfg->default_customer[0] ? job->c->cfg->default_customer : NULL;
    }
    if (!cuno) {
        return isync_connector_dead_letter(job->c,
                                           "no Infor customer: the order has no infor_customer and the "
                                           "configuration has no default_customer");
    }
    json_object_set_new(job->c->progress, "cuno", json_string(cuno)); /* saved with the head */
    job->cuno = progress_text(job, "cuno");
    return ISYNC_DELIVERED;
}

static void set_refs(order_job *job)
{
    json_decref(job->c->out->infor_refs);
    job->c->out->infor_refs = json_pack("{s:O?, s:O?, s:s}", "batch_orno",
                                        json_object_get(job->c->progress, "batch_orno"), "orno",
                                        json_object_get(job->c->progress, "orno"), "cuno", job->cuno);
}

/* The template applied with the order's customer; NULL when it cannot be (out says why). */
static json_t *make_plan(order_job *job)
{
    json_t *values = json_pack("{s:s}", "customer", job->cuno);
    json_t *plan = isync_connector_plan(job->c, "order.placed", job->c->payload, values);
    json_decref(values);
    return plan;
}

/* The outputs of earlier calls live in the progress, so a resumed delivery has them. */
static void attach_outputs(order_job *job)
{
    job->outputs = json_object_get(job->c->progress, "outputs");
    if (!json_is_object(job->outputs)) {
        json_object_set_new(job->c->progress, "outputs", json_object());
        job->outputs = json_object_get(job->c->progress, "outputs");
    }
    const char *batch_orno = progress_text(job, "batch_orno");
    if (batch_orno && !json_object_get(job->outputs, "head.ORNO")) {
        json_object_set_new(job->outputs, "head.ORNO", json_string(batch_orno));
    }
}

static isync_delivery_result run(order_job *job, int resuming)
{
    isync_delivery_result result = ISYNC_DELIVERED;
    if (isync_connector_at_step(job->c, "head")) {
        if (resuming) {
            result = find_existing_head(job);
        }
        if (result == ISYNC_DELIVERED && isync_connector_at_step(job->c, "head")) {
            result = add_head(job);
            resuming = 0; /* the lines of a head we just created cannot exist yet */
        }
    }
    if (result == ISYNC_DELIVERED && resuming &&
        (isync_connector_at_step(job->c, "confirm") || isync_connector_at_step(job->c, "order_no"))) {
        int confirmed = 0;
        result = check_confirmed(job, &confirmed);
        if (result == ISYNC_DELIVERED && !confirmed && isync_connector_at_step(job->c, "confirm")) {
            /* verify the lines once more before confirming */
            json_object_set_new(job->c->progress, "step", json_string("lines"));
        }
    }
    if (result == ISYNC_DELIVERED && isync_connector_at_step(job->c, "lines")) {
        if (resuming) {
            result = reconcile_lines(job);
        }
        if (result == ISYNC_DELIVERED) {
            result = add_body(job, resuming);
        }
    }
    if (result == ISYNC_DELIVERED &&
        (isync_connector_at_step(job->c, "confirm") || isync_connector_at_step(job->c, "order_no"))) {
        result = confirm(job);
    }
    return result;
}

isync_delivery_result isync_m3_order_deliver(isync_connector_ctx *ctx)
{
    order_job job = {ctx, NULL, isync_connector_template(ctx, "order.placed"), NULL, NULL};
    if (!job.tmpl) {
        return ctx->out->result; /* checked before the customer is made in Infor */
    }
    isync_delivery_result result = choose_customer(&job);
    if (result != ISYNC_DELIVERED) {
        return ctx->out->result = result;
    }
    job.plan = make_plan(&job);
    if (!job.plan) {
        return ctx->out->result;
    }
    attach_outputs(&job);
    result = run(&job, ctx->resuming);
    set_refs(&job);
    json_decref(job.plan);
    return ctx->out->result = result;
}
