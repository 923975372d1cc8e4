--TEST--
dead_letters(), retry_dead() and discard_dead() on events the worker gave up on
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_019
infor_sync.worker=off
infor_sync.durability=none
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$spool = fresh_spool();

// What the worker does with an event Infor refused: dead/ plus a record with the reason.
function kill_event(string $spool, string $id, string $reason): void {
    rename("$spool/ready/$id", "$spool/dead/$id");
    file_put_contents("$spool/records/$id.json", json_encode([
        'state' => 'dead', 'attempts' => 1, 'first_attempt_at' => 1764165780000,
        'dead_at' => 1764165781000, 'reason' => $reason,
        'infor_error' => ['transaction' => 'OIS100MI/AddBatchHead', 'message' => 'Customer does not exist'],
        'progress' => ['orno' => '1000123'],
    ]));
}
$ids = [];
foreach (['1001', '1002', '1003'] as $n) {
    $ids[] = InforSync\enqueue('order.placed', valid_order(['order_number' => $n]));
    usleep(2000);
}
kill_event($spool, $ids[0], 'OIS100MI/AddBatchHead: Customer WEB0001 does not exist');
kill_event($spool, $ids[1], 'HTTP 400 from M3');
kill_event($spool, $ids[2], 'item MUG-01 does not exist');

$dead = InforSync\dead_letters();
var_dump(count($dead));
var_dump(array_column($dead, 'id') === $ids); // oldest first
print_r(array_diff_key($dead[0], ['id' => 1, 'created_at' => 1]));
var_dump(array_column(InforSync\dead_letters(2), 'reason'));
var_dump(InforSync\status()['spool']['dead']);

// replay one: back to ready, retry budget renewed, connector progress kept
var_dump(InforSync\retry_dead($ids[0]));
var_dump(file_exists("$spool/ready/{$ids[0]}"), file_exists("$spool/dead/{$ids[0]}"));
$record = InforSync\event($ids[0])['record'];
var_dump($record['state'], $record['replays'], $record['progress'], isset($record['dead_at']), isset($record['first_attempt_at']));
var_dump(InforSync\retry_dead($ids[0])); // not dead any more
var_dump(InforSync\event($ids[0])['record']['replays']); // and left alone
var_dump(InforSync\retry_dead('0190a1b2c3d4e-abcdef0123'));
var_dump(file_exists("$spool/records/0190a1b2c3d4e-abcdef0123.json"));

// discard one
var_dump(InforSync\discard_dead($ids[1]));
var_dump(file_exists("$spool/dead/{$ids[1]}"), file_exists("$spool/records/{$ids[1]}.json"));
var_dump(InforSync\discard_dead($ids[1]));
var_dump(InforSync\event($ids[1]));
var_dump(InforSync\discard_dead($ids[0])); // in ready/: not a dead letter

// replay all that are left
kill_event($spool, $ids[0], 'again');
var_dump(InforSync\retry_dead());
var_dump(InforSync\dead_letters(), InforSync\retry_dead());
var_dump(spool_files($spool, 'ready') == [$ids[0], $ids[2]]);

foreach ([0, -1] as $limit) {
    try {
        InforSync\dead_letters($limit);
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
foreach (['retry_dead', 'discard_dead'] as $f) {
    try {
        ("InforSync\\$f")('bogus');
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('019');
?>
--EXPECT--
int(3)
bool(true)
Array
(
    [type] => order.placed
    [dead_at] => 1764165781000
    [attempts] => 1
    [reason] => OIS100MI/AddBatchHead: Customer WEB0001 does not exist
    [infor_error] => Array
        (
            [transaction] => OIS100MI/AddBatchHead
            [message] => Customer does not exist
        )

    [order_number] => 1001
    [infor] => 
)
array(2) {
  [0]=>
  string(54) "OIS100MI/AddBatchHead: Customer WEB0001 does not exist"
  [1]=>
  string(16) "HTTP 400 from M3"
}
int(3)
int(1)
bool(true)
bool(false)
string(5) "ready"
int(1)
array(1) {
  ["orno"]=>
  string(7) "1000123"
}
bool(false)
bool(false)
int(0)
int(1)
int(0)
bool(false)
bool(true)
bool(false)
bool(false)
bool(false)
NULL
bool(false)
int(2)
array(0) {
}
int(0)
bool(true)
InforSync\dead_letters(): Argument #1 ($limit) must be greater than 0
InforSync\dead_letters(): Argument #1 ($limit) must be greater than 0
InforSync\retry_dead(): Argument #1 ($id) must be an event id as returned by InforSync\enqueue()
InforSync\discard_dead(): Argument #1 ($id) must be an event id as returned by InforSync\enqueue()
