/* The customer cross-reference beside the spool, <spool>/xref/customers.json:
 *   {"profiles":{"123":"XC00000123"}, "emails":{"anna@example.com":"XC00000123"}}
 * X-Cart profile ids and lowercased e-mail addresses -> Infor customer
 * numbers (CUNO). Only the leader writes it, atomically. It is a cache, not
 * the truth: customer numbers are deterministic and Infor is asked
 * (GetBasicData) before a customer is created, so a lost or damaged file
 * costs calls, never a duplicate; it can be rebuilt from Infor
 * (CRS610MI/LstByNumber, see m3_customer.h). */
#ifndef ISYNC_XREF_H
#define ISYNC_XREF_H

#include <jansson.h>
#include <limits.h>

#include "base/error.h"
#include "queue/spool.h"

typedef struct {
    char path[PATH_MAX]; /* <spool>/xref/customers.json */
    int durable; /* fsync when writing */
    json_t *doc; /* loaded on first use; NULL before */
} isync_xref;

/* Names the file; reads nothing yet. */
void isync_xref_init(isync_xref *xref, const char *spool_dir, int durable);
void isync_xref_free(isync_xref *xref);

/* The CUNO known for a profile id / an e-mail address (any case), or NULL. */
const char *isync_xref_profile(isync_xref *xref, const char *profile_id);
const char *isync_xref_email(isync_xref *xref, const char *email);

/* Records profile id and/or e-mail (either may be NULL or "") -> cuno;
 * writes the file only when something changed. */
isync_status isync_xref_record(isync_xref *xref, const char *profile_id, const char *email, const char *cuno,
                               isync_error *err);

/* Replaces both maps (a rebuild from Infor); steals neither reference. */
isync_status isync_xref_replace(isync_xref *xref, json_t *profiles, json_t *emails, isync_error *err);

/* The internal job InforSync\rebuild_customer_index() spools: the leader
 * (connectors/m3_customer) rewrites the index from CRS610MI/LstByNumber. */
#define ISYNC_CUSTOMER_INDEX_TYPE "customers.reindex"

/* Request side (InforSync\rebuild_customer_index()): spools the job that
 * makes the leader rewrite the index from Infor; *id is the job's event id. */
isync_status isync_xref_request_rebuild(const isync_spool *spool, char id[ISYNC_ID_SIZE], isync_error *err);

/* The key an e-mail address is filed under: trimmed, ASCII lowercase. */
void isync_email_key(const char *email, char *out, size_t size);

#endif
