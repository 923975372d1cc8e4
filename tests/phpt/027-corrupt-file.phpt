--TEST--
A damaged event file in the spool does not break status(), event() or dead_letters()
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_027
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

$good = InforSync\enqueue('order.placed', valid_order());
$damaged = InforSync\enqueue('order.placed', valid_order(['order_number' => '1002']));
// flip a byte in the body: the checksum no longer matches
$raw = file_get_contents("$spool/ready/$damaged");
$raw[strlen($raw) - 5] = $raw[strlen($raw) - 5] === 'x' ? 'y' : 'x';
file_put_contents("$spool/ready/$damaged", $raw);
// and plant pure garbage under a well-formed id
$garbage = "0000000000001-abcdef0123"; // sorts first
file_put_contents("$spool/ready/$garbage", "\0\xFF garbage");

var_dump(InforSync\status()['spool']['ready']);
foreach ([$damaged, $garbage] as $id) {
    $event = InforSync\event($id);
    var_dump($event === null || ($event['state'] === 'ready' && $event['payload'] === null));
}
var_dump(InforSync\event($good)['payload']['order_number']);

// a damaged record is not fatal either
file_put_contents("$spool/records/$good.json", '{"attempts": 1,');
var_dump(InforSync\event($good)['record']);

// as dead letters
rename("$spool/ready/$damaged", "$spool/dead/$damaged");
rename("$spool/ready/$garbage", "$spool/dead/$garbage");
$dead = InforSync\dead_letters();
var_dump(count($dead), $dead[0]["id"] === $garbage, $dead[0]['type'], $dead[1]['order_number']);
var_dump(InforSync\discard_dead($garbage), InforSync\retry_dead($damaged));
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('027');
?>
--EXPECT--
int(3)
bool(true)
bool(true)
string(4) "1001"
array(0) {
}
int(2)
bool(true)
NULL
NULL
bool(true)
int(1)
