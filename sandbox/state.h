/*
 * In-memory M3 data for company 100, division AAA: master data and customer orders.
 *
 * Seed data (restored by state_reset):
 *   customers  WEBSHOP "Web shop sales", GUEST "Guest checkout",
 *              C10001 "Anna Schmidt", C10002 "John Miller"
 *   items      TSHIRT-BLK-M, TSHIRT-WHT-L, MUG-LOGO, CAP-RED, SOCKS-3PK,
 *              HOODIE-GRY-XL, POSTER-A2, BOTTLE-500 (each with ITDS and a sales price SAPR)
 *   order types DTC, WEB; facility 100; warehouses 100, 200
 *
 * A batch order is a JSON object:
 *   {"ORNO": batch number, "STAT": "10" entered | "90" order created,
 *    "ORNR": real order number or "", "sent": {fields sent}, "eff": {fields with defaults},
 *    "lines": [{"sent": {...}, "eff": {... PONR, POSX ...}}], "next_ponr": n}
 * Confirming a batch order gives it an ORNR; that real order is the same object.
 *
 * Every function below except state_init/state_free requires state_lock().
 */
#ifndef SANDBOX_STATE_H
#define SANDBOX_STATE_H

#include <jansson.h>

#define COMPANY "100"
#define DIVISION "AAA"

void state_init(void);
void state_free(void);
void state_lock(void);
void state_unlock(void);

/* Back to the seed: orders, batch orders, number series and added master data. */
void state_reset(void);

const char *state_customer(const char *cuno); /* name, or NULL when unknown */
const json_t *state_item(const char *itno);   /* {"ITDS","SAPR"}, or NULL */
int state_is_order_type(const char *ortp);
int state_is_facility(const char *faci);
int state_is_warehouse(const char *whlo);
void state_add_customer(const char *cuno, const char *cunm);
void state_add_item(const char *itno, const char *itds, const char *sapr);

json_t *state_batches(void);                   /* all batch orders, oldest first (borrowed) */
json_t *state_batch(const char *orno);         /* batch order by batch number, or NULL */
json_t *state_order(const char *ornr);         /* confirmed batch order by real number, or NULL */
json_t *state_add_batch(json_t *sent, json_t *eff); /* steals both; returns the new batch */
void state_delete_batch(const char *orno);
const char *state_confirm(json_t *batch);      /* assigns and returns the real order number */

#endif
