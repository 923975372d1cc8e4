/*
 * Error codes: MM00101 unknown item, XRE0103 unknown warehouse or item not stocked there.
 * Allocatable AV01 = AVAL = available AV02 = STQT - ALQT (no reservations or planned receipts).
 */
#include "mms200mi.h"

#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "stock.h"
#include "util.h"

static const json_t *find_item(struct mi_call *c)
{
    const json_t *item = state_item(mi_in(c, "ITNO"));

    if (!item)
        mi_nok(c, "MM00101", "ITNO", "Item number %s does not exist", mi_in(c, "ITNO"));
    return item;
}

static int check_warehouse(struct mi_call *c)
{
    const char *whlo = mi_in(c, "WHLO");

    if (*whlo && !state_is_warehouse(whlo)) {
        mi_nok(c, "XRE0103", "WHLO", "Warehouse %s does not exist", whlo);
        return 0;
    }
    return 1;
}

static void get(struct mi_call *c)
{
    const json_t *item = find_item(c);

    if (item)
        mi_add(c, stock_item_record(item));
}

static void get_itm_whs_bal(struct mi_call *c)
{
    const json_t *balance;

    if (!check_warehouse(c) || !find_item(c))
        return;
    balance = state_balance(mi_in(c, "WHLO"), mi_in(c, "ITNO"));
    if (!balance) {
        mi_nok(c, "XRE0103", "ITNO", "Item %s is not stocked in warehouse %s", mi_in(c, "ITNO"), mi_in(c, "WHLO"));
        return;
    }
    mi_add(c, stock_balance_record(balance));
}

/* Balances in WHLO, ITNO order: of warehouse WHLO (all when not sent), from item ITNO on. */
static void lst_itm_whs_by_whs(struct mi_call *c)
{
    const char *whlo = mi_in(c, "WHLO"), *from = mi_in(c, "ITNO");
    size_t i;
    json_t *b;

    if (!check_warehouse(c))
        return;
    json_array_foreach(state_balances(), i, b)
    {
        if (*whlo && strcmp(jstr(b, "WHLO"), whlo) != 0)
            continue;
        if (strcmp(jstr(b, "ITNO"), from) >= 0)
            mi_add(c, stock_balance_record(b));
    }
}

static void lst_itm_by_itm(struct mi_call *c)
{
    size_t n;
    const char **numbers = sorted_keys(state_items(), &n);

    for (size_t i = 0; i < n; i++)
        if (strcmp(numbers[i], mi_in(c, "ITNO")) >= 0)
            mi_add(c, stock_item_record(state_item(numbers[i])));
    free(numbers);
}

static const struct mi_transaction transactions[] = {
    {"Get", get},
    {"GetItmWhsBal", get_itm_whs_bal},
    {"LstItmWhsByWhs", lst_itm_whs_by_whs},
    {"LstItmByItm", lst_itm_by_itm},
};

mi_fn mms200mi_find(const char *transaction)
{
    return mi_lookup(transactions, sizeof transactions / sizeof transactions[0], transaction);
}
