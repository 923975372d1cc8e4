/* Secrets withheld from the text of an answer that is kept or logged (an
 * error message from Infor's gateway, M3 or the token endpoint): a gateway
 * page may echo the request's headers or body back. */
#ifndef ISYNC_REDACT_H
#define ISYNC_REDACT_H

#include <stddef.h>

#define ISYNC_WITHHELD "(withheld)"

/* Rewrites text (NUL-terminated, in a buffer of size bytes) in place, each
 * of these becoming ISYNC_WITHHELD:
 * - the credential after "Authorization" ("Authorization: Bearer x",
 *   "\"authorization\":\"Basic y\"");
 * - a bearer token anywhere ("Bearer eyJ...", 8 characters or more);
 * - the value of an access_token, refresh_token, id_token, client_secret or
 *   password member or form field ("access_token\":\"x", "password=y");
 * - each of secrets (NULL-terminated; NULL, "" and texts under 4 bytes
 *   skipped), wherever it occurs.
 * The result is cut to size - 1 bytes. */
void isync_redact(char *text, size_t size, const char *const *secrets);

#endif
