/*
 * List: WHLO (XRE0103 when unknown); ITNO, WHSL, BANO position the start, as the key of a
 * List does: rows from that key on, in ITNO, WHSL, BANO order. One row per location and lot;
 * the rows of an item add up to its MMS200MI balance.
 */
#include "mms060mi.h"

#include <string.h>

#include "state.h"
#include "stock.h"
#include "util.h"

/* Whether the row's key (ITNO, WHSL, BANO) is at or after the start key that was sent. */
static int row_wanted(const struct mi_call *c, const json_t *row)
{
    static const char *const key[] = {"ITNO", "WHSL", "BANO"};

    for (size_t i = 0; i < sizeof key / sizeof key[0]; i++) {
        int cmp = strcmp(jstr(row, key[i]), mi_in(c, key[i]));
        if (cmp != 0)
            return cmp > 0;
    }
    return 1;
}

static void add_location_rows(struct mi_call *c, const json_t *balance)
{
    json_t *rows = stock_location_rows(balance), *row;
    size_t i;

    json_array_foreach(rows, i, row) if (row_wanted(c, row)) mi_add(c, json_incref(row));
    json_decref(rows);
}

/* The balances of the warehouse from the start item on (a binary search), until maxrecs rows. */
static void list(struct mi_call *c)
{
    const char *whlo = mi_in(c, "WHLO");
    json_t *balances = state_balances(), *b;

    if (!state_is_warehouse(whlo)) {
        mi_nok(c, "XRE0103", "WHLO", "Warehouse %s does not exist", whlo);
        return;
    }
    for (size_t i = state_balance_from(whlo, mi_in(c, "ITNO")); !mi_full(c); i++) {
        b = json_array_get(balances, i);
        if (!b || strcmp(jstr(b, "WHLO"), whlo) != 0)
            break;
        add_location_rows(c, b);
    }
}

static const struct mi_transaction transactions[] = {
    {"List", list},
};

mi_fn mms060mi_find(const char *transaction)
{
    return mi_lookup(transactions, sizeof transactions / sizeof transactions[0], transaction);
}
