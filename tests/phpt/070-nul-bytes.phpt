--TEST--
NUL bytes are refused at the API: payload keys and values (ValidationException with the path), the type, the idempotency key and ids (ValueError), save_config() and save_credentials(); nothing is spooled or saved
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_070_nul/spool
infor_sync.config_file={TMP}/infor_sync_phpt_070_nul/config.json
infor_sync.ionapi_file={TMP}/infor_sync_phpt_070_nul/xcart.ionapi
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_070_nul';
rm_tree($root);
mkdir("$root/spool", 0700, true);
$spool = "$root/spool";

function attempt(string $what, callable $call): void
{
    try {
        $call();
        echo "$what: no exception\n";
    } catch (InforSync\ValidationException $e) {
        $errors = array_map(fn ($e) => "{$e['path']} {$e['message']}", $e->getErrors());
        echo "$what: ValidationException: ", implode('; ', $errors), "\n";
    } catch (ValueError $e) {
        echo "$what: ValueError: ", $e->getMessage(), "\n";
    }
}

$items = [
    ['sku' => 'MUG-01', 'price' => '11.99', 'quantity' => 1],
    ['sku' => "TEA\0-02", 'price' => '5.00', 'quantity' => 1],
];
attempt('value', fn () => InforSync\enqueue('order.placed', valid_order(['items' => $items])));
$items = [['sku' => 'MUG-01', "sku\0" => 'EVIL', 'price' => '11.99', 'quantity' => 1]];
attempt('key', fn () => InforSync\enqueue('order.placed', valid_order(['items' => $items])));
attempt('top-level key', fn () => InforSync\enqueue('order.placed', valid_order(["k\0one" => 'a'])));
attempt('type', fn () => InforSync\enqueue("order.placed\0x", valid_order()));
attempt('idempotency key', fn () => InforSync\enqueue('order.placed', valid_order(), "k\0one"));
echo 'spooled: ', count(glob("$spool/ready/*")), "\n";

// the same key with and without the NUL part no longer collide: one is refused
$id = InforSync\enqueue('order.placed', valid_order(), 'order-1001');
attempt('key after a valid one', fn () => InforSync\enqueue('order.placed', valid_order(), "order-1001\0two"));
echo 'spooled: ', count(glob("$spool/ready/*")), "\n";

attempt('event', fn () => InforSync\event("$id\0x"));
attempt('retry_dead', fn () => InforSync\retry_dead("$id\0x"));
attempt('discard_dead', fn () => InforSync\discard_dead("$id\0x"));
attempt('release', fn () => InforSync\release("$id\0x"));
attempt('discard_held', fn () => InforSync\discard_held("$id\0x"));
attempt('ack', fn () => InforSync\ack(["$id\0x"]));
attempt('inbound', fn () => InforSync\inbound(10, ["stock\0x"]));

$config = ['cono' => 100, 'divi' => 'AAA', 'order_type' => 'DTC', 'facility' => '100',
           'warehouse' => '100', 'default_customer' => 'WEBSHOP', 'currency' => 'EUR'];
attempt('save_config value', fn () => InforSync\save_config(['divi' => "AA\0A"] + $config));
attempt('save_config key', fn () => InforSync\save_config($config + ["divi\0" => 'BBB']));
var_dump(file_exists("$root/config.json"));
InforSync\save_config($config);
var_dump(InforSync\config()['divi']);

attempt('save_credentials', fn () => InforSync\save_credentials("{\"ti\": \"T\0\"}"));
var_dump(file_exists("$root/xcart.ionapi"));

attempt('map_preview type', fn () => InforSync\map_preview("order.placed\0", valid_order()));
$preview = InforSync\map_preview('order.placed', valid_order(['email' => "anna\0@example.com"]));
echo "map_preview payload: {$preview['problems'][0]['path']} {$preview['problems'][0]['message']}\n";
attempt('suggest_mapping', fn () => InforSync\suggest_mapping(['a' => "x\0"], 'OIS100MI', 'AddBatchHead'));
attempt('suggest_mapping program', fn () => InforSync\suggest_mapping(['a' => 'x'], "OIS100MI\0", 'AddBatchHead'));
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool("070_nul");
?>
--EXPECT--
value: ValidationException: items[1].sku must not contain a NUL byte
key: ValidationException: items[0].sku key must not contain a NUL byte
top-level key: ValidationException: k key must not contain a NUL byte
type: ValueError: InforSync\enqueue(): Argument #1 ($type) must not contain any null bytes
idempotency key: ValueError: InforSync\enqueue(): Argument #3 ($idempotencyKey) must not contain any null bytes
spooled: 0
key after a valid one: ValueError: InforSync\enqueue(): Argument #3 ($idempotencyKey) must not contain any null bytes
spooled: 1
event: ValueError: InforSync\event(): Argument #1 ($id) must not contain any null bytes
retry_dead: ValueError: InforSync\retry_dead(): Argument #1 ($id) must not contain any null bytes
discard_dead: ValueError: InforSync\discard_dead(): Argument #1 ($id) must not contain any null bytes
release: ValueError: InforSync\release(): Argument #1 ($id) must not contain any null bytes
discard_held: ValueError: InforSync\discard_held(): Argument #1 ($id) must not contain any null bytes
ack: ValueError: InforSync\ack(): Argument #1 ($ids) must not contain strings with a NUL byte
inbound: ValueError: InforSync\inbound(): Argument #2 ($types) must not contain strings with a NUL byte
save_config value: ValidationException: divi must not contain a NUL byte
save_config key: ValidationException: divi key must not contain a NUL byte
bool(false)
string(3) "AAA"
save_credentials: ValueError: InforSync\save_credentials(): Argument #1 ($ionapi) must not contain any null bytes
bool(false)
map_preview type: ValueError: InforSync\map_preview(): Argument #1 ($type) must not contain any null bytes
map_preview payload: email must not contain a NUL byte
suggest_mapping: ValueError: InforSync\suggest_mapping(): Argument #1 ($samplePayload) cannot be read: a: must not contain a NUL byte
suggest_mapping program: ValueError: InforSync\suggest_mapping(): Argument #2 ($program) must not contain any null bytes
