/* The .ionapi credentials file an Infor admin downloads for an authorized
 * app: JSON with ti, cn, ci, cs, iu, pu, ot, or and, for backend service
 * accounts, saak/sask (password grant); without them the client-credentials
 * grant is used. Unknown keys (dt, ev, v, oa, ...) are accepted. */
#ifndef ISYNC_IONAPI_H
#define ISYNC_IONAPI_H

#include <stddef.h>

#include "base/error.h"

typedef enum {
    ISYNC_GRANT_PASSWORD = 1, /* saak/sask present */
    ISYNC_GRANT_CLIENT_CREDENTIALS = 2
} isync_grant;

typedef struct {
    char *ti; /* tenant */
    char *cn; /* app name (optional) */
    char *ci; /* client id */
    char *cs; /* client secret */
    char *iu; /* ION API gateway base URL, no trailing slash */
    char *pu; /* authorization server base URL */
    char *ot; /* token path appended to pu */
    char *or_; /* revoke path (optional) */
    char *saak; /* service account access key (password grant) */
    char *sask; /* service account secret key */
    isync_grant grant;
    int readable_by_others; /* file mode grants group/other read */
} isync_ionapi;

/* Loads and checks the file. Errors name the file and the key at fault:
 * missing/unreadable file (ISYNC_ERR_IO), not JSON or a key of the wrong
 * type (ISYNC_ERR_CONFIG), a required key missing or empty
 * (ISYNC_ERR_CONFIG: ti, ci, cs, iu, pu, ot; saak without sask or the
 * reverse), iu or pu not an http(s) URL with a host (ISYNC_ERR_CONFIG). On failure *out is left zeroed. */
isync_status isync_ionapi_load(const char *path, isync_ionapi *out, isync_error *err);
/* Same checks on a JSON text; `name` is used in messages in place of a path. */
isync_status isync_ionapi_parse(const char *json_text, const char *name, isync_ionapi *out, isync_error *err);
/* Same on a text of len bytes; on failure *bad_key names the key at fault
 * (a static string), NULL when the text as a whole is wrong (not JSON, not
 * an object). */
isync_status isync_ionapi_parse_text(const char *text, size_t len, const char *name, isync_ionapi *out,
                                     const char **bad_key, isync_error *err);
void isync_ionapi_free(isync_ionapi *cred);

/* With TLS verification on (infor_sync.verify_tls), iu and pu must be https
 * URLs: the client secret and the service account's keys are sent to pu,
 * the token to iu. ISYNC_ERR_CONFIG naming the key (*bad_key) otherwise. */
isync_status isync_ionapi_check_https(const isync_ionapi *cred, const char *name, const char **bad_key,
                                      isync_error *err);

/* {pu}{ot}, malloc'ed. */
char *isync_ionapi_token_url(const isync_ionapi *cred);

#endif
