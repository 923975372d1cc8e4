/*
 * Error codes: XIM0002 unknown customer, XRE0103 unknown customer template,
 * WCU0101 customer number already exists.
 * A new customer gets the template's defaults for fields not sent, STAT 20 unless sent,
 * RGDT and LMDT today; without CUNO the next number of the series C10100, C10101, ...
 */
#include "crs610mi.h"

#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "util.h"

/* Input fields that are not customer data. */
static const char *const not_stored[] = {"CONO", "CUTM", "PWM1", "PWM2"};

static json_t *customer_fields(const struct mi_call *c)
{
    json_t *fields = json_deep_copy(c->in);

    for (size_t i = 0; i < sizeof not_stored / sizeof not_stored[0]; i++)
        json_object_del(fields, not_stored[i]);
    return fields;
}

static json_t *find_customer(struct mi_call *c)
{
    json_t *rec = state_customer_record(mi_in(c, "CUNO"));

    if (!rec)
        mi_nok(c, "XIM0002", "CUNO", "Customer number %s does not exist", mi_in(c, "CUNO"));
    return rec;
}

static void add(struct mi_call *c)
{
    json_t *defaults = state_customer_template(mi_in(c, "CUTM")), *fields;
    char cuno[16];

    if (!defaults) {
        mi_nok(c, "XRE0103", "CUTM", "Customer template %s does not exist", mi_in(c, "CUTM"));
        return;
    }
    if (*mi_in(c, "CUNO") && state_customer_record(mi_in(c, "CUNO"))) {
        mi_nok(c, "WCU0101", "CUNO", "Customer number %s already exists", mi_in(c, "CUNO"));
        json_decref(defaults);
        return;
    }
    if (*mi_in(c, "CUNO"))
        copy_str(cuno, sizeof cuno, mi_in(c, "CUNO"));
    else
        state_next_customer_number(cuno);
    fields = customer_fields(c);
    json_object_update_missing(fields, defaults);
    json_decref(defaults);
    state_add_customer(cuno, fields);
    mi_add(c, json_pack("{s:s}", "CUNO", cuno));
}

static void chg_basic_data(struct mi_call *c)
{
    json_t *rec = find_customer(c), *fields;
    char today[9];

    if (!rec)
        return;
    fields = customer_fields(c);
    json_object_update(rec, fields);
    json_decref(fields);
    today_yyyymmdd(today);
    jset(rec, "LMDT", today);
    mi_add(c, json_pack("{s:s}", "CUNO", jstr(rec, "CUNO")));
}

static void get_basic_data(struct mi_call *c)
{
    json_t *rec = find_customer(c);

    if (rec)
        mi_add(c, json_deep_copy(rec));
}

static void lst_by_number(struct mi_call *c)
{
    const char *from = mi_in(c, "CUNO");
    size_t n;
    const char **numbers = sorted_keys(state_customers(), &n);

    for (size_t i = 0; i < n; i++)
        if (strcmp(numbers[i], from) >= 0)
            mi_add(c, json_deep_copy(state_customer_record(numbers[i])));
    free(numbers);
}

static const struct mi_transaction transactions[] = {
    {"Add", add},
    {"ChgBasicData", chg_basic_data},
    {"GetBasicData", get_basic_data},
    {"LstByNumber", lst_by_number},
};

mi_fn crs610mi_find(const char *transaction)
{
    return mi_lookup(transactions, sizeof transactions / sizeof transactions[0], transaction);
}
