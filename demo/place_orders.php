<?php
/*
 * Places X-Cart-shaped orders through the infor_sync extension and prints
 * each one's Infor order number as it arrives in the sandbox. Run by
 * scripts/demo.sh (`make demo`), which starts the sandbox and sets php.ini.
 */

declare(strict_types=1);

[$script, $sandboxUrl, $caFile] = $argv + [null, null, null];

function address(string $first, string $last, string $street, string $city, string $zip, string $country): array
{
    return ['firstname' => $first, 'lastname' => $last, 'street' => $street, 'city' => $city,
            'state' => '', 'zipcode' => $zip, 'country' => $country, 'phone' => '+49 30 1234567'];
}

function order(int $id, string $email, array $items, ?string $inforCustomer = null): array
{
    $total = '0';
    foreach ($items as $item) {
        $total = bcadd_fallback($total, $item['price'], $item['quantity'], $item['discount'] ?? '0');
    }
    $billing = address('Anna', 'Schmidt', 'Hauptstraße 5', 'Berlin', '10115', 'DE');
    return [
        'order_id' => $id,
        'order_number' => sprintf('XC-%05d', $id),
        'date' => gmdate('Y-m-d\TH:i:s\Z'),
        'customer_id' => 1000 + $id,
        'email' => $email,
        'infor_customer' => $inforCustomer,
        'currency' => 'EUR',
        'total_amount' => $total,
        'status' => 'P',
        'payment_status' => 'P',
        'shipping_status' => 'N',
        'payment_method' => 'Credit card',
        'transaction_id' => 'TX-' . (700000 + $id),
        'billing_address' => $billing,
        'shipping_address' => $billing,
        'items' => $items,
    ];
}

/* Adds price*quantity-discount to a running total in cents, exactly. */
function bcadd_fallback(string $total, string $price, string $quantity, string $discount): string
{
    $cents = fn(string $v): int => (int)round((float)$v * 100);
    $sum = $cents($total) + $cents($price) * (int)$quantity - $cents($discount);
    return sprintf('%d.%02d', intdiv($sum, 100), $sum % 100);
}

function item(string $sku, string $name, string $price, string $quantity, ?string $discount = null): array
{
    return array_filter(['sku' => $sku, 'name' => $name, 'price' => $price, 'quantity' => $quantity,
                         'discount' => $discount], fn($v) => $v !== null);
}

$orders = [
    order(1001, 'anna@example.com', [item('TSHIRT-BLK-M', 'T-shirt black M', '19.99', '2'),
                                     item('MUG-LOGO', 'Mug with logo', '9.50', '1')]),
    order(1002, 'john@example.com', [item('HOODIE-GRY-XL', 'Hoodie grey XL', '49.00', '1', '5.00')], 'C10002'),
    order(1003, 'lea@example.com', [item('CAP-RED', 'Cap red', '14.90', '3'),
                                    item('SOCKS-3PK', 'Socks, 3 pack', '12.00', '2'),
                                    item('BOTTLE-500', 'Bottle 500 ml', '17.45', '1')]),
    order(1004, 'anna@example.com', [item('POSTER-A2', 'Poster A2', '8.00', '4')], 'C10001'),
    // Infor does not know this item: the order becomes a dead letter with Infor's reason.
    order(1005, 'max@example.com', [item('TSHIRT-WHT-L', 'T-shirt white L', '19.99', '1'),
                                    item('UNICORN-PLUSH', 'Unicorn plush', '24.99', '1')]),
];

echo "\nA payload the extension refuses before it is spooled:\n";
try {
    InforSync\enqueue('order.placed', ['order_number' => 'XC-BAD', 'currency' => 'euro',
                                       'items' => [['sku' => '', 'price' => '19,99', 'quantity' => 0]]]);
} catch (InforSync\ValidationException $e) {
    foreach ($e->getErrors() as $problem) {
        printf("  %-24s %s\n", $problem['path'], $problem['message']);
    }
}

echo "\nWhat the mapping template makes of order ", $orders[0]['order_number'],
     " (InforSync\\map_preview(), nothing sent):\n";
$preview = InforSync\map_preview('order.placed', $orders[0]);
echo "  template: {$preview['template']}\n";
foreach ($preview['calls'] as $call) {
    $fields = [];
    foreach ($call['fields'] as $name => $value) {
        $fields[] = "$name=$value";
    }
    printf("  %-26s %s\n", "{$call['program']}/{$call['transaction']}", implode(' ', $fields));
}

echo "\nAn order whose SKU does not fit Infor's item number (ITNO, 15 characters) is refused with the\n"
   . "field, the template line and the X-Cart path:\n";
try {
    InforSync\enqueue('order.placed', order(1099, 'eve@example.com',
                                             [item('TSHIRT-ORGANIC-COTTON-BLACK-XXL', 'T-shirt', '24.00', '1')]));
} catch (InforSync\ValidationException $e) {
    foreach ($e->getErrors() as $problem) {
        printf("  %s %s (%s): %s\n", $problem['field'] ?? '', $problem['template'] ?? '', $problem['path'],
               $problem['message']);
    }
}

echo "\nPlacing ", count($orders), " X-Cart orders (each is spooled durably, then delivered by the worker thread):\n";
$pending = [];
foreach ($orders as $order) {
    $started = hrtime(true);
    $id = InforSync\enqueue('order.placed', $order, 'xcart-order-' . $order['order_id']);
    printf("  %s  %d line(s)  event %s  (enqueue took %.2f ms)\n", $order['order_number'],
           count($order['items']), $id, (hrtime(true) - $started) / 1e6);
    $pending[$id] = $order;
}

echo "\nWaiting for Infor:\n";
$deadline = microtime(true) + 30;
while ($pending && microtime(true) < $deadline) {
    foreach ($pending as $id => $order) {
        $event = InforSync\event($id);
        $state = $event['state'] ?? 'unknown';
        if ($state === 'done') {
            $infor = $event['record']['infor'];
            printf("  %s -> Infor customer order %s (customer %s, batch %s)\n", $order['order_number'],
                   $infor['orno'], $infor['cuno'], $infor['batch_orno']);
            unset($pending[$id]);
        } elseif ($state === 'dead') {
            printf("  %s -> dead letter: %s\n", $order['order_number'], $event['record']['reason']);
            unset($pending[$id]);
        }
    }
    usleep(20000);
}
foreach ($pending as $id => $order) {
    printf("  %s -> still waiting (event %s)\n", $order['order_number'], $id);
}

echo "\nDead-letter queue (InforSync\\dead_letters()):\n";
foreach (InforSync\dead_letters() as $dead) {
    printf("  %s order %s after %d attempt(s)\n    reason: %s\n", $dead['id'], $dead['order_number'],
           $dead['attempts'], $dead['reason']);
}

$status = InforSync\status();
printf("\nstatus(): delivered %d, retried %d, dead %d; spool ready %d, deferred %d, dead %d; token valid until %s\n",
       $status['counters']['delivered'], $status['counters']['retried'], $status['counters']['dead'],
       $status['spool']['ready'], $status['spool']['deferred'], $status['spool']['dead'],
       $status['token']['expires_at'] ? gmdate('H:i:s \U\T\C', $status['token']['expires_at']) : '-');

function sandbox(string $url, string $ca, string $method, string $path, ?array $body = null): array
{
    $context = stream_context_create([
        'ssl' => ['cafile' => $ca],
        'http' => ['method' => $method, 'header' => "Content-Type: application/json\r\n",
                   'content' => $body === null ? '' : json_encode($body), 'ignore_errors' => true],
    ]);
    return json_decode((string)file_get_contents($url . $path, false, $context), true) ?? [];
}

if ($sandboxUrl) {
    $context = stream_context_create(['ssl' => ['cafile' => $caFile]]);
    $orders = json_decode(file_get_contents("$sandboxUrl/_sandbox/orders", false, $context), true);
    echo "\nWhat the Infor sandbox holds (GET /_sandbox/orders):\n";
    foreach ($orders['orders'] as $o) {
        printf("  ORNO %s  CUNO %-8s CUOR %-9s ORDT %s  %d line(s): %s\n", $o['orno'], $o['cuno'], $o['cuor'],
               $o['ordt'], count($o['lines']),
               implode(', ', array_map(fn($l) => "{$l['orqt']} x {$l['itno']} @ {$l['sapr']}", $o['lines'])));
    }
    foreach ($orders['batch_orders'] as $o) {
        printf("  batch %s CUOR %s: not confirmed, %d line(s) so far\n", $o['batch_orno'], $o['cuor'],
               count($o['lines']));
    }
}

if ($sandboxUrl) {
    echo "\nInfor -> shop. In the sandbox, a warehouse ships XC-01001, stock of MUG-LOGO changes in two\n";
    echo "warehouses and an item is renamed;\n";
    echo "the worker polls Infor and queues what the shop must apply (InforSync\\inbound()):\n";
    $shipped = array_values(array_filter($orders['orders'], fn($o) => $o['cuor'] === 'XC-01001'))[0] ?? null;
    // let the first poll (the initial sync of every stock level and item) pass first
    $deadline = microtime(true) + 20;
    while (microtime(true) < $deadline && (count(InforSync\inbound(1000, ['stock.changed'])) < 8
                                           || count(InforSync\inbound(1000, ['product.changed'])) < 8)) {
        usleep(100000);
    }
    $initial = InforSync\inbound(1000);
    $count = array_count_values(array_column($initial, 'type'));
    printf("  initial sync: %d stock level(s), %d product(s)\n", $count['stock.changed'] ?? 0,
           $count['product.changed'] ?? 0);
    InforSync\ack(array_column($initial, 'id'));

    sandbox($sandboxUrl, $caFile, 'POST', '/_sandbox/ship', ['ORNO' => $shipped['orno'], 'ETRN' => '1Z999AA10123456784',
                                                            'FWNO' => 'UPS', 'SUNM' => 'United Parcel Service']);
    sandbox($sandboxUrl, $caFile, 'POST', '/_sandbox/stock', ['WHLO' => '100', 'ITNO' => 'MUG-LOGO', 'STQT' => '37', 'ALQT' => '0']);
    sandbox($sandboxUrl, $caFile, 'POST', '/_sandbox/stock', ['WHLO' => '200', 'ITNO' => 'MUG-LOGO', 'STQT' => '12', 'ALQT' => '0']);

    sandbox($sandboxUrl, $caFile, 'POST', '/_sandbox/items/update', ['ITNO' => 'CAP-RED', 'ITDS' => 'Cap red, organic cotton']);

    $seen = [];
    $deadline = microtime(true) + 20;
    while (microtime(true) < $deadline
           && !(isset($seen['order.shipped']) && isset($seen['stock.changed']) && isset($seen['product.changed']))) {
        foreach (InforSync\inbound() as $event) {
            $p = $event['payload'];
            if ($event['type'] === 'order.shipped') {
                printf("  order.shipped   %s (Infor %s): tracking number %s, carrier %s (%s)\n", $p['order_number'],
                       $p['infor_order'], $p['tracking_number'], $p['carrier'], $p['carrier_name'] ?? '-');
            } elseif ($event['type'] === 'stock.changed') {
                printf("  stock.changed   %s: %s in the shop (%s), per warehouse %s\n", $p['sku'], $p['quantity'],
                       $p['quantity_rule'], json_encode($p['warehouses']));
            } elseif ($event['type'] === 'product.changed') {
                printf("  product.changed %s: \"%s\" (%s, %s kg, status %s)\n", $p['sku'], $p['name'], $p['unit'],
                       $p['weight'], $p['status']);
            } elseif ($event['type'] === 'order.status') {
                printf("  order.status    %s (Infor %s): Infor status %s -> X-Cart shipping status %s\n",
                       $p['order_number'], $p['infor_order'], $p['infor_status'], $p['shipping_status'] ?? '-');
            } else {
                printf("  %-15s %s\n", $event['type'], json_encode($p));
            }
            $seen[$event['type']] = true;
            InforSync\ack([$event['id']]); // the add-on acknowledges after its own transaction committed
        }
        usleep(100000);
    }
    echo "  inbound events left unacknowledged: ", count(InforSync\inbound()), "\n";
}
