/*
 * AddPayment records a cash desk payment once: CSHD + PMNB is its key.
 * Error codes: XRE0103 unknown cash desk, WPM0101 payment number already exists,
 * XIM0002 unknown payer, WNU0101 zero amount.
 */
#include "ois215mi.h"

#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "util.h"

static int same_payment(const json_t *payment, const char *cshd, const char *pmnb)
{
    return !strcmp(jstr(payment, "CSHD"), cshd) && strtoul(jstr(payment, "PMNB"), NULL, 10) == strtoul(pmnb, NULL, 10);
}

static int payment_exists(const char *cshd, const char *pmnb)
{
    size_t i;
    json_t *p;

    json_array_foreach(state_payments(), i, p) if (same_payment(p, cshd, pmnb)) return 1;
    return 0;
}

static int check_payment(struct mi_call *c)
{
    const char *cshd = mi_in(c, "CSHD"), *pmnb = mi_in(c, "PMNB");

    if (!state_is_cash_desk(cshd)) {
        mi_nok(c, "XRE0103", "CSHD", "Cash desk %s does not exist", cshd);
        return 0;
    }
    if (payment_exists(cshd, pmnb)) {
        mi_nok(c, "WPM0101", "PMNB", "Payment number already exists");
        return 0;
    }
    if (!state_customer(mi_in(c, "PYNO"))) {
        mi_nok(c, "XIM0002", "PYNO", "Payer %s does not exist", mi_in(c, "PYNO"));
        return 0;
    }
    if (num_value(mi_in(c, "PMAM")) == 0) {
        mi_nok(c, "WNU0101", "PMAM", "Payment amount must not be zero");
        return 0;
    }
    return 1;
}

static void add_payment(struct mi_call *c)
{
    json_t *payment;
    char today[9];

    if (!check_payment(c))
        return;
    payment = json_deep_copy(c->in);
    json_object_del(payment, "CONO");
    today_yyyymmdd(today);
    jset(payment, "CONO", COMPANY);
    jset(payment, "DIVI", DIVISION);
    jset(payment, "RGDT", today);
    json_array_append_new(state_payments(), payment);
}

static const struct mi_transaction transactions[] = {
    {"AddPayment", add_payment},
};

mi_fn ois215mi_find(const char *transaction)
{
    return mi_lookup(transactions, sizeof transactions / sizeof transactions[0], transaction);
}
