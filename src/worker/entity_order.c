/* Order per entity: an event waits behind an older event of its order or
 * customer that is retrying (deferred/), held for review (held/), in flight
 * on a lane, or left in ready/ in this round (docs/architecture.md#order-per-entity). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/log.h"
#include "worker/leader.h"
#include "worker/leader_private.h"

/* Remembers that a deferred or held event holds its entities' keys until it
 * leaves deferred/ or held/. held: the id of the held event at the head of
 * the queue (then due means nothing: it waits for a release), else NULL. */
void isync_leader_block_keys(isync_leader *leader, const char *id, json_t *record, long long due, const char *held)
{
    size_t index;
    json_t *key;
    json_array_foreach(json_object_get(record, "keys"), index, key)
    {
        json_t *holder = json_object_get(leader->blocked, json_string_value(key));
        const char *holder_id = json_string_value(json_object_get(holder, "id"));
        if (!holder_id || strcmp(id, holder_id) < 0) {
            json_object_set_new(leader->blocked, json_string_value(key),
                                json_pack("{s:s, s:I, s:s?}", "id", id, "due", (json_int_t)due, "held", held));
        }
    }
}

/* The oldest deferred event, older than this one, that shares one of its
 * entity keys, or NULL: then this one must wait for it. */
json_t *isync_leader_blocking_event(isync_leader *leader, const char *id, json_t *record)
{
    size_t index;
    json_t *key;
    json_array_foreach(json_object_get(record, "keys"), index, key)
    {
        json_t *holder = json_object_get(leader->blocked, json_string_value(key));
        const char *holder_id = json_string_value(json_object_get(holder, "id"));
        if (holder_id && strcmp(holder_id, id) < 0) {
            return holder;
        }
    }
    return NULL;
}

/* Puts an event behind the older event of the same entity that is retrying:
 * both become due together and go in id order. Behind a held event it has
 * no due time ("held_behind"): it goes when that one left held/. No attempt
 * is counted. */
void isync_leader_wait_behind(isync_leader *leader, const char *id, json_t *record, json_t *holder)
{
    isync_error err;
    long long due = json_integer_value(json_object_get(holder, "due"));
    const char *held = json_string_value(json_object_get(holder, "held"));
    json_object_set_new(record, "state", json_string("deferred"));
    if (held) {
        json_object_del(record, "next_attempt_at");
        json_object_set_new(record, "held_behind", json_string(held));
    } else {
        json_object_set_new(record, "next_attempt_at", json_integer(due));
    }
    json_object_set(record, "waiting_for", json_object_get(holder, "id"));
    if (isync_spool_record_save(&leader->spool, id, record, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
    isync_leader_block_keys(leader, id, record, due, held);
    if (!held && (leader->next_due_ms == 0 || due < leader->next_due_ms)) {
        leader->next_due_ms = due;
    }
    if (isync_spool_move_unsynced(&leader->spool, id, ISYNC_STATE_ACTIVE, ISYNC_STATE_DEFERRED, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
    isync_log(ISYNC_LOG_INFO, "event %s waits for event %s of the same order or customer", id,
              json_string_value(json_object_get(holder, "id")));
}

/* 1 when one of keys is in flight or was passed over in this round (the
 * older event of that entity is still in ready/): the event must wait. */
int isync_leader_entity_busy(isync_leader *leader, json_t *keys, json_t *passed)
{
    size_t index;
    json_t *key;
    json_array_foreach(keys, index, key)
    {
        const char *name = json_string_value(key);
        if (json_object_get(leader->in_flight, name) || json_object_get(passed, name)) {
            return 1;
        }
    }
    return 0;
}

void isync_leader_mark_keys(json_t *set, json_t *keys, const char *id)
{
    size_t index;
    json_t *key;
    json_array_foreach(keys, index, key)
    {
        json_object_set_new(set, json_string_value(key), json_string(id));
    }
}

/* 1 when held/ changed since the last look: an admin released or
 * discarded an event, so the events waiting behind it may go. */
int isync_leader_held_changed(isync_leader *leader)
{
    struct stat st;
    char *path = isync_spool_path(&leader->spool, "held");
    int changed = path && stat(path, &st) == 0 &&
        (st.st_mtim.tv_sec != leader->held_stamp.tv_sec || st.st_mtim.tv_nsec != leader->held_stamp.tv_nsec);
    if (changed) {
        leader->held_stamp = st.st_mtim;
    }
    free(path);
    return changed;
}

/* Held events keep their entities' keys. Returns the set of held ids. */
json_t *isync_leader_block_held(isync_leader *leader)
{
    char(*ids)[ISYNC_ID_SIZE] = NULL;
    size_t count = 0;
    json_t *held = json_object();
    if (isync_spool_list(&leader->spool, ISYNC_STATE_HELD, 0, &ids, &count, NULL) != ISYNC_OK) {
        return held;
    }
    for (size_t i = 0; i < count; i++) {
        json_t *record = NULL;
        isync_spool_record_load(&leader->spool, ids[i], &record, NULL);
        isync_leader_block_keys(leader, ids[i], record, 0, ids[i]);
        json_object_set_new(held, ids[i], json_true());
        json_decref(record);
    }
    free(ids);
    return held;
}
