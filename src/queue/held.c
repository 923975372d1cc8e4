#include "queue/held.h"

#include <stdlib.h>

#include "base/clock.h"
#include "base/json_members.h"

static json_t *held_summary(const isync_spool *spool, const char *id)
{
    json_t *record = NULL;
    json_t *envelope = isync_spool_envelope(spool, ISYNC_STATE_HELD, id, NULL);
    isync_spool_record_load(spool, id, &record, NULL);
    json_t *anomaly = json_object_get(record, "anomaly");
    json_t *item = json_pack("{s:s, s:O?, s:O?, s:O?, s:O?, s:O?}", "id", id, "type", json_object_get(envelope, "type"),
                             "created_at", json_object_get(envelope, "created_at"), "held_at",
                             json_object_get(anomaly, "held_at"), "order_number",
                             json_object_get(json_object_get(envelope, "payload"), "order_number"), "anomaly", anomaly);
    json_decref(record);
    json_decref(envelope);
    return item;
}

isync_status isync_held_list(const isync_spool *spool, size_t limit, json_t **list, isync_error *err)
{
    return isync_spool_summaries(spool, ISYNC_STATE_HELD, limit, held_summary, list, err);
}

static int is_held(const isync_spool *spool, const char *id)
{
    isync_state state;
    return isync_spool_locate(spool, id, &state) == ISYNC_OK && state == ISYNC_STATE_HELD;
}

isync_status isync_held_release(const isync_spool *spool, const char *id, isync_error *err)
{
    json_t *record = NULL;
    if (!is_held(spool, id)) {
        return isync_fail(err, ISYNC_ERR_NOTFOUND, 0, "no held event %s", id);
    }
    isync_spool_record_load(spool, id, &record, NULL);
    /* "anomaly" stays: the leader checks an event only once */
    json_object_set_new(isync_json_object_member(record, "anomaly"), "released_at", json_integer(isync_now_ms()));
    isync_status st = isync_spool_requeue(spool, id, ISYNC_STATE_HELD, record, err);
    json_decref(record);
    return st;
}

isync_status isync_held_discard(const isync_spool *spool, const char *id, isync_error *err)
{
    isync_status st = isync_spool_discard(spool, ISYNC_STATE_HELD, id, err);
    if (st == ISYNC_OK) {
        isync_spool_sync(spool, ISYNC_STATE_HELD, NULL);
    }
    return st;
}
