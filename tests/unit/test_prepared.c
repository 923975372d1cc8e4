/* Templates prepared when they are loaded (mapping/prepared): paths split
 * into steps, sources, transforms, conditions and the field specification's
 * rules, as the evaluator reads them. That the evaluator gives the same
 * results with them is test_mapping_check's and test_mapping's part. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "mapping/mapping_set.h"
#include "mapping/prepared.h"
#include "mapping/template.h"

static isync_m3_spec *spec;

static int setup(void **state)
{
    (void)state;
    return isync_m3_spec_load(NULL, &spec, NULL) == ISYNC_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    isync_m3_spec_free(spec);
    return 0;
}

static const char customer_template[] =
    "{\"format\": 1, \"event\": \"customer.created\", \"target\": \"m3\", \"calls\": [{\"id\": \"add\","
    " \"program\": \"CRS610MI\", \"transaction\": \"Add\", \"fields\": {"
    " \"CUTM\": {\"setting\": \"customer_template\"}, \"CUNO\": {\"context\": \"customer\"},"
    " \"TOWN\": {\"from\": \"addresses[1].city\", \"transform\": [\"trim\", {\"truncate\": 20}]},"
    " \"CUA1\": {\"from\": \"tags[code=A.B].name\", \"when\": {\"not\": {\"exists\": \"setting:warehouse\"}}},"
    " \"CUNM\": {\"concat\": [{\"from\": \"firstname\"}, {\"const\": \"X\"}], \"separator\": \" \","
    "  \"default\": \"Nobody\"},"
    " \"PHNO\": {\"setting\": \"facility\", \"when\": {\"any\": [{\"equals\": {\"path\": \"a.b\", \"value\": \"v\"}},"
    "  {\"nonzero\": \"amount\"}, {\"missing\": \"c\"}]}}}}]}";

static isync_template *parse(const char *text)
{
    isync_template *tmpl = NULL;
    json_t *problems = json_array();
    isync_status st = isync_template_parse(text, strlen(text), "customer.created.json", "test", spec, &tmpl, problems);
    if (st != ISYNC_OK) {
        char *dump = json_dumps(problems, JSON_INDENT(1));
        fprintf(stderr, "%s\n", dump);
        free(dump);
    }
    json_decref(problems);
    assert_int_equal(st, ISYNC_OK);
    assert_non_null(tmpl->prepared);
    return tmpl;
}

static const isync_prepared_field *field_named(const isync_prepared_call *call, const char *name)
{
    for (size_t i = 0; i < call->field_count; i++) {
        if (strcmp(call->fields[i].name, name) == 0) {
            return &call->fields[i];
        }
    }
    fail_msg("no field %s", name);
    return NULL;
}

static void assert_step(const isync_path_step *step, const char *name, int kind)
{
    assert_int_equal(step->name_len, strlen(name));
    assert_memory_equal(step->name, name, step->name_len);
    assert_int_equal(step->kind, kind);
}

static void test_paths_in_steps(void **state)
{
    (void)state;
    isync_template *tmpl = parse(customer_template);
    const isync_prepared *p = tmpl->prepared;
    assert_ptr_equal(p->spec, spec);
    assert_int_equal(p->call_count, 1);
    const isync_prepared_call *call = &p->calls[0];
    assert_string_equal(call->id, "add");
    assert_null(call->for_each.text);
    assert_null(call->when);

    const isync_path *town = &field_named(call, "TOWN")->value.path;
    assert_int_equal(field_named(call, "TOWN")->value.kind, ISYNC_VALUE_FROM);
    assert_string_equal(town->text, "addresses[1].city");
    assert_int_equal(town->base, ISYNC_PATH_EVENT);
    assert_int_equal(town->count, 2);
    assert_step(&town->steps[0], "addresses", ISYNC_STEP_INDEX);
    assert_int_equal(town->steps[0].index, 1);
    assert_step(&town->steps[1], "city", ISYNC_STEP_KEY);

    /* a '.' inside [...] belongs to the selector */
    const isync_path *tag = &field_named(call, "CUA1")->value.path;
    assert_int_equal(tag->count, 2);
    assert_step(&tag->steps[0], "tags", ISYNC_STEP_SELECT);
    assert_int_equal(tag->steps[0].key_len, 4);
    assert_memory_equal(tag->steps[0].key, "code", 4);
    assert_int_equal(tag->steps[0].value_len, 3);
    assert_memory_equal(tag->steps[0].value, "A.B", 3);
    assert_step(&tag->steps[1], "name", ISYNC_STEP_KEY);
    isync_template_free(tmpl);
}

static void test_sources_transforms_conditions(void **state)
{
    (void)state;
    isync_template *tmpl = parse(customer_template);
    const isync_prepared_call *call = &tmpl->prepared->calls[0];

    const isync_value *cuno = &field_named(call, "CUNO")->value;
    assert_int_equal(cuno->kind, ISYNC_VALUE_CONTEXT);
    assert_string_equal(cuno->name, "customer");
    assert_string_equal(json_string_value(cuno->placeholder), "{customer}");

    const isync_value *town = &field_named(call, "TOWN")->value;
    assert_int_equal(town->transform_count, 2);
    assert_string_equal(town->transforms[0].name, "trim");
    assert_ptr_equal(town->transforms[0].def, isync_transform_find("trim"));
    assert_null(town->transforms[0].arg);
    assert_string_equal(town->transforms[1].name, "truncate");
    assert_ptr_equal(town->transforms[1].def, isync_transform_find("truncate"));
    assert_int_equal(json_integer_value(town->transforms[1].arg), 20);
    assert_null(isync_transform_find("no_such_transform"));

    const isync_value *cunm = &field_named(call, "CUNM")->value;
    assert_int_equal(cunm->kind, ISYNC_VALUE_CONCAT);
    assert_int_equal(cunm->part_count, 2);
    assert_string_equal(cunm->separator, " ");
    assert_int_equal(cunm->parts[0].kind, ISYNC_VALUE_FROM);
    assert_int_equal(cunm->parts[1].kind, ISYNC_VALUE_CONST);
    assert_non_null(cunm->fallback);
    assert_int_equal(cunm->fallback->kind, ISYNC_VALUE_TEXT);
    assert_string_equal(json_string_value(cunm->fallback->spec), "Nobody");

    const isync_condition *not = field_named(call, "CUA1")->when;
    assert_int_equal(not ->kind, ISYNC_COND_NOT);
    assert_int_equal(not ->children[0].kind, ISYNC_COND_EXISTS);
    assert_int_equal(not ->children[0].path.base, ISYNC_PATH_SETTING);
    assert_string_equal(not ->children[0].path.setting, "warehouse");

    const isync_condition *any = field_named(call, "PHNO")->when;
    assert_int_equal(any->kind, ISYNC_COND_ANY);
    assert_int_equal(any->count, 3);
    assert_int_equal(any->children[0].kind, ISYNC_COND_EQUALS);
    assert_string_equal(any->children[0].value, "v");
    assert_int_equal(any->children[0].path.count, 2);
    assert_int_equal(any->children[1].kind, ISYNC_COND_NONZERO);
    assert_int_equal(any->children[2].kind, ISYNC_COND_MISSING);
    assert_null(field_named(call, "TOWN")->when);
    isync_template_free(tmpl);
}

/* Each field's rule and the call's mandatory fields, from the spec the template was loaded with. */
static void test_rules_of_the_spec(void **state)
{
    (void)state;
    isync_template *tmpl = parse(customer_template);
    const isync_prepared_call *call = &tmpl->prepared->calls[0];
    const isync_m3_transaction *tx = isync_m3_spec_transaction(spec, "CRS610MI", "Add");
    assert_ptr_equal(call->tx, tx);
    for (size_t i = 0; i < call->field_count; i++) {
        assert_ptr_equal(call->fields[i].rule, isync_m3_transaction_field(spec, tx, call->fields[i].name));
        assert_non_null(call->fields[i].rule);
    }
    /* every mandatory input but CONO, with the template's field or none */
    json_t *names = isync_m3_transaction_mandatory(tx);
    size_t expected = 0, index;
    json_t *name;
    json_array_foreach(names, index, name)
    {
        expected += strcmp(json_string_value(name), "CONO") != 0;
    }
    assert_true(expected > 0);
    assert_int_equal(call->mandatory_count, expected);
    for (size_t i = 0; i < call->mandatory_count; i++) { /* a template maps them all (template.c) */
        const isync_prepared_mandatory *m = &call->mandatory[i];
        assert_string_not_equal(m->name, "CONO");
        assert_true(m->field < call->field_count);
        assert_string_equal(call->fields[m->field].name, m->name);
    }
    /* the mandatory fields of another transaction (another spec's rules at evaluation) */
    size_t count;
    isync_prepared_mandatory *other = isync_prepared_mandatory_of(
        call, isync_m3_spec_transaction(spec, "OIS100MI", "AddBatchHead"), &count);
    assert_non_null(other);
    assert_true(count > 0);
    for (size_t i = 0; i < count; i++) {
        size_t j = 0;
        while (j < call->field_count && strcmp(call->fields[j].name, other[i].name) != 0) {
            j++;
        }
        assert_int_equal(other[i].field, j); /* the field of that name, or field_count for none */
    }
    free(other);
    assert_null(isync_prepared_mandatory_of(call, NULL, &count));
    assert_int_equal(count, 0);
    isync_template_free(tmpl);
}

/* The built-in order template: for_each, call conditions, item paths, defaults, lines. */
static void test_builtin_order_template(void **state)
{
    (void)state;
    isync_mapping_set *set;
    assert_int_equal(isync_mapping_set_open(NULL, NULL, &set, NULL), ISYNC_OK);
    const isync_template *tmpl = isync_mapping_set_get(set, "order.placed");
    const isync_prepared *p = tmpl->prepared;
    assert_ptr_equal(p->spec, isync_mapping_set_spec(set));
    assert_int_equal(p->call_count, json_array_size(json_object_get(tmpl->root, "calls")));
    assert_string_equal(p->calls[0].id, "head");
    assert_int_equal(p->calls[0].line, 7);
    const isync_condition *otba = field_named(&p->calls[0], "OTBA")->when;
    assert_int_equal(otba->kind, ISYNC_COND_EXISTS);
    assert_step(&otba->path.steps[0], "surcharges", ISYNC_STEP_SELECT);
    assert_int_equal(field_named(&p->calls[0], "OTBA")->value.transform_count, 3);
    int lines = 0;
    for (size_t i = 0; i < p->call_count; i++) {
        const isync_prepared_call *call = &p->calls[i];
        if (call->for_each.text && strcmp(call->id, "line") == 0) {
            lines = 1;
            assert_string_equal(call->for_each.text, "items");
            const isync_path *sku = &field_named(call, "ITNO")->value.path;
            assert_int_equal(sku->base, ISYNC_PATH_ITEM);
            assert_int_equal(sku->count, 1);
            assert_step(&sku->steps[0], "sku", ISYNC_STEP_KEY);
            const isync_value *whlo = &field_named(call, "WHLO")->value;
            assert_int_equal(whlo->fallback->kind, ISYNC_VALUE_SETTING);
            assert_int_equal(field_named(call, "ORNO")->value.kind, ISYNC_VALUE_OUTPUT);
            assert_string_equal(json_string_value(field_named(call, "ORNO")->value.placeholder), "{head.ORNO}");
        }
        if (strcmp(call->id, "shipping_charge") == 0) {
            assert_int_equal(call->when->kind, ISYNC_COND_ALL);
            assert_int_equal(call->when->count, 3);
        }
    }
    assert_true(lines);
    isync_mapping_set_free(set);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paths_in_steps),
        cmocka_unit_test(test_sources_transforms_conditions),
        cmocka_unit_test(test_rules_of_the_spec),
        cmocka_unit_test(test_builtin_order_template),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
