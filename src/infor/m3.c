#include "infor/m3.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/redact.h"
#include "base/utf8.h"

#define ERROR_EXCERPT_CHARS 200
/* How much of a body is looked at for secrets before the excerpt is cut. */
#define REDACT_WINDOW_CHARS 4096

struct isync_m3_client {
    const isync_ionapi *cred;
    isync_http *http;
    isync_oauth *oauth;
    isync_throttle *throttle; /* shared with the other clients of the process; NULL: none */
    const atomic_bool *stop; /* ends a wait for the throttle early */
};

void isync_m3_client_set_throttle(isync_m3_client *client, isync_throttle *throttle, const atomic_bool *stop)
{
    client->throttle = throttle;
    client->stop = stop;
}

/* What the answer tells the throttle: 429 and 503 are Infor saying "fewer". */
static void tell_throttle(isync_m3_client *client, const isync_http_response *resp, isync_status st)
{
    if (!client->throttle) {
        return;
    }
    if (st == ISYNC_OK && (resp->status == 429 || resp->status == 503)) {
        int cut_to = isync_throttle_overloaded(client->throttle, resp->retry_after_s);
        if (cut_to) {
            isync_log(ISYNC_LOG_WARNING, "Infor answered HTTP %ld (overloaded): at most %d request(s) at once now%s",
                      resp->status, cut_to, resp->retry_after_s >= 0 ? ", none before its Retry-After" : "");
        }
    } else if (isync_throttle_answered(client->throttle) == client->throttle->most) {
        isync_log(ISYNC_LOG_INFO, "Infor keeps up again: up to %d request(s) at once", client->throttle->most);
    }
}

isync_m3_client *isync_m3_client_new(const isync_ionapi *cred, isync_http *http, isync_oauth *oauth)
{
    isync_m3_client *client = calloc(1, sizeof *client);
    if (client) {
        client->cred = cred;
        client->http = http;
        client->oauth = oauth;
    }
    return client;
}

void isync_m3_client_free(isync_m3_client *client)
{
    free(client);
}

void isync_m3_result_init(isync_m3_result *res)
{
    memset(res, 0, sizeof *res);
    res->retry_after_s = -1;
}

void isync_m3_result_clear(isync_m3_result *res)
{
    json_decref(res->records);
    isync_m3_result_init(res);
}

static int is_trailing_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static size_t trimmed_length(const char *s)
{
    size_t len = strlen(s);
    while (len > 0 && is_trailing_blank(s[len - 1])) {
        len--;
    }
    return len;
}

/* ---- URL ---------------------------------------------------------------- */

typedef struct {
    char *text;
    size_t len;
    int failed;
} string_builder;

static void sb_append_n(string_builder *sb, const char *s, size_t n)
{
    if (sb->failed) {
        return;
    }
    char *grown = realloc(sb->text, sb->len + n + 1);
    if (!grown) {
        sb->failed = 1;
        return;
    }
    memcpy(grown + sb->len, s, n);
    sb->text = grown;
    sb->len += n;
    sb->text[sb->len] = '\0';
}

static void sb_append(string_builder *sb, const char *s)
{
    sb_append_n(sb, s, strlen(s));
}

static void sb_append_escaped(string_builder *sb, const char *s, size_t n)
{
    char *copy = strndup(s, n);
    char *escaped = copy ? isync_http_escape(copy) : NULL;

    if (escaped) {
        sb_append(sb, escaped);
    } else {
        sb->failed = 1;
    }
    free(escaped);
    free(copy);
}

static void sb_append_int(string_builder *sb, int value)
{
    char digits[16];
    snprintf(digits, sizeof digits, "%d", value);
    sb_append(sb, digits);
}

static void append_query(string_builder *sb, const char *const *fields)
{
    char separator = '?';

    for (size_t i = 0; fields && fields[i]; i += 2) {
        const char *value = fields[i + 1];
        if (!value || trimmed_length(value) == 0) {
            continue; /* M3 takes a missing field as blank */
        }
        sb_append_n(sb, &separator, 1);
        sb_append_escaped(sb, fields[i], strlen(fields[i]));
        sb_append(sb, "=");
        sb_append_escaped(sb, value, trimmed_length(value));
        separator = '&';
    }
}

char *isync_m3_url(const char *iu, const char *ti, const isync_m3_request *req)
{
    string_builder sb = {NULL, 0, 0};

    sb_append(&sb, iu);
    sb_append(&sb, "/");
    sb_append_escaped(&sb, ti, strlen(ti));
    sb_append(&sb, "/M3/m3api-rest/v2/execute/");
    sb_append_escaped(&sb, req->program, strlen(req->program));
    sb_append(&sb, "/");
    sb_append_escaped(&sb, req->transaction, strlen(req->transaction));
    if (req->cono > 0) {
        sb_append(&sb, ";cono=");
        sb_append_int(&sb, req->cono);
    }
    if (req->divi && *req->divi) {
        sb_append(&sb, ";divi=");
        sb_append_escaped(&sb, req->divi, trimmed_length(req->divi));
    }
    if (req->maxrecs >= 0) {
        sb_append(&sb, ";maxrecs=");
        sb_append_int(&sb, req->maxrecs);
    }
    if (req->returncols && *req->returncols) {
        sb_append(&sb, ";returncols="); /* field names: letters and digits, commas between */
        sb_append(&sb, req->returncols);
    }
    append_query(&sb, req->fields);
    if (sb.failed) {
        free(sb.text);
        return NULL;
    }
    return sb.text;
}

/* ---- response parsing -------------------------------------------------- */

/* A record value as a right-trimmed JSON string; NULL for objects/arrays. */
static json_t *value_as_trimmed_string(json_t *value)
{
    char number[64];

    switch (json_typeof(value)) {
    case JSON_STRING: return json_stringn(json_string_value(value), trimmed_length(json_string_value(value)));
    case JSON_INTEGER:
        snprintf(number, sizeof number, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
        return json_string(number);
    case JSON_REAL: snprintf(number, sizeof number, "%.15g", json_real_value(value)); return json_string(number);
    case JSON_TRUE: return json_string("true");
    case JSON_FALSE: return json_string("false");
    case JSON_NULL: return json_string("");
    default: return NULL;
    }
}

/* Adds name -> trimmed string to record; -1 when value cannot be a field. */
static int add_field(json_t *record, const char *name, json_t *value)
{
    json_t *text = value ? value_as_trimmed_string(value) : json_string("");
    if (!text) {
        return -1;
    }
    return json_object_set_new(record, name, text);
}

static void copy_text(char *dst, size_t dst_size, json_t *value)
{
    json_t *text = value ? value_as_trimmed_string(value) : NULL;

    dst[0] = '\0';
    if (text) {
        snprintf(dst, dst_size, "%s", json_string_value(text));
        json_decref(text);
    }
}

static void set_mi_error(isync_m3_result *res, json_t *message, json_t *type, json_t *code, json_t *field)
{
    res->outcome = ISYNC_M3_MI_ERROR;
    copy_text(res->error_message, sizeof res->error_message, message);
    copy_text(res->error_type, sizeof res->error_type, type);
    copy_text(res->error_code, sizeof res->error_code, code);
    copy_text(res->error_field, sizeof res->error_field, field);
    if (res->error_type[0] == '\0') {
        snprintf(res->error_type, sizeof res->error_type, "ServerReturnedNOK");
    }
    if (res->error_message[0] == '\0') {
        snprintf(res->error_message, sizeof res->error_message, "M3 reported a failed transaction");
    }
}

/* A v2 row made a record in place: every value a right-trimmed string (most
 * already are, and keep their JSON value); -1 when a value cannot be a field. */
static int normalise_row(json_t *row)
{
    for (void *it = json_object_iter(row); it; it = json_object_iter_next(row, it)) {
        json_t *value = json_object_iter_value(it);
        const char *text = json_string_value(value);
        if (text && trimmed_length(text) == json_string_length(value)) {
            continue;
        }
        json_t *trimmed = value_as_trimmed_string(value);
        if (!trimmed || json_object_iter_set_new(row, it, trimmed) != 0) {
            return -1;
        }
    }
    return 0;
}

/* v2: {"results":[{"records":[{..}], "errorMessage":..}], "nrOfFailedTransactions":n}.
 * The rows of the answer become the records (no copy: a page of a list is
 * large, and the answer is freed right after). */
static int parse_v2_records(json_t *records_in, json_t *records_out)
{
    size_t i;
    json_t *row;

    if (!records_in) {
        return 0;
    }
    if (!json_is_array(records_in)) {
        return -1;
    }
    json_array_foreach(records_in, i, row)
    {
        if (!json_is_object(row) || normalise_row(row) != 0 || json_array_append(records_out, row) != 0) {
            return -1;
        }
    }
    return 0;
}

static int parse_v2(json_t *root, isync_m3_result *res)
{
    json_t *results = json_object_get(root, "results");
    json_t *failed = json_object_get(root, "nrOfFailedTransactions");
    json_t *first_error = NULL;
    size_t i;
    json_t *result;

    if (results && !json_is_array(results)) {
        return -1;
    }
    json_array_foreach(results, i, result)
    {
        if (!json_is_object(result) || parse_v2_records(json_object_get(result, "records"), res->records) != 0) {
            return -1;
        }
        json_t *message = json_object_get(result, "errorMessage");
        int has_message = message && !json_is_null(message) &&
            !(json_is_string(message) && json_string_length(message) == 0);
        if (!first_error && has_message) {
            first_error = result;
        }
    }
    if (first_error) {
        set_mi_error(res, json_object_get(first_error, "errorMessage"), json_object_get(first_error, "errorType"),
                     json_object_get(first_error, "errorCode"), json_object_get(first_error, "errorField"));
    } else if (json_is_integer(failed) && json_integer_value(failed) > 0) {
        set_mi_error(res, NULL, NULL, NULL, NULL);
    }
    return 0;
}

/* v1: {"MIRecord":[{"NameValue":[{"Name":..,"Value":..}]}]} */
static int parse_v1_record(json_t *row, json_t *records_out)
{
    json_t *pairs = json_object_get(row, "NameValue");
    json_t *record = json_object();
    size_t i;
    json_t *pair;

    if (!json_is_object(row) || !json_is_array(pairs) || !record) {
        json_decref(record);
        return -1;
    }
    json_array_foreach(pairs, i, pair)
    {
        const char *name = json_string_value(json_object_get(pair, "Name"));
        if (!name || add_field(record, name, json_object_get(pair, "Value")) != 0) {
            json_decref(record);
            return -1;
        }
    }
    return json_array_append_new(records_out, record);
}

static int parse_v1(json_t *root, isync_m3_result *res)
{
    json_t *rows = json_object_get(root, "MIRecord");
    json_t *partial = json_object_get(root, "ErrorMessage");
    size_t i;
    json_t *row;

    if (rows && !json_is_array(rows) && !json_is_null(rows)) {
        return -1;
    }
    json_array_foreach(rows, i, row)
    {
        if (parse_v1_record(row, res->records) != 0) {
            return -1;
        }
    }
    json_t *error = json_object_get(root, "Message") ? root : NULL;
    if (json_is_object(partial)) {
        error = partial;
    }
    if (error) {
        set_mi_error(res, json_object_get(error, "Message"), json_object_get(error, "@type"),
                     json_object_get(error, "@code"), json_object_get(error, "@field"));
    }
    return 0;
}

/* The identifiers the connectors and pollers take from M3's answers, with
 * the longest M3 allows (metadata/m3-transactions.json). A longer one is no
 * M3 answer (a proxy's page, a broken gateway): the answer is unreadable. */
static const struct {
    const char *name;
    size_t most;
} identifier_bounds[] = {
    {"ORNO", 10}, {"CUNO", 10}, {"ITNO", 15}, {"ORNR", 10}, {"RIDN", 10}, {"CUOR", 20}, {"FWNO", 10},
    {"PONR", 5},  {"POSX", 3},  {"WHLO", 3},  {"DLIX", 11}, {"CONN", 7},  {"ORST", 2},  {"ORSL", 2},
};

/* The first identifier of records longer than M3 allows, or NULL. */
static const char *overlong_identifier(json_t *records)
{
    size_t i;
    json_t *record;
    json_array_foreach(records, i, record)
    {
        for (size_t k = 0; k < sizeof identifier_bounds / sizeof identifier_bounds[0]; k++) {
            const char *text = json_string_value(json_object_get(record, identifier_bounds[k].name));
            if (text && isync_utf8_length(text) > identifier_bounds[k].most) {
                return identifier_bounds[k].name;
            }
        }
    }
    return NULL;
}

static int is_v2(json_t *root)
{
    return json_object_get(root, "results") || json_object_get(root, "nrOfFailedTransactions");
}

static int is_v1(json_t *root)
{
    return json_object_get(root, "MIRecord") || json_object_get(root, "Message") ||
        json_object_get(root, "ErrorMessage") ||
        (json_object_get(root, "Program") && json_object_get(root, "Transaction"));
}

isync_status isync_m3_parse_response(const char *body, size_t len, isync_m3_result *res)
{
    json_t *root = body ? json_loadb(body, len, 0, NULL) : NULL;
    int rc = -1;

    json_decref(res->records);
    res->records = json_array();
    res->outcome = ISYNC_M3_OK;
    res->error_type[0] = res->error_code[0] = res->error_field[0] = res->error_message[0] = '\0';
    if (json_is_object(root) && res->records) {
        if (is_v2(root)) {
            rc = parse_v2(root, res);
        } else if (is_v1(root)) {
            rc = parse_v1(root, res);
        }
    }
    json_decref(root);
    const char *overlong = rc == 0 ? overlong_identifier(res->records) : NULL;
    if (rc != 0 || overlong) {
        json_decref(res->records);
        res->records = NULL;
        res->outcome = ISYNC_M3_RETRY;
        res->error_type[0] = res->error_code[0] = res->error_field[0] = '\0';
        snprintf(res->error_message, sizeof res->error_message, "unreadable M3 response%s%s%s", overlong ? " (" : "",
                 overlong ? overlong : "", overlong ? " longer than M3 allows)" : "");
        return ISYNC_ERR_CORRUPT;
    }
    return ISYNC_OK;
}

const char *isync_m3_record_field(const isync_m3_result *res, size_t index, const char *name)
{
    json_t *value = json_object_get(json_array_get(res->records, index), name);
    const char *text = json_string_value(value);

    if (!text) {
        return NULL;
    }
    size_t len = trimmed_length(text);
    if (text[len] != '\0') {
        /* Records built elsewhere may still carry M3's padding. */
        char *trimmed = strndup(text, len);
        if (!trimmed || json_string_set(value, trimmed) != 0) {
            free(trimmed);
            return NULL;
        }
        free(trimmed);
        text = json_string_value(value);
    }
    return text;
}

/* ---- the call ---------------------------------------------------------- */

static const char *outcome_name(isync_m3_outcome outcome)
{
    switch (outcome) {
    case ISYNC_M3_OK: return "ok";
    case ISYNC_M3_MI_ERROR: return "mi-error";
    case ISYNC_M3_PERMANENT: return "permanent";
    case ISYNC_M3_RETRY: return "retry";
    }
    return "unknown";
}

static void set_failure(isync_m3_result *res, isync_m3_outcome outcome, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_failure(isync_m3_result *res, isync_m3_outcome outcome, const char *fmt, ...)
{
    va_list ap;

    res->outcome = outcome;
    va_start(ap, fmt);
    vsnprintf(res->error_message, sizeof res->error_message, fmt, ap);
    va_end(ap);
}

/* The body on one line, blank runs collapsed, at most out_size - 1 bytes. */
static void body_line(const isync_http_response *resp, char *out, size_t out_size)
{
    size_t used = 0;
    size_t limit = out_size - 1;

    for (size_t i = 0; resp->body && i < resp->body_len && used < limit; i++) {
        char c = resp->body[i];
        if ((unsigned char)c <= 0x20 || c == 0x7f) {
            c = ' ';
        }
        if (c == ' ' && (used == 0 || out[used - 1] == ' ')) {
            continue;
        }
        out[used++] = c;
    }
    out[used] = '\0';
}

/* The secrets of a client's credentials an answer might echo. */
static void client_secrets(const isync_m3_client *client, const char *secrets[3])
{
    secrets[0] = client->cred->cs;
    secrets[1] = client->cred->sask;
    secrets[2] = NULL;
}

/* At most ERROR_EXCERPT_CHARS of body on one line, secrets withheld (a
 * gateway page may echo the request's Authorization header). */
static void body_excerpt(const isync_m3_client *client, const isync_http_response *resp, char *out, size_t out_size)
{
    char line[REDACT_WINDOW_CHARS + 1];
    const char *secrets[3];
    client_secrets(client, secrets);
    body_line(resp, line, sizeof line);
    isync_redact(line, sizeof line, secrets);
    snprintf(out, out_size, "%.*s", ERROR_EXCERPT_CHARS, line);
}

/* Infor's text in res (an MI error message) with secrets withheld. */
static void withhold_secrets(const isync_m3_client *client, isync_m3_result *res)
{
    const char *secrets[3];
    client_secrets(client, secrets);
    isync_redact(res->error_message, sizeof res->error_message, secrets);
}

static void classify_http_answer(const isync_m3_client *client, const isync_http_response *resp, isync_m3_result *res)
{
    char excerpt[ERROR_EXCERPT_CHARS + 1];
    long status = resp->status;

    res->http_status = status;
    res->retry_after_s = resp->retry_after_s;
    if (status >= 200 && status < 300) {
        if (isync_m3_parse_response(resp->body, resp->body_len, res) != ISYNC_OK) {
            /* a gateway's or proxy's page in place of M3's answer: transient */
            char why[sizeof res->error_message];
            snprintf(why, sizeof why, "%s", res->error_message);
            set_failure(res, ISYNC_M3_RETRY, "%s (HTTP %ld)", why, status);
        }
        return;
    }
    body_excerpt(client, resp, excerpt, sizeof excerpt);
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
        set_failure(res, ISYNC_M3_PERMANENT, "HTTP %ld: %s", status, excerpt);
    } else {
        set_failure(res, ISYNC_M3_RETRY, "HTTP %ld: %s", status, excerpt);
    }
}

/* Get*, Lst*, Search* and Sel* transactions only read: safe to send twice. */
static int reads_only(const char *transaction)
{
    static const char *const prefixes[] = {"Get", "Lst", "Search", "Sel"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        if (strncmp(transaction, prefixes[i], strlen(prefixes[i])) == 0) {
            return 1;
        }
    }
    return 0;
}

/* One request to M3: GET with the fields in the URL, or POST with a JSON body (bulk). */
typedef struct {
    const char *method;
    const char *url;
    const char *body; /* NULL for GET */
    int writes; /* it may change data: never taken as done when libcurl sent it twice */
} m3_request;

/* One request with the current token. 0: an HTTP answer is in resp (after a
 * 401 the token is forgotten, unless another thread replaced it already);
 * -1: none, res says why. */
static int send_once(isync_m3_client *client, const m3_request *request, isync_http_response *resp,
                     isync_m3_result *res)
{
    char *token = NULL;
    long retry_after = -1;
    isync_error err;
    char *auth_header = NULL;

    memset(resp, 0, sizeof *resp);
    resp->retry_after_s = -1;
    res->http_status = 0;
    res->retry_after_s = -1;
    if (isync_oauth_token(client->oauth, &token, &retry_after, &err) != ISYNC_OK) {
        res->retry_after_s = retry_after;
        set_failure(res, ISYNC_M3_RETRY, "token request failed: %s", err.message);
        return -1;
    }
    if (asprintf(&auth_header, "Authorization: Bearer %s", token) < 0) {
        isync_oauth_token_free(token);
        set_failure(res, ISYNC_M3_RETRY, "out of memory");
        return -1;
    }
    const char *headers[] = {auth_header, "Accept: application/json",
                             request->body ? "Content-Type: application/json" : NULL, NULL};
    size_t body_len = request->body ? strlen(request->body) : 0;
    /* a write that libcurl had to send twice is reported as not known (http.h) */
    isync_status st = (request->writes ? isync_http_request_once : isync_http_request)(
        client->http, request->method, request->url, headers, request->body, body_len, resp, &err);
    tell_throttle(client, resp, st);
    explicit_bzero(auth_header, strlen(auth_header));
    free(auth_header);
    if (st != ISYNC_OK) {
        set_failure(res, ISYNC_M3_RETRY, "M3 request %s: %s", resp->timed_out ? "timed out" : "failed",
                    resp->error[0] ? resp->error : err.message);
    } else if (resp->status == 401) {
        isync_oauth_invalidate(client->oauth, token);
    }
    isync_oauth_token_free(token);
    return st == ISYNC_OK ? 0 : -1;
}

/* The request, once more with a fresh token after a 401 (a token expired or
 * revoked early). 0: an answer other than 401 is in resp; -1: res says why. */
static int send_request(isync_m3_client *client, const m3_request *request, isync_http_response *resp,
                        isync_m3_result *res)
{
    for (int tries = 0; tries < 2; tries++) {
        if (send_once(client, request, resp, res) != 0) {
            return -1;
        }
        if (resp->status != 401) {
            return 0;
        }
        res->http_status = 401;
        res->retry_after_s = resp->retry_after_s;
        isync_http_response_clear(resp);
    }
    set_failure(res, ISYNC_M3_RETRY, "HTTP 401 twice: the gateway refused a fresh token");
    return -1;
}

isync_m3_outcome isync_m3_call(isync_m3_client *client, const isync_m3_request *req, isync_m3_result *res)
{
    isync_http_response resp;
    if (client->throttle) {
        isync_throttle_wait(client->throttle, client->stop); /* a Retry-After holds every call back */
    }
    long long start = isync_monotonic_ms();

    isync_m3_result_init(res);
    char *url = isync_m3_url(client->cred->iu, client->cred->ti, req);
    if (!url) {
        set_failure(res, ISYNC_M3_RETRY, "out of memory");
        return res->outcome;
    }
    m3_request request = {"GET", url, NULL, !reads_only(req->transaction)};
    if (send_request(client, &request, &resp, res) == 0) {
        classify_http_answer(client, &resp, res);
        withhold_secrets(client, res);
        isync_http_response_clear(&resp);
    }
    free(url);
    isync_log(ISYNC_LOG_DEBUG, "M3 %s/%s -> %s (%ld, %ld ms)", req->program, req->transaction,
              outcome_name(res->outcome), res->http_status, (long)(isync_monotonic_ms() - start));
    return res->outcome;
}

/* ---- bulk --------------------------------------------------------------- */

/* {"program", "cono", "divi", ..., "transactions": [{"transaction", "record": {..}}]}; NULL when out of memory. */
static char *bulk_body(const isync_m3_bulk *bulk)
{
    json_t *transactions = json_array();
    for (size_t i = 0; i < bulk->count; i++) {
        json_t *record = json_object();
        for (size_t f = 0; bulk->calls[i].fields && bulk->calls[i].fields[f]; f += 2) {
            const char *value = bulk->calls[i].fields[f + 1];
            if (value && trimmed_length(value) > 0) { /* as in the URL: a blank field is left out */
                json_object_set_new(record, bulk->calls[i].fields[f], json_stringn(value, trimmed_length(value)));
            }
        }
        json_array_append_new(transactions,
                              json_pack("{s:s, s:o}", "transaction", bulk->calls[i].transaction, "record", record));
    }
    json_t *root = json_pack("{s:s, s:b, s:b, s:i, s:o}", "program", bulk->program, "excludeEmptyValues", 0,
                             "rightTrim", 1, "maxReturnedRecords", 0, "transactions", transactions);
    if (root && bulk->cono > 0) {
        json_object_set_new(root, "cono", json_integer(bulk->cono));
    }
    if (root && bulk->divi && *bulk->divi) {
        json_object_set_new(root, "divi", json_string(bulk->divi));
    }
    char *body = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    return body;
}

/* Each transaction's result, by position. Not run (RETRY): a transaction
 * the answer has no result for, or whose result says "notProcessed" (the
 * bulk was terminated: "wasTerminated", "terminationReason",
 * "nrOfNotProcessedTransactions"); and every one when the answer says
 * wasTerminated without marking any result failed or not run, since which
 * ones ran is then not known (docs/performance.md, the bulk request). 0, or
 * -1 when the body is not a v2 bulk answer. */
static int parse_bulk(const isync_http_response *resp, size_t count, isync_m3_result *results)
{
    json_error_t jerr;
    json_t *root = resp->body ? json_loadb(resp->body, resp->body_len, 0, &jerr) : NULL;
    json_t *list = json_object_get(root, "results");
    const char *why = json_string_value(json_object_get(root, "terminationReason"));
    int rc = json_is_array(list) ? 0 : -1, marked = 0;
    for (size_t i = 0; rc == 0 && i < count; i++) {
        json_t *one = json_array_get(list, i);
        if (!one || json_is_true(json_object_get(one, "notProcessed"))) {
            set_failure(&results[i], ISYNC_M3_RETRY, "not run: M3 ended the bulk request before it%s%.200s",
                        why ? ": " : "", why ? why : "");
            marked = 1;
            continue;
        }
        /* a result is parsed as the answer to a single call */
        json_t *single = json_pack("{s:[O]}", "results", one);
        results[i].outcome = ISYNC_M3_OK;
        results[i].records = json_array();
        rc = single && results[i].records && parse_v2(single, &results[i]) == 0 &&
                !overlong_identifier(results[i].records)
            ? 0
            : -1;
        marked |= results[i].outcome != ISYNC_M3_OK;
        json_decref(single);
    }
    for (size_t i = 0; rc == 0 && !marked && json_is_true(json_object_get(root, "wasTerminated")) && i < count; i++) {
        set_failure(&results[i], ISYNC_M3_RETRY,
                    "M3 ended the bulk request without saying which transactions ran%s%.200s", why ? ": " : "",
                    why ? why : "");
    }
    json_decref(root);
    return rc;
}

/* Every result says what the whole request got. */
static void fail_all(const isync_m3_result *failure, size_t count, isync_m3_result *results)
{
    for (size_t i = 0; i < count; i++) {
        results[i].outcome = failure->outcome;
        results[i].http_status = failure->http_status;
        results[i].retry_after_s = failure->retry_after_s;
        snprintf(results[i].error_message, sizeof results[i].error_message, "%s", failure->error_message);
    }
}

/* The outcome of the whole: the worst of the results (retry > permanent > MI error > ok). */
static isync_m3_outcome worst_outcome(size_t count, const isync_m3_result *results)
{
    static const int rank[] = {
        [ISYNC_M3_OK] = 0, [ISYNC_M3_MI_ERROR] = 1, [ISYNC_M3_PERMANENT] = 2, [ISYNC_M3_RETRY] = 3};
    isync_m3_outcome worst = ISYNC_M3_OK;
    for (size_t i = 0; i < count; i++) {
        if (rank[results[i].outcome] > rank[worst]) {
            worst = results[i].outcome;
        }
    }
    return worst;
}

isync_m3_outcome isync_m3_bulk_call(isync_m3_client *client, const isync_m3_bulk *bulk, isync_m3_result *results)
{
    isync_m3_result whole;
    isync_http_response resp;
    if (bulk->count == 0) {
        return ISYNC_M3_OK;
    }
    if (client->throttle) {
        isync_throttle_wait(client->throttle, client->stop);
    }
    long long start = isync_monotonic_ms();
    int writes = 0;
    isync_m3_result_init(&whole);
    for (size_t i = 0; i < bulk->count; i++) {
        isync_m3_result_init(&results[i]);
        writes |= !reads_only(bulk->calls[i].transaction);
    }
    string_builder url = {NULL, 0, 0};
    sb_append(&url, client->cred->iu);
    sb_append(&url, "/");
    sb_append_escaped(&url, client->cred->ti, strlen(client->cred->ti));
    sb_append(&url, "/M3/m3api-rest/v2/execute");
    char *body = bulk_body(bulk);
    m3_request request = {"POST", url.text, body, writes};
    if (url.failed || !body) {
        set_failure(&whole, ISYNC_M3_RETRY, "out of memory");
        fail_all(&whole, bulk->count, results);
    } else if (send_request(client, &request, &resp, &whole) != 0) {
        fail_all(&whole, bulk->count, results);
    } else {
        if (resp.status < 200 || resp.status >= 300) {
            classify_http_answer(client, &resp, &whole);
            fail_all(&whole, bulk->count, results);
        } else if (parse_bulk(&resp, bulk->count, results) != 0) {
            set_failure(&whole, ISYNC_M3_RETRY, "unreadable M3 bulk response (HTTP %ld)", resp.status);
            fail_all(&whole, bulk->count, results);
        }
        for (size_t i = 0; i < bulk->count; i++) {
            results[i].http_status = resp.status;
            withhold_secrets(client, &results[i]);
        }
        isync_http_response_clear(&resp);
    }
    free(body);
    free(url.text);
    isync_m3_result_clear(&whole);
    isync_m3_outcome outcome = worst_outcome(bulk->count, results);
    isync_log(ISYNC_LOG_DEBUG, "M3 %s bulk of %zu -> %s (%ld, %ld ms)", bulk->program, bulk->count,
              outcome_name(outcome), results[0].http_status, (long)(isync_monotonic_ms() - start));
    return outcome;
}
