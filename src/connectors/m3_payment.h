/* payment.captured / payment.refunded (X-Cart payment transactions) ->
 * Infor accounts receivable or the general ledger, by the business setting
 * payment_posting (payment.voided: see ISYNC_PAYMENT_VOID_NOTE):
 *
 *   "none" (default): nothing is posted; the event is delivered with a note.
 *   "cash_desk": OIS215MI/AddPayment with PMNB = the payment number below,
 *       CSHD cash_desk, PYNO payer, PYCD payment_method_code, PYDT date
 *       (yyyyMMdd), CUCD currency, PMAM amount (negative for a refund),
 *       IRNO transaction id, CKNO order number (when it fits 15).
 *       Infor answering that the payment number already exists means this
 *       transaction was posted before (a replay): delivered, not posted twice.
 *   "journal": GLS840MI batch KEY1 = "XC" + the payment number (9 digits):
 *       AddBatchHead (CONO, KEY1, INTN journal_interface, DESC) ->
 *       AddBatchLine LINE 1 and 2 (PARM, layout below) -> UpdBatch, progress
 *       saved after each step. "already exists" for the head or a line means
 *       an earlier attempt or event made it: continue; "already updated"
 *       from UpdBatch (or a line) means the batch was posted: delivered.
 *
 * The payer is the event's infor_customer, else the customer of the order
 * in the order index; without either the event waits (retried later) for
 * its order to reach Infor.
 *
 * Payment number: 1..999999999 from the first 8 bytes of SHA-256 of the
 * transaction id ("refund:" + id for refunds, so a refund that reuses the
 * capture's id is not taken for its replay), so every replay of a
 * transaction carries the same number. Two different transactions share a
 * number with probability about n^2 / 2e9 over n payments per cash desk
 * (0.5 % at 3,000, 5 % at 10,000): the second would be taken for a
 * replay and not posted; the log names the number so such a case can be
 * found.
 *
 * Journal line PARM (fixed format, 1-based columns, padded with spaces):
 *    1-8    accounting date yyyyMMdd
 *    9-16   account (AIT1): journal_cash_account on line 1,
 *           journal_receivable_account on line 2
 *   17-19   currency
 *   20-36   amount, right-aligned, '-' for credit (capture: line 1 debit,
 *           line 2 credit; refund: the reverse)
 *   37-46   payer (customer number)
 *   47-86   reference: the X-Cart transaction id
 *   87-106  X-Cart order number */
#ifndef ISYNC_M3_PAYMENT_H
#define ISYNC_M3_PAYMENT_H

#include <jansson.h>

#include "connectors/connector.h"

#define ISYNC_PARM_LENGTH 106

/* payment.voided, whatever payment_posting says: an authorization is never
 * posted to Infor (only captures/sales and refunds are), so its void is
 * delivered without any call, with this note as infor.note in its record
 * and an info line in the log. No payment number is taken. */
#define ISYNC_PAYMENT_VOID_NOTE "authorization voided: nothing was posted to Infor, nothing to reverse"

/* Payment numbers (PMNB, and the journal key "XC" + the number) are taken
 * from this range of the cash desk's series, in order. */
#define ISYNC_PAYMENT_NUMBER_FIRST 900000001
#define ISYNC_PAYMENT_NUMBER_LAST 999999999

/* The payment number of a capture or refund: the one it got before (a replay
 * of the same transaction id gets the same number, which Infor refuses as
 * existing), else the next of the series, recorded durably in
 * <spool>/payments/. Two transactions never share a number. Leader only. */
isync_status isync_payment_number(const isync_spool *spool, const char *transaction_id, int refund, char out[10],
                                  isync_error *err);

/* The PARM of journal line 1 or 2 (out: ISYNC_PARM_LENGTH + 1). */
void isync_payment_journal_line(int line, int refund, const char *date, const char *account, const char *currency,
                                const char *amount, const char *payer, const char *transaction_id,
                                const char *order_number, char *out);

/* The connector (connector.h) of payment.captured, payment.refunded and
 * payment.voided (ctx->type); payment numbers and the order index live in
 * ctx->spool. */
isync_delivery_result isync_m3_payment_deliver(isync_connector_ctx *ctx);

#endif
