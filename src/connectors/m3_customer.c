#include "connectors/m3_customer.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "base/sha256.h"
#include "base/clock.h"
#include "base/log.h"
#include "mapping/plan.h"

/* CRS610MI CUNO; the fields of Add and ChgBasicData come from the templates
 * (mapping/m3/customer.created.json, customer.updated.json). */
#define CUNO_LENGTH 10

#define MAX_FIELDS 4
#define INDEX_PAGE 500 /* LstByNumber maxrecs */

/* One customer task: what every step needs. */
typedef struct {
    isync_connector_ctx *c;
    int created; /* Add ran (or Infor had it already) */
} customer_job;

/* Field values are copies cut to Infor's lengths. */
typedef struct {
    const char *fields[2 * MAX_FIELDS + 1];
    char text[MAX_FIELDS][4 * CUNO_LENGTH + 8];
    size_t count;
} field_list;

/* ---- customer numbers ---- */

int isync_customer_number(const char *prefix, const char *profile_id, char cuno[ISYNC_CUNO_SIZE])
{
    size_t prefix_len = strlen(prefix), id_len = strlen(profile_id);
    cuno[0] = '\0';
    if (id_len == 0 || prefix_len + id_len > CUNO_LENGTH) {
        return 0;
    }
    snprintf(cuno, ISYNC_CUNO_SIZE, "%s%.*s%s", prefix, (int)(CUNO_LENGTH - prefix_len - id_len), "0000000000",
             profile_id);
    return 1;
}

void isync_guest_customer_number(const char *email, unsigned attempt, char cuno[ISYNC_CUNO_SIZE])
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    unsigned char digest[ISYNC_SHA256_SIZE];
    char key[280];

    isync_email_key(email, key, 256);
    if (attempt > 0) {
        size_t len = strlen(key);
        snprintf(key + len, sizeof key - len, "#%u", attempt);
    }
    isync_sha256(key, strlen(key), digest);
    /* 8 base32 characters: the first 40 bits */
    unsigned long long bits = 0;
    for (int i = 0; i < 5; i++) {
        bits = bits << 8 | digest[i];
    }
    size_t used = (size_t)snprintf(cuno, ISYNC_CUNO_SIZE, "%s", ISYNC_GUEST_PREFIX);
    for (int i = 7; i >= 0; i--) {
        cuno[used++] = alphabet[(bits >> (5 * i)) & 31];
    }
    cuno[used] = '\0';
}

/* ---- payloads ---- */

static const char *text(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* The customer of payload: the profile id under profile_key, the name,
 * company and phone from person, the address object address. */
static void customer_from(json_t *payload, const char *profile_key, json_t *person, json_t *address,
                          isync_customer *customer)
{
    memset(customer, 0, sizeof *customer);
    customer->profile_id = text(payload, profile_key);
    customer->email = text(payload, "email");
    customer->firstname = text(person, "firstname");
    customer->lastname = text(person, "lastname");
    customer->company = text(person, "company");
    customer->phone = text(person, "phone");
    customer->address = json_is_object(address) ? address : NULL;
    customer->infor_customer = text(payload, "infor_customer");
}

void isync_customer_from_order(json_t *payload, isync_customer *customer)
{
    json_t *billing = json_object_get(payload, "billing_address");
    customer_from(payload, "customer_id", billing, billing, customer);
}

void isync_customer_from_event(json_t *payload, isync_customer *customer)
{
    customer_from(payload, "profile_id", payload, json_object_get(payload, "address"), customer);
}

static int present(const char *value)
{
    return value && *value;
}

static int is_guest(const isync_customer *customer)
{
    return !present(customer->profile_id);
}

/* ---- calls ---- */

/* Copies at most max_chars UTF-8 characters (Infor counts characters). */
static void copy_chars(char *out, size_t size, const char *value, size_t max_chars)
{
    snprintf(out, size, "%.*s", (int)isync_utf8_prefix(value, max_chars), value);
}

/* Adds name=value cut to Infor's length; absent or empty values are left out. */
static void add_field(field_list *list, const char *name, const char *value, size_t max_chars)
{
    if (!present(value) || list->count >= MAX_FIELDS) {
        return;
    }
    copy_chars(list->text[list->count], sizeof list->text[0], value, max_chars);
    list->fields[2 * list->count] = name;
    list->fields[2 * list->count + 1] = list->text[list->count];
    list->count++;
    list->fields[2 * list->count] = NULL;
}

static isync_m3_outcome call(customer_job *job, const char *transaction, field_list *fields, int maxrecs,
                             isync_m3_result *res)
{
    return isync_connector_call(job->c, "CRS610MI", transaction, fields->fields, maxrecs, res);
}

/* "No such customer": the words, or XIM0002 (customer number invalid) in any language. */
static int customer_missing(const isync_m3_result *res)
{
    return isync_m3_refused_saying(res, "does not exist") ||
        (res->outcome == ISYNC_M3_MI_ERROR && strcmp(res->error_code, "XIM0002") == 0);
}

/* ---- CRS610MI ---- */

/* The event's template (customer.created: Add, customer.updated:
 * ChgBasicData) applied to the customer; on problems the outcome says why
 * and NULL is returned. */
static json_t *mapped_call(customer_job *job, const char *event, const isync_customer *customer, const char *cuno)
{
    json_t *payload = json_object();
    const char *keys[] = {"profile_id", "email", "firstname", "lastname", "company", "phone", "infor_customer"};
    const char *values[] = {customer->profile_id, customer->email, customer->firstname,     customer->lastname,
                            customer->company,    customer->phone, customer->infor_customer};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (present(values[i])) {
            json_object_set_new(payload, keys[i], json_string(values[i]));
        }
    }
    if (customer->address) {
        json_object_set(payload, "address", customer->address);
    }
    json_t *context = json_pack("{s:s}", "customer", cuno);
    json_t *plan = isync_connector_plan(job->c, event, payload, context);
    json_decref(context);
    json_decref(payload);
    return plan;
}

/* The plan's single call (the customer templates have no outputs) made as
 * CRS610MI/transaction; the plan is released. */
static isync_m3_outcome call_plan(customer_job *job, json_t *plan, const char *transaction, isync_m3_result *res)
{
    isync_plan_fields fields;
    isync_plan_fields_of(json_array_get(json_object_get(plan, "calls"), 0), NULL, &fields);
    isync_m3_outcome outcome = isync_connector_call(job->c, "CRS610MI", transaction, fields.fields, -1, res);
    json_decref(plan);
    return outcome;
}

/* A CRS610MI call's end: delivered when it went through or was accepted
 * anyway (res cleared), else the failure with "(<doing>customer <cuno>)". */
static isync_delivery_result settle(customer_job *job, const char *transaction, isync_m3_outcome outcome, int accepted,
                                    isync_m3_result *res, const char *doing, const char *cuno)
{
    char context[48];
    if (outcome == ISYNC_M3_OK || accepted) {
        isync_m3_result_clear(res);
        return ISYNC_DELIVERED;
    }
    snprintf(context, sizeof context, "(%scustomer %s)", doing, cuno);
    return isync_connector_fail(job->c, "CRS610MI", transaction, res, context);
}

/* GetBasicData: *exists 1 or 0. Only M3's "does not exist" means 0: any
 * other failure fails the step rather than risk a wrong Add. */
/* *exists: Infor has the customer; mail (when given) gets its MAIL. */
static isync_delivery_result ask_exists(customer_job *job, const char *cuno, int *exists, char *mail, size_t mail_size)
{
    field_list fields = {.count = 0};
    isync_m3_result res;
    add_field(&fields, "CUNO", cuno, CUNO_LENGTH);
    isync_m3_outcome outcome = call(job, "GetBasicData", &fields, -1, &res);
    *exists = outcome == ISYNC_M3_OK;
    if (mail) {
        const char *found = *exists ? isync_m3_record_field(&res, 0, "MAIL") : NULL;
        snprintf(mail, mail_size, "%s", found ? found : "");
    }
    return settle(job, "GetBasicData", outcome, customer_missing(&res), &res, "looking up ", cuno);
}

static isync_delivery_result add_customer(customer_job *job, const isync_customer *customer, const char *cuno)
{
    isync_m3_result res;
    char reason[256], context[48];

    if (!job->c->cfg->customer_template[0]) {
        snprintf(reason, sizeof reason,
                 "cannot create customer %s in Infor: the business setting "
                 "customer_template (CUTM, the customer template) is not set",
                 cuno);
        return isync_connector_dead_letter(job->c, "%s", reason);
    }
    if (!present(text(customer->address, "street"))) {
        snprintf(reason, sizeof reason,
                 "cannot create customer %s in Infor: the event has no address "
                 "(CRS610MI/Add needs CUA1, the street)",
                 cuno);
        return isync_connector_dead_letter(job->c, "%s", reason);
    }
    json_t *plan = mapped_call(job, "customer.created", customer, cuno);
    if (!plan) {
        return job->c->out->result;
    }
    isync_m3_outcome outcome = call_plan(job, plan, "Add", &res);
    if (outcome != ISYNC_M3_OK && !isync_m3_refused_saying(&res, "already exists")) {
        snprintf(context, sizeof context, "(creating customer %s)", cuno);
        return isync_connector_fail(job->c, "CRS610MI", "Add", &res, context);
    }
    isync_m3_result_clear(&res);
    job->created = 1;
    isync_log(ISYNC_LOG_INFO, "customer %s created in Infor", cuno);
    return ISYNC_DELIVERED;
}

/* ChgBasicData with what the event carries. *missing: Infor does not know cuno. */
static isync_delivery_result change_customer(customer_job *job, const isync_customer *customer, const char *cuno,
                                             int *missing)
{
    isync_m3_result res;
    json_t *plan = mapped_call(job, "customer.updated", customer, cuno);
    if (!plan) {
        return job->c->out->result;
    }
    isync_m3_outcome outcome = call_plan(job, plan, "ChgBasicData", &res);
    *missing = customer_missing(&res);
    return settle(job, "ChgBasicData", outcome, *missing, &res, "", cuno);
}

/* ---- resolution ---- */

static void remember(customer_job *job, const isync_customer *customer, const char *cuno)
{
    isync_error err;
    if (isync_xref_record(job->c->xref, customer->profile_id, customer->email, cuno, &err) != ISYNC_OK) {
        /* only a cache: the next lookup asks Infor again */
        isync_log(ISYNC_LOG_WARNING, "customer index not updated: %s", err.message);
    }
}

/* 1 when the index had the number (it is a cache: failing to read it means asking Infor). */
static int indexed(isync_status st, const isync_error *err)
{
    if (st != ISYNC_OK && st != ISYNC_ERR_NOTFOUND) {
        isync_log(ISYNC_LOG_WARNING, "customer index not read: %s", err->message);
    }
    return st == ISYNC_OK;
}

/* 1 and cuno when the number is known without asking Infor. */
static int known_number(customer_job *job, const isync_customer *customer, char cuno[ISYNC_CUNO_SIZE])
{
    isync_error err;
    if (present(customer->infor_customer)) {
        snprintf(cuno, ISYNC_CUNO_SIZE, "%s", customer->infor_customer);
        return 1;
    }
    if (!is_guest(customer) &&
        indexed(isync_xref_profile(job->c->xref, customer->profile_id, cuno, ISYNC_CUNO_SIZE, &err), &err)) {
        return 1;
    }
    return indexed(isync_xref_email(job->c->xref, customer->email, cuno, ISYNC_CUNO_SIZE, &err), &err);
}

/* The number a customer gets when Infor has none for it yet. */
static isync_delivery_result new_number(customer_job *job, const isync_customer *customer, char cuno[ISYNC_CUNO_SIZE])
{
    char reason[256];
    const char *prefix = isync_config_customer_prefix(job->c->cfg);
    if (is_guest(customer)) {
        isync_guest_customer_number(customer->email ? customer->email : "", 0, cuno);
        return ISYNC_DELIVERED;
    }
    if (!isync_customer_number(prefix, customer->profile_id, cuno)) {
        snprintf(reason, sizeof reason,
                 "profile_id %.20s does not fit a 10-character Infor customer "
                 "number after customer_prefix \"%s\"",
                 customer->profile_id, prefix);
        return isync_connector_dead_letter(job->c, "%s", reason);
    }
    return ISYNC_DELIVERED;
}

/* A guest under the "shared" rule: one customer for all, never created. */
static isync_delivery_result shared_guest(customer_job *job, char cuno[ISYNC_CUNO_SIZE])
{
    const char *shared = job->c->cfg->guest_customer[0] ? job->c->cfg->guest_customer : job->c->cfg->default_customer;
    if (!shared[0]) {
        return isync_connector_dead_letter(job->c, "%s",
                                           "no Infor customer for a guest: guest_rule is \"shared\" and neither "
                                           "guest_customer nor default_customer is set");
    }
    snprintf(cuno, ISYNC_CUNO_SIZE, "%s", shared);
    return ISYNC_DELIVERED;
}

/* An existing guest number is this guest's when its MAIL is the guest's
 * e-mail (Add left MAIL out only for an address longer than Infor's 50). */
static int guest_mail_matches(const char *mail, const char *email)
{
    char mine[256], theirs[256];
    isync_email_key(email ? email : "", mine, sizeof mine);
    isync_email_key(mail, theirs, sizeof theirs);
    return strcmp(mine, theirs) == 0 || (strlen(mine) > 50 && theirs[0] == '\0');
}

/* A guest under the "per_email" rule: the first candidate number that is
 * free or already this e-mail's. */
static isync_delivery_result resolve_guest(customer_job *job, const isync_customer *customer,
                                           char cuno[ISYNC_CUNO_SIZE])
{
    char mail[64], reason[160];
    for (unsigned attempt = 0; attempt < ISYNC_GUEST_ATTEMPTS; attempt++) {
        int exists = 0;
        isync_guest_customer_number(customer->email ? customer->email : "", attempt, cuno);
        isync_delivery_result result = ask_exists(job, cuno, &exists, mail, sizeof mail);
        if (result != ISYNC_DELIVERED) {
            return result;
        }
        if (!exists) {
            result = add_customer(job, customer, cuno);
        } else if (!guest_mail_matches(mail, customer->email)) {
            isync_log(ISYNC_LOG_WARNING, "guest customer number %s belongs to another e-mail; trying the next", cuno);
            continue;
        }
        if (result == ISYNC_DELIVERED) {
            remember(job, customer, cuno);
        }
        return result;
    }
    snprintf(reason, sizeof reason, "no free guest customer number after %d candidates", ISYNC_GUEST_ATTEMPTS);
    return isync_connector_dead_letter(job->c, "%s", reason);
}

static isync_delivery_result resolve(customer_job *job, const isync_customer *customer, char cuno[ISYNC_CUNO_SIZE])
{
    int exists = 0;
    if (is_guest(customer) && !present(customer->infor_customer) && !isync_config_guest_per_email(job->c->cfg)) {
        return shared_guest(job, cuno);
    }
    if (known_number(job, customer, cuno)) {
        remember(job, customer, cuno);
        return ISYNC_DELIVERED;
    }
    if (is_guest(customer)) {
        return resolve_guest(job, customer, cuno);
    }
    isync_delivery_result result = new_number(job, customer, cuno);
    if (result == ISYNC_DELIVERED) {
        result = ask_exists(job, cuno, &exists, NULL, 0);
    }
    if (result == ISYNC_DELIVERED && !exists) {
        result = add_customer(job, customer, cuno);
    }
    if (result == ISYNC_DELIVERED) {
        remember(job, customer, cuno);
    }
    return result;
}

isync_delivery_result isync_m3_customer_resolve(isync_connector_ctx *ctx, const isync_customer *customer,
                                                char cuno[ISYNC_CUNO_SIZE])
{
    customer_job job = {ctx, 0};
    cuno[0] = '\0';
    return ctx->out->result = resolve(&job, customer, cuno);
}

/* ---- the index rebuild ---- */

/* A customer number made from a profile id with this prefix -> the id. */
static int profile_of(const char *prefix, const char *cuno, char *profile_id, size_t size)
{
    size_t prefix_len = strlen(prefix);
    const char *digits = cuno + prefix_len;
    if (strlen(cuno) != CUNO_LENGTH || strncmp(cuno, prefix, prefix_len) != 0 ||
        strspn(digits, "0123456789") != strlen(digits)) {
        return 0;
    }
    digits += strspn(digits, "0");
    snprintf(profile_id, size, "%s", digits);
    return *digits != '\0';
}

/* One LstByNumber row into the maps; 1 when it gave the index something. */
static int index_row(const char *prefix, json_t *row, json_t *profiles, json_t *emails)
{
    const char *cuno = text(row, "CUNO");
    const char *mail = text(row, "MAIL");
    char profile_id[16], key[256];
    int indexed = 0;
    if (profile_of(prefix, cuno, profile_id, sizeof profile_id)) {
        json_object_set_new(profiles, profile_id, json_string(cuno));
        indexed = 1;
    }
    if (present(mail) && strchr(mail, '@')) {
        isync_email_key(mail, key, sizeof key);
        if (!json_object_get(emails, key)) { /* the lowest number keeps a shared address */
            json_object_set_new(emails, key, json_string(cuno));
        }
        indexed = 1;
    }
    return indexed;
}

/* Pages through every customer in customer number order, 500 at a time,
 * each page starting at the last number of the one before. */
static isync_delivery_result list_customers(customer_job *job, json_t *profiles, json_t *emails, json_int_t *listed,
                                            json_int_t *indexed)
{
    char last[ISYNC_CUNO_SIZE] = "";
    const char *prefix = isync_config_customer_prefix(job->c->cfg);
    for (;;) {
        field_list fields = {.count = 0};
        isync_m3_result res;
        size_t fresh = 0, index;
        json_t *row;
        add_field(&fields, "CUNO", last, CUNO_LENGTH);
        if (call(job, "LstByNumber", &fields, INDEX_PAGE, &res) != ISYNC_M3_OK) {
            return isync_connector_fail(job->c, "CRS610MI", "LstByNumber", &res, "(rebuilding the customer index)");
        }
        size_t rows = json_array_size(res.records);
        json_array_foreach(res.records, index, row)
        {
            const char *cuno = text(row, "CUNO");
            if (!present(cuno) || (last[0] && strcmp(cuno, last) <= 0)) {
                continue; /* the page starts with the last one of the page before */
            }
            fresh++;
            (*listed)++;
            *indexed += index_row(prefix, row, profiles, emails);
            snprintf(last, sizeof last, "%s", cuno);
        }
        isync_m3_result_clear(&res);
        if (rows < INDEX_PAGE || fresh == 0) {
            return ISYNC_DELIVERED;
        }
    }
}

static isync_delivery_result rebuild_index(customer_job *job)
{
    json_t *profiles = json_object(), *emails = json_object();
    json_int_t listed = 0, indexed = 0;
    isync_error err;
    long long listed_since = isync_now_ms(); /* what the index learns meanwhile is kept */
    isync_delivery_result result = list_customers(job, profiles, emails, &listed, &indexed);
    if (result == ISYNC_DELIVERED &&
        isync_xref_replace(job->c->xref, profiles, emails, listed_since, &err) != ISYNC_OK) {
        snprintf(job->c->out->reason, sizeof job->c->out->reason, "cannot write the customer index: %s", err.message);
        result = job->c->out->result = ISYNC_RETRY_LATER;
    }
    if (result == ISYNC_DELIVERED) {
        json_decref(job->c->out->infor_refs);
        job->c->out->infor_refs = json_pack("{s:I, s:I}", "customers", listed, "indexed", indexed);
        isync_log(ISYNC_LOG_INFO, "customer index rebuilt: %lld of %lld customers indexed", (long long)indexed,
                  (long long)listed);
    }
    json_decref(profiles);
    json_decref(emails);
    return result;
}

/* ---- customer.created / customer.updated ---- */

/* The number saved by an earlier attempt, else resolved now and saved. */
static isync_delivery_result customer_number(customer_job *job, const isync_customer *customer,
                                             char cuno[ISYNC_CUNO_SIZE])
{
    const char *saved = text(job->c->progress, "cuno");
    if (present(saved)) {
        snprintf(cuno, ISYNC_CUNO_SIZE, "%s", saved);
        return ISYNC_DELIVERED;
    }
    isync_delivery_result result = resolve(job, customer, cuno);
    if (result != ISYNC_DELIVERED) {
        return result;
    }
    json_object_set_new(job->c->progress, "cuno", json_string(cuno));
    return isync_connector_save(job->c, NULL);
}

/* An update: resolving created the customer with the new data, or
 * ChgBasicData; a customer the index knows but Infor does not is added. */
static isync_delivery_result update(customer_job *job, const isync_customer *customer, const char *cuno)
{
    int missing = 0;
    isync_delivery_result result = change_customer(job, customer, cuno, &missing);
    if (result == ISYNC_DELIVERED && missing) {
        result = add_customer(job, customer, cuno);
    }
    return result;
}

isync_delivery_result isync_m3_customer_deliver(isync_connector_ctx *ctx)
{
    customer_job job = {ctx, 0};
    isync_customer customer;
    char cuno[ISYNC_CUNO_SIZE] = "";

    if (strcmp(ctx->type, ISYNC_CUSTOMER_INDEX_TYPE) == 0) {
        return ctx->out->result = rebuild_index(&job);
    }
    isync_customer_from_event(ctx->payload, &customer);
    isync_delivery_result result = customer_number(&job, &customer, cuno);
    if (result == ISYNC_DELIVERED && strcmp(ctx->type, "customer.updated") == 0 && !job.created) {
        result = update(&job, &customer, cuno);
    }
    if (cuno[0]) {
        json_decref(ctx->out->infor_refs);
        ctx->out->infor_refs = json_pack("{s:s, s:b}", "cuno", cuno, "created", job.created);
    }
    return ctx->out->result = result;
}
