--TEST--
admin templates (infor_sync.mapping_dir): a file with errors is refused with file and line in status()['mapping'] and the built-in template stays in use; the fixed file is used within 2 s without a restart; deleting it brings back the built-in one
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_062/spool
infor_sync.config_file={TMP}/infor_sync_phpt_062/config.json
infor_sync.mapping_dir={TMP}/infor_sync_phpt_062/mapping
infor_sync.worker=off
infor_sync.durability=none
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_062';
rm_tree($root);
mkdir("$root/spool", 0700, true);
mkdir("$root/mapping", 0700, true);
$dir = ini_get('infor_sync.mapping_dir');
$file = "$dir/order.placed.json";
InforSync\save_config(['cono' => 100, 'divi' => 'AAA', 'order_type' => 'DTC', 'facility' => '100',
                       'warehouse' => '100', 'default_customer' => 'WEBSHOP']);
$order = valid_order(['order_id' => '4242', 'order_number' => 'XC-4242']);
$builtin = file_get_contents(__DIR__ . '/../../mapping/m3/order.placed.json');

function head_fields(array $preview): array
{
    return $preview['calls'][0]['fields'];
}

function line_of(string $text, string $needle): int
{
    foreach (explode("\n", $text) as $i => $line) {
        if (str_contains($line, $needle)) {
            return $i + 1;
        }
    }
    return -1;
}

/* Waits (up to 3 s) until map_preview() uses $template; returns the seconds it took or null. */
function wait_for_template(string $template, array $order): ?float
{
    $start = microtime(true);
    do {
        if (InforSync\map_preview('order.placed', $order)['template'] === $template) {
            return microtime(true) - $start;
        }
        usleep(100000);
    } while (microtime(true) - $start < 3);
    return null;
}

echo "-- no admin file\n";
$p = InforSync\map_preview('order.placed', $order);
echo "template: {$p['template']}, YREF ", head_fields($p)['YREF'], "\n";
echo "status: ", json_encode(InforSync\status()['mapping']['templates']['order.placed']), "\n";

echo "-- a file with three errors\n";
// the built-in template with: a path that is no path, an unknown transform, and CUNO (mandatory) not mapped
$broken = str_replace(
    ['"CUNO": { "context": "customer" },', '"CUOR": { "from": "order_number" },', '"transform": ["trim", "upper"]'],
    ['"LNCD": { "const": "DE" },', '"CUOR": { "from": "order..number" },', '"transform": ["trim", "uppercase"]'],
    $builtin);
file_put_contents($file, $broken);
$lines = [
    'order..number' => line_of($broken, 'order..number'),
    'uppercase' => line_of($broken, '"uppercase"'),
    'CUNO' => line_of($broken, '"LNCD"') - 1, // the head's "fields": { line
];
echo "lines in the file: ", json_encode($lines), "\n";
sleep(1); // the request side looks at the files at most once a second
$status = InforSync\status()['mapping'];
$entry = $status['templates']['order.placed'];
echo "dir: ", var_export($status['dir'] === $dir, true), ", origin: {$entry['origin']}\n";
$errors = $entry['errors'] ?? [];
echo count($errors), " errors\n";
$found = ['order..number' => false, 'uppercase' => false, 'CUNO' => false];
foreach ($errors as $error) {
    [$name, $line] = explode(':', $error['template']) + [1 => ''];
    foreach ($lines as $what => $want) {
        if ((int)$line === $want && $name === 'order.placed.json' && str_contains($error['message'] . $error['path'], $what)) {
            $found[$what] = true;
        }
    }
}
echo "each error with file and line: ", json_encode($found), "\n";
if (in_array(false, $found, true)) {
    echo json_encode($errors, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
}
$p = InforSync\map_preview('order.placed', $order);
echo "still in use: {$p['template']}, CUNO ", head_fields($p)['CUNO'], ", YREF ", head_fields($p)['YREF'], "\n";
try {
    $id = InforSync\enqueue('order.placed', $order);
    echo "enqueue with the built-in template: ", var_export(is_string($id), true), "\n";
} catch (Throwable $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}

echo "-- the admin fixes the file\n";
// YREF: "X-Cart #<order id>" instead of the customer's name
$fixed = preg_replace('/"YREF": \{ "concat".*?\] \},/s', '"YREF": { "from": "order_id", "transform": [{ "prefix": "X-Cart #" }] },',
                      $builtin, 1, $count);
echo "fixed file made: ", var_export($count === 1, true), "\n";
file_put_contents($file, $fixed);
$took = wait_for_template($file, $order);
echo "picked up within 2 s: ", var_export($took !== null && $took <= 2.0, true), "\n";
$p = InforSync\map_preview('order.placed', $order);
echo "template: ", $p['template'] === $file ? 'the admin file' : $p['template'], ", YREF ", head_fields($p)['YREF'],
    ", problems ", json_encode($p['problems']), "\n";
$entry = InforSync\status()['mapping']['templates']['order.placed'];
echo "status: origin ", $entry['origin'] === $file ? 'the admin file' : $entry['origin'], ", errors ", json_encode($entry['errors'] ?? null), "\n";

echo "-- the admin deletes it\n";
unlink($file);
$took = wait_for_template('built-in order.placed.json', $order);
echo "built-in again within 2 s: ", var_export($took !== null && $took <= 2.0, true), "\n";
$p = InforSync\map_preview('order.placed', $order);
echo "template: {$p['template']}, YREF ", head_fields($p)['YREF'], "\n";
echo "status: ", json_encode(InforSync\status()['mapping']['templates']['order.placed']), "\n";
?>
--EXPECT--
-- no admin file
template: built-in order.placed.json, YREF Anna Müller
status: {"origin":"built-in order.placed.json"}
-- a file with three errors
lines in the file: {"order..number":13,"uppercase":96,"CUNO":11}
dir: true, origin: built-in order.placed.json
3 errors
each error with file and line: {"order..number":true,"uppercase":true,"CUNO":true}
still in use: built-in order.placed.json, CUNO {customer}, YREF Anna Müller
enqueue with the built-in template: true
-- the admin fixes the file
fixed file made: true
picked up within 2 s: true
template: the admin file, YREF X-Cart #4242, problems []
status: origin the admin file, errors null
-- the admin deletes it
built-in again within 2 s: true
template: built-in order.placed.json, YREF Anna Müller
status: {"origin":"built-in order.placed.json"}
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('062');
?>
