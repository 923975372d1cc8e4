<?php
// Writes a curl config (curl -K -) that loads ITEMS items and their stock in
// warehouses 100 and 200 into the sandbox through its control API, one
// request per item and per balance (the API takes one at a time; curl keeps
// the connection alive). Each transfer prints its HTTP status on a line.
//
//   php -n bench/scale/stock_load.php SANDBOX_DIR ITEMS items|stock | curl -s -K -
//
// Items are SCALE-000001 ... Balances are sent warehouse 200 first and item
// numbers descending: the sandbox keeps its balances in one sorted array and
// inserts each after a linear scan from the start, so a balance that sorts
// first costs one scan instead of two. Quantities differ per warehouse, none
// is 0, so every item is stocked in both.

[, $sandbox, $items, $what] = $argv;
$items = (int)$items;
$url = 'https://127.0.0.1:' . trim(file_get_contents("$sandbox/port")) . '/_sandbox';
$first = true;
$transfer = function (string $path, array $body) use (&$first, $url, $sandbox) {
    // options end at "next": each transfer names its CA and output again
    echo $first ? '' : "next\n";
    $first = false;
    $data = addcslashes(json_encode($body), '"\\');
    echo "url = \"$url/$path\"\ncacert = \"$sandbox/ca.pem\"\ndata = \"$data\"\n",
         "header = \"Content-Type: application/json\"\noutput = \"/dev/null\"\nwrite-out = \"%{http_code}\\n\"\n";
};
if ($what === 'items') {
    for ($i = 1; $i <= $items; $i++) {
        $transfer('items', ['ITNO' => sprintf('SCALE-%06d', $i), 'ITDS' => "Scale item $i", 'SAPR' => '10.00']);
    }
} else {
    foreach (['200' => 7, '100' => 50] as $whlo => $spread) {
        for ($i = $items; $i >= 1; $i--) {
            $transfer('stock', ['WHLO' => (string)$whlo, 'ITNO' => sprintf('SCALE-%06d', $i),
                                'STQT' => (string)(1 + $i % $spread), 'ALQT' => '0']);
        }
    }
}
