#include "inbound/poller.h"
#include "inbound/poller_private.h"

#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "connectors/order_index.h"

static int contains(json_t *array, const char *text)
{
    size_t index;
    json_t *value;
    json_array_foreach(array, index, value)
    {
        if (json_is_string(value) && strcmp(json_string_value(value), text) == 0) {
            return 1;
        }
    }
    return 0;
}

/* One delivery: order.shipped when Infor reports it shipped (PGRS >= 90).
 * Returns OK (emitted or not shipped yet: *shipped says which), or a failure. */
static isync_poll_result check_delivery(isync_poller *p, isync_m3_client *m3, const isync_business_config *cfg,
                                        json_t *order, const char *dlix, int *shipped)
{
    isync_m3_result head, shipment;
    const char *head_fields[] = {"DLIX", dlix, NULL};
    *shipped = 0;
    isync_m3_outcome outcome = isync_poller_call(p, m3, cfg, "MWS410MI", "GetHead", -1, head_fields, NULL, &head);
    if (outcome != ISYNC_M3_OK) {
        return isync_poller_failure(outcome, &head);
    }
    json_t *d = json_array_get(head.records, 0);
    if (strcmp(isync_poller_field(d, "PGRS"), "90") < 0) {
        isync_m3_result_clear(&head);
        return ISYNC_POLL_OK;
    }
    const char *conn = isync_poller_field(d, "CONN");
    json_t *s = NULL;
    isync_m3_result_init(&shipment);
    if (*conn && strtoll(conn, NULL, 10) != 0) {
        const char *ship_fields[] = {"CONN", conn, NULL};
        outcome = isync_poller_call_optional(p, m3, cfg, "DRS100MI", "GetShipment", ship_fields, "carrier_name",
                                             &shipment);
        if (outcome == ISYNC_M3_OK) {
            s = json_array_get(shipment.records, 0);
        } else if (outcome == ISYNC_M3_RETRY && shipment.http_status == 429) {
            isync_m3_result_clear(&head);
            return isync_poller_failure(outcome, &shipment); /* Infor asks to slow down: the poller pauses */
        } /* else only the carrier's name is missing: the shipment and its tracking number go out */
    }
    const char *carrier = *isync_poller_field(d, "FWNO") ? isync_poller_field(d, "FWNO")
                                                         : isync_poller_field(s, "FWNO");
    const char *shipped_at = *isync_poller_field(d, "DSDT") ? isync_poller_field(d, "DSDT")
                                                            : isync_poller_field(s, "DSDT");
    json_t *payload = json_pack("{s:O, s:O, s:s, s:s, s:s, s:s, s:s, s:s}", "order_number",
                                json_object_get(order, "order_number"), "infor_order", json_object_get(order, "orno"),
                                "delivery", dlix, "shipment", conn, "tracking_number", isync_poller_field(d, "ETRN"),
                                "carrier", carrier, "carrier_name", isync_poller_field(s, "SUNM"), "shipped_at",
                                shipped_at);
    if (!*isync_poller_field(s, "SUNM")) {
        json_object_set_new(payload, "carrier_name", json_null());
    }
    isync_m3_result_clear(&shipment);
    isync_m3_result_clear(&head);
    if (!isync_poller_emit(p, "order.shipped", payload)) {
        return ISYNC_POLL_FAILED;
    }
    json_decref(payload);
    *shipped = 1;
    return ISYNC_POLL_OK;
}

static isync_poll_result poll_order(isync_poller *p, isync_m3_client *m3, const isync_business_config *cfg,
                                    json_t *order, long *emitted)
{
    isync_error err;
    const char *number = json_string_value(json_object_get(order, "order_number"));
    const char *orno = json_string_value(json_object_get(order, "orno"));
    json_t *orders = isync_poller_section(p, "orders");
    json_t *mine = json_object_get(orders, number);
    isync_m3_result res;

    if (!number || !orno || !*orno) {
        return ISYNC_POLL_OK;
    }
    if (!json_is_object(mine)) {
        json_object_set_new(orders, number, json_pack("{s:n, s:n, s:[]}", "orst", "orsl", "shipped"));
        mine = json_object_get(orders, number);
    }
    /* status */
    const char *head_fields[] = {"ORNO", orno, NULL};
    isync_m3_outcome outcome = isync_poller_call(p, m3, cfg, "OIS100MI", "GetHead", -1, head_fields, NULL, &res);
    if (outcome != ISYNC_M3_OK) {
        return isync_poller_failure(outcome, &res);
    }
    char orst[8], orsl[8];
    snprintf(orst, sizeof orst, "%s",
             isync_m3_record_field(&res, 0, "ORST") ? isync_m3_record_field(&res, 0, "ORST") : "");
    snprintf(orsl, sizeof orsl, "%s",
             isync_m3_record_field(&res, 0, "ORSL") ? isync_m3_record_field(&res, 0, "ORSL") : "");
    isync_m3_result_clear(&res);

    /* deliveries */
    const char *line_fields[] = {"RORC", "3", "RIDN", orno, NULL};
    outcome = isync_poller_call(p, m3, cfg, "MWS411MI", "LstDelLnByOrd", 0, line_fields, NULL, &res);
    if (outcome != ISYNC_M3_OK && outcome != ISYNC_M3_MI_ERROR) {
        return isync_poller_failure(outcome, &res);
    }
    json_t *deliveries = json_array();
    size_t index;
    json_t *line;
    json_array_foreach(res.records, index, line)
    {
        const char *dlix = isync_poller_field(line, "DLIX");
        if (*dlix && !contains(deliveries, dlix)) {
            json_array_append_new(deliveries, json_string(dlix));
        }
    }
    isync_m3_result_clear(&res);
    json_t *shipped = json_object_get(mine, "shipped");
    int pending = 0;
    json_t *dlix;
    json_array_foreach(deliveries, index, dlix)
    {
        int done = 0;
        if (contains(shipped, json_string_value(dlix))) {
            continue;
        }
        isync_poll_result r = check_delivery(p, m3, cfg, order, json_string_value(dlix), &done);
        if (r != ISYNC_POLL_OK) {
            json_decref(deliveries);
            return r;
        }
        if (done) {
            json_array_append(shipped, dlix);
            (*emitted)++;
        } else {
            pending++;
        }
    }
    json_decref(deliveries);

    /* the status after the shipments: "shipped" comes with its tracking number first */
    if (!json_is_string(json_object_get(mine, "orst")) ||
        strcmp(json_string_value(json_object_get(mine, "orst")), orst) != 0 ||
        !json_is_string(json_object_get(mine, "orsl")) ||
        strcmp(json_string_value(json_object_get(mine, "orsl")), orsl) != 0) {
        /* the lowest line status is how far the whole order got */
        const char *shipping = isync_status_map_shipping_for(&cfg->status_map, orsl);
        json_t *payload = json_pack("{s:O, s:s, s:s, s:s, s:s?}", "order_number",
                                    json_object_get(order, "order_number"), "infor_order", orno, "infor_status", orst,
                                    "infor_lowest_status", orsl, "shipping_status", shipping);
        if (!shipping) {
            json_object_set_new(payload, "shipping_status", json_null());
        }
        if (!isync_poller_emit(p, "order.status", payload)) {
            return ISYNC_POLL_FAILED;
        }
        json_decref(payload);
        json_object_set_new(mine, "orst", json_string(orst));
        json_object_set_new(mine, "orsl", json_string(orsl));
        (*emitted)++;
    }
    /* every line delivered and every delivery announced: nothing more to poll */
    if (pending == 0 && json_array_size(shipped) > 0 && strcmp(orsl, "66") >= 0) {
        json_t *entry = json_deep_copy(order);
        json_object_set_new(entry, "shipped", json_true());
        if (isync_poller_save_state(p) != 0 || isync_order_index_put(p->spool, entry, &err) != ISYNC_OK) {
            json_decref(entry);
            return ISYNC_POLL_FAILED;
        }
        json_decref(entry);
        json_object_del(orders, number);
    }
    return ISYNC_POLL_OK;
}

isync_poll_result isync_poll_shipments(isync_poller *p, isync_m3_client *m3, const isync_business_config *cfg)
{
    isync_error err;
    json_t *open = NULL;
    long emitted = 0;
    isync_poll_result result = ISYNC_POLL_OK;

    if (isync_poller_is_paused(p)) {
        return ISYNC_POLL_PAUSED;
    }
    if (isync_order_index_open_orders(p->spool, &open, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "shipment poll: %s", err.message);
        return ISYNC_POLL_FAILED;
    }
    size_t index;
    json_t *order;
    json_array_foreach(open, index, order)
    {
        result = poll_order(p, m3, cfg, order, &emitted);
        if (result == ISYNC_POLL_PAUSED) {
            break;
        }
        /* a failed order does not hold the others back */
    }
    json_decref(open);
    return isync_poller_saved(p, result, "shipment", emitted, "order");
}
