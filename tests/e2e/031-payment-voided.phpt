--TEST--
e2e: payment.voided is delivered without any Infor call (cash desk and journal posting alike), after its order; the record and status() say why, the log has an info line, and the sandbox's call log has no OIS215MI/GLS840MI call for it
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

const NOTE = 'authorization voided: nothing was posted to Infor, nothing to reverse';

/** In one child with the worker on: enqueues [type, payload] pairs in order, flushes; the events and status(). */
function deliverEvents(array $events): array
{
    $result = runJson(sprintf('
        $ids = [];
        foreach (unserialize(%s) as [$type, $payload]) {
            $ids[] = InforSync\enqueue($type, $payload);
        }
        $flushed = InforSync\flush(20000);
        echo json_encode(["flushed" => $flushed, "events" => array_map(fn($id) => InforSync\event($id), $ids),
                          "status" => InforSync\status()]);',
        var_export(serialize($events), true)), [], 50);
    if (!$result['flushed']) {
        fail('flush() timed out');
    }
    return $result;
}

function payment(string $order, string $tx, string $amount): array
{
    return ['order_number' => $order, 'transaction_id' => $tx, 'amount' => $amount, 'currency' => 'EUR',
            'date' => '2026-11-27T10:00:00Z', 'method' => 'Credit card'];
}

/** The sandbox's payment calls since $since: "PROGRAM/Transaction" => number of calls. */
function paymentCalls(int $since): array
{
    $counts = [];
    foreach (['OIS215MI', 'GLS840MI'] as $program) {
        foreach (control('GET', "calls?since=$since&program=$program")['calls'] as $call) {
            $name = "{$call['program']}/{$call['transaction']}";
            $counts[$name] = ($counts[$name] ?? 0) + 1;
        }
    }
    ksort($counts);
    return $counts;
}

/** Calls since $since whose fields carry $value anywhere (IRNO, PARM, ...). */
function callsMentioning(int $since, string $value): int
{
    $log = control('GET', "calls?since=$since")['calls'];
    return count(array_filter($log, fn($c) => str_contains(json_encode($c['fields'] ?? []), $value)));
}

function deliveryOf(array $status, string $id): ?array
{
    foreach ($status['last_deliveries'] as $delivery) {
        if ($delivery['id'] === $id) {
            return $delivery;
        }
    }
    return null;
}

reset();

// --- cash desk: an order, a capture of one transaction, the void of another authorization
$base = newSpool(['payment_posting' => 'cash_desk', 'cash_desk' => 'CD1', 'payment_method_code' => 'CC']);
$a = orderNumber('XC-VOID');
$capture = 'TX-' . bin2hex(random_bytes(4));
$auth = 'AUTH-' . bin2hex(random_bytes(4));
$since = control('GET', 'calls')['last_seq'];
$r = deliverEvents([['order.placed', order($a)], ['payment.captured', payment($a, $capture, '19.90')],
                    ['payment.voided', payment($a, $auth, '19.90')]]);
[, , $void] = $r['events'];
echo "cash desk: ", implode(' ', array_column($r['events'], 'state')), "\n";
echo "void: type {$void['type']}, attempts {$void['record']['attempts']}, infor ", json_encode($void['record']['infor']), "\n";
echo "void after its order: ", var_export($void['record']['delivered_at'] >= $r['events'][0]['record']['delivered_at'], true), "\n";
echo "void template: {$void['record']['mapping']['template']}, problems ", json_encode($void['record']['mapping']['problems']), "\n";
$seen = deliveryOf($r['status'], $void['id']);
echo "status() last_deliveries: ", $seen ? "{$seen['type']} {$seen['infor']['note']}" : 'missing', "\n";
echo "payment calls: ", json_encode(paymentCalls($since)), "\n";
echo "calls with the voided transaction id: ", callsMentioning($since, $auth), "\n";
echo "calls with the captured transaction id: ", callsMentioning($since, $capture), "\n";
$log = file_get_contents("$base/log");
echo "info line: ", preg_match('/ info: payment ' . preg_quote($auth, '/') . ' of order ' . preg_quote($a, '/') . ': ' . preg_quote(NOTE, '/') . '$/m', $log), "\n";

// --- journal: a void alone (its order never reached Infor: it does not wait for a payer)
newSpool(['payment_posting' => 'journal', 'journal_interface' => 'XCART', 'journal_cash_account' => '1930',
          'journal_receivable_account' => '1510']);
$auth = 'AUTH-' . bin2hex(random_bytes(4));
$since = control('GET', 'calls')['last_seq'];
$r = deliverEvents([['payment.voided', payment(orderNumber('XC-VOIDJ'), $auth, '42.00')]]);
echo "journal: {$r['events'][0]['state']}, note ", $r['events'][0]['record']['infor']['note'] === NOTE ? 'yes' : 'no', "\n";
echo "payment calls: ", json_encode(paymentCalls($since)), ", calls with the transaction id: ", callsMentioning($since, $auth), "\n";
?>
--EXPECT--
cash desk: done done done
void: type payment.voided, attempts 1, infor {"note":"authorization voided: nothing was posted to Infor, nothing to reverse"}
void after its order: true
void template: built-in payment.voided.json, problems []
status() last_deliveries: payment.voided authorization voided: nothing was posted to Infor, nothing to reverse
payment calls: {"OIS215MI\/AddPayment":1}
calls with the voided transaction id: 0
calls with the captured transaction id: 1
info line: 1
journal: done, note yes
payment calls: [], calls with the transaction id: 0
