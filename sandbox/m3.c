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

/* Matrix parameters on the transaction segment. */
struct matrix {
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
    json_array_append_new(c->records, rec);
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

static void parse_matrix(char *params, struct matrix *mx)
{
    char *save = NULL;

    memset(mx, 0, sizeof *mx);
    mx->maxrecs = DEFAULT_MAXRECS;
    for (char *p = strtok_r(params, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(p, '=');
        const char *v = eq ? eq + 1 : "";
        if (eq)
            *eq = '\0';
        if (!strcasecmp(p, "maxrecs") && mi_is_number(v) && *v != '-')
            mx->maxrecs = atol(v);
        else if (!strcasecmp(p, "metadata"))
            mx->metadata = !strcasecmp(v, "true");
        else if (!strcasecmp(p, "excludempty"))
            mx->excludempty = !strcasecmp(v, "true");
        else if (!strcasecmp(p, "returncols"))
            copy_str(mx->returncols, sizeof mx->returncols, v);
        else if (!strcasecmp(p, "cono"))
            copy_str(mx->cono, sizeof mx->cono, v);
        else if (!strcasecmp(p, "divi"))
            copy_str(mx->divi, sizeof mx->divi, v);
    }
}

static int is_input_field(const json_t *in_meta, const char *name)
{
    size_t i;
    json_t *f;

    json_array_foreach(in_meta, i, f) if (!strcmp(jstr(f, "name"), name)) return 1;
    return 0;
}

/* Known input fields from the query (and a POSTed form), right-trimmed; the names of the
 * others are appended to ignored. */
static json_t *collect_fields(const struct request *rq, const json_t *in_meta, json_t *ignored)
{
    json_t *raw = request_query(rq), *fields = json_object(), *v;
    const char *name;

    if (!strcmp(rq->method, "POST") && rq->body_len && request_is_form(rq)) {
        json_t *form = form_parse(rq->body, rq->body_len);
        json_object_update(raw, form);
        json_decref(form);
    }
    json_object_foreach(raw, name, v)
    {
        if (is_input_field(in_meta, name))
            json_object_set_new(fields, name, rtrimmed(json_string_value(v)));
        else
            json_array_append_new(ignored, json_string(name));
    }
    json_decref(raw);
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

static int check_company(const struct matrix *mx, const json_t *fields, struct mi_call *c)
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

static int column_wanted(const struct matrix *mx, const char *name)
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

static void put_column(json_t *row, const struct matrix *mx, const char *name, const char *v)
{
    if (column_wanted(mx, name) && !(mx->excludempty && !*v) && !json_object_get(row, name))
        json_object_set_new(row, name, json_string(v));
}

/* Output fields in metadata order (blank when unset), then any extra fields the record has. */
static json_t *shape_row(const json_t *rec, const json_t *out_meta, const struct matrix *mx)
{
    json_t *row = json_object(), *f, *v;
    const char *k;
    size_t i;

    json_array_foreach(out_meta, i, f) put_column(row, mx, jstr(f, "name"), jstr(rec, jstr(f, "name")));
    json_object_foreach((json_t *)rec, k, v) put_column(row, mx, k, json_string_value(v) ? json_string_value(v) : "");
    return row;
}

static json_t *metadata_of(const json_t *out_meta, const struct matrix *mx)
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
                              const struct matrix *mx)
{
    json_t *rows = json_array(), *rec;
    json_t *result = json_pack("{s:s}", "transaction", transaction);
    size_t i;

    json_array_foreach(c->records, i, rec)
    {
        if (mx->maxrecs > 0 && (long)i >= mx->maxrecs)
            break;
        json_array_append_new(rows, shape_row(rec, out_meta, mx));
    }
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

/* The call log entry of an executed call (stats_call). */
static void log_call(const char *program, const char *transaction, const json_t *fields, json_t *ignored,
                     const struct mi_call *c)
{
    json_t *entry = json_pack("{s:s, s:s, s:O, s:O, s:s, s:O}", "program", program, "transaction", transaction,
                              "fields", fields, "ignored", ignored, "outcome", c->error_type ? "NOK" : "ok", "output",
                              c->records);

    if (c->error_type)
        json_object_set_new(entry, "error",
                            json_pack("{s:s, s:s, s:s, s:s}", "type", c->error_type, "code", c->error_code, "field",
                                      c->error_field, "message", c->error_msg));
    stats_call(entry);
}

/* Validates, executes under the state lock and logs the call; c->error_type set on failure. */
static void execute(const char *program, const char *transaction, const json_t *in_meta, mi_fn fn,
                    const struct matrix *mx, const struct request *rq, struct mi_call *c)
{
    json_t *ignored = json_array();
    json_t *fields = collect_fields(rq, in_meta, ignored);

    if (validate(in_meta, fields, c) && check_company(mx, fields, c)) {
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

static void run(const struct request *rq, const char *program, const char *transaction, const json_t *meta, mi_fn fn,
                const struct matrix *mx, struct reply *rp)
{
    struct mi_call c = {0};
    json_t *result;
    int ok;

    c.records = json_array();
    execute(program, transaction, json_object_get(meta, "in"), fn, mx, rq, &c);
    ok = c.error_type == NULL;
    result = ok ? success_result(transaction, &c, json_object_get(meta, "out"), mx) : error_result(transaction, &c);
    reply_json(rp, 200,
               json_pack("{s:[o], s:b, s:i, s:i}", "results", result, "wasTerminated", 0, "nrOfSuccessfullTransactions",
                         ok, "nrOfFailedTransactions", !ok));
    json_decref(c.records);
}

static mi_fn find_impl(const char *program, const char *transaction)
{
    for (size_t i = 0; i < sizeof implemented / sizeof implemented[0]; i++)
        if (!strcmp(implemented[i].program, program))
            return implemented[i].find(transaction);
    return NULL;
}

static const json_t *find_meta(const char *program, const char *transaction)
{
    json_t *tx = json_object_get(json_object_get(programs, program), transaction);

    return transaction[0] != '_' && json_is_object(tx) ? tx : NULL;
}

void m3_handle(struct request *rq, const char *sub, struct reply *rp)
{
    static const char prefix[] = "m3api-rest/v2/execute/";
    char buf[1024], *program = buf, *transaction, *params;
    const json_t *meta;
    mi_fn fn;
    struct matrix mx;

    if (strncmp(sub, prefix, sizeof prefix - 1) != 0) {
        reply_error(rp, 404, "not_found", "Unknown path");
        return;
    }
    if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "POST") != 0) {
        reply_method_not_allowed(rp, "GET, POST");
        return;
    }
    copy_str(buf, sizeof buf, sub + sizeof prefix - 1);
    transaction = strchr(buf, '/');
    if (!transaction) {
        reply_text(rp, 400, "Transaction not found");
        return;
    }
    *transaction++ = '\0';
    params = transaction + strcspn(transaction, ";");
    if (*params)
        *params++ = '\0';
    stats_mi(program, transaction);
    meta = find_meta(program, transaction);
    fn = meta ? find_impl(program, transaction) : NULL;
    if (!fn) {
        reply_text(rp, 400, "Transaction not found");
        return;
    }
    parse_matrix(params, &mx);
    run(rq, program, transaction, meta, fn, &mx, rp);
}
