/*
 * Deliveries and shipments: MWS410MI GetHead (delivery head), MWS411MI LstDelLnByOrd
 * (delivery lines of an order), DRS100MI GetShipment, and shipping an order (control API).
 */
#ifndef SANDBOX_DELIVERY_H
#define SANDBOX_DELIVERY_H

#include <stddef.h>
#include <jansson.h>

#include "m3.h"

mi_fn mws410mi_find(const char *transaction);
mi_fn mws411mi_find(const char *transaction);
mi_fn drs100mi_find(const char *transaction);

/*
 * Ships the open lines (status below 77) of real order ORNO: one shipment (CONN) with one
 * delivery (DLIX, PGRS 90) per warehouse; the lines get status 77. `request` holds ORNO and
 * optionally ETRN, FWNO, SUNM. Returns 0 and a new summary in *shipped, or an HTTP status
 * (404 unknown order, 409 nothing to ship) and a message in msg. Requires state_lock().
 */
int delivery_ship(const json_t *request, json_t **shipped, char *msg, size_t msg_size);

#endif
