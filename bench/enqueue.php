<?php
// One batch of enqueue calls for one variant; appends each call's latency
// (hrtime, ns) to OUTFILE, one per line. Called by bench/run.sh in rounds.
//
//   php ... bench/enqueue.php VARIANT COUNT WARMUP OUTFILE SPOOLDIR FIRST DURABILITY
//
// VARIANT: ext (InforSync\enqueue, durability from the ini), ext-key (the
// same with an idempotency key), map-preview (InforSync\map_preview: the
// template applied and checked, what enqueue adds to the spool work), php-fsync / php-none (UserlandSpool),
// floor (UserlandSpool's file work only, on a fixed 1 KB: the disk floor),
// floor-none (the same bare file work without fsync).
require __DIR__ . '/lib.php';

[, $variant, $count, $warmup, $outfile, $spool_dir, $first, $durability] = $argv;
$count = (int)$count;
$warmup = (int)$warmup;
$first = (int)$first;

// Payloads are built before timing: X-Cart has the order array already.
$orders = [];
for ($i = 0; $i < $warmup + $count; $i++) {
    $orders[] = bench_order($first + $i);
}

// The ini settings must have taken effect (a rejected value falls back to the default).
if (str_starts_with($variant, 'ext') || $variant === 'map-preview') {
    $st = InforSync\status();
    if ($st['spool']['durability'] !== $durability || $st['worker']['mode'] !== 'off') {
        fwrite(STDERR, "expected durability=$durability worker=off, the extension has "
               . "durability={$st['spool']['durability']} worker={$st['worker']['mode']}\n");
        exit(1);
    }
}

switch ($variant) {
    case 'ext':
        $call = fn(array $o) => InforSync\enqueue('order.placed', $o);
        break;
    case 'ext-key':
        $call = fn(array $o) => InforSync\enqueue('order.placed', $o, 'xcart-order-' . $o['order_id']);
        break;
    case 'map-preview':
        $call = fn(array $o) => InforSync\map_preview('order.placed', $o);
        break;
    case 'php-fsync':
    case 'php-none':
        $spool = new UserlandSpool($spool_dir, $variant === 'php-fsync');
        $call = fn(array $o) => $spool->enqueue('order.placed', $o);
        break;
    case 'floor':
    case 'floor-none':
        // 1 KB, O_EXCL create, write, fsync, rename, fsync ready/: no JSON, no
        // hash (floor-none: the same file work without both fsyncs)
        $spool = new UserlandSpool($spool_dir, $variant === 'floor');
        $kb = str_repeat('x', 1023) . "\n";
        $call = fn(array $o) => $spool->write($o['order_id'], $kb);
        break;
    default:
        fwrite(STDERR, "unknown variant $variant\n");
        exit(2);
}

for ($i = 0; $i < $warmup; $i++) {
    $call($orders[$i]);
}
$ns = [];
for ($i = $warmup; $i < $warmup + $count; $i++) {
    $o = $orders[$i];
    $t = hrtime(true);
    $call($o);
    $ns[] = hrtime(true) - $t;
}
file_put_contents($outfile, implode("\n", $ns) . "\n", FILE_APPEND);
