#include "connectors/m3_payment.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sha256.h"
#include "base/atomic_file.h"
#include "queue/event.h"
#include "base/log.h"
#include "connectors/order_index.h"
#include "mapping/plan.h"

typedef struct {
    isync_connector_ctx *c;
    int refund;
    const char *payer;
    char number[10]; /* payment number */
    char key1[12]; /* journal batch key */
    char date[9]; /* yyyyMMdd */
    char parm[2][ISYNC_PARM_LENGTH + 1]; /* the journal's debit and credit lines */
    json_t *plan; /* the template's calls for this posting */
} payment_job;

/* payments/<sha256 of "capture:" or "refund:" + transaction id, 32 hex> */
static void number_path(const isync_spool *spool, const char *transaction_id, int refund, char *out, size_t size)
{
    unsigned char md[ISYNC_SHA256_SIZE];
    char hex[33];
    isync_sha256_texts(refund ? "refund:" : "capture:", transaction_id, md);
    isync_hex(md, 16, hex);
    snprintf(out, size, "%s/payments/%s.json", spool->dir, hex);
}

static long long read_number(const char *path, const char *key)
{
    json_t *saved = json_load_file(path, 0, NULL);
    long long number = json_integer_value(json_object_get(saved, key));
    json_decref(saved);
    return number;
}

isync_status isync_payment_number(const isync_spool *spool, const char *transaction_id, int refund, char out[10],
                                  isync_error *err)
{
    char path[4096], counter[4096];
    long long number;

    number_path(spool, transaction_id, refund, path, sizeof path);
    number = read_number(path, "pmnb");
    if (number <= 0) {
        snprintf(counter, sizeof counter, "%s/payments/next.json", spool->dir);
        number = read_number(counter, "next");
        if (number < ISYNC_PAYMENT_NUMBER_FIRST) {
            number = ISYNC_PAYMENT_NUMBER_FIRST;
        }
        if (number > ISYNC_PAYMENT_NUMBER_LAST) {
            return isync_fail(err, ISYNC_ERR_CONFIG, 0, "payment numbers %d-%d are used up", ISYNC_PAYMENT_NUMBER_FIRST,
                              ISYNC_PAYMENT_NUMBER_LAST);
        }
        /* advance the counter first: a crash before the number is recorded
         * leaves a gap in the series, never a number given twice */
        json_t *next = json_pack("{s:I}", "next", (json_int_t)(number + 1));
        json_t *mine = json_pack("{s:I, s:s}", "pmnb", (json_int_t)number, "transaction_id", transaction_id);
        isync_status st = isync_write_json_file(counter, next, 1, err);
        if (st == ISYNC_OK) {
            st = isync_write_json_file(path, mine, 1, err);
        }
        json_decref(next);
        json_decref(mine);
        if (st != ISYNC_OK) {
            return st;
        }
    }
    if (number < ISYNC_PAYMENT_NUMBER_FIRST || number > ISYNC_PAYMENT_NUMBER_LAST) {
        return isync_fail(err, ISYNC_ERR_CORRUPT, 0, "%s holds no valid payment number", path);
    }
    snprintf(out, 10, "%d", (int)number);
    return ISYNC_OK;
}

void isync_payment_journal_line(int line, int refund, const char *date, const char *account, const char *currency,
                                const char *amount, const char *payer, const char *transaction_id,
                                const char *order_number, char *out)
{
    char signed_amount[40];
    /* capture: cash debit (+), receivable credit (-); refund: the reverse */
    int credit = (line == 2) != (refund != 0);
    snprintf(signed_amount, sizeof signed_amount, "%s%s", credit ? "-" : "", amount);
    snprintf(out, ISYNC_PARM_LENGTH + 1, "%-8.8s%-8.8s%-3.3s%17.17s%-10.10s%-40.40s%-20.20s", date, account, currency,
             signed_amount, payer, transaction_id, order_number);
}

static const char *text(json_t *obj, const char *key)
{
    const char *value = json_string_value(json_object_get(obj, key));
    return value ? value : "";
}

/* The n-th call of the plan to program/transaction, or NULL. */
static json_t *plan_call(payment_job *job, const char *program, const char *transaction, size_t n)
{
    size_t index;
    json_t *call;
    json_array_foreach(json_object_get(job->plan, "calls"), index, call)
    {
        if (isync_plan_call_is(call, program, transaction) && n-- == 0) {
            return call;
        }
    }
    return NULL;
}

static isync_delivery_result no_call(payment_job *job, const char *program, const char *transaction)
{
    return isync_connector_dead_letter(
        job->c, "mapping: the %s template makes no %s/%s call for payment_posting \"%s\"",
        job->refund ? "payment.refunded" : "payment.captured", program, transaction, job->c->cfg->payment_posting);
}

/* The plan's first program/transaction call, made once: DELIVERED also when
 * Infor refuses it saying `done_already` (then *refused = 1). */
static isync_delivery_result call_once(payment_job *job, const char *program, const char *transaction,
                                       const char *done_already, int *refused)
{
    isync_plan_fields fields;
    json_t *mapped = plan_call(job, program, transaction, 0);
    *refused = 0;
    if (!mapped) {
        return no_call(job, program, transaction);
    }
    isync_plan_fields_of(mapped, NULL, &fields);
    isync_m3_result res;
    if (isync_connector_call(job->c, program, transaction, fields.fields, -1, &res) != ISYNC_M3_OK) {
        if (!isync_m3_refused_saying(&res, done_already)) {
            return isync_connector_fail(job->c, program, transaction, &res, NULL);
        }
        *refused = 1;
    }
    isync_m3_result_clear(&res);
    return ISYNC_DELIVERED;
}

static isync_delivery_result cash_desk(payment_job *job)
{
    int exists;
    isync_delivery_result result = call_once(job, "OIS215MI", "AddPayment", "already exist", &exists);
    if (exists) {
        isync_log(ISYNC_LOG_INFO, "payment %s (cash desk %s) already exists in Infor: not posted again", job->number,
                  job->c->cfg->cash_desk);
        json_object_set_new(job->c->out->infor_refs, "already_posted", json_true());
    }
    return result;
}

static isync_delivery_result journal_head(payment_job *job)
{
    int exists;
    isync_delivery_result result = call_once(job, "GLS840MI", "AddBatchHead", "already exist", &exists);
    if (result != ISYNC_DELIVERED) {
        return result;
    }
    if (exists) {
        isync_log(ISYNC_LOG_INFO, "GL batch %s already exists: continuing with its lines", job->key1);
    }
    json_object_set_new(job->c->progress, "lines_done", json_integer(0));
    return isync_connector_save(job->c, "lines");
}

/* The plan's line-th journal line (1-based). Returns DELIVERED; sets *posted
 * when Infor says the batch was updated already, *last after the last line. */
static isync_delivery_result journal_line(payment_job *job, int line, int *posted, int *last)
{
    isync_plan_fields fields;
    char context[24];
    json_t *mapped = plan_call(job, "GLS840MI", "AddBatchLine", (size_t)line - 1);
    *last = plan_call(job, "GLS840MI", "AddBatchLine", (size_t)line) == NULL;
    if (!mapped) {
        return isync_connector_save(job->c, "update"); /* the template has fewer lines than the progress says */
    }
    isync_plan_fields_of(mapped, NULL, &fields);
    isync_m3_result res;
    if (isync_connector_call(job->c, "GLS840MI", "AddBatchLine", fields.fields, -1, &res) != ISYNC_M3_OK) {
        if (isync_m3_refused_saying(&res, "already updated")) {
            *posted = 1;
        } else if (!isync_m3_refused_saying(&res, "already exist")) {
            snprintf(context, sizeof context, "(line %d)", line);
            return isync_connector_fail(job->c, "GLS840MI", "AddBatchLine", &res, context);
        }
    }
    isync_m3_result_clear(&res);
    json_object_set_new(job->c->progress, "lines_done", json_integer(line));
    return *posted ? ISYNC_DELIVERED : isync_connector_save(job->c, *last ? "update" : "lines");
}

static isync_delivery_result journal_update(payment_job *job)
{
    int updated;
    isync_delivery_result result = call_once(job, "GLS840MI", "UpdBatch", "already updated", &updated);
    if (updated) {
        json_object_set_new(job->c->out->infor_refs, "already_posted", json_true());
    }
    return result;
}

static isync_delivery_result journal(payment_job *job)
{
    isync_delivery_result result = ISYNC_DELIVERED;
    int posted = 0;
    if (job->c->cfg->cono <= 0) {
        return isync_connector_dead_letter(job->c,
                                           "payment_posting \"journal\" needs the company (cono) in the "
                                           "business settings");
    }
    if (isync_connector_at_step(job->c, "head")) {
        result = journal_head(job);
    }
    while (result == ISYNC_DELIVERED && !posted && isync_connector_at_step(job->c, "lines")) {
        int line = (int)json_integer_value(json_object_get(job->c->progress, "lines_done")) + 1, last = 0;
        result = journal_line(job, line, &posted, &last);
    }
    if (result == ISYNC_DELIVERED && !posted && isync_connector_at_step(job->c, "update")) {
        result = journal_update(job);
    } else if (posted) {
        json_object_set_new(job->c->out->infor_refs, "already_posted", json_true());
    }
    return result;
}

/* The template applied with what the connector worked out; NULL when it cannot be (out says why). */
static json_t *make_plan(payment_job *job)
{
    json_t *values = json_pack("{s:s, s:s, s:s, s:s, s:s}", "payer", job->payer, "payment_number", job->number,
                               "journal_key", job->key1, "journal_line_1", job->parm[0], "journal_line_2",
                               job->parm[1]);
    json_t *plan = isync_connector_plan(job->c, job->c->type, job->c->payload, values);
    json_decref(values);
    return plan;
}

static void journal_lines(payment_job *job)
{
    for (int line = 1; line <= 2; line++) {
        const char *account = line == 1 ? job->c->cfg->journal_cash_account : job->c->cfg->journal_receivable_account;
        isync_payment_journal_line(line, job->refund, job->date, account, text(job->c->payload, "currency"),
                                   text(job->c->payload, "amount"), job->payer, text(job->c->payload, "transaction_id"),
                                   text(job->c->payload, "order_number"), job->parm[line - 1]);
    }
}

/* payment.voided: the template (its calls are [], template.c refuses any
 * other) is applied so the record names the one in use; nothing is sent. */
static isync_delivery_result deliver_void(isync_connector_ctx *ctx)
{
    json_t *plan = isync_connector_plan(ctx, "payment.voided", ctx->payload, NULL);
    if (!plan) {
        return ctx->out->result;
    }
    json_decref(plan);
    json_decref(ctx->out->infor_refs);
    ctx->out->infor_refs = json_pack("{s:s}", "note", ISYNC_PAYMENT_VOID_NOTE);
    json_object_set_new(ctx->progress, "step", json_string("done"));
    isync_log(ISYNC_LOG_INFO, "payment %s of order %s: %s", text(ctx->payload, "transaction_id"),
              text(ctx->payload, "order_number"), ISYNC_PAYMENT_VOID_NOTE);
    return ctx->out->result = ISYNC_DELIVERED;
}

/* The payer: the event's infor_customer, else the customer of the order in
 * the order index (*entry, which the caller frees). */
static isync_delivery_result find_payer(payment_job *job, json_t **entry)
{
    isync_error err;
    job->payer = json_string_value(json_object_get(job->c->payload, "infor_customer"));
    if (job->payer && *job->payer) {
        return ISYNC_DELIVERED;
    }
    isync_status st = isync_order_index_get(job->c->spool, text(job->c->payload, "order_number"), entry, &err);
    if (st != ISYNC_OK) {
        return isync_connector_retry(
            job->c, "%s",
            st == ISYNC_ERR_NOTFOUND ? "order not in Infor yet (the payer is the order's customer)" : err.message);
    }
    job->payer = json_string_value(json_object_get(*entry, "cuno"));
    if (!job->payer || !*job->payer) {
        return isync_connector_dead_letter(job->c, "the order index names no Infor customer for this order");
    }
    return ISYNC_DELIVERED;
}

/* The payment number, the journal key, date and lines, and the plan made with them. */
static isync_delivery_result prepare(payment_job *job)
{
    isync_error err;
    const char *transaction_id = text(job->c->payload, "transaction_id");
    if (isync_payment_number(job->c->spool, transaction_id, job->refund, job->number, &err) != ISYNC_OK) {
        return isync_connector_retry(job->c, "%s", err.message);
    }
    snprintf(job->key1, sizeof job->key1, "XC%09llu", strtoull(job->number, NULL, 10));
    isync_iso8601_to_m3_date(text(job->c->payload, "date"), job->date);
    journal_lines(job);
    json_object_set_new(job->c->out->infor_refs, "payer", json_string(job->payer));
    json_object_set_new(job->c->out->infor_refs, "irno", json_string(transaction_id));
    job->plan = make_plan(job);
    return job->plan ? ISYNC_DELIVERED : job->c->out->result;
}

/* cash_desk or journal, by the business setting. */
static isync_delivery_result post(payment_job *job, const char *posting)
{
    if (strcmp(posting, "cash_desk") == 0) {
        json_object_set_new(job->c->out->infor_refs, "pmnb", json_string(job->number));
        json_object_set_new(job->c->out->infor_refs, "cshd", json_string(job->c->cfg->cash_desk));
        return cash_desk(job);
    }
    json_object_set_new(job->c->out->infor_refs, "key1", json_string(job->key1));
    return journal(job);
}

/* every step is safe to repeat: Infor refuses a second one by its key, so
 * ctx->resuming changes nothing */
isync_delivery_result isync_m3_payment_deliver(isync_connector_ctx *ctx)
{
    payment_job job = {.c = ctx};
    const char *posting = ctx->cfg->payment_posting[0] ? ctx->cfg->payment_posting : "none";
    json_t *entry = NULL;

    if (strcmp(ctx->type, "payment.voided") == 0) {
        return deliver_void(ctx);
    }
    job.refund = strcmp(ctx->type, "payment.refunded") == 0;
    json_decref(ctx->out->infor_refs);
    ctx->out->infor_refs = json_pack("{s:s}", "posting", posting);
    if (strcmp(posting, "none") == 0) {
        isync_log(ISYNC_LOG_INFO, "payment %s of order %s not posted: payment_posting is \"none\"",
                  text(ctx->payload, "transaction_id"), text(ctx->payload, "order_number"));
        return ctx->out->result = ISYNC_DELIVERED;
    }
    isync_delivery_result result = find_payer(&job, &entry);
    if (result == ISYNC_DELIVERED) {
        result = prepare(&job);
    }
    if (result == ISYNC_DELIVERED) {
        result = post(&job, posting);
    }
    if (result == ISYNC_DELIVERED) {
        json_object_set_new(ctx->progress, "step", json_string("done"));
    }
    json_decref(job.plan);
    json_decref(entry);
    return ctx->out->result = result;
}
