--TEST--
mapping validation at enqueue: a SKU longer than ITNO, an order number longer than CUOR and a date that is not one give ONE ValidationException listing all three with path, message, field, call and template line; nothing spooled; map_preview() reports the same without throwing
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_061/spool
infor_sync.config_file={TMP}/infor_sync_phpt_061/config.json
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_061';
rm_tree($root);
mkdir("$root/spool", 0700, true);
$spool = "$root/spool";
InforSync\save_config(['cono' => 100, 'divi' => 'AAA', 'order_type' => 'DTC', 'facility' => '100',
                       'warehouse' => '100', 'default_customer' => 'WEBSHOP']);

/* The line of a field's mapping in the built-in template, found by searching the file. */
function template_line(string $needle, string $also = ''): string
{
    $lines = file(__DIR__ . '/../../mapping/m3/order.placed.json');
    foreach ($lines as $i => $line) {
        if (str_contains($line, $needle) && ($also === '' || str_contains($line, $also))) {
            return 'order.placed.json:' . ($i + 1);
        }
    }
    return "order.placed.json: $needle not found";
}
$want = [
    'order_number' => ['field' => 'CUOR', 'call' => 'OIS100MI/AddBatchHead', 'template' => template_line('"CUOR":')],
    'date' => ['field' => 'ORDT', 'call' => 'OIS100MI/AddBatchHead', 'template' => template_line('"ORDT":')],
    'items[1].sku' => ['field' => 'ITNO', 'call' => 'OIS100MI/AddBatchLine[1]',
                       'template' => template_line('"ITNO":', 'item.sku')],
];
echo "template lines: ", implode(', ', array_column($want, 'template')), "\n";

$order = valid_order([
    'order_number' => 'XC-2026-11-26-0001234',   // 21 characters, CUOR allows 20
    'date' => '26.11.2026',                       // a German date, not ISO 8601
    'items' => [
        ['sku' => 'MUG-LOGO', 'name' => 'Mug', 'price' => '9.50', 'quantity' => 1],
        ['sku' => 'TSHIRT-ORGANIC-XL', 'name' => 'T-shirt', 'price' => '24.90', 'quantity' => 1],  // 17, ITNO allows 15
    ],
]);

function check_errors(string $what, array $errors, array $want): void
{
    $keys = ['path', 'message', 'field', 'call', 'template'];
    $seen = [];
    foreach ($errors as $error) {
        $missing = array_diff($keys, array_keys(array_filter($error, fn($v) => is_string($v) && $v !== '')));
        if ($missing) {
            echo "$what: error without ", implode(', ', $missing), ": ", json_encode($error), "\n";
            continue;
        }
        $path = $error['path'];
        if (!isset($want[$path])) {
            echo "$what: unexpected error ", json_encode($error), "\n";
            continue;
        }
        $got = ['field' => $error['field'], 'call' => $error['call'], 'template' => $error['template']];
        echo "$what: $path: ", $got === $want[$path] ? 'field, call and template as expected' : 'WRONG ' . json_encode($got), "\n";
        $seen[$path] = $error['message'];
    }
    foreach (array_diff(array_keys($want), array_keys($seen)) as $path) {
        echo "$what: $path: NOT REPORTED with field, call and template\n";
    }
    // the messages say what Infor allows
    if (isset($seen['order_number'])) {
        echo "$what: order_number message names 21 and 20: ",
            var_export(str_contains($seen['order_number'], '21') && str_contains($seen['order_number'], '20'), true), "\n";
    }
    if (isset($seen['items[1].sku'])) {
        echo "$what: sku message names 17 and 15: ",
            var_export(str_contains($seen['items[1].sku'], '17') && str_contains($seen['items[1].sku'], '15'), true), "\n";
    }
}

$exceptions = 0;
$errors = [];
try {
    InforSync\enqueue('order.placed', $order, 'xcart-order-bad');
    echo "no exception\n";
} catch (InforSync\ValidationException $e) {
    $exceptions++;
    $errors = $e->getErrors();
    echo "ValidationException, ", count($errors), " errors\n";
}
echo "exceptions: $exceptions\n";
check_errors('enqueue', $errors, $want);

// nothing spooled: no event file, and the idempotency key is still free
$files = is_dir("$spool/ready") ? spool_files($spool, 'ready') : [];
echo "spooled: ", count($files), "\n";

// the same problems from map_preview(), which does not throw
$preview = InforSync\map_preview('order.placed', $order);
echo "map_preview returned ", count($preview['calls']), " calls and problems\n";
$mapping = array_values(array_filter($preview['problems'], fn($p) => isset($p['field'])));
check_errors('map_preview', $mapping, $want);
$norm = fn($list) => array_map(fn($p) => json_encode([$p['path'], $p['field'] ?? null, $p['call'] ?? null,
                                                      $p['template'] ?? null, $p['message']]), $list);
echo "every enqueue error is in the preview: ",
    var_export($errors !== [] && array_diff($norm($errors), $norm($preview['problems'])) === [], true), "\n";

// fixed, the same order is accepted under the same key
$order['order_number'] = 'XC-20261126-01';
$order['date'] = '2026-11-26';
$order['items'][1]['sku'] = 'TSHIRT-ORG-XL';
$id = InforSync\enqueue('order.placed', $order, 'xcart-order-bad');
echo "fixed order spooled: ", var_export(spool_files($spool, 'ready') === [$id], true), "\n";
echo "fixed order preview problems: ", json_encode(InforSync\map_preview('order.placed', $order)['problems']), "\n";
?>
--EXPECT--
template lines: order.placed.json:13, order.placed.json:14, order.placed.json:96
ValidationException, 3 errors
exceptions: 1
enqueue: order_number: field, call and template as expected
enqueue: date: field, call and template as expected
enqueue: items[1].sku: field, call and template as expected
enqueue: order_number message names 21 and 20: true
enqueue: sku message names 17 and 15: true
spooled: 0
map_preview returned 7 calls and problems
map_preview: order_number: field, call and template as expected
map_preview: date: field, call and template as expected
map_preview: items[1].sku: field, call and template as expected
map_preview: order_number message names 21 and 20: true
map_preview: sku message names 17 and 15: true
every enqueue error is in the preview: true
fixed order spooled: true
fixed order preview problems: []
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('061');
?>
