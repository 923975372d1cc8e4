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

/* One cache serves every thread of a process: a token is fetched or
 * refreshed by one thread while the others wait for it, and a 401 makes it
 * fetch a new one once, not once per request that saw the 401. */
typedef struct isync_oauth isync_oauth;

/* Borrows cred and http; both must outlive the cache. http carries token
 * requests only (used under the cache's lock): give it its own handle. */
isync_oauth *isync_oauth_new(const isync_ionapi *cred, isync_http *http);
void isync_oauth_free(isync_oauth *oauth);

/* A valid access token as a copy in *token (free it with
 * isync_oauth_token_free). Fetches or refreshes as needed. Failure statuses:
 * ISYNC_ERR_HTTP (transport, 5xx, 429: retry later; err->message says
 * which, retry_after_s set when the server said), ISYNC_ERR_AUTH (the
 * endpoint refused the credentials: 400/401 with its error code). */
isync_status isync_oauth_token(isync_oauth *oauth, char **token, long *retry_after_s, isync_error *err);

/* Wipes and frees a token from isync_oauth_token (NULL is fine). */
void isync_oauth_token_free(char *token);

/* The gateway answered 401 to rejected: forget the cached token when it is
 * still that one (another thread may have fetched a new one already); the
 * next call fetches a new one. */
void isync_oauth_invalidate(isync_oauth *oauth, const char *rejected);

/* Unix time the cached token expires; 0 when none is cached. */
time_t isync_oauth_expires_at(isync_oauth *oauth);

/* Seconds before expires_in at which the token is renewed. */
#define ISYNC_OAUTH_EXPIRY_MARGIN_S 60

#endif
