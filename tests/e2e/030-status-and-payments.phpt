--TEST--
e2e: order.status_changed cancels the Infor order; payments reach the cash desk (once under replay, refunds negative) or a GL batch posted once
--SKIPIF--
<?php require __DIR__ . '/harness.inc'; E2E\skipUnlessSandbox(); ?>
--FILE--
<?php
namespace E2E;
require __DIR__ . '/harness.inc';

/** In one child with the worker on: enqueues [type, payload] pairs in order, flushes, returns each event. */
function deliverEvents(array $events): array
{
    $result = runJson(sprintf('
        $ids = [];
        foreach (unserialize(%s) as [$type, $payload]) {
            $ids[] = InforSync\enqueue($type, $payload);
        }
        $flushed = InforSync\flush(20000);
        echo json_encode(["flushed" => $flushed, "events" => array_map(fn($id) => InforSync\event($id), $ids)]);',
        var_export(serialize($events), true)), [], 50);
    if (!$result['flushed']) {
        fail('flush() timed out');
    }
    return $result['events'];
}

function states(array $events): string
{
    return implode(' ', array_map(fn($e) => $e['state'], $events));
}

function payment(string $order, string $tx, string $amount): array
{
    return ['order_number' => $order, 'transaction_id' => $tx, 'amount' => $amount, 'currency' => 'EUR',
            'date' => '2026-11-27T10:00:00Z', 'method' => 'Credit card'];
}

function paymentsWith(string $irno): array
{
    return array_values(array_filter(control('GET', 'payments')['payments'], fn($p) => ($p['IRNO'] ?? '') === $irno));
}

reset();

// --- a cancelled payment cancels the order: its lines are still at 22, so the order is deleted
newSpool(['payment_posting' => 'cash_desk', 'cash_desk' => 'CD1', 'payment_method_code' => 'CC']);
$a = orderNumber('XC-CAN');
$events = deliverEvents([['order.placed', order($a)],
                         ['order.status_changed', ['order_number' => $a, 'payment_status' => 'C',
                                                   'previous_payment_status' => 'P']]]);
echo "cancel: ", states($events), "\n";
$infor = $events[1]['record']['infor'];
echo "cancel action: {$infor['action']}, deleted: ", var_export($infor['deleted'], true), "\n";
echo "order in Infor after the cancel: ", count(ordersFor($a)), "\n";
// a status that maps to nothing changes nothing
$events = deliverEvents([['order.status_changed', ['order_number' => $a, 'shipping_status' => 'P']]]);
echo "processing: ", states($events), ", action {$events[0]['record']['infor']['action']}\n";

// --- a payment posted once, replayed as a new event, then a refund
$b = orderNumber('XC-PAY');
$tx = 'TX-' . bin2hex(random_bytes(4));
$events = deliverEvents([['order.placed', order($b)], ['payment.captured', payment($b, $tx, '19.90')]]);
echo "capture: ", states($events), "\n";
$posted = paymentsWith($tx);
echo "payments with IRNO = transaction id: ", count($posted), "\n";
echo "payment: CSHD {$posted[0]['CSHD']} PYNO {$posted[0]['PYNO']} PMAM {$posted[0]['PMAM']} CKNO {$posted[0]['CKNO']} PYDT {$posted[0]['PYDT']}\n";
echo "PMNB as recorded: ", var_export($posted[0]['PMNB'] === $events[1]['record']['infor']['pmnb'], true), "\n";

$events = deliverEvents([['payment.captured', payment($b, $tx, '19.90')]]);
echo "replay: ", states($events), ", already posted: ",
     var_export($events[0]['record']['infor']['already_posted'] ?? false, true), "\n";
echo "payments with IRNO = transaction id after the replay: ", count(paymentsWith($tx)), "\n";

$refund = $tx . '-R';
$events = deliverEvents([['payment.refunded', payment($b, $refund, '5.00')]]);
echo "refund: ", states($events), ", PMAM ", paymentsWith($refund)[0]['PMAM'] ?? 'missing', "\n";

// --- journal mode: one GL batch, posted once, also under replay
newSpool(['payment_posting' => 'journal', 'journal_interface' => 'XCART', 'journal_cash_account' => '1930',
          'journal_receivable_account' => '1510']);
$c = orderNumber('XC-GL');
$tx = 'TX-' . bin2hex(random_bytes(4));
$events = deliverEvents([['order.placed', order($c)], ['payment.captured', payment($c, $tx, '42.00')]]);
$events = array_merge($events, deliverEvents([['payment.captured', payment($c, $tx, '42.00')]]));
echo "journal: ", states($events), "\n";
$key = $events[1]['record']['infor']['key1'];
$batches = array_values(array_filter(control('GET', 'gl')['batches'], fn($b) => $b['KEY1'] === $key));
echo "GL batches: ", count($batches), ", STAT {$batches[0]['STAT']}, lines ", count($batches[0]['lines']), "\n";
echo "line 1: ", $batches[0]['lines'][0]['PARM'], "\n";
echo "line 2: ", str_replace($c, '<order>', $batches[0]['lines'][1]['PARM']), "\n";
echo "replay saw it posted: ", var_export($events[2]['record']['infor']['already_posted'] ?? false, true), "\n";
?>
--EXPECTF--
cancel: done done
cancel action: cancel, deleted: true
order in Infor after the cancel: 0
processing: done, action none
capture: done done
payments with IRNO = transaction id: 1
payment: CSHD CD1 PYNO WEBSHOP PMAM 19.90 CKNO XC-PAY-%s PYDT 20261127
PMNB as recorded: true
replay: done, already posted: true
payments with IRNO = transaction id after the replay: 1
refund: done, PMAM -5.00
journal: done done done
GL batches: 1, STAT 90, lines 2
line 1: 202611271930    EUR            42.00WEBSHOP   TX-%s%wXC-GL-%s
line 2: 202611271510    EUR           -42.00WEBSHOP   TX-%s%w<order>
replay saw it posted: true
