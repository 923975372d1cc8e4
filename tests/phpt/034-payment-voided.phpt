--TEST--
payment.voided: a valid void is accepted and spooled normalised; a bad one is refused with every field named; map_preview() shows no Infor call; an admin's payment.voided.json is used, one with a call refused with its line
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_034/spool
infor_sync.mapping_dir={TMP}/infor_sync_phpt_034/mapping
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_034';
rm_tree($root);
mkdir("$root/spool", 0700, true);
mkdir("$root/mapping", 0700, true);
$file = ini_get('infor_sync.mapping_dir') . '/payment.voided.json';

function attempt(array $payload): void
{
    try {
        $id = InforSync\enqueue('payment.voided', $payload);
        $event = InforSync\event($id);
        echo "accepted: {$event['type']} ", json_encode($event['payload']), "\n";
    } catch (InforSync\ValidationException $e) {
        echo "refused: ", $e->getMessage(), "\n";
        foreach ($e->getErrors() as $error) {
            echo "  {$error['path']} => {$error['message']}\n";
        }
    }
}

/* Waits (up to 3 s) until the requests use $template for payment.voided. */
function wait_for_template(string $template, array $payload): bool
{
    $start = microtime(true);
    do {
        if (InforSync\map_preview('payment.voided', $payload)['template'] === $template) {
            return true;
        }
        usleep(100000);
    } while (microtime(true) - $start < 3);
    return false;
}

$void = ['order_number' => 'XC-1001', 'transaction_id' => 700003, 'amount' => '049.48', 'currency' => 'EUR',
         'date' => '2026-11-27T10:00:00Z', 'method' => 'Credit card'];
attempt($void);
attempt(array_diff_key($void, ['transaction_id' => 1]));
attempt(['order_number' => 'XC-1001', 'transaction_id' => str_repeat('T', 41), 'amount' => 0,
         'currency' => 'euro', 'date' => 'yesterday']);
echo "spooled: ", InforSync\status()['spool']['ready'], "\n";

$p = InforSync\map_preview('payment.voided', $void);
echo "preview: {$p['template']}, calls ", json_encode($p['calls']), ", problems ", json_encode($p['problems']), "\n";

echo "-- an admin file with a call\n";
$withCall = "{\n  \"format\": 1,\n  \"event\": \"payment.voided\",\n  \"target\": \"m3\",\n"
          . "  \"calls\": [{\"id\": \"undo\", \"program\": \"OIS215MI\", \"transaction\": \"AddPayment\", \"fields\": {}}]\n}\n";
file_put_contents($file, $withCall);
sleep(1); // the request side looks at the files at most once a second
$entry = InforSync\status()['mapping']['templates']['payment.voided'];
echo "origin: {$entry['origin']}\n";
foreach ($entry['errors'] ?? [] as $error) {
    echo "  {$error['template']}: {$error['message']}\n";
}

echo "-- an admin file without calls\n";
file_put_contents($file, "{\"format\": 1, \"event\": \"payment.voided\", \"target\": \"m3\",\n"
                         . " \"description\": \"voids stay in the shop\", \"calls\": []}\n");
echo "picked up: ", var_export(wait_for_template($file, $void), true), "\n";
$entry = InforSync\status()['mapping']['templates']['payment.voided'];
echo "status: origin ", $entry['origin'] === $file ? 'the admin file' : $entry['origin'],
     ", errors ", json_encode($entry['errors'] ?? null), "\n";
attempt($void);
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('034');
?>
--EXPECT--
accepted: payment.voided {"order_number":"XC-1001","transaction_id":"700003","amount":"49.48","currency":"EUR","date":"2026-11-27T10:00:00Z","method":"Credit card"}
refused: invalid payment.voided payload: transaction_id: is required
  transaction_id => is required
refused: invalid payment.voided payload: transaction_id: is 41 characters, Infor allows 40; amount: must be greater than 0; currency: must be an ISO 4217 code like "EUR"; date: must be an ISO 8601 date or date-time like "2026-11-26T14:03:00Z"
  transaction_id => is 41 characters, Infor allows 40
  amount => must be greater than 0
  currency => must be an ISO 4217 code like "EUR"
  date => must be an ISO 8601 date or date-time like "2026-11-26T14:03:00Z"
spooled: 1
preview: built-in payment.voided.json, calls [], problems []
-- an admin file with a call
origin: built-in payment.voided.json
  payment.voided.json:5: must be [] (an empty list): the payment.voided connector makes no Infor call
-- an admin file without calls
picked up: true
status: origin the admin file, errors null
accepted: payment.voided {"order_number":"XC-1001","transaction_id":"700003","amount":"49.48","currency":"EUR","date":"2026-11-27T10:00:00Z","method":"Credit card"}
