#include "oauth.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stats.h"
#include "util.h"

#define TOKEN_LEN 48
#define PURGE_ABOVE 1000 /* expired access tokens are dropped once there are more than this */

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static const struct creds *creds;
static long ttl;
static json_t *access_tokens; /* token -> expiry (epoch seconds) */
static json_t *refresh_tokens; /* token -> client id */

enum client { CLIENT_NONE, CLIENT_PASSWORD, CLIENT_CC };

void oauth_init(const struct creds *c, long token_ttl)
{
    creds = c;
    ttl = token_ttl;
    access_tokens = json_object();
    refresh_tokens = json_object();
}

void oauth_free(void)
{
    json_decref(access_tokens);
    json_decref(refresh_tokens);
    access_tokens = refresh_tokens = NULL;
}

static enum client identify(const char *id, const char *secret)
{
    if (!strcmp(id, creds->pw_ci) && !strcmp(secret, creds->pw_cs))
        return CLIENT_PASSWORD;
    if (!strcmp(id, creds->cc_ci) && !strcmp(secret, creds->cc_cs))
        return CLIENT_CC;
    return CLIENT_NONE;
}

/* Client authentication from the form, or else from HTTP Basic. */
static enum client authenticate(const struct request *rq, const json_t *form)
{
    char *user = NULL, *pass = NULL;
    enum client c;

    if (*jstr(form, "client_id"))
        return identify(jstr(form, "client_id"), jstr(form, "client_secret"));
    if (!request_basic_auth(rq, &user, &pass)) {
        free(user);
        free(pass);
        return CLIENT_NONE;
    }
    c = identify(user, pass);
    free(user);
    free(pass);
    return c;
}

static void purge_expired(time_t now)
{
    const char *key;
    json_t *v, *tmp;

    if (json_object_size(access_tokens) <= PURGE_ABOVE)
        return;
    json_object_foreach_safe(access_tokens, tmp, key, v) if (json_integer_value(v) <= now)
        json_object_del(access_tokens, key);
}

/* Issues an access token; with refresh non-NULL also returns that refresh token. */
static void issue(struct reply *rp, const char *refresh)
{
    char token[TOKEN_LEN + 1];
    time_t now = time(NULL);
    json_t *j;

    random_alnum(token, TOKEN_LEN);
    pthread_mutex_lock(&mu);
    purge_expired(now);
    json_object_set_new(access_tokens, token, json_integer(now + ttl));
    pthread_mutex_unlock(&mu);
    stats_token_issued();
    j = json_pack("{s:s, s:s, s:I}", "access_token", token, "token_type", "Bearer", "expires_in", (json_int_t)ttl);
    if (refresh)
        json_object_set_new(j, "refresh_token", json_string(refresh));
    reply_json(rp, 200, j);
    reply_header(rp, "Cache-Control", "no-store");
}

static void new_refresh_token(char *out, const char *client_id)
{
    random_alnum(out, TOKEN_LEN);
    pthread_mutex_lock(&mu);
    json_object_set_new(refresh_tokens, out, json_string(client_id));
    pthread_mutex_unlock(&mu);
}

static void grant_password(struct reply *rp, enum client c, const json_t *form)
{
    char refresh[TOKEN_LEN + 1];

    if (c != CLIENT_PASSWORD) {
        reply_error(rp, 400, "unauthorized_client", "Client may not use the password grant");
        return;
    }
    if (strcmp(jstr(form, "username"), creds->saak) || strcmp(jstr(form, "password"), creds->sask)) {
        reply_error(rp, 400, "invalid_grant", "Invalid service account credentials");
        return;
    }
    new_refresh_token(refresh, creds->pw_ci);
    issue(rp, refresh);
}

static void grant_client_credentials(struct reply *rp, enum client c)
{
    if (c != CLIENT_CC) {
        reply_error(rp, 400, "unauthorized_client", "Client may not use the client_credentials grant");
        return;
    }
    /* RFC 6749 4.4.3: no refresh token for this grant (as with Infor backend-service apps). */
    issue(rp, NULL);
}

static void grant_refresh(struct reply *rp, enum client c, const json_t *form)
{
    const char *token = jstr(form, "refresh_token");
    const char *want = c == CLIENT_PASSWORD ? creds->pw_ci : creds->cc_ci;
    int ok;

    pthread_mutex_lock(&mu);
    ok = *token && !strcmp(jstr(refresh_tokens, token), want);
    pthread_mutex_unlock(&mu);
    if (!ok) {
        reply_error(rp, 400, "invalid_grant", "Invalid refresh token");
        return;
    }
    issue(rp, token);
}

static void token_endpoint(const struct request *rq, struct reply *rp)
{
    json_t *form;
    const char *grant;
    enum client c;

    if (strcmp(rq->method, "POST") != 0) {
        reply_method_not_allowed(rp, "POST");
        return;
    }
    stats_token_request();
    form = form_parse(rq->body, rq->body_len);
    grant = jstr(form, "grant_type");
    c = authenticate(rq, form);
    if (!*grant) {
        reply_error(rp, 400, "invalid_request", "grant_type is missing");
    } else if (strcmp(grant, "password") && strcmp(grant, "client_credentials") && strcmp(grant, "refresh_token")) {
        reply_error(rp, 400, "unsupported_grant_type", "Unsupported grant type");
    } else if (c == CLIENT_NONE) {
        reply_error(rp, 401, "invalid_client", "Client authentication failed");
        reply_header(rp, "WWW-Authenticate", "Basic realm=\"token\"");
    } else if (!strcmp(grant, "password")) {
        grant_password(rp, c, form);
    } else if (!strcmp(grant, "client_credentials")) {
        grant_client_credentials(rp, c);
    } else {
        grant_refresh(rp, c, form);
    }
    json_decref(form);
}

/* RFC 7009: unknown tokens are not an error. */
static void revoke_endpoint(const struct request *rq, struct reply *rp)
{
    json_t *form;
    const char *token;

    if (strcmp(rq->method, "POST") != 0) {
        reply_method_not_allowed(rp, "POST");
        return;
    }
    form = form_parse(rq->body, rq->body_len);
    token = jstr(form, "token");
    pthread_mutex_lock(&mu);
    json_object_del(access_tokens, token);
    json_object_del(refresh_tokens, token);
    pthread_mutex_unlock(&mu);
    json_decref(form);
    reply_json(rp, 200, json_object());
}

void oauth_handle(struct request *rq, const char *sub, struct reply *rp)
{
    if (!strcmp(sub, "token.oauth2"))
        token_endpoint(rq, rp);
    else if (!strcmp(sub, "revoke_token.oauth2"))
        revoke_endpoint(rq, rp);
    else
        reply_error(rp, 404, "not_found", "Unknown path");
}

int oauth_check_bearer(const struct request *rq, struct reply *rp)
{
    const char *h = request_header(rq, MHD_HTTP_HEADER_AUTHORIZATION);
    const char *why = NULL;

    if (!h || strncasecmp(h, "Bearer ", 7) != 0) {
        why = "Missing bearer token";
    } else {
        json_t *exp;
        h += 7;
        while (*h == ' ')
            h++;
        pthread_mutex_lock(&mu);
        exp = json_object_get(access_tokens, h);
        if (!exp)
            why = "Invalid or revoked access token";
        else if (json_integer_value(exp) <= time(NULL))
            why = "Access token expired";
        pthread_mutex_unlock(&mu);
    }
    if (!why)
        return 1;
    reply_error(rp, 401, "invalid_token", why);
    reply_header(rp, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
    return 0;
}

void oauth_expire_all(void)
{
    const char *key;
    json_t *v;

    pthread_mutex_lock(&mu);
    json_object_foreach(access_tokens, key, v) json_integer_set(v, 0);
    pthread_mutex_unlock(&mu);
}
