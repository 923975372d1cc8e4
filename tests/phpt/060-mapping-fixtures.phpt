--TEST--
mapping fixtures: realistic X-Cart 5.5 orders (tests/fixtures/orders) through map_preview() give exactly the Infor calls worked out by hand, without problems
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_060/spool
infor_sync.config_file={TMP}/infor_sync_phpt_060/config.json
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
/*
 * Each tests/fixtures/orders/*.json is {"description", "config", "payload",
 * "expected_calls": [{program, transaction, fields}], "expected_notes"?:
 * ["<call> <FIELD>", ...], "expected_currency"?: {from, to, date, table_rate}}.
 * The expectations were worked out by hand from docs/mapping.md,
 * docs/events.md and docs/configuration.md, not copied from the output.
 * "{fixtures}" in the config is tests/fixtures. A fixture that converts
 * currencies needs the worker's exchange-rate cache: written here as the
 * worker writes it (<spool>/rates.json: source, fetched_at, table).
 */
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_060';
rm_tree($root);
mkdir("$root/spool", 0700, true);
$spool = "$root/spool";
$fixtures = realpath(__DIR__ . '/../fixtures');

function show(array $fields): string
{
    $parts = [];
    foreach ($fields as $name => $value) {
        $parts[] = "$name=" . json_encode($value, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
    }
    return implode(' ', $parts);
}

$files = glob("$fixtures/orders/*.json");
sort($files);
echo count($files) >= 7 ? "fixtures: at least 7\n" : "fixtures: only " . count($files) . "\n";
$failed = 0;
foreach ($files as $file) {
    $name = basename($file, '.json');
    $fixture = json_decode(file_get_contents($file), true, 512, JSON_THROW_ON_ERROR);
    $config = json_decode(str_replace('{fixtures}', $fixtures, json_encode($fixture['config'], JSON_UNESCAPED_SLASHES)), true);
    InforSync\save_config($config);
    @unlink("$spool/rates.json");
    if (isset($config['rate_source'])) {
        file_put_contents("$spool/rates.json", json_encode([
            'source' => $config['rate_source'], 'fetched_at' => time(),
            'table' => json_decode(file_get_contents($config['rate_source']), true),
        ]));
    }
    $preview = InforSync\map_preview('order.placed', $fixture['payload']);

    $diff = [];
    if ($preview['template'] !== 'built-in order.placed.json') {
        $diff[] = "template: {$preview['template']}";
    }
    if ($preview['problems'] !== []) {
        foreach ($preview['problems'] as $p) {
            $diff[] = 'problem: ' . json_encode($p, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        }
    }
    $expected = $fixture['expected_calls'];
    $got = $preview['calls'];
    for ($i = 0; $i < max(count($expected), count($got)); $i++) {
        $e = $expected[$i] ?? null;
        $g = $got[$i] ?? null;
        $eCall = $e ? "{$e['program']}/{$e['transaction']}" : '(none)';
        $gCall = $g ? "{$g['program']}/{$g['transaction']}" : '(none)';
        if ($eCall !== $gCall) {
            $diff[] = "call $i: expected $eCall, got $gCall" . ($g ? ' ' . show($g['fields']) : '');
            continue;
        }
        $ef = $e['fields'];
        $gf = $g['fields'];
        ksort($ef);
        ksort($gf);
        if ($ef !== $gf) {
            $missing = array_diff_key($ef, $gf);
            $extra = array_diff_key($gf, $ef);
            $wrong = [];
            foreach (array_intersect_key($ef, $gf) as $field => $value) {
                if ($gf[$field] !== $value) {
                    $wrong[] = "$field expected " . json_encode($value, JSON_UNESCAPED_UNICODE) . ' got ' . json_encode($gf[$field], JSON_UNESCAPED_UNICODE);
                }
            }
            $diff[] = "call $i $gCall: " . implode('; ', array_filter([
                $missing ? 'missing ' . show($missing) : '',
                $extra ? 'unexpected ' . show($extra) : '',
                implode('; ', $wrong),
            ]));
        }
    }
    $notes = array_map(fn($n) => "{$n['call']} {$n['field']}", $preview['notes']);
    $wantNotes = $fixture['expected_notes'] ?? [];
    sort($notes);
    sort($wantNotes);
    if ($notes !== $wantNotes) {
        $diff[] = 'notes: expected ' . json_encode($wantNotes) . ', got ' . json_encode($preview['notes'], JSON_UNESCAPED_UNICODE);
    }
    if (isset($fixture['expected_currency'])) {
        $want = $fixture['expected_currency'];
        $c = $preview['currency'] ?? null;
        // "the rate" recorded: the table's rate, or the cross rate it implies (base per unit)
        $rateOk = $c && ($c['rate'] === $want['table_rate']
                         || abs((float)$c['rate'] * (float)$want['table_rate'] - 1) < 1e-8);
        if (!$c || $c['from'] !== $want['from'] || $c['to'] !== $want['to'] || $c['date'] !== $want['date'] || !$rateOk) {
            $diff[] = 'currency: expected ' . json_encode($want) . ', got ' . json_encode($c);
        }
    } elseif (isset($preview['currency'])) {
        $diff[] = 'currency: none expected, got ' . json_encode($preview['currency']);
    }
    if ($diff) {
        $failed++;
        echo "$name: MISMATCH\n  ", implode("\n  ", $diff), "\n";
    } else {
        echo "$name: ok (", count($got), " calls)\n";
    }
}
echo $failed ? "$failed fixture(s) differ\n" : "all fixtures as expected\n";
?>
--EXPECT--
fixtures: at least 7
01-eur-de-full: ok (8 calls)
02-usd-to-eur: ok (8 calls)
03-jpy-to-eur: ok (8 calls)
04-long-names-zurich: ok (6 calls)
05-pln-lodz-no-shipping-address: ok (7 calls)
06-enrichment-free-items: ok (9 calls)
07-usd-company-multiple-taxes: ok (7 calls)
all fixtures as expected
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('060');
?>
