<?php
// MI calls/s on loopback against a plain load generator on the same endpoint
// (bench/run.sh section 4). The extension's path is the stock poll: one lane
// pages through MMS060MI/List of warehouse 100; once the first poll has
// announced every item, each further poll of the unchanged catalogue writes
// no event, so its calls are the only work (one poll state save at the end).
//
//   php bench/loopback.php load SANDBOX_DIR ITEMS | curl -s -K -
//       a curl config: ITEMS items BENCH-000001... with stock in warehouse 100
//   php bench/loopback.php url SANDBOX_DIR ITEMS
//       the URL of a page in the middle of the list, as the poller sends it
//   php bench/loopback.php poll SANDBOX_DIR SANDBOX_PID POLLS LOG -- COMMAND...
//       starts COMMAND (php with the worker on, logging at debug level to LOG,
//       polling stock every second; it runs until its stdin closes), waits
//       for 1 + POLLS stock polls and prints, over the POLLS polls after the
//       first: "calls window_s worker_cpu_s sandbox_cpu_s", window_s being the
//       sum over the polls of first MMS060MI/List call start to last call end
//       (the log's millisecond timestamps and each call's duration), the CPU
//       seconds of the worker process and of the sandbox from the end of the
//       first poll to the start of the one after the last (idle between polls).
[, $what, $dir] = $argv;
$port = trim(file_get_contents("$dir/port"));
const PAGE = 100;
const GAP_MS = 300; // the polls are a second apart

function item(int $i): string
{
    return sprintf('BENCH-%06d', $i);
}

/** utime + stime of a process, seconds. */
function cpu_s(int $pid): float
{
    $stat = @file_get_contents("/proc/$pid/stat");
    if ($stat === false) {
        return NAN;
    }
    $fields = explode(' ', substr($stat, strrpos($stat, ')') + 2));
    return ((int)$fields[11] + (int)$fields[12]) / 100; // USER_HZ
}

/** Milliseconds since the epoch of a log line's timestamp. */
function line_ms(string $line): float
{
    $t = DateTimeImmutable::createFromFormat('Y-m-d\TH:i:s.v\Z', substr($line, 0, 24), new DateTimeZone('UTC'));
    return (float)$t->format('U') * 1000 + (int)$t->format('v');
}

/**
 * The polls after the first in the log, each [calls, window ms]: the first
 * ends with its "stock poll: N stock.changed event(s)" line (a poll that
 * emits nothing logs no such line), the later ones are told apart by the
 * interval between them (a gap of more than GAP_MS between two calls).
 */
function later_polls(string $log): array
{
    $polls = [];
    $first = true;
    $last = 0.0;
    foreach (is_file($log) ? file($log, FILE_IGNORE_NEW_LINES) : [] as $line) {
        if ($first) {
            $first = !str_contains($line, 'stock poll:');
        } elseif (preg_match('/M3 MMS060MI\/List -> ok \(200, (\d+) ms\)$/', $line, $m)) {
            $end = line_ms($line);
            if (!$polls || $end - (int)$m[1] - $last > GAP_MS) {
                $polls[] = [0, 0.0, $end - (int)$m[1]];
            }
            $p = &$polls[count($polls) - 1];
            $p[0]++;
            $p[1] = $end - $p[2];
            unset($p);
            $last = $end;
        }
    }
    return $polls;
}

switch ($what) {
    case 'load':
        $items = (int)$argv[3];
        $url = "https://127.0.0.1:$port/_sandbox";
        for ($i = 1; $i <= 2 * $items; $i++) {
            [$path, $body] = $i <= $items
                ? ['items', ['ITNO' => item($i), 'ITDS' => "Bench item $i", 'SAPR' => '10.00']]
                : ['stock', ['WHLO' => '100', 'ITNO' => item($i - $items), 'STQT' => (string)(1 + $i % 50), 'ALQT' => '0']];
            echo $i > 1 ? "next\n" : '', "url = \"$url/$path\"\ncacert = \"$dir/ca.pem\"\n",
                 'data = "', addcslashes(json_encode($body), '"\\'), "\"\n",
                 "header = \"Content-Type: application/json\"\noutput = \"/dev/null\"\n";
        }
        break;
    case 'url':
        $middle = item(intdiv((int)$argv[3], 2));
        echo "https://127.0.0.1:$port/TEN_SANDBOX/M3/m3api-rest/v2/execute/MMS060MI/List;cono=100;divi=AAA;maxrecs=",
             PAGE, ";returncols=ITNO,STQT,ALQT?WHLO=100&ITNO=$middle\n"; // the poll's own URL
        break;
    case 'poll':
        [, , , $sandboxPid, $count, $log] = $argv;
        $sandboxPid = (int)$sandboxPid;
        $command = array_slice($argv, array_search('--', $argv) + 1);
        $child = proc_open($command, [0 => ['pipe', 'r'], 1 => STDERR, 2 => STDERR], $pipes);
        $pid = proc_get_status($child)['pid'];
        $cpu = [];
        for ($waited = 0; count($cpu) < 2 && $waited < 600000; $waited += 5) {
            usleep(5000);
            $polls = later_polls($log);
            if (!$cpu && $polls) {
                $cpu[] = [cpu_s($pid), cpu_s($sandboxPid)]; // the first poll is over
            } elseif ($cpu && count($polls) > (int)$count) {
                $cpu[] = [cpu_s($pid), cpu_s($sandboxPid)]; // the next one started
            }
        }
        fclose($pipes[0]);
        proc_close($child);
        $measured = array_slice(later_polls($log), 0, (int)$count);
        if (count($measured) < (int)$count) {
            fwrite(STDERR, "the worker made " . count($measured) . " stock polls after the first, $count expected; log $log\n");
            exit(1);
        }
        printf("%d %.3f %.2f %.2f\n", array_sum(array_column($measured, 0)), array_sum(array_column($measured, 1)) / 1000,
               $cpu[1][0] - $cpu[0][0], $cpu[1][1] - $cpu[0][1]);
        break;
}
