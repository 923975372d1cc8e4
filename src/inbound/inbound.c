#include "inbound/inbound.h"

#include <stdlib.h>
#include <string.h>

#include "queue/event.h"
#include "base/log.h"

isync_status isync_inbound_add(const isync_spool *spool, const char *type, json_t *payload, char id[ISYNC_ID_SIZE],
                               isync_error *err)
{
    isync_status st = isync_spool_new_id(id, err);
    if (st != ISYNC_OK) {
        return st;
    }
    json_t *envelope = isync_event_envelope(id, type, NULL, payload);
    char *body = envelope ? json_dumps(envelope, JSON_COMPACT) : NULL;
    json_decref(envelope);
    if (!body) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "out of memory building inbound event %s", type);
    }
    st = isync_spool_put_inbound(spool, id, body, strlen(body), err);
    free(body);
    return st;
}

static int type_wanted(json_t *types, const char *type)
{
    size_t index;
    json_t *wanted;
    if (!json_is_array(types) || json_array_size(types) == 0) {
        return 1;
    }
    json_array_foreach(types, index, wanted)
    {
        if (type && json_is_string(wanted) && strcmp(json_string_value(wanted), type) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Reads one inbound event; a damaged one goes to corrupt/ (NULL). */
static json_t *read_event(const isync_spool *spool, const char *id)
{
    isync_error err;
    char *body = NULL;
    size_t len = 0;
    isync_status st = isync_spool_read(spool, ISYNC_STATE_INBOUND, id, &body, &len, &err);
    if (st == ISYNC_ERR_NOTFOUND) {
        return NULL; /* acknowledged meanwhile by another process */
    }
    json_t *envelope = st == ISYNC_OK ? json_loadb(body, len, 0, NULL) : NULL;
    free(body);
    if (!json_is_object(envelope)) {
        json_decref(envelope);
        isync_log(ISYNC_LOG_ERROR, "inbound event %s is damaged; moved to corrupt/", id);
        isync_spool_move(spool, id, ISYNC_STATE_INBOUND, ISYNC_STATE_CORRUPT, NULL);
        return NULL;
    }
    return envelope;
}

isync_status isync_inbound_fetch(const isync_spool *spool, size_t limit, json_t *types, json_t **events,
                                 isync_error *err)
{
    char(*ids)[ISYNC_ID_SIZE] = NULL;
    size_t count = 0;

    *events = NULL;
    if (isync_spool_list(spool, ISYNC_STATE_INBOUND, 0, &ids, &count, err) != ISYNC_OK) {
        return err ? err->status : ISYNC_ERR_IO;
    }
    *events = json_array();
    for (size_t i = 0; i < count && json_array_size(*events) < limit; i++) {
        json_t *envelope = read_event(spool, ids[i]);
        const char *type = json_string_value(json_object_get(envelope, "type"));
        if (envelope && type_wanted(types, type)) {
            json_array_append_new(*events,
                                  json_pack("{s:s, s:O?, s:O?, s:O?}", "id", ids[i], "type",
                                            json_object_get(envelope, "type"), "created_at",
                                            json_object_get(envelope, "created_at"), "payload",
                                            json_object_get(envelope, "payload")));
        }
        json_decref(envelope);
    }
    free(ids);
    return ISYNC_OK;
}

long isync_inbound_ack(const isync_spool *spool, const char *const *ids, size_t count)
{
    long removed = 0;
    for (size_t i = 0; i < count; i++) {
        if (isync_id_valid(ids[i]) && isync_spool_remove(spool, ISYNC_STATE_INBOUND, ids[i], NULL) == ISYNC_OK) {
            removed++;
        }
    }
    if (removed > 0) {
        isync_spool_sync(spool, ISYNC_STATE_INBOUND, NULL); /* an ack must not come undone */
    }
    return removed;
}
