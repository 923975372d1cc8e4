#include "infor/oauth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/evp.h>
#include <pthread.h>

#include "base/log.h"
#include "base/redact.h"

#define DEFAULT_EXPIRES_IN_S 7200

struct isync_oauth {
    pthread_mutex_t lock; /* every field below; held while a token is fetched, so one thread fetches */
    const isync_ionapi *cred;
    isync_http *http;
    char *access_token;
    char *refresh_token;
    time_t expires_at;
    time_t renew_at;
};

isync_oauth *isync_oauth_new(const isync_ionapi *cred, isync_http *http)
{
    isync_oauth *oauth = calloc(1, sizeof *oauth);
    if (oauth) {
        pthread_mutex_init(&oauth->lock, NULL);
        oauth->cred = cred;
        oauth->http = http;
    }
    return oauth;
}

static void free_secret(char **s)
{
    if (*s) {
        explicit_bzero(*s, strlen(*s));
        free(*s);
        *s = NULL;
    }
}

void isync_oauth_free(isync_oauth *oauth)
{
    if (oauth) {
        free_secret(&oauth->access_token);
        free_secret(&oauth->refresh_token);
        pthread_mutex_destroy(&oauth->lock);
        free(oauth);
    }
}

static void forget_access_token(isync_oauth *oauth)
{
    free_secret(&oauth->access_token);
    oauth->expires_at = 0;
    oauth->renew_at = 0;
}

void isync_oauth_invalidate(isync_oauth *oauth, const char *rejected)
{
    pthread_mutex_lock(&oauth->lock);
    if (oauth->access_token && rejected && strcmp(oauth->access_token, rejected) == 0) {
        forget_access_token(oauth);
    }
    pthread_mutex_unlock(&oauth->lock);
}

void isync_oauth_token_free(char *token)
{
    free_secret(&token);
}

time_t isync_oauth_expires_at(isync_oauth *oauth)
{
    pthread_mutex_lock(&oauth->lock);
    time_t expires_at = oauth->access_token ? oauth->expires_at : 0;
    pthread_mutex_unlock(&oauth->lock);
    return expires_at;
}

/* "name=escaped(value)" appended to *body with a leading '&' unless first. */
static int append_form_field(char **body, const char *name, const char *value)
{
    char *escaped = isync_http_escape(value);
    char *grown = NULL;

    if (!escaped) {
        return -1;
    }
    int rc = asprintf(&grown, "%s%s%s=%s", *body ? *body : "", *body ? "&" : "", name, escaped);
    free_secret(&escaped);
    free_secret(body);
    if (rc < 0) {
        return -1;
    }
    *body = grown;
    return 0;
}

static char *grant_body(const isync_ionapi *cred)
{
    char *body = NULL;
    int failed;

    if (cred->grant == ISYNC_GRANT_PASSWORD) {
        failed = append_form_field(&body, "grant_type", "password") ||
            append_form_field(&body, "username", cred->saak) || append_form_field(&body, "password", cred->sask);
    } else {
        failed = append_form_field(&body, "grant_type", "client_credentials");
    }
    failed = failed || append_form_field(&body, "client_id", cred->ci) ||
        append_form_field(&body, "client_secret", cred->cs);
    if (failed) {
        free_secret(&body);
    }
    return body;
}

/* RFC 6749 2.3.1: id and secret are form-encoded before Basic encoding. */
static char *basic_auth_header(const isync_ionapi *cred)
{
    char *id = isync_http_escape(cred->ci);
    char *secret = isync_http_escape(cred->cs);
    char *plain = NULL;
    char *header = NULL;

    if (id && secret && asprintf(&plain, "%s:%s", id, secret) >= 0) {
        size_t plain_len = strlen(plain);
        size_t encoded_size = 4 * ((plain_len + 2) / 3) + 1;
        unsigned char *encoded = malloc(encoded_size);
        if (encoded) {
            EVP_EncodeBlock(encoded, (const unsigned char *)plain, (int)plain_len);
            if (asprintf(&header, "Authorization: Basic %s", (char *)encoded) < 0) {
                header = NULL;
            }
            explicit_bzero(encoded, encoded_size);
            free(encoded);
        }
    }
    free_secret(&id);
    free_secret(&secret);
    free_secret(&plain);
    return header;
}

static long read_expires_in(json_t *root)
{
    json_t *value = json_object_get(root, "expires_in");

    if (json_is_integer(value)) {
        return (long)json_integer_value(value);
    }
    if (json_is_real(value)) {
        return (long)json_real_value(value);
    }
    if (json_is_string(value)) {
        char *end;
        long seconds = strtol(json_string_value(value), &end, 10);
        if (end != json_string_value(value) && *end == '\0') {
            return seconds;
        }
    }
    return DEFAULT_EXPIRES_IN_S;
}

static void set_renewal(isync_oauth *oauth, long expires_in)
{
    time_t now = time(NULL);

    if (expires_in < 0) {
        expires_in = 0;
    }
    oauth->expires_at = now + expires_in;
    if (expires_in >= 2 * ISYNC_OAUTH_EXPIRY_MARGIN_S) {
        oauth->renew_at = oauth->expires_at - ISYNC_OAUTH_EXPIRY_MARGIN_S;
    } else {
        oauth->renew_at = now + expires_in / 2;
    }
}

/* The token goes into "Authorization: Bearer <token>": a CR or LF would
 * add headers of Infor's choosing. Visible ASCII only (RFC 6750's b64token
 * is stricter still). */
static int is_header_safe(const char *token, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)token[i];
        if (c < 0x21 || c > 0x7e) {
            return 0;
        }
    }
    return 1;
}

static isync_status store_tokens(isync_oauth *oauth, const isync_http_response *resp, const char *what,
                                 isync_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(resp->body ? resp->body : "", resp->body_len, 0, &jerr);
    json_t *access = json_object_get(root, "access_token");
    json_t *refresh = json_object_get(root, "refresh_token");

    if (!json_is_string(access) || json_string_length(access) == 0) {
        json_decref(root);
        return isync_fail(err, ISYNC_ERR_HTTP, 0, "token endpoint answered HTTP %ld without an access_token",
                          resp->status);
    }
    if (!is_header_safe(json_string_value(access), json_string_length(access))) {
        json_decref(root);
        return isync_fail(err, ISYNC_ERR_HTTP, 0,
                          "token endpoint answered HTTP %ld with an access_token that cannot go into a header "
                          "(a control, blank or non-ASCII character)",
                          resp->status);
    }
    char *new_access = strdup(json_string_value(access));
    char *new_refresh = json_is_string(refresh) && json_string_length(refresh) > 0 ? strdup(json_string_value(refresh))
                                                                                   : NULL;
    long expires_in = read_expires_in(root);
    json_decref(root);
    if (!new_access) {
        free_secret(&new_refresh);
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "token response: out of memory");
    }
    free_secret(&oauth->access_token);
    oauth->access_token = new_access;
    /* Keep the old refresh token when a refresh answer does not rotate it. */
    if (new_refresh) {
        free_secret(&oauth->refresh_token);
        oauth->refresh_token = new_refresh;
    }
    set_renewal(oauth, expires_in);
    isync_log(ISYNC_LOG_INFO, "token %s, expires in %ld s", what, expires_in);
    return ISYNC_OK;
}

/* Copies src into dst without control characters, at most dst_size-1 bytes. */
static void copy_printable(char *dst, size_t dst_size, const char *src)
{
    size_t used = 0;

    for (; src && *src && used + 1 < dst_size; src++) {
        dst[used++] = ((unsigned char)*src < 0x20 || *src == 0x7f) ? ' ' : *src;
    }
    dst[used] = '\0';
}

/* The server's error/error_description, unless it echoes one of our secrets. */
static void describe_refusal(const isync_oauth *oauth, const isync_http_response *resp, char *out, size_t out_size)
{
    json_t *root = json_loadb(resp->body ? resp->body : "", resp->body_len, 0, NULL);
    const char *code = json_string_value(json_object_get(root, "error"));
    const char *description = json_string_value(json_object_get(root, "error_description"));
    char code_text[64];
    char description_text[200];
    const char *candidates[] = {oauth->cred->cs, oauth->cred->sask, oauth->refresh_token};
    const char *secrets[4];
    size_t count = 0;
    for (size_t i = 0; i < 3; i++) {
        if (candidates[i] && *candidates[i]) {
            secrets[count++] = candidates[i];
        }
    }
    secrets[count] = NULL;

    copy_printable(code_text, sizeof code_text, code ? code : "no error code");
    copy_printable(description_text, sizeof description_text, description ? description : "");
    for (size_t i = 0; i < count; i++) {
        if (strstr(description_text, secrets[i])) {
            snprintf(description_text, sizeof description_text, "(withheld)");
        }
    }
    snprintf(out, out_size, "%s%s%s", code_text, description_text[0] ? ": " : "", description_text);
    isync_redact(out, out_size, secrets); /* Bearer tokens, Authorization headers */
    json_decref(root);
}

static int is_retryable_status(long status)
{
    return status == 408 || status == 429 || status >= 500 || status < 200;
}

static isync_status post_token_request(isync_oauth *oauth, const char *body, const char *auth_header, const char *what,
                                       long *retry_after_s, isync_error *err)
{
    isync_http_response resp;
    isync_error http_err;
    char *url = isync_ionapi_token_url(oauth->cred);
    const char *headers[] = {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json", auth_header,
                             NULL};

    if (!url) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "token request: out of memory");
    }
    isync_status st = isync_http_request(oauth->http, "POST", url, headers, body, strlen(body), &resp, &http_err);
    free(url);
    *retry_after_s = resp.retry_after_s;
    if (st != ISYNC_OK) {
        st = isync_fail(err, ISYNC_ERR_HTTP, 0, "token endpoint unreachable: %s",
                        resp.error[0] ? resp.error : http_err.message);
        isync_http_response_clear(&resp);
        return st;
    }
    if (resp.status >= 200 && resp.status < 300) {
        st = store_tokens(oauth, &resp, what, err);
    } else if (is_retryable_status(resp.status)) {
        st = isync_fail(err, ISYNC_ERR_HTTP, 0, "token endpoint answered HTTP %ld", resp.status);
    } else {
        char reason[300];
        describe_refusal(oauth, &resp, reason, sizeof reason);
        st = isync_fail(err, ISYNC_ERR_AUTH, 0, "token endpoint refused the %s request: HTTP %ld %s", what, resp.status,
                        reason);
    }
    isync_http_response_clear(&resp);
    return st;
}

static isync_status fetch_with_grant(isync_oauth *oauth, long *retry_after_s, isync_error *err)
{
    char *body = grant_body(oauth->cred);
    if (!body) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "token request: out of memory");
    }
    isync_status st = post_token_request(oauth, body, NULL, "fetched", retry_after_s, err);
    free_secret(&body);
    return st;
}

static isync_status fetch_with_refresh(isync_oauth *oauth, long *retry_after_s, isync_error *err)
{
    char *body = NULL;
    char *auth_header = basic_auth_header(oauth->cred);
    isync_status st = ISYNC_ERR_NOMEM;

    if (auth_header && append_form_field(&body, "grant_type", "refresh_token") == 0 &&
        append_form_field(&body, "refresh_token", oauth->refresh_token) == 0) {
        st = post_token_request(oauth, body, auth_header, "refreshed", retry_after_s, err);
    } else {
        isync_fail(err, st, 0, "token refresh: out of memory");
    }
    free_secret(&body);
    free_secret(&auth_header);
    return st;
}

/* The cached token, fetched or refreshed when it is missing or due; under the lock. */
static isync_status current_token(isync_oauth *oauth, long *retry_after, isync_error *err)
{
    if (oauth->access_token && time(NULL) < oauth->renew_at) {
        return ISYNC_OK;
    }
    forget_access_token(oauth);
    isync_status st = ISYNC_OK;
    int need_grant = 1;
    if (oauth->refresh_token) {
        st = fetch_with_refresh(oauth, retry_after, err);
        need_grant = (st == ISYNC_ERR_AUTH);
        if (need_grant) {
            /* The refresh token expired or was revoked: fall back to the grant. */
            isync_log(ISYNC_LOG_INFO, "token refresh refused, requesting a new token");
            free_secret(&oauth->refresh_token);
        }
    }
    if (need_grant) {
        st = fetch_with_grant(oauth, retry_after, err);
    }
    return st;
}

isync_status isync_oauth_token(isync_oauth *oauth, char **token, long *retry_after_s, isync_error *err)
{
    long retry_after = -1;

    *token = NULL;
    pthread_mutex_lock(&oauth->lock);
    isync_status st = current_token(oauth, &retry_after, err);
    if (st == ISYNC_OK) {
        *token = strdup(oauth->access_token);
        if (!*token) {
            st = isync_fail(err, ISYNC_ERR_NOMEM, 0, "out of memory");
        }
    }
    pthread_mutex_unlock(&oauth->lock);
    if (retry_after_s) {
        *retry_after_s = retry_after;
    }
    return st;
}
