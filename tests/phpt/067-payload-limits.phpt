--TEST--
enqueue() limits (docs/configuration.md#limits): 10,000 elements per array, 64 KiB per string, 8 MiB of JSON per event; beyond them a ValidationException names the field, at once and with nothing written
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_067
infor_sync.worker=off
infor_sync.durability=none
memory_limit=256M
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();
$line = ['sku' => 'MUG-01', 'name' => 'Mug', 'price' => '11.99', 'quantity' => 1];

function try_enqueue(array $payload): void
{
    $start = microtime(true);
    try {
        $id = InforSync\enqueue('order.placed', $payload);
        echo "accepted\n";
        return;
    } catch (InforSync\ValidationException $e) {
        $errors = $e->getErrors();
        echo get_class($e), ": ", $e->getMessage(), "\n";
        echo "  path: {$errors[0]['path']}\n";
    }
    $s = microtime(true) - $start;
    $bound = getenv('USE_ZEND_ALLOC') === '0' ? 30 : 1; /* under valgrind (run-tests -m) all is 20-50 times slower */
    echo "  refused early: ", $s < $bound ? 'yes' : sprintf('no (%.1f s)', $s), "\n";
}

echo "-- 10,000 lines\n";
try_enqueue(valid_order(['items' => array_fill(0, 10000, $line), 'total_amount' => '119900.00']));
echo "-- 10,001 lines\n";
try_enqueue(valid_order(['items' => array_fill(0, 10001, $line)]));
echo "-- a million lines\n";
try_enqueue(valid_order(['items' => array_fill(0, 1000000, $line)]));

echo "-- a string of 64 KiB, and one byte more\n";
try_enqueue(valid_order(['notes' => str_repeat('a', 65536)]));
try_enqueue(valid_order(['items' => [$line, ['name' => str_repeat('a', 65537)] + $line]]));
echo "-- a 50 MB field\n";
try_enqueue(valid_order(['notes' => str_repeat('a', 50 << 20)]));

echo "-- 8 MiB of text in strings of 60,000 bytes\n";
try_enqueue(valid_order(['notes' => array_fill(0, 140, str_repeat('a', 60000))]));
echo "-- 1.4 MB of control characters: 8.6 MB once escaped as JSON\n";
try_enqueue(valid_order(['notes' => array_fill(0, 24, str_repeat("\x01", 60000))]));

echo "ready/: ", count(spool_files($spool, 'ready')), " events, tmp/: ", count(spool_files($spool, 'tmp')), "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('067');
?>
--EXPECTF--
-- 10,000 lines
accepted
-- 10,001 lines
InforSync\ValidationException: invalid order.placed payload: items: has 10001 elements, at most 10000 are allowed
  path: items
  refused early: yes
-- a million lines
InforSync\ValidationException: invalid order.placed payload: items: has 1000000 elements, at most 10000 are allowed
  path: items
  refused early: yes
-- a string of 64 KiB, and one byte more
accepted
InforSync\ValidationException: invalid order.placed payload: items[1].name: is 65537 bytes long, at most 65536 are allowed
  path: items[1].name
  refused early: yes
-- a 50 MB field
InforSync\ValidationException: invalid order.placed payload: notes: is 52428800 bytes long, at most 65536 are allowed
  path: notes
  refused early: yes
-- 8 MiB of text in strings of 60,000 bytes
InforSync\ValidationException: invalid order.placed payload: payload: is more than the 8388608 bytes of JSON allowed
  path: payload
  refused early: yes
-- 1.4 MB of control characters: 8.6 MB once escaped as JSON
InforSync\ValidationException: invalid order.placed payload: payload: is %d bytes as JSON, more than the 8388608 allowed
  path: payload
  refused early: yes
ready/: 2 events, tmp/: 0
