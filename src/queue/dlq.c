#include "queue/dlq.h"

#include <stdlib.h>
#include <string.h>

static json_t *dead_letter_summary(const isync_spool *spool, const char *id)
{
    json_t *record = NULL;
    json_t *envelope = isync_spool_envelope(spool, ISYNC_STATE_DEAD, id, NULL);
    isync_spool_record_load(spool, id, &record, NULL);
    json_t *payload = json_object_get(envelope, "payload");
    json_t *item = json_pack("{s:s, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}", "id", id, "type",
                             json_object_get(envelope, "type"), "created_at", json_object_get(envelope, "created_at"),
                             "dead_at", json_object_get(record, "dead_at"), "attempts",
                             json_object_get(record, "attempts"), "reason", json_object_get(record, "reason"),
                             "infor_error", json_object_get(record, "infor_error"), "order_number",
                             json_object_get(payload, "order_number"), "infor", json_object_get(record, "infor"));
    json_decref(record);
    json_decref(envelope);
    return item;
}

isync_status isync_dlq_list(const isync_spool *spool, size_t limit, json_t **list, isync_error *err)
{
    return isync_spool_summaries(spool, ISYNC_STATE_DEAD, limit, dead_letter_summary, list, err);
}

static isync_status retry_one(const isync_spool *spool, const char *id, isync_error *err)
{
    json_t *record = NULL;
    isync_state state;
    /* only a dead letter's record may be reset (not a deferred or done event's) */
    if (isync_spool_locate(spool, id, &state) != ISYNC_OK || state != ISYNC_STATE_DEAD) {
        return isync_fail(err, ISYNC_ERR_NOTFOUND, 0, "no dead letter %s", id);
    }
    isync_spool_record_load(spool, id, &record, NULL);
    /* a fresh retry budget; "progress" stays so the connector resumes */
    json_object_del(record, "first_attempt_at");
    json_object_del(record, "next_attempt_at");
    json_object_del(record, "dead_at");
    json_object_set_new(record, "replays", json_integer(json_integer_value(json_object_get(record, "replays")) + 1));
    isync_status st = isync_spool_requeue(spool, id, ISYNC_STATE_DEAD, record, err);
    json_decref(record);
    return st;
}

long isync_dlq_retry(const isync_spool *spool, const char *id, isync_error *err)
{
    char(*ids)[ISYNC_ID_SIZE] = NULL;
    size_t count = 0;
    long moved = 0;

    if (id) {
        isync_status st = retry_one(spool, id, err);
        return st == ISYNC_OK ? 1 : st == ISYNC_ERR_NOTFOUND ? 0 : -1;
    }
    if (isync_spool_list(spool, ISYNC_STATE_DEAD, 0, &ids, &count, err) != ISYNC_OK) {
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        moved += retry_one(spool, ids[i], NULL) == ISYNC_OK;
    }
    free(ids);
    return moved;
}

isync_status isync_dlq_discard(const isync_spool *spool, const char *id, isync_error *err)
{
    return isync_spool_discard(spool, ISYNC_STATE_DEAD, id, err);
}

isync_status isync_event_lookup(const isync_spool *spool, const char *id, json_t **info, isync_error *err)
{
    isync_state state;
    json_t *record = NULL;
    *info = NULL;
    if (isync_spool_locate(spool, id, &state) != ISYNC_OK) {
        return isync_fail(err, ISYNC_ERR_NOTFOUND, 0, "no event %s in the spool", id);
    }
    json_t *envelope = isync_spool_envelope(spool, state, id, err);
    isync_spool_record_load(spool, id, &record, NULL);
    *info = json_pack("{s:s, s:s, s:O?, s:O?, s:O?, s:O?, s:o}", "id", id, "state", isync_state_name(state), "type",
                      json_object_get(envelope, "type"), "created_at", json_object_get(envelope, "created_at"),
                      "idempotency_key", json_object_get(envelope, "idempotency_key"), "payload",
                      json_object_get(envelope, "payload"), "record", record);
    json_decref(envelope);
    return ISYNC_OK;
}
