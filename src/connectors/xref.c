#include "connectors/xref.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/json_members.h"
#include "queue/event.h"
#include "base/log.h"

void isync_xref_init(isync_xref *xref, const char *spool_dir, int durable)
{
    snprintf(xref->path, sizeof xref->path, "%s/xref/customers.json", spool_dir);
    xref->durable = durable;
    xref->doc = NULL;
}

void isync_xref_free(isync_xref *xref)
{
    json_decref(xref->doc);
    xref->doc = NULL;
}

void isync_email_key(const char *email, char *out, size_t size)
{
    size_t used = 0;
    while (*email && isspace((unsigned char)*email)) {
        email++;
    }
    for (; *email && used + 1 < size; email++) {
        out[used++] = (char)tolower((unsigned char)*email);
    }
    while (used > 0 && isspace((unsigned char)out[used - 1])) {
        used--;
    }
    out[used] = '\0';
}

static json_t *map(isync_xref *xref, const char *name)
{
    return isync_json_object_member(xref->doc, name);
}

/* A missing file is an empty index; a damaged one too (it is only a cache). */
static void load(isync_xref *xref)
{
    json_error_t jerr;
    if (xref->doc) {
        return;
    }
    int exists = access(xref->path, F_OK) == 0;
    xref->doc = exists ? json_load_file(xref->path, 0, &jerr) : NULL;
    if (!json_is_object(xref->doc)) {
        if (exists) {
            isync_log(ISYNC_LOG_WARNING, "customer index %s is unreadable (%s); starting it afresh", xref->path,
                      jerr.text);
        }
        json_decref(xref->doc);
        xref->doc = json_object();
    }
    map(xref, "profiles");
    map(xref, "emails");
}

static const char *lookup(isync_xref *xref, const char *name, const char *key)
{
    if (!key || !*key) {
        return NULL;
    }
    load(xref);
    return json_string_value(json_object_get(map(xref, name), key));
}

const char *isync_xref_profile(isync_xref *xref, const char *profile_id)
{
    return lookup(xref, "profiles", profile_id);
}

const char *isync_xref_email(isync_xref *xref, const char *email)
{
    char key[256];
    if (!email) {
        return NULL;
    }
    isync_email_key(email, key, sizeof key);
    return lookup(xref, "emails", key);
}

static isync_status save(isync_xref *xref, isync_error *err)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", xref->path);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            return isync_fail(err, ISYNC_ERR_IO, errno, "cannot create %s: %s", dir, strerror(errno));
        }
    }
    return isync_write_json_file(xref->path, xref->doc, xref->durable, err);
}

/* Sets name[key] = cuno; 1 when that changed something. */
static int set(isync_xref *xref, const char *name, const char *key, const char *cuno)
{
    if (!key || !*key) {
        return 0;
    }
    json_t *m = map(xref, name);
    const char *known = json_string_value(json_object_get(m, key));
    if (known && strcmp(known, cuno) == 0) {
        return 0;
    }
    json_object_set_new(m, key, json_string(cuno));
    return 1;
}

isync_status isync_xref_record(isync_xref *xref, const char *profile_id, const char *email, const char *cuno,
                               isync_error *err)
{
    char key[256] = "";
    load(xref);
    if (email) {
        isync_email_key(email, key, sizeof key);
    }
    int changed = set(xref, "profiles", profile_id, cuno);
    changed |= set(xref, "emails", key, cuno);
    return changed ? save(xref, err) : ISYNC_OK;
}

isync_status isync_xref_replace(isync_xref *xref, json_t *profiles, json_t *emails, isync_error *err)
{
    load(xref);
    json_object_set(xref->doc, "profiles", profiles);
    json_object_set(xref->doc, "emails", emails);
    return save(xref, err);
}

isync_status isync_xref_request_rebuild(const isync_spool *spool, char id[ISYNC_ID_SIZE], isync_error *err)
{
    char existing[ISYNC_ID_SIZE];
    isync_status st = isync_spool_new_id(id, err);
    if (st != ISYNC_OK) {
        return st;
    }
    json_t *payload = json_object();
    json_t *envelope = isync_event_envelope(id, ISYNC_CUSTOMER_INDEX_TYPE, NULL, payload);
    char *body = json_dumps(envelope, JSON_COMPACT);
    json_decref(envelope);
    json_decref(payload);
    if (!body) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "out of memory");
    }
    st = isync_spool_put(spool, id, body, strlen(body), NULL, existing, err);
    free(body);
    return st;
}
