#include "base/redact.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A bounded output text. */
typedef struct {
    char *out;
    size_t size;
    size_t used;
} builder;

static void put(builder *b, const char *s, size_t len)
{
    while (len-- > 0 && b->used + 1 < b->size) {
        b->out[b->used++] = *s++;
    }
}

/* RFC 6750's b64token characters, and % for form-encoded values. */
static int is_token_char(char c)
{
    return isalnum((unsigned char)c) || strchr("-._~+/=%", c) != NULL;
}

static size_t token_run(const char *s)
{
    size_t n = 0;
    while (s[n] && is_token_char(s[n])) {
        n++;
    }
    return n;
}

static size_t secret_at(const char *s, const char *const *secrets)
{
    for (size_t i = 0; secrets && secrets[i]; i++) {
        size_t len = strlen(secrets[i]);
        if (len >= 4 && strncmp(s, secrets[i], len) == 0) {
            return len;
        }
    }
    return 0;
}

/* Names whose value is a secret; the value follows ':' or '=' (after quotes
 * and blanks), so "not authorized" or "password expired" stay as they are. */
static const char *const named[] = {"authorization", "access_token",  "refresh_token",
                                    "id_token",      "client_secret", "password"};

/* The length of the value at s: up to the closing quote when the value
 * was opened by one (a JSON text may hold blanks), else a token. */
static size_t value_length(const char *s, char quote)
{
    return quote ? strcspn(s, quote == '"' ? "\"" : "'") : token_run(s);
}

/* At s, a name of `named` with its separator (and the scheme of an
 * Authorization: "Bearer "): how many bytes to copy before the value, 0
 * when there is none; *quote is the quote that opened the value, or 0. */
static size_t named_prefix(const char *s, char *quote)
{
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t n = strlen(named[i]);
        if (strncasecmp(s, named[i], n) != 0) {
            continue;
        }
        int assigned = 0;
        *quote = 0;
        while (s[n] && strchr("\"' \t:=", s[n])) {
            if (s[n] == ':' || s[n] == '=') {
                assigned = 1;
                *quote = 0;
            } else if (assigned && (s[n] == '"' || s[n] == '\'')) {
                *quote = s[n]; /* opens the value (a quote before ':' closed the name) */
            }
            n++;
        }
        if (!assigned) {
            return 0;
        }
        size_t scheme = 0;
        while (i == 0 && isalpha((unsigned char)s[n + scheme])) {
            scheme++;
        }
        if (scheme > 0 && s[n + scheme] == ' ') {
            n += scheme;
            while (s[n] == ' ') {
                n++;
            }
        }
        return value_length(s + n, *quote) > 0 ? n : 0;
    }
    return 0;
}

/* At s, "Bearer " and a token of 8 characters or more: the bytes before it. */
static size_t bearer_prefix(const char *s)
{
    if (strncasecmp(s, "bearer ", 7) != 0) {
        return 0;
    }
    size_t n = 7;
    while (s[n] == ' ') {
        n++;
    }
    return token_run(s + n) >= 8 ? n : 0;
}

static void redact_into(const char *in, builder *b, const char *const *secrets)
{
    size_t i = 0;
    while (in[i]) {
        size_t len = secret_at(in + i, secrets);
        if (len > 0) {
            put(b, ISYNC_WITHHELD, strlen(ISYNC_WITHHELD));
            i += len;
            continue;
        }
        char quote = 0;
        size_t prefix = named_prefix(in + i, &quote);
        if (prefix == 0) {
            quote = 0;
            prefix = bearer_prefix(in + i);
        }
        if (prefix > 0) {
            put(b, in + i, prefix);
            put(b, ISYNC_WITHHELD, strlen(ISYNC_WITHHELD));
            i += prefix + value_length(in + i + prefix, quote);
            continue;
        }
        put(b, in + i, 1);
        i++;
    }
}

void isync_redact(char *text, size_t size, const char *const *secrets)
{
    if (!text || size == 0) {
        return;
    }
    char *copy = strdup(text);
    if (!copy) {
        snprintf(text, size, "%s", ISYNC_WITHHELD); /* better nothing than a secret */
        return;
    }
    builder b = {text, size, 0};
    redact_into(copy, &b, secrets);
    text[b.used] = '\0';
    explicit_bzero(copy, strlen(copy));
    free(copy);
}
