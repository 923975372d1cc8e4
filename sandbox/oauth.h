/* OAuth 2.0 authorization server (/{ti}/as/...) and bearer-token checks for the gateway. */
#ifndef SANDBOX_OAUTH_H
#define SANDBOX_OAUTH_H

#include "creds.h"
#include "http.h"

void oauth_init(const struct creds *c, long token_ttl);
void oauth_free(void);

/* Token and revoke endpoints; sub is the path after "/{ti}/as/". */
void oauth_handle(struct request *rq, const char *sub, struct reply *rp);

/* 1 when the request carries a valid access token, else fills a 401 into rp and returns 0. */
int oauth_check_bearer(const struct request *rq, struct reply *rp);

/* Every issued access token becomes expired now; refresh tokens stay valid. */
void oauth_expire_all(void);

#endif
