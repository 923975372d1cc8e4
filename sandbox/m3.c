#include "m3.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crs610mi.h"
#include "delivery.h"
#include "gls840mi.h"
#include "mms060mi.h"
#include "mms200mi.h"
#include "ois100mi.h"
#include "ois215mi.h"
#include "state.h"
#include "stats.h"
#include "util.h"

#define DEFAULT_MAXRECS 100

static json_t *programs; /* metadata: PROGRAM -> TRANSACTION -> {in, out} */

static const struct {
    const char *program;
    mi_fn (*find)(const char *transaction);
} implemented[] = {
    {"OIS100MI", ois100mi_find}, {"CRS610MI", crs610mi_find}, {"MMS200MI", mms200mi_find},
    {"MMS060MI", mms060mi_find}, {"MWS410MI", mws410mi_find}, {"MWS411MI", mws411mi_find},
    {"DRS100MI", drs100mi_find}, {"OIS215MI", ois215mi_find}, {"GLS840MI", gls840mi_find},
};

/* The options of a call: the matrix parameters of a single call, the query and body options of
 * a bulk request (with the transaction's selectedColumns as returncols). */
struct mi_options {
    long maxrecs;
    int metadata;
    int excludempty;
    char returncols[512];
    char cono[16];
    char divi[16];
};

int m3_load_metadata(const char *path)
{
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);

    programs = json_incref(json_object_get(root, "programs"));
    json_decref(root);
    if (!json_is_object(programs)) {
        fprintf(stderr, "infor-sandbox: cannot load metadata %s: %s\n", path,
                root ? "no \"programs\" object" : err.text);
        return -1;
    }
    return 0;
}

void m3_free(void)
{
    json_decref(programs);
    programs = NULL;
}

const char *mi_in(const struct mi_call *c, const char *field)
{
    return jstr(c->in, field);
}

void mi_add(struct mi_call *c, json_t *rec)
{
    if (mi_full(c))
        json_decref(rec);
    else
        json_array_append_new(c->records, rec);
}

int mi_full(const struct mi_call *c)
{
    return c->maxrecs > 0 && json_array_size(c->records) >= (size_t)c->maxrecs;
}

static void mi_vfail(struct mi_call *c, const char *type, const char *code, const char *field, const char *fmt,
                     va_list ap)
{
    c->error_type = type;
    copy_str(c->error_code, sizeof c->error_code, code);
    copy_str(c->error_field, sizeof c->error_field, field);
    vsnprintf(c->error_msg, sizeof c->error_msg, fmt, ap);
}

static void mi_fail(struct mi_call *c, const char *type, const char *code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void mi_fail(struct mi_call *c, const char *type, const char *code, const char *field, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mi_vfail(c, type, code, field, fmt, ap);
    va_end(ap);
}

void mi_nok(struct mi_call *c, const char *code, const char *field, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mi_vfail(c, "ServerReturnedNOK", code, field, fmt, ap);
    va_end(ap);
}

int mi_require(struct mi_call *c, const char *field)
{
    if (*mi_in(c, field))
        return 1;
    mi_fail(c, "MandatoryInputFieldNotFound", "", field, "Mandatory input field %s not found", field);
    return 0;
}

mi_fn mi_lookup(const struct mi_transaction *table, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(table[i].name, name))
            return table[i].fn;
    return NULL;
}

int mi_is_number(const char *s)
{
    if (*s == '-')
        s++;
    if (*s < '0' || *s > '9')
        return 0;
    while (*s >= '0' && *s <= '9')
        s++;
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

static int is_date(const char *s)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;

    if (strlen(s) != 8 || strspn(s, "0123456789") != 8)
        return 0;
    y = atoi(s) / 10000;
    m = atoi(s) / 100 % 100;
    d = atoi(s) % 100;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* Length in characters (UTF-8), as M3 counts it. */
static size_t char_len(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static json_t *rtrimmed(const char *s)
{
    size_t n = strlen(s);

    while (n > 0 && s[n - 1] == ' ')
        n--;
    return json_stringn(s, n);
}

static void options_init(struct mi_options *o)
{
    memset(o, 0, sizeof *o);
    o->maxrecs = DEFAULT_MAXRECS;
}

/* One option by its (case-insensitive) name; other names and a bad maxrecs are ignored. */
static void option_set(struct mi_options *o, const char *name, const char *v)
{
    if (!strcasecmp(name, "maxrecs") && mi_is_number(v) && *v != '-')
        o->maxrecs = atol(v);
    else if (!strcasecmp(name, "metadata"))
        o->metadata = !strcasecmp(v, "true");
    else if (!strcasecmp(name, "excludempty"))
        o->excludempty = !strcasecmp(v, "true");
    else if (!strcasecmp(name, "returncols"))
        copy_str(o->returncols, sizeof o->returncols, v);
    else if (!strcasecmp(name, "cono"))
        copy_str(o->cono, sizeof o->cono, v);
    else if (!strcasecmp(name, "divi"))
        copy_str(o->divi, sizeof o->divi, v);
}

/* "maxrecs=10;returncols=A,B": the matrix parameters on the transaction segment. */
static void parse_matrix(char *params, struct mi_options *o)
{
    char *save = NULL;

    for (char *p = strtok_r(params, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(p, '=');
        if (eq)
            *eq = '\0';
        option_set(o, p, eq ? eq + 1 : "");
    }
}

static int is_input_field(const json_t *in_meta, const char *name)
{
    size_t i;
    json_t *f;

    json_array_foreach(in_meta, i, f) if (!strcmp(jstr(f, "name"), name)) return 1;
    return 0;
}

/* The parameters of a single call: the query, for POST also a form body (winning). */
static json_t *request_fields(const struct request *rq)
{
    json_t *raw = request_query(rq);

    if (!strcmp(rq->method, "POST") && rq->body_len && request_is_form(rq)) {
        json_t *form = form_parse(rq->body, rq->body_len);
        json_object_update(raw, form);
        json_decref(form);
    }
    return raw;
}

/* The known input fields of raw (an object of strings), right-trimmed; the names of the others
 * are appended to ignored. */
static json_t *collect_fields(const json_t *raw, const json_t *in_meta, json_t *ignored)
{
    json_t *fields = json_object(), *v;
    const char *name;

    json_object_foreach((json_t *)raw, name, v)
    {
        if (is_input_field(in_meta, name))
            json_object_set_new(fields, name, rtrimmed(json_string_value(v)));
        else
            json_array_append_new(ignored, json_string(name));
    }
    return fields;
}

/* Three passes so the first problem reported follows M3's order: missing, too long, format. */
static int validate(const json_t *in_meta, const json_t *fields, struct mi_call *c)
{
    size_t i;
    json_t *f;

    json_array_foreach(in_meta, i, f)
    {
        if (json_is_true(json_object_get(f, "mandatory")) && !*jstr(fields, jstr(f, "name"))) {
            mi_fail(c, "MandatoryInputFieldNotFound", "", jstr(f, "name"), "Mandatory input field %s not found",
                    jstr(f, "name"));
            return 0;
        }
    }
    json_array_foreach(in_meta, i, f)
    {
        json_t *len = json_object_get(f, "length");
        const char *name = jstr(f, "name");
        if (json_is_integer(len) && char_len(jstr(fields, name)) > (size_t)json_integer_value(len)) {
            mi_fail(c, "InputFieldTooLong", "", name, "Input field %s is too long (max %d)", name,
                    (int)json_integer_value(len));
            return 0;
        }
    }
    json_array_foreach(in_meta, i, f)
    {
        const char *name = jstr(f, "name"), *type = jstr(f, "type"), *v = jstr(fields, name);
        if (!*v)
            continue;
        if (!strcmp(type, "N") && !mi_is_number(v)) {
            mi_nok(c, "WNU0101", name, "Input field %s is not numeric: %s", name, v);
            return 0;
        }
        if (!strcmp(type, "D") && !is_date(v)) {
            mi_nok(c, "WDT0101", name, "Input field %s is not a valid date (yyyyMMdd): %s", name, v);
            return 0;
        }
    }
    return 1;
}

static int check_company(const struct mi_options *mx, const json_t *fields, struct mi_call *c)
{
    const char *cono = *jstr(fields, "CONO") ? jstr(fields, "CONO") : mx->cono;

    if (*cono && strcmp(cono, COMPANY) != 0) {
        mi_nok(c, "XAU0008", "CONO", "Not authorized for company %s", cono);
        return 0;
    }
    return 1;
}

static json_t *non_empty(const json_t *fields)
{
    json_t *in = json_object(), *v;
    const char *k;

    json_object_foreach((json_t *)fields, k, v) if (*json_string_value(v)) json_object_set(in, k, v);
    return in;
}

static int column_wanted(const struct mi_options *mx, const char *name)
{
    size_t n = strlen(name);
    const char *p = mx->returncols;

    if (!*p)
        return 1;
    while ((p = strstr(p, name))) {
        int starts = p == mx->returncols || p[-1] == ',';
        if (starts && (p[n] == ',' || p[n] == '\0'))
            return 1;
        p += n;
    }
    return 0;
}

static void put_column(json_t *row, const struct mi_options *mx, const char *name, const char *v)
{
    if (column_wanted(mx, name) && !(mx->excludempty && !*v) && !json_object_get(row, name))
        json_object_set_new(row, name, json_string(v));
}

/* Output fields in metadata order (blank when unset), then any extra fields the record has. */
static json_t *shape_row(const json_t *rec, const json_t *out_meta, const struct mi_options *mx)
{
    json_t *row = json_object(), *f, *v;
    const char *k;
    size_t i;

    json_array_foreach(out_meta, i, f) put_column(row, mx, jstr(f, "name"), jstr(rec, jstr(f, "name")));
    json_object_foreach((json_t *)rec, k, v) put_column(row, mx, k, json_string_value(v) ? json_string_value(v) : "");
    return row;
}

static json_t *metadata_of(const json_t *out_meta, const struct mi_options *mx)
{
    json_t *md = json_object(), *f;
    size_t i;

    json_array_foreach(out_meta, i, f)
    {
        if (!column_wanted(mx, jstr(f, "name")))
            continue;
        json_object_set_new(md, jstr(f, "name"),
                            json_pack("{s:O?, s:s, s:s}", "length", json_object_get(f, "length"), "type",
                                      jstr(f, "type"), "description", jstr(f, "description")));
    }
    return md;
}

static json_t *success_result(const char *transaction, const struct mi_call *c, const json_t *out_meta,
                              const struct mi_options *mx)
{
    json_t *rows = json_array(), *rec;
    json_t *result = json_pack("{s:s}", "transaction", transaction);
    size_t i;

    json_array_foreach(c->records, i, rec) json_array_append_new(rows, shape_row(rec, out_meta, mx));
    json_object_set_new(result, "records", rows);
    if (mx->metadata)
        json_object_set_new(result, "metadata", metadata_of(out_meta, mx));
    return result;
}

static json_t *error_result(const char *transaction, const struct mi_call *c)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:[]}", "transaction", transaction, "errorMessage", c->error_msg,
                     "errorType", c->error_type, "errorCode", c->error_code, "errorField", c->error_field, "records");
}

/* Records of a call kept in the log: a list page's hundred rows of every
 * column, kept for 5,000 calls, grew the heap on every request. */
#define LOG_OUTPUT_MAX 10

/* The call log entry of an executed call (stats_call). */
static void log_call(const char *program, const char *transaction, const json_t *fields, json_t *ignored,
                     const struct mi_call *c)
{
    json_t *output = json_array();
    for (size_t i = 0; i < json_array_size(c->records) && i < LOG_OUTPUT_MAX; i++)
        json_array_append(output, json_array_get(c->records, i));
    json_t *entry = json_pack("{s:s, s:s, s:O, s:O, s:s, s:o, s:I}", "program", program, "transaction", transaction,
                              "fields", fields, "ignored", ignored, "outcome", c->error_type ? "NOK" : "ok", "output",
                              output, "output_count", (json_int_t)json_array_size(c->records));

    if (c->error_type)
        json_object_set_new(entry, "error",
                            json_pack("{s:s, s:s, s:s, s:s}", "type", c->error_type, "code", c->error_code, "field",
                                      c->error_field, "message", c->error_msg));
    stats_call(entry);
}

/* Validates, executes under the state lock and logs the call; c->error_type set on failure. */
static void execute(const char *program, const char *transaction, const json_t *in_meta, mi_fn fn,
                    const struct mi_options *o, const json_t *raw, struct mi_call *c)
{
    json_t *ignored = json_array();
    json_t *fields = collect_fields(raw, in_meta, ignored);

    if (validate(in_meta, fields, c) && check_company(o, fields, c)) {
        c->in = non_empty(fields);
        state_lock();
        fn(c);
        log_call(program, transaction, fields, ignored, c);
        state_unlock();
        json_decref((json_t *)c->in);
    } else {
        log_call(program, transaction, fields, ignored, c);
    }
    json_decref(ignored);
    json_decref(fields);
}

/* One transaction with the parameters raw: its entry of "results"; *ok 1 when it succeeded. */
static json_t *transact(const char *program, const char *transaction, const json_t *meta, mi_fn fn, const json_t *raw,
                        const struct mi_options *o, int *ok)
{
    struct mi_call c = {0};
    json_t *result;

    c.records = json_array();
    c.maxrecs = o->maxrecs;
    execute(program, transaction, json_object_get(meta, "in"), fn, o, raw, &c);
    *ok = c.error_type == NULL;
    result = *ok ? success_result(transaction, &c, json_object_get(meta, "out"), o) : error_result(transaction, &c);
    json_decref(c.records);
    return result;
}

/* The v2 answer around results (stolen). */
static json_t *envelope(json_t *results, int nok, int nfailed)
{
    return json_pack("{s:o, s:b, s:i, s:i}", "results", results, "wasTerminated", 0, "nrOfSuccessfullTransactions", nok,
                     "nrOfFailedTransactions", nfailed);
}

static int program_known(const char *program)
{
    for (size_t i = 0; i < sizeof implemented / sizeof implemented[0]; i++)
        if (!strcmp(implemented[i].program, program))
            return json_is_object(json_object_get(programs, program));
    return 0;
}

/* The implementation of a transaction the metadata knows (its entry in *meta), or NULL. Counts
 * the request under "PROGRAM/TRANSACTION" in the stats either way. */
static mi_fn lookup(const char *program, const char *transaction, const json_t **meta)
{
    json_t *tx = json_object_get(json_object_get(programs, program), transaction);

    stats_mi(program, transaction);
    *meta = tx;
    if (transaction[0] == '_' || !json_is_object(tx))
        return NULL;
    for (size_t i = 0; i < sizeof implemented / sizeof implemented[0]; i++)
        if (!strcmp(implemented[i].program, program))
            return implemented[i].find(transaction);
    return NULL;
}

/* GET|POST .../execute/{PROGRAM}/{TRANSACTION};matrix?FIELDS (path is "{PROGRAM}/..."). */
static void single_call(struct request *rq, const char *path, struct reply *rp)
{
    char buf[1024], *program = buf, *transaction, *params;
    const json_t *meta;
    json_t *raw, *result;
    struct mi_options o;
    mi_fn fn = NULL;
    int ok;

    copy_str(buf, sizeof buf, path);
    transaction = strchr(buf, '/');
    if (transaction) {
        *transaction++ = '\0';
        params = transaction + strcspn(transaction, ";");
        if (*params)
            *params++ = '\0';
        fn = lookup(program, transaction, &meta);
    }
    if (!fn) {
        reply_text(rp, 400, "Transaction not found");
        return;
    }
    stats_m3_single();
    options_init(&o);
    parse_matrix(params, &o);
    raw = request_fields(rq);
    result = transact(program, transaction, meta, fn, raw, &o, &ok);
    json_decref(raw);
    reply_json(rp, 200, envelope(json_pack("[o]", result), ok, !ok));
}

/* A scalar of a bulk body as text (malloc'd): strings as they are, numbers and booleans as
 * JSON writes them; NULL for anything else. */
static char *scalar_text(const json_t *v)
{
    if (json_is_string(v))
        return strdup(json_string_value(v));
    if (json_is_number(v) || json_is_boolean(v))
        return json_dumps(v, JSON_ENCODE_ANY);
    return NULL;
}

/* The record of a bulk transaction as an object of strings (other values left out). */
static json_t *record_fields(const json_t *record)
{
    json_t *raw = json_object(), *v;
    const char *name;

    json_object_foreach((json_t *)record, name, v)
    {
        char *text = scalar_text(v);
        if (text)
            jset(raw, name, text);
        free(text);
    }
    return raw;
}

/* Query options (maxrecs, cono, divi, ...), then the body's, which win. righttrim and
 * extendedresult change nothing: values are always trimmed. */
static void bulk_options(const struct request *rq, const json_t *body, struct mi_options *o)
{
    static const struct {
        const char *member, *option;
    } members[] = {
        {"cono", "cono"},
        {"divi", "divi"},
        {"excludeEmptyValues", "excludempty"},
        {"maxReturnedRecords", "maxrecs"},
    };
    json_t *query = request_query(rq), *v;
    const char *name;

    options_init(o);
    json_object_foreach(query, name, v) option_set(o, name, json_string_value(v));
    json_decref(query);
    for (size_t i = 0; i < sizeof members / sizeof members[0]; i++) {
        char *text = scalar_text(json_object_get(body, members[i].member));
        if (text)
            option_set(o, members[i].option, text);
        free(text);
    }
}

/* selectedColumns of a bulk transaction as returncols (unchanged when absent or empty). */
static void selected_columns(const json_t *columns, struct mi_options *o)
{
    size_t i, used = 0;
    json_t *c;

    if (!json_array_size(columns))
        return;
    o->returncols[0] = '\0';
    json_array_foreach(columns, i, c)
    {
        int n = snprintf(o->returncols + used, sizeof o->returncols - used, "%s%s", used ? "," : "",
                         json_string_value(c) ? json_string_value(c) : "");
        if (n < 0 || (size_t)n >= sizeof o->returncols - used)
            break;
        used += (size_t)n;
    }
}

/* One entry of "transactions": its result; an unknown transaction is a failed result. */
static json_t *bulk_transaction(const char *program, const json_t *tx, const struct mi_options *o, int *ok)
{
    const char *transaction = jstr(tx, "transaction");
    struct mi_options to = *o;
    const json_t *meta;
    mi_fn fn = lookup(program, transaction, &meta);
    json_t *raw, *result;

    if (!fn) {
        struct mi_call c = {0};
        mi_fail(&c, "TransactionNotFound", "", "", "Transaction %s not found in program %s", transaction, program);
        *ok = 0;
        return error_result(transaction, &c);
    }
    stats_m3_bulk_transaction();
    selected_columns(json_object_get(tx, "selectedColumns"), &to);
    raw = record_fields(json_object_get(tx, "record"));
    result = transact(program, transaction, meta, fn, raw, &to, ok);
    json_decref(raw);
    return result;
}

/* {"program": "...", "transactions": [{"transaction": "...", "record"?: {}, "selectedColumns"?: []}]} */
static int bulk_body_valid(const json_t *body)
{
    json_t *txs = json_object_get(body, "transactions"), *tx;
    size_t i;

    if (!*jstr(body, "program") || !json_is_array(txs))
        return 0;
    json_array_foreach(txs, i, tx)
    {
        json_t *record = json_object_get(tx, "record"), *columns = json_object_get(tx, "selectedColumns");
        if (!*jstr(tx, "transaction") || (record && !json_is_object(record)) || (columns && !json_is_array(columns)))
            return 0;
    }
    return 1;
}

/* POST .../execute?options with a JSON body: the transactions in order, each as a single call
 * would run it; a failed one does not stop the others. */
static void bulk_call(struct request *rq, struct reply *rp)
{
    json_t *body = json_loadb(rq->body, rq->body_len, 0, NULL), *results, *tx;
    const char *program = jstr(body, "program");
    struct mi_options o;
    int nok = 0, ok;
    size_t i;

    if (!bulk_body_valid(body)) {
        reply_text(rp, 400, "Invalid bulk request: program and transactions [{transaction, record}] are required");
    } else if (!program_known(program)) {
        reply_text(rp, 400, "Transaction not found");
    } else {
        stats_m3_bulk();
        bulk_options(rq, body, &o);
        results = json_array();
        json_array_foreach(json_object_get(body, "transactions"), i, tx)
        {
            json_array_append_new(results, bulk_transaction(program, tx, &o, &ok));
            nok += ok;
        }
        reply_json(rp, 200, envelope(results, nok, (int)json_array_size(results) - nok));
    }
    json_decref(body);
}

static const char execute_path[] = "m3api-rest/v2/execute";

/* The path after .../execute: "" or "/" for a bulk request, "/{PROGRAM}/..." for a single call. */
static const char *after_execute(const char *sub)
{
    return strncmp(sub, execute_path, sizeof execute_path - 1) ? NULL : sub + sizeof execute_path - 1;
}

static int is_bulk(const char *rest)
{
    return rest && (!*rest || !strcmp(rest, "/"));
}

char *m3_bulk_label(const struct request *rq, const char *sub)
{
    json_t *body, *tx;
    char *label = NULL;
    size_t len, i;
    FILE *f;

    if (!is_bulk(after_execute(sub)) || strcmp(rq->method, "POST") != 0)
        return NULL;
    body = json_loadb(rq->body, rq->body_len, 0, NULL);
    f = open_memstream(&label, &len);
    if (f) {
        fputs(" bulk", f);
        json_array_foreach(json_object_get(body, "transactions"), i, tx)
            fprintf(f, " %s/%s", jstr(body, "program"), jstr(tx, "transaction"));
        fclose(f);
    }
    json_decref(body);
    return label;
}

void m3_handle(struct request *rq, const char *sub, struct reply *rp)
{
    const char *rest = after_execute(sub);

    if (!rest || (*rest && *rest != '/')) {
        reply_error(rp, 404, "not_found", "Unknown path");
    } else if (is_bulk(rest)) {
        if (strcmp(rq->method, "POST") != 0)
            reply_method_not_allowed(rp, "POST");
        else
            bulk_call(rq, rp);
    } else if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "POST") != 0) {
        reply_method_not_allowed(rp, "GET, POST");
    } else {
        single_call(rq, rest + 1, rp);
    }
}
