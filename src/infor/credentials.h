/* The credentials file as the settings page handles it: an uploaded .ionapi
 * text is checked and replaces the file infor_sync.ionapi_file names (the
 * worker notices the new file and uses it for its next call), and a summary
 * of the file without a secret in it for status() and the page. The path is
 * php.ini's decision: nothing here chooses where a secret goes. */
#ifndef ISYNC_CREDENTIALS_H
#define ISYNC_CREDENTIALS_H

#include <jansson.h>
#include <stddef.h>

#include "base/error.h"
#include "infor/ionapi.h"

/* Checks text as an .ionapi file (ionapi.h, both kinds; with verify_tls,
 * iu and pu must be https). A refusal goes into problems with the key at
 * fault as its path ("ionapi" when the text as a whole is wrong); never a
 * value from the text. */
isync_status isync_credentials_check(const char *text, size_t len, int verify_tls, isync_ionapi *out,
                                     isync_problems *problems);

/* Checks text, then replaces path with it atomically (a new file beside it,
 * mode 0600, fsync, rename, fsync of the directory). ISYNC_ERR_INVALID with
 * problems filled; ISYNC_ERR_CONFIG (no path) or ISYNC_ERR_IO with err. On
 * success *summary (may be NULL) is the new file's summary. */
isync_status isync_credentials_save(const char *path, const char *text, size_t len, int verify_tls, json_t **summary,
                                    isync_problems *problems, isync_error *err);

/* {"file", "ok", "error", "tenant", "app", "gateway", "token_url", "grant",
 * "mode", "readable_by_others"}: cred is what was loaded from path (NULL
 * when that failed, error saying why). Never a secret (cs, saak, sask) nor
 * the client id. */
json_t *isync_credentials_describe(const char *path, const isync_ionapi *cred, const char *error);

/* isync_ionapi_load, and with verify_tls isync_ionapi_check_https: what the
 * worker uses. On failure *out is left zeroed. */
isync_status isync_credentials_load(const char *path, int verify_tls, isync_ionapi *out, isync_error *err);

/* Loads path and describes it (with verify_tls, an http:// URL in it is an error). */
json_t *isync_credentials_summary(const char *path, int verify_tls);

#endif
