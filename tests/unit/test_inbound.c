/* The inbound queue: events from Infor wait for the shop until acknowledged. */
#include "unit.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inbound/inbound.h"
#include "queue/spool.h"

typedef struct {
    char root[64];
    char dir[128];
    isync_spool spool;
} fixture;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->root, sizeof f->root, "/tmp/test_inbound_XXXXXX");
    assert_non_null(mkdtemp(f->root));
    snprintf(f->dir, sizeof f->dir, "%s/spool", f->root);
    assert_int_equal(isync_spool_open(&f->spool, f->dir, 1, NULL), ISYNC_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    isync_spool_close(&f->spool);
    nftw(f->root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(f);
    return 0;
}

static void add(fixture *f, const char *type, const char *sku, char id[ISYNC_ID_SIZE])
{
    json_t *payload = json_pack("{s:s, s:s}", "sku", sku, "quantity", "7");
    assert_int_equal(isync_inbound_add(&f->spool, type, payload, id, NULL), ISYNC_OK);
    json_decref(payload);
    usleep(2000); /* distinct milliseconds: ids sort by time */
}

static json_t *fetch(fixture *f, size_t limit, json_t *types)
{
    json_t *events = NULL;
    assert_int_equal(isync_inbound_fetch(&f->spool, limit, types, &events, NULL), ISYNC_OK);
    return events;
}

static void test_fetch_oldest_first_until_acknowledged(void **state)
{
    fixture *f = *state;
    char first[ISYNC_ID_SIZE], second[ISYNC_ID_SIZE];
    add(f, "stock.changed", "MUG-LOGO", first);
    add(f, "order.shipped", "CAP-RED", second);

    for (int round = 0; round < 2; round++) {
        json_t *events = fetch(f, 10, NULL);
        assert_int_equal(json_array_size(events), 2);
        json_t *event = json_array_get(events, 0);
        assert_string_equal(json_string_value(json_object_get(event, "id")), first);
        assert_string_equal(json_string_value(json_object_get(event, "type")), "stock.changed");
        assert_string_equal(json_string_value(json_object_get(json_object_get(event, "payload"), "sku")), "MUG-LOGO");
        assert_non_null(json_object_get(event, "created_at"));
        json_decref(events);
    }
    const char *ids[] = { first, "0000000000000-0000000000" };
    assert_int_equal(isync_inbound_ack(&f->spool, ids, 2), 1);
    assert_int_equal(isync_inbound_ack(&f->spool, ids, 1), 0);
    json_t *events = fetch(f, 10, NULL);
    assert_int_equal(json_array_size(events), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(events, 0), "id")), second);
    json_decref(events);
}

static void test_limit_and_types(void **state)
{
    fixture *f = *state;
    char id[ISYNC_ID_SIZE];
    add(f, "stock.changed", "A", id);
    add(f, "order.shipped", "B", id);
    add(f, "stock.changed", "C", id);

    json_t *events = fetch(f, 1, NULL);
    assert_int_equal(json_array_size(events), 1);
    json_decref(events);

    json_t *types = json_pack("[s]", "stock.changed");
    events = fetch(f, 10, types);
    assert_int_equal(json_array_size(events), 2);
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_array_get(events, 1), "payload"), "sku")), "C");
    json_decref(events);
    json_decref(types);

    types = json_array(); /* empty: every type */
    events = fetch(f, 10, types);
    assert_int_equal(json_array_size(events), 3);
    json_decref(events);
    json_decref(types);
}

static void test_damaged_file_is_quarantined(void **state)
{
    fixture *f = *state;
    char good[ISYNC_ID_SIZE], bad[ISYNC_ID_SIZE], path[256];
    add(f, "stock.changed", "A", bad);
    add(f, "stock.changed", "B", good);
    snprintf(path, sizeof path, "%s/inbound/%s", f->dir, bad);
    FILE *file = fopen(path, "r+");
    assert_non_null(file);
    fseek(file, -3, SEEK_END);
    fputs("XYZ", file);
    fclose(file);

    json_t *events = fetch(f, 10, NULL);
    assert_int_equal(json_array_size(events), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(events, 0), "id")), good);
    json_decref(events);
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_CORRUPT), 1);
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_INBOUND), 1);
}

static void test_inbound_events_are_not_outbound(void **state)
{
    fixture *f = *state;
    char id[ISYNC_ID_SIZE];
    add(f, "stock.changed", "A", id);
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_READY), 0);
    isync_state where;
    assert_int_equal(isync_spool_locate(&f->spool, id, &where), ISYNC_OK);
    assert_int_equal(where, ISYNC_STATE_INBOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fetch_oldest_first_until_acknowledged, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limit_and_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_file_is_quarantined, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inbound_events_are_not_outbound, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
