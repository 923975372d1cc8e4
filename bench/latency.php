<?php
// Helpers for the latency matrix of bench/run.sh (section 3).
//
//   php bench/latency.php counters SANDBOX_DIR
//       "mi_requests bulk_transactions handshakes peak_in_flight" from the sandbox's stats
//   php bench/latency.php orders SANDBOX_DIR COUNT
//       "ok" when the sandbox holds COUNT confirmed orders, each CUOR once, each with 3 lines
//   php bench/latency.php token SANDBOX_DIR
//       a bearer token of the sandbox's password-grant app (for wrk)
[, $what, $dir] = $argv;
$port = trim(file_get_contents("$dir/port"));
$ctx = stream_context_create(['ssl' => ['cafile' => "$dir/ca.pem"]]);

function get(string $url, $ctx): array
{
    return json_decode(file_get_contents($url, false, $ctx), true);
}

switch ($what) {
    case 'counters':
        $s = get("https://127.0.0.1:$port/_sandbox/stats", $ctx);
        printf("%d %d %d %d\n", $s['m3_single_calls'] + $s['m3_bulk_requests'], $s['m3_bulk_transactions'],
               $s['connections_accepted'], $s['m3_peak_in_flight']);
        break;
    case 'orders':
        $count = (int)$argv[3];
        $orders = get("https://127.0.0.1:$port/_sandbox/orders", $ctx)['orders'];
        $cuors = array_count_values(array_map(fn($o) => $o['cuor'], $orders));
        $lines = array_unique(array_map(fn($o) => count($o['lines']), $orders));
        $ok = count($orders) === $count && count($cuors) === $count && $lines === [3];
        echo $ok ? "ok\n" : sprintf("%d orders, %d distinct CUOR, lines %s\n", count($orders), count($cuors),
                                    implode(',', $lines));
        break;
    case 'token':
        $cred = json_decode(file_get_contents("$dir/sandbox.ionapi"), true);
        $body = http_build_query(['grant_type' => 'password', 'username' => $cred['saak'], 'password' => $cred['sask'],
                                  'client_id' => $cred['ci'], 'client_secret' => $cred['cs']]);
        $post = stream_context_create(['ssl' => ['cafile' => "$dir/ca.pem"],
                                       'http' => ['method' => 'POST', 'content' => $body,
                                                  'header' => "Content-Type: application/x-www-form-urlencoded\r\n"]]);
        echo json_decode(file_get_contents($cred['pu'] . $cred['ot'], false, $post), true)['access_token'], "\n";
        break;
}
