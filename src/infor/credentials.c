#include "infor/credentials.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/atomic_file.h"
#include "queue/spool.h"

#define UPLOAD_NAME "(uploaded)"

/* A real .ionapi file is under 1 KiB. */
#define MAX_UPLOAD_BYTES (64 * 1024)

/* "credentials file (uploaded): key "cs" is missing" -> "key "cs" is missing" */
static const char *without_prefix(const char *message)
{
    static const char prefix[] = "credentials file " UPLOAD_NAME ": ";
    return strncmp(message, prefix, sizeof prefix - 1) == 0 ? message + sizeof prefix - 1 : message;
}

isync_status isync_credentials_check(const char *text, size_t len, int verify_tls, isync_ionapi *out,
                                     isync_problems *problems)
{
    isync_error err;
    const char *bad_key = NULL;

    memset(problems, 0, sizeof *problems);
    memset(out, 0, sizeof *out);
    if (len > MAX_UPLOAD_BYTES) {
        isync_problems_add(problems, "ionapi", "is larger than %d bytes: not an .ionapi file", MAX_UPLOAD_BYTES);
        return ISYNC_ERR_INVALID;
    }
    if (isync_ionapi_parse_text(text, len, UPLOAD_NAME, out, &bad_key, &err) == ISYNC_OK) {
        if (!verify_tls || isync_ionapi_check_https(out, UPLOAD_NAME, &bad_key, &err) == ISYNC_OK) {
            return ISYNC_OK;
        }
        isync_ionapi_free(out);
    }
    isync_problems_add(problems, bad_key ? bad_key : "ionapi", "%s", without_prefix(err.message));
    return ISYNC_ERR_INVALID;
}

isync_status isync_credentials_save(const char *path, const char *text, size_t len, int verify_tls, json_t **summary,
                                    isync_problems *problems, isync_error *err)
{
    isync_ionapi cred;

    if (summary) {
        *summary = NULL;
    }
    if (!path || !*path) {
        memset(problems, 0, sizeof *problems);
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "infor_sync.ionapi_file is not set");
    }
    if (isync_credentials_check(text, len, verify_tls, &cred, problems) != ISYNC_OK) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "invalid credentials");
    }
    isync_error write_err;
    if (isync_write_file(path, text, len, 1, &write_err) != ISYNC_OK) {
        isync_ionapi_free(&cred);
        return isync_fail(err, ISYNC_ERR_IO, write_err.sys_errno, "cannot write the credentials file %s: %s", path,
                          write_err.sys_errno ? strerror(write_err.sys_errno) : write_err.message);
    }
    if (summary) {
        *summary = isync_credentials_describe(path, &cred, NULL);
    }
    isync_ionapi_free(&cred);
    return ISYNC_OK;
}

isync_status isync_credentials_load(const char *path, int verify_tls, isync_ionapi *out, isync_error *err)
{
    const char *bad_key = NULL;
    isync_status st = isync_ionapi_load(path, out, err);
    if (st == ISYNC_OK && verify_tls) {
        st = isync_ionapi_check_https(out, path, &bad_key, err);
        if (st != ISYNC_OK) {
            isync_ionapi_free(out);
        }
    }
    return st;
}

static const char *grant_name(isync_grant grant)
{
    return grant == ISYNC_GRANT_PASSWORD ? "password" : "client_credentials";
}

/* "0600", or NULL when the file cannot be looked at. */
static json_t *file_mode(const char *path)
{
    struct stat st;
    char mode[8];
    if (!path || !*path || stat(path, &st) != 0) {
        return json_null();
    }
    snprintf(mode, sizeof mode, "%04o", (unsigned)(st.st_mode & 07777));
    return json_string(mode);
}

json_t *isync_credentials_describe(const char *path, const isync_ionapi *cred, const char *error)
{
    int ok = cred != NULL && !error;
    char *token_url = ok ? isync_ionapi_token_url(cred) : NULL;
    json_t *out = json_pack("{s:s, s:b, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:o, s:b}", "file", path ? path : "", "ok",
                            ok, "error", error, "tenant", ok ? cred->ti : NULL, "app", ok ? cred->cn : NULL, "gateway",
                            ok ? cred->iu : NULL, "token_url", token_url, "grant", ok ? grant_name(cred->grant) : NULL,
                            "mode", file_mode(path), "readable_by_others", ok && cred->readable_by_others);
    free(token_url);
    return out;
}

json_t *isync_credentials_summary(const char *path, int verify_tls)
{
    isync_ionapi cred;
    isync_error err;

    if (!path || !*path) {
        return isync_credentials_describe(path, NULL, "infor_sync.ionapi_file is not set");
    }
    if (isync_credentials_load(path, verify_tls, &cred, &err) != ISYNC_OK) {
        return isync_credentials_describe(path, NULL, err.message);
    }
    json_t *out = isync_credentials_describe(path, &cred, NULL);
    isync_ionapi_free(&cred);
    return out;
}
