/* OAuth 2.0 token cache for the ION API gateway. The token is reused until
 * shortly before expires_in runs out (Infor asks clients not to fetch one
 * per call), refreshed with refresh_token when one was issued, and fetched
 * again after the caller reports a 401 through isync_oauth_invalidate(). */
#ifndef ISYNC_OAUTH_H
#define ISYNC_OAUTH_H

#include <time.h>

#include "base/error.h"
#include "infor/http.h"
#include "infor/ionapi.h"

typedef struct isync_oauth isync_oauth;

/* Borrows cred and http; both must outlive the cache. */
isync_oauth *isync_oauth_new(const isync_ionapi *cred, isync_http *http);
void isync_oauth_free(isync_oauth *oauth);

/* Returns a valid access token in *token (owned by the cache, valid until
 * the next call). Fetches or refreshes as needed. Failure statuses:
 * ISYNC_ERR_HTTP (transport, 5xx, 429: retry later; err->message says
 * which, retry_after_s set when the server said), ISYNC_ERR_AUTH (the
 * endpoint refused the credentials: 400/401 with its error code). */
isync_status isync_oauth_token(isync_oauth *oauth, const char **token, long *retry_after_s, isync_error *err);

/* Forget the access token (after a 401); the next call fetches a new one. */
void isync_oauth_invalidate(isync_oauth *oauth);

/* Unix time the cached token expires; 0 when none is cached. */
time_t isync_oauth_expires_at(const isync_oauth *oauth);

/* Seconds before expires_in at which the token is renewed. */
#define ISYNC_OAUTH_EXPIRY_MARGIN_S 60

#endif
