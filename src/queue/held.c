#include "queue/held.h"

#include <stdlib.h>

#include "base/clock.h"

static json_t *held_summary(const isync_spool *spool, const char *id)
{
    char *body = NULL;
    size_t len = 0;
    json_t *record = NULL, *envelope = NULL;
    if (isync_spool_read(spool, ISYNC_STATE_HELD, id, &body, &len, NULL) == ISYNC_OK) {
        envelope = json_loadb(body, len, 0, NULL);
        free(body);
    }
    isync_spool_record_load(spool, id, &record, NULL);
    json_t *anomaly = json_object_get(record, "anomaly");
    json_t *item = json_pack("{s:s, s:O?, s:O?, s:O?, s:O?, s:O?}", "id", id, "type",
                             json_object_get(envelope, "type"), "created_at",
                             json_object_get(envelope, "created_at"), "held_at",
                             json_object_get(anomaly, "held_at"), "order_number",
                             json_object_get(json_object_get(envelope, "payload"), "order_number"),
                             "anomaly", anomaly);
    json_decref(record);
    json_decref(envelope);
    return item;
}

isync_status isync_held_list(const isync_spool *spool, size_t limit, json_t **list, isync_error *err)
{
    char (*ids)[ISYNC_ID_SIZE] = NULL;
    size_t count = 0;
    *list = NULL;
    if (isync_spool_list(spool, ISYNC_STATE_HELD, limit, &ids, &count, err) != ISYNC_OK) {
        return err ? err->status : ISYNC_ERR_IO;
    }
    *list = json_array();
    for (size_t i = 0; i < count; i++) {
        json_array_append_new(*list, held_summary(spool, ids[i]));
    }
    free(ids);
    return ISYNC_OK;
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
    if (!json_is_object(json_object_get(record, "anomaly"))) {
        json_object_set_new(record, "anomaly", json_object());
    }
    json_object_set_new(json_object_get(record, "anomaly"), "released_at", json_integer(isync_now_ms()));
    json_object_set_new(record, "state", json_string("ready"));
    isync_status st = isync_spool_record_save(spool, id, record, err);
    json_decref(record);
    if (st == ISYNC_OK) {
        st = isync_spool_move(spool, id, ISYNC_STATE_HELD, ISYNC_STATE_READY, err);
    }
    return st;
}

isync_status isync_held_discard(const isync_spool *spool, const char *id, isync_error *err)
{
    isync_status st = isync_spool_remove(spool, ISYNC_STATE_HELD, id, err);
    if (st == ISYNC_OK) {
        isync_spool_record_remove(spool, id);
        isync_spool_sync(spool, ISYNC_STATE_HELD, NULL);
    }
    return st;
}
