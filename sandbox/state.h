/*
 * In-memory M3 data for company 100, division AAA: master data, stock, customer orders,
 * deliveries and shipments, cash desk payments and GL batches.
 *
 * Seed data (restored by state_reset):
 *   customers  WEBSHOP "Web shop sales", GUEST "Guest checkout",
 *              C10001 "Anna Schmidt", C10002 "John Miller" (with address, MAIL, TOWN, CSCD)
 *   customer templates TEMPLATE, WEBTMPL; new customer numbers C10100, C10101, ...
 *   items      TSHIRT-BLK-M, TSHIRT-WHT-L, MUG-LOGO, CAP-RED, SOCKS-3PK,
 *              HOODIE-GRY-XL, POSTER-A2, BOTTLE-500 (ITDS, SAPR, UNMS, ITGR, GRWE, LMDT, ...)
 *   stock      every item in warehouses 100 and 200, some on two locations
 *   order types DTC, WEB; facility 100; warehouses 100, 200; cash desk CD1
 *
 * Records are JSON objects of strings named as the M3 fields; members holding objects or
 * arrays are internal. Replies must copy (json_deep_copy), never share, state JSON.
 *
 * A batch order is a JSON object:
 *   {"ORNO": batch number, "STAT": "10" entered | "90" order created,
 *    "ORNR": real order number or "", "DELETED": true once the real order is deleted,
 *    "sent": {fields sent}, "eff": {fields with defaults},
 *    "lines": [{"sent": {...}, "eff": {... PONR, POSX ...}, "ORST": line status}],
 *    "addresses": [{"ADRT": "1".."99", "ADID", "CUNM", "CUA1", ... fields sent}],
 *    "next_ponr": n}
 * Confirming a batch order gives it an ORNR (lines get status 22); that real order is the
 * same object.
 *
 * An item-warehouse balance: {"WHLO","ITNO","STAT","STQT","ALQT","LMDT",
 *   "locations": ["A-01-01", "B-05-02"]} (the first location is the main one).
 * A delivery: {"DLIX","CONN","RORC","RIDN","WHLO","PGRS",...,"lines":[{"RIDL","ITNO","TRQT",...}]}.
 * A GL batch: {"KEY1","INTN","DESC","DIVI","STAT" "10" entered | "90" updated,
 *   "lines":[{"LINE","PARM"}]}.
 *
 * Every function below except state_init/state_free requires state_lock().
 */
#ifndef SANDBOX_STATE_H
#define SANDBOX_STATE_H

#include <stddef.h>
#include <jansson.h>

#define COMPANY "100"
#define DIVISION "AAA"

/* Line status of a confirmed order line. */
#define LINE_ALLOCATED "22"
#define LINE_DELIVERED "77"
#define LINE_CLOSED "99"

void state_init(void);
void state_free(void);
void state_lock(void);
void state_unlock(void);

/* Back to the seed: everything below, number series included. */
void state_reset(void);

/* Customers: CUNO -> record. */
const char *state_customer(const char *cuno); /* CUNM, or NULL when unknown */
json_t *state_customer_record(const char *cuno);
json_t *state_customers(void);
/* Adds or replaces a customer (steals fields); fills CONO, STAT 20, RGDT and LMDT when unset. */
json_t *state_add_customer(const char *cuno, json_t *fields);
/* New object with the default fields of a customer template, or NULL when unknown. */
json_t *state_customer_template(const char *cutm);
/* The first free number of the series C10100, C10101, ... (out holds 16 bytes). */
void state_next_customer_number(char *out);

/* Items: ITNO -> record (ITDS, SAPR, STAT, UNMS, ITGR, GRWE, NEWE, LMDT, ...). */
json_t *state_item(const char *itno);
json_t *state_items(void);
void state_add_item(const char *itno, const char *itds, const char *sapr);

int state_is_order_type(const char *ortp);
int state_is_facility(const char *faci);
int state_is_warehouse(const char *whlo);
const char *state_warehouse_name(const char *whlo); /* "" when unknown */
int state_is_cash_desk(const char *cshd);

/* Item-warehouse balances, ordered by WHLO then ITNO. */
json_t *state_balances(void);
json_t *state_balance(const char *whlo, const char *itno);
/* The index in state_balances() of the first balance at or after whlo, itno (binary search). */
size_t state_balance_from(const char *whlo, const char *itno);
/* Sets STQT and ALQT (creating the balance on location DEFAULT); LMDT today. */
json_t *state_set_balance(const char *whlo, const char *itno, const char *stqt, const char *alqt);

json_t *state_batches(void); /* all batch orders, oldest first (borrowed) */
json_t *state_batch(const char *orno); /* batch order by batch number, or NULL */
json_t *state_order(const char *ornr); /* live real order by number, or NULL */
int state_is_live_order(const json_t *batch); /* confirmed and not deleted */
json_t *state_add_batch(json_t *sent, json_t *eff); /* steals both; returns the new batch */
void state_delete_batch(const char *orno);
const char *state_confirm(json_t *batch); /* assigns and returns the real order number */
void state_delete_order(json_t *order);

/* Deliveries and shipments, oldest first. The add functions steal rec and number it. */
json_t *state_deliveries(void);
json_t *state_delivery(const char *dlix);
json_t *state_add_delivery(json_t *rec); /* sets DLIX 1000001, ... */
json_t *state_shipments(void);
json_t *state_shipment(const char *conn);
json_t *state_add_shipment(json_t *rec); /* sets CONN 2000001, ... */

/* Cash desk payments, oldest first. */
json_t *state_payments(void);

/* GL batches (GLS840MI), oldest first. */
json_t *state_gl_batches(void);
json_t *state_gl_batch(const char *key1);

#endif
