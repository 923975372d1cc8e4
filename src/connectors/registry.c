#include "connectors/registry.h"

#include <string.h>

#include "connectors/m3_customer.h"
#include "connectors/m3_order.h"
#include "connectors/m3_payment.h"
#include "connectors/m3_status.h"
#include "connectors/xref.h"

/* The table: one row per event type. A new target: its file and its rows. */
static const isync_connector connectors[] = {
    {"order.placed", "m3_order", isync_m3_order_deliver},
    {"order.status_changed", "m3_status", isync_m3_status_deliver},
    {"customer.created", "m3_customer", isync_m3_customer_deliver},
    {"customer.updated", "m3_customer", isync_m3_customer_deliver},
    {ISYNC_CUSTOMER_INDEX_TYPE, "m3_customer", isync_m3_customer_deliver},
    {"payment.captured", "m3_payment", isync_m3_payment_deliver},
    {"payment.refunded", "m3_payment", isync_m3_payment_deliver},
    {"payment.voided", "m3_payment", isync_m3_payment_deliver},
};

const isync_connector *isync_connectors(size_t *count)
{
    *count = sizeof connectors / sizeof connectors[0];
    return connectors;
}

const isync_connector *isync_connector_find(const char *type)
{
    for (size_t i = 0; type && i < sizeof connectors / sizeof connectors[0]; i++) {
        if (strcmp(connectors[i].type, type) == 0) {
            return &connectors[i];
        }
    }
    return NULL;
}

isync_delivery_result isync_connector_deliver(isync_connector_ctx *ctx)
{
    const isync_connector *connector = isync_connector_find(ctx->type);
    if (!connector) {
        return isync_connector_dead_letter(ctx, "no connector for event type \"%.40s\"", ctx->type ? ctx->type : "");
    }
    return ctx->out->result = connector->deliver(ctx);
}
