/* The connector table (connectors/connector.h): every event type the core
 * accepts has exactly one connector, an unknown type is a dead letter, and
 * the helpers every connector shares answer as the contract says. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "connectors/registry.h"
#include "connectors/m3_customer.h"
#include "queue/event.h"

static size_t rows_for(const char *type)
{
    size_t count, rows = 0;
    const isync_connector *table = isync_connectors(&count);
    for (size_t i = 0; i < count; i++) {
        rows += strcmp(table[i].type, type) == 0;
    }
    return rows;
}

/* isync_event_types(): "a, b, c" -> calls check(type) for each. */
static size_t each_known_type(void (*check)(const char *type))
{
    char list[512], *save = NULL;
    size_t seen = 0;
    snprintf(list, sizeof list, "%s", isync_event_types());
    for (char *type = strtok_r(list, ", ", &save); type; type = strtok_r(NULL, ", ", &save)) {
        check(type);
        seen++;
    }
    return seen;
}

static void has_one_connector(const char *type)
{
    assert_true(isync_event_type_known(type));
    if (rows_for(type) != 1) {
        fail_msg("event type %s has %zu connectors, not 1", type, rows_for(type));
    }
    const isync_connector *row = isync_connector_find(type);
    assert_non_null(row);
    assert_string_equal(row->type, type);
}

static void test_every_known_type_has_exactly_one_connector(void **state)
{
    (void)state;
    assert_true(each_known_type(has_one_connector) >= 7);
    /* the internal job InforSync\rebuild_customer_index() spools */
    assert_int_equal(rows_for(ISYNC_CUSTOMER_INDEX_TYPE), 1);
}

static void test_every_row_is_a_type_the_core_accepts(void **state)
{
    (void)state;
    size_t count;
    const isync_connector *table = isync_connectors(&count);
    assert_true(count > 0);
    for (size_t i = 0; i < count; i++) {
        assert_non_null(table[i].deliver);
        assert_non_null(table[i].name);
        if (!isync_event_type_known(table[i].type) && strcmp(table[i].type, ISYNC_CUSTOMER_INDEX_TYPE) != 0) {
            fail_msg("row %zu: %s is no event type the core accepts", i, table[i].type);
        }
    }
}

static int refuse_save(void *ctx, json_t *progress)
{
    (void)ctx;
    (void)progress;
    return -1;
}

/* A context with no client and no templates: nothing may be called. */
typedef struct {
    isync_mapping_env env;
    isync_business_config cfg;
    isync_delivery_outcome out;
    json_t *progress;
    isync_connector_ctx ctx;
} bare;

static void bare_open(bare *b, const char *type)
{
    memset(b, 0, sizeof *b);
    b->env.cfg = &b->cfg;
    b->progress = json_object();
    isync_delivery_outcome_init(&b->out);
    isync_connector_ctx ctx = { .env = &b->env, .cfg = &b->cfg, .type = type, .progress = b->progress,
                                .save = refuse_save, .out = &b->out };
    b->ctx = ctx;
}

static void bare_close(bare *b)
{
    isync_delivery_outcome_clear(&b->out);
    json_decref(b->progress);
}

static void test_unknown_type_is_a_dead_letter(void **state)
{
    (void)state;
    bare b;
    bare_open(&b, "order.shipped");
    assert_null(isync_connector_find("order.shipped"));
    assert_int_equal(isync_connector_deliver(&b.ctx), ISYNC_DEAD_LETTER);
    assert_int_equal(b.out.result, ISYNC_DEAD_LETTER);
    assert_string_equal(b.out.reason, "no connector for event type \"order.shipped\"");

    b.ctx.type = NULL;
    assert_null(isync_connector_find(NULL));
    assert_int_equal(isync_connector_deliver(&b.ctx), ISYNC_DEAD_LETTER);
    assert_string_equal(b.out.reason, "no connector for event type \"\"");
    bare_close(&b);
}

static void test_helpers(void **state)
{
    (void)state;
    bare b;
    bare_open(&b, "order.placed");
    assert_true(isync_connector_at_step(&b.ctx, "head"));
    assert_int_equal(isync_connector_save(&b.ctx, "lines"), ISYNC_RETRY_LATER);
    assert_string_equal(b.out.reason, "cannot save delivery progress in the spool; will retry");
    assert_true(isync_connector_at_step(&b.ctx, "lines"));

    b.ctx.mapping_error = "mapping/order.placed.json:3: unknown transform";
    assert_null(isync_connector_template(&b.ctx, "order.placed"));
    assert_int_equal(b.out.result, ISYNC_RETRY_LATER);
    assert_string_equal(b.out.reason, "no mapping template for order.placed: mapping/order.placed.json:3: unknown transform");
    assert_null(isync_connector_plan(&b.ctx, "payment.voided", b.progress, NULL));
    assert_string_equal(b.out.reason, "no mapping template for payment.voided: mapping/order.placed.json:3: unknown transform");

    assert_int_equal(isync_connector_dead_letter(&b.ctx, "customer %s: %d", "XC1", 7), ISYNC_DEAD_LETTER);
    assert_string_equal(b.out.reason, "customer XC1: 7");
    assert_int_equal(b.out.result, ISYNC_DEAD_LETTER);
    bare_close(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_known_type_has_exactly_one_connector),
        cmocka_unit_test(test_every_row_is_a_type_the_core_accepts),
        cmocka_unit_test(test_unknown_type_is_a_dead_letter),
        cmocka_unit_test(test_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
