#include "infor/ionapi.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

static const char *const required_keys[] = {"ti", "ci", "cs", "iu", "pu", "ot"};

/* jansson's error text may quote the offending token (" near '...'"), which
 * can be part of a secret: keep only the part before it. */
static void describe_json_error(const json_error_t *jerr, char *out, size_t out_size)
{
    const char *near = strstr(jerr->text, " near ");
    int text_len = near ? (int)(near - jerr->text) : (int)strlen(jerr->text);
    snprintf(out, out_size, "%.*s", text_len, jerr->text);
}

/* Reads key into *dest (strdup). Absent or null leaves *dest NULL.
 * Returns 0, or -1 with err set when the value is not a string. */
static int copy_string_key(json_t *root, const char *key, const char *name, char **dest, isync_error *err,
                           const char **bad_key)
{
    json_t *value = json_object_get(root, key);

    *dest = NULL;
    if (!value || json_is_null(value)) {
        return 0;
    }
    if (!json_is_string(value)) {
        isync_fail(err, ISYNC_ERR_CONFIG, 0, "credentials file %s: key \"%s\" is not a string", name, key);
        *bad_key = key;
        return -1;
    }
    *dest = strdup(json_string_value(value));
    if (!*dest) {
        isync_fail(err, ISYNC_ERR_NOMEM, 0, "credentials file %s: out of memory", name);
        return -1;
    }
    return 0;
}

/* The file's keys and where each is kept. */
static const struct {
    const char *key;
    size_t offset;
} key_fields[] = {
    {"ti", offsetof(isync_ionapi, ti)},     {"cn", offsetof(isync_ionapi, cn)},  {"ci", offsetof(isync_ionapi, ci)},
    {"cs", offsetof(isync_ionapi, cs)},     {"iu", offsetof(isync_ionapi, iu)},  {"pu", offsetof(isync_ionapi, pu)},
    {"ot", offsetof(isync_ionapi, ot)},     {"or", offsetof(isync_ionapi, or_)}, {"saak", offsetof(isync_ionapi, saak)},
    {"sask", offsetof(isync_ionapi, sask)},
};

#define KEY_FIELDS (sizeof key_fields / sizeof key_fields[0])

/* The field of a key; the last (sask) for any other. */
static char **field_for_key(isync_ionapi *cred, const char *key)
{
    size_t i = 0;
    while (i + 1 < KEY_FIELDS && strcmp(key_fields[i].key, key) != 0) {
        i++;
    }
    return (char **)((char *)cred + key_fields[i].offset);
}

static int is_blank(const char *s)
{
    return !s || *s == '\0';
}

static void strip_trailing_slashes(char *url)
{
    size_t len = strlen(url);
    while (len > 0 && url[len - 1] == '/') {
        url[--len] = '\0';
    }
}

static isync_status check_service_account(const isync_ionapi *cred, const char *name, isync_error *err,
                                          const char **bad_key)
{
    if (!is_blank(cred->saak) && is_blank(cred->sask)) {
        *bad_key = "sask";
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "credentials file %s: key \"sask\" is missing (\"saak\" is set)",
                          name);
    }
    if (is_blank(cred->saak) && !is_blank(cred->sask)) {
        *bad_key = "saak";
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "credentials file %s: key \"saak\" is missing (\"sask\" is set)",
                          name);
    }
    return ISYNC_OK;
}

/* The scheme of url (lower case, malloc'ed) when url is an absolute http or
 * https URL with a host; NULL for anything else ("not a url", "ftp://x"). */
static char *url_scheme(const char *url)
{
    CURLU *h = curl_url();
    char *scheme = NULL;
    char *host = NULL;
    int ok = h && curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK && host[0] &&
        (strcmp(scheme, "https") == 0 || strcmp(scheme, "http") == 0);
    char *out = ok ? strdup(scheme) : NULL;
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(h);
    return out;
}

/* iu and pu: URLs at all, and https ones when need_https. */
static isync_status check_urls(const isync_ionapi *cred, const char *name, int need_https, const char **bad_key,
                               isync_error *err)
{
    const char *keys[] = {"iu", "pu"};
    const char *urls[] = {cred->iu, cred->pu};
    for (size_t i = 0; i < 2; i++) {
        char *scheme = url_scheme(urls[i]);
        int is_url = scheme != NULL;
        int https = is_url && strcmp(scheme, "https") == 0;
        free(scheme);
        if (!is_url) {
            *bad_key = keys[i];
            return isync_fail(err, ISYNC_ERR_CONFIG, 0,
                              "credentials file %s: key \"%s\" is not a URL (https://host/...)", name, keys[i]);
        }
        if (need_https && !https) {
            *bad_key = keys[i];
            return isync_fail(err, ISYNC_ERR_CONFIG, 0,
                              "credentials file %s: key \"%s\" is not an https:// URL (the client secret and "
                              "password would go out unencrypted; http:// only with infor_sync.verify_tls=0)",
                              name, keys[i]);
        }
    }
    return ISYNC_OK;
}

isync_status isync_ionapi_check_https(const isync_ionapi *cred, const char *name, const char **bad_key,
                                      isync_error *err)
{
    return check_urls(cred, name, 1, bad_key, err);
}

static isync_status read_object(json_t *root, const char *name, isync_ionapi *cred, isync_error *err,
                                const char **bad_key)
{
    if (!json_is_object(root)) {
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "credentials file %s: not a JSON object", name);
    }
    for (size_t i = 0; i < KEY_FIELDS; i++) {
        if (copy_string_key(root, key_fields[i].key, name, field_for_key(cred, key_fields[i].key), err, bad_key) != 0) {
            return err ? err->status : ISYNC_ERR_CONFIG;
        }
    }
    if (cred->iu) {
        strip_trailing_slashes(cred->iu);
    }
    for (size_t i = 0; i < sizeof required_keys / sizeof required_keys[0]; i++) {
        const char *value = *field_for_key(cred, required_keys[i]);
        if (!value || *value == '\0') {
            *bad_key = required_keys[i];
        }
        if (!value) {
            return isync_fail(err, ISYNC_ERR_CONFIG, 0, "credentials file %s: key \"%s\" is missing", name,
                              required_keys[i]);
        }
        if (*value == '\0') {
            return isync_fail(err, ISYNC_ERR_CONFIG, 0, "credentials file %s: key \"%s\" is empty", name,
                              required_keys[i]);
        }
    }
    isync_status st = check_urls(cred, name, 0, bad_key, err);
    if (st != ISYNC_OK) {
        return st;
    }
    st = check_service_account(cred, name, err, bad_key);
    if (st != ISYNC_OK) {
        return st;
    }
    cred->grant = is_blank(cred->saak) ? ISYNC_GRANT_CLIENT_CREDENTIALS : ISYNC_GRANT_PASSWORD;
    return ISYNC_OK;
}

static isync_status finish(json_t *root, const char *name, isync_ionapi *out, isync_error *err, const char **bad_key)
{
    isync_ionapi cred;

    memset(&cred, 0, sizeof cred);
    isync_status st = read_object(root, name, &cred, err, bad_key);
    json_decref(root);
    if (st != ISYNC_OK) {
        isync_ionapi_free(&cred);
        return st;
    }
    *out = cred;
    return ISYNC_OK;
}

static isync_status json_failure(const json_error_t *jerr, const char *name, isync_error *err)
{
    char reason[160];

    describe_json_error(jerr, reason, sizeof reason);
    return isync_fail(err, ISYNC_ERR_CONFIG, 0, "credentials file %s: not valid JSON (line %d, column %d: %s)", name,
                      jerr->line, jerr->column, reason);
}

isync_status isync_ionapi_parse(const char *json_text, const char *name, isync_ionapi *out, isync_error *err)
{
    const char *text = json_text ? json_text : "";
    const char *bad_key;
    return isync_ionapi_parse_text(text, strlen(text), name, out, &bad_key, err);
}

isync_status isync_ionapi_parse_text(const char *text, size_t len, const char *name, isync_ionapi *out,
                                     const char **bad_key, isync_error *err)
{
    json_error_t jerr;

    memset(out, 0, sizeof *out);
    *bad_key = NULL;
    json_t *root = json_loadb(text, len, 0, &jerr);
    if (!root) {
        return json_failure(&jerr, name, err);
    }
    return finish(root, name, out, err, bad_key);
}

/* A .ionapi file is well under 1 KiB; refuse anything absurd. */
#define MAX_FILE_BYTES (1024 * 1024)

static isync_status read_whole_file(int fd, const char *path, char **text, size_t *text_len, isync_error *err)
{
    size_t cap = 4096;
    size_t used = 0;
    char *buf = malloc(cap);

    if (!buf) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "credentials file %s: out of memory", path);
    }
    for (;;) {
        if (used == cap) {
            if (cap >= MAX_FILE_BYTES) {
                free(buf);
                return isync_fail(err, ISYNC_ERR_CONFIG, 0, "credentials file %s: too large", path);
            }
            char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                return isync_fail(err, ISYNC_ERR_NOMEM, 0, "credentials file %s: out of memory", path);
            }
            buf = grown;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + used, cap - used);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            int saved = errno;
            free(buf);
            return isync_fail(err, ISYNC_ERR_IO, saved, "credentials file %s: %s", path, strerror(saved));
        }
        if (got == 0) {
            break;
        }
        used += (size_t)got;
    }
    *text = buf;
    *text_len = used;
    return ISYNC_OK;
}

static isync_status open_regular_file(const char *path, int *fd_out, struct stat *st, isync_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int saved = errno;
        return isync_fail(err, ISYNC_ERR_IO, saved, "credentials file %s: %s", path, strerror(saved));
    }
    if (fstat(fd, st) != 0) {
        int saved = errno;
        close(fd);
        return isync_fail(err, ISYNC_ERR_IO, saved, "credentials file %s: %s", path, strerror(saved));
    }
    if (!S_ISREG(st->st_mode)) {
        close(fd);
        return isync_fail(err, ISYNC_ERR_IO, EINVAL, "credentials file %s: not a regular file", path);
    }
    *fd_out = fd;
    return ISYNC_OK;
}

isync_status isync_ionapi_load(const char *path, isync_ionapi *out, isync_error *err)
{
    json_error_t jerr;
    struct stat st;
    char *text = NULL;
    size_t text_len = 0;
    int fd = -1;

    memset(out, 0, sizeof *out);
    isync_status status = open_regular_file(path, &fd, &st, err);
    if (status != ISYNC_OK) {
        return status;
    }
    status = read_whole_file(fd, path, &text, &text_len, err);
    close(fd);
    if (status != ISYNC_OK) {
        return status;
    }
    json_t *root = json_loadb(text, text_len, 0, &jerr);
    explicit_bzero(text, text_len);
    free(text);
    if (!root) {
        return json_failure(&jerr, path, err);
    }
    const char *bad_key = NULL;
    status = finish(root, path, out, err, &bad_key);
    if (status == ISYNC_OK) {
        out->readable_by_others = (st.st_mode & (S_IRGRP | S_IROTH)) != 0;
    }
    return status;
}

static void free_secret(char *s)
{
    if (s) {
        explicit_bzero(s, strlen(s));
        free(s);
    }
}

void isync_ionapi_free(isync_ionapi *cred)
{
    if (!cred) {
        return;
    }
    free(cred->ti);
    free(cred->cn);
    free(cred->ci);
    free_secret(cred->cs);
    free(cred->iu);
    free(cred->pu);
    free(cred->ot);
    free(cred->or_);
    free(cred->saak);
    free_secret(cred->sask);
    memset(cred, 0, sizeof *cred);
}

char *isync_ionapi_token_url(const isync_ionapi *cred)
{
    char *url = NULL;
    size_t pu_len = strlen(cred->pu);
    int pu_has_slash = pu_len > 0 && cred->pu[pu_len - 1] == '/';
    int ot_has_slash = cred->ot[0] == '/';
    const char *ot = cred->ot;
    const char *joint = "";

    /* Real files have pu ending in "/as/" and ot "token.oauth2"; tolerate
     * hand-edited ones that have the slash on neither or both sides. */
    if (!pu_has_slash && !ot_has_slash) {
        joint = "/";
    } else if (pu_has_slash && ot_has_slash) {
        ot++;
    }
    if (asprintf(&url, "%s%s%s", cred->pu, joint, ot) < 0) {
        return NULL;
    }
    return url;
}
