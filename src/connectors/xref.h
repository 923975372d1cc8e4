/* The customer cross-reference beside the spool: X-Cart profile ids and
 * e-mail addresses (trimmed, lowercased) -> Infor customer numbers (CUNO).
 * It is a cache, not the truth: customer numbers are deterministic and
 * Infor is asked (GetBasicData) before a customer is created, so a lost or
 * damaged entry costs a call, never a duplicate; the whole index can be
 * rebuilt from Infor (CRS610MI/LstByNumber, see m3_customer.h).
 *
 * One small file per key, so that recording customer 100,000 writes two
 * files of a few dozen bytes, not the index:
 *
 *   <spool>/xref/customers -> gen-<ms>-<pid>-<n>   the live set (a symlink)
 *   <spool>/xref/gen-.../profiles/<h>.json         {"profile_id":"123","cuno":"XC00000123"}
 *   <spool>/xref/gen-.../emails/<h>.json           {"email":"anna@example.com","cuno":"XC00000123"}
 *   <spool>/xref/replace.lock                      serialises replaces between processes
 *   <spool>/xref/customers.json.migrated           the single document of older versions, converted
 *
 * <h> is the first 32 hex digits of SHA-256 of the profile id / e-mail key
 * (the shop's text never becomes a path); the entry repeats its key, and an
 * entry that does not parse, names another key or a number longer than the
 * caller's buffer is damaged: treated as missing (Infor is asked).
 *
 * Records write one entry each atomically (atomic_file.h: a new file beside
 * it, fsync when the spool is durable, rename, fsync of the folder), so
 * threads and processes recording different keys never lose one another's
 * entries, and the same key ends as one writer's whole entry; no lock.
 *
 * A replace (the rebuild from Infor) never touches the live set: it writes
 * the new set into a new generation folder beside it, makes it durable
 * (syncfs), then switches the symlink with rename(2) and fsyncs the folder.
 * A crash before the rename leaves the old index whole and live (the
 * half-written generation is removed by the next replace), after it the
 * new one; no reader ever sees a mix, and no key of the old set survives
 * except those recorded while Infor was being listed (they are carried
 * over, see isync_xref_replace). A record writes into the generation the
 * symlink names and checks the symlink again afterwards: when a replace
 * switched meanwhile it writes its entry again into the new set, so a
 * concurrent replace loses no record. Replaces are serialised (in the
 * process by a flag that a forked child does not inherit as held, between
 * processes by a POSIX lock on replace.lock), waiting at most a minute.
 *
 * Migration: on a handle's first use an xref/customers.json left by an
 * older version is converted into a new generation (merged with any
 * per-key entries already there) and renamed customers.json.migrated. */
#ifndef ISYNC_XREF_H
#define ISYNC_XREF_H

#include <jansson.h>
#include <limits.h>
#include <stdatomic.h>

#include "base/error.h"
#include "queue/spool.h"

typedef struct {
    char dir[PATH_MAX]; /* <spool>/xref */
    int durable; /* fsync when writing */
    atomic_bool checked; /* the old single document looked for (and converted) */
} isync_xref;

/* Names the folder; reads nothing yet. */
void isync_xref_init(isync_xref *xref, const char *spool_dir, int durable);
/* Holds nothing today (the index is read from its files on each lookup). */
void isync_xref_free(isync_xref *xref);

/* The CUNO known for a profile id / an e-mail address (any case, trimmed)
 * into cuno (size bytes): ISYNC_OK, ISYNC_ERR_NOTFOUND (none, an empty key,
 * or a damaged entry), or the error of converting an old document. */
isync_status isync_xref_profile(isync_xref *xref, const char *profile_id, char *cuno, size_t size, isync_error *err);
isync_status isync_xref_email(isync_xref *xref, const char *email, char *cuno, size_t size, isync_error *err);

/* Records profile id and/or e-mail (either may be NULL or "") -> cuno;
 * writes an entry only when it changes it. Safe from several threads and
 * processes at once. */
isync_status isync_xref_record(isync_xref *xref, const char *profile_id, const char *email, const char *cuno,
                               isync_error *err);

/* Replaces the whole index with the two maps (key -> CUNO text; a rebuild
 * from Infor); steals neither reference. Entries recorded after
 * listed_since_ms (isync_now_ms() when the listing from Infor began) and
 * missing from the maps are kept: they are as new as the listing; those
 * recorded before it are gone. Entries of the maps win over them. Waits
 * at most a minute for another replace (ISYNC_ERR_TIMEOUT). */
isync_status isync_xref_replace(isync_xref *xref, json_t *profiles, json_t *emails, long long listed_since_ms,
                                isync_error *err);

/* The internal job InforSync\rebuild_customer_index() spools: the leader
 * (connectors/m3_customer) rewrites the index from CRS610MI/LstByNumber. */
#define ISYNC_CUSTOMER_INDEX_TYPE "customers.reindex"

/* Request side (InforSync\rebuild_customer_index()): spools the job that
 * makes the leader rewrite the index from Infor; *id is the job's event id. */
isync_status isync_xref_request_rebuild(const isync_spool *spool, char id[ISYNC_ID_SIZE], isync_error *err);

/* The key an e-mail address is filed under: trimmed, ASCII lowercase. */
void isync_email_key(const char *email, char *out, size_t size);

#endif
