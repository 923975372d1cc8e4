#include "infor/m3.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/log.h"

#define ERROR_EXCERPT_CHARS 200

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

/* v2: {"results":[{"records":[{..}], "errorMessage":..}], "nrOfFailedTransactions":n} */
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
        const char *name;
        json_t *value;
        json_t *record = json_object();
        if (!json_is_object(row) || !record) {
            json_decref(record);
            return -1;
        }
        json_object_foreach(row, name, value)
        {
            if (add_field(record, name, value) != 0) {
                json_decref(record);
                return -1;
            }
        }
        json_array_append_new(records_out, record);
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
    if (rc != 0) {
        json_decref(res->records);
        res->records = NULL;
        res->outcome = ISYNC_M3_PERMANENT;
        res->error_type[0] = res->error_code[0] = res->error_field[0] = '\0';
        snprintf(res->error_message, sizeof res->error_message, "unreadable M3 response");
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

/* At most ERROR_EXCERPT_CHARS of body on one line, blank runs collapsed. */
static void body_excerpt(const isync_http_response *resp, char *out, size_t out_size)
{
    size_t used = 0;
    size_t limit = out_size - 1 < ERROR_EXCERPT_CHARS ? out_size - 1 : ERROR_EXCERPT_CHARS;

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

static void classify_http_answer(const isync_http_response *resp, isync_m3_result *res)
{
    char excerpt[ERROR_EXCERPT_CHARS + 1];
    long status = resp->status;

    res->http_status = status;
    res->retry_after_s = resp->retry_after_s;
    if (status >= 200 && status < 300) {
        if (isync_m3_parse_response(resp->body, resp->body_len, res) != ISYNC_OK) {
            set_failure(res, ISYNC_M3_PERMANENT, "unreadable M3 response (HTTP %ld)", status);
        }
        return;
    }
    body_excerpt(resp, excerpt, sizeof excerpt);
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

/* One GET with the current token. Returns 1 when the gateway answered 401
 * (the token is then forgotten, unless another thread replaced it already). */
static int attempt(isync_m3_client *client, const char *url, int writes, isync_m3_result *res)
{
    char *token = NULL;
    long retry_after = -1;
    isync_error err;
    isync_http_response resp;
    char *auth_header = NULL;

    if (isync_oauth_token(client->oauth, &token, &retry_after, &err) != ISYNC_OK) {
        res->http_status = 0;
        res->retry_after_s = retry_after;
        set_failure(res, ISYNC_M3_RETRY, "token request failed: %s", err.message);
        return 0;
    }
    if (asprintf(&auth_header, "Authorization: Bearer %s", token) < 0) {
        isync_oauth_token_free(token);
        set_failure(res, ISYNC_M3_RETRY, "out of memory");
        return 0;
    }
    const char *headers[] = {auth_header, "Accept: application/json", NULL};
    /* a write that libcurl had to send twice is reported as not known (http.h) */
    isync_status st = (writes ? isync_http_request_once : isync_http_request)(client->http, "GET", url, headers, NULL,
                                                                              0, &resp, &err);
    tell_throttle(client, &resp, st);
    explicit_bzero(auth_header, strlen(auth_header));
    free(auth_header);
    int unauthorized = 0;
    if (st != ISYNC_OK) {
        res->http_status = 0;
        res->retry_after_s = -1;
        set_failure(res, ISYNC_M3_RETRY, "M3 request %s: %s", resp.timed_out ? "timed out" : "failed",
                    resp.error[0] ? resp.error : err.message);
    } else if (resp.status == 401) {
        unauthorized = 1;
        isync_oauth_invalidate(client->oauth, token);
        res->http_status = 401;
        res->retry_after_s = resp.retry_after_s;
        set_failure(res, ISYNC_M3_RETRY, "HTTP 401 twice: the gateway refused a fresh token");
    } else {
        classify_http_answer(&resp, res);
    }
    isync_oauth_token_free(token);
    isync_http_response_clear(&resp);
    return unauthorized;
}

isync_m3_outcome isync_m3_call(isync_m3_client *client, const isync_m3_request *req, isync_m3_result *res)
{
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
    int writes = !reads_only(req->transaction);
    if (attempt(client, url, writes, res)) {
        /* Token expired or revoked early: try once more with a fresh one. */
        attempt(client, url, writes, res);
    }
    free(url);
    isync_log(ISYNC_LOG_DEBUG, "M3 %s/%s -> %s (%ld, %ld ms)", req->program, req->transaction,
              outcome_name(res->outcome), res->http_status, (long)(isync_monotonic_ms() - start));
    return res->outcome;
}
