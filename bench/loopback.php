<?php
// MI calls/s on loopback against a plain load generator on the same endpoint
// (bench/run.sh section 4). The extension's path is the stock poll: one lane
// pages through MMS060MI/List of warehouse 100; once the first poll has
// announced every item, each further poll of the unchanged catalogue writes
// no event, so its calls are the only work (one poll state save at the end).
// The load generator replays the very requests of such a poll.
//
//   php bench/loopback.php load SANDBOX_DIR ITEMS | curl -s -K -
//       a curl config: ITEMS items BENCH-000001... with stock in warehouse 100
//   php bench/loopback.php url SANDBOX_DIR ITEMS
//       the URL of a page in the middle of the list, as the poller sends it
//   php bench/loopback.php replay SANDBOX_DIR TOKEN LUA_FILE
//       pages through the list once as the poller does (the next page starts
//       at the last item of a full page), writes a wrk script that requests
//       those paths in turn, one after another, and prints how many there are
//   php bench/loopback.php rounds SANDBOX_DIR SANDBOX_PID ROUNDS LOG STATE WRK -- COMMAND...
//       starts COMMAND (php with the worker on, logging at debug level to LOG,
//       polling stock every 2 s; it runs until its stdin closes). Each time a
//       poll ends (STATE, the poll state file, saved anew; saved once more
//       right after, when the next poll is due, which is over when wrk is) it
//       runs the shell command WRK (wrk replaying a poll, 1 s), so that each
//       poll after the first is paired with the wrk run just before it. Prints one line per round:
//       "round calls window_s worker_cpu_s sandbox_cpu_s wrk_requests
//       wrk_calls_per_s wrk_sandbox_cpu_s", window_s being the poll's first
//       MMS060MI/List call start to last call end (the log's millisecond
//       timestamps and each call's duration), the worker's CPU from the end of
//       the poll before to the end of this one, the sandbox's from the end of
//       the wrk run to the end of the poll. The first poll is left out: it
//       opens the connection and gets a token (on a fresh spool it also
//       announces every item).
[, $what, $dir] = $argv;
$port = trim(file_get_contents("$dir/port"));
const PAGE = 100;
const GAP_MS = 300; // the polls are two seconds apart

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
 * The polls after the first in the log, each [calls, window ms, first call
 * start]: polls are told apart by the interval between them (a gap of more
 * than GAP_MS between two calls).
 */
function later_polls(string $log): array
{
    $polls = [];
    $last = 0.0;
    foreach (is_file($log) ? file($log, FILE_IGNORE_NEW_LINES) : [] as $line) {
        if (preg_match('/M3 MMS060MI\/List -> ok \(200, (\d+) ms\)$/', $line, $m)) {
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
    return array_slice($polls, 1);
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
    case 'replay':
        [, , , $token, $lua] = $argv;
        $ctx = stream_context_create(['ssl' => ['cafile' => "$dir/ca.pem"],
                                      'http' => ['header' => "Authorization: Bearer $token\r\nAccept: application/json\r\n"]]);
        $paths = [];
        $from = '';
        do {
            $path = "/TEN_SANDBOX/M3/m3api-rest/v2/execute/MMS060MI/List;cono=100;divi=AAA;maxrecs=" . PAGE
                  . ';returncols=ITNO,STQT,ALQT?WHLO=100' . ($from !== '' ? '&ITNO=' . rawurlencode($from) : '');
            $paths[] = $path;
            $page = json_decode(file_get_contents("https://127.0.0.1:$port$path", false, $ctx), true);
            $rows = $page['results'][0]['records'] ?? [];
            $from = count($rows) >= PAGE ? end($rows)['ITNO'] : '';
        } while ($from !== '');
        file_put_contents($lua, "-- the requests of one stock poll, in turn (bench/loopback.php replay)\nlocal paths = {\n"
            . implode('', array_map(fn($p) => '  "' . $p . "\",\n", $paths))
            . "}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n");
        echo count($paths), "\n";
        break;
    case 'rounds':
        [, , , $sandboxPid, $rounds, $log, $state, $wrk] = $argv;
        $sandboxPid = (int)$sandboxPid;
        $command = array_slice($argv, array_search('--', $argv) + 1);
        $child = proc_open($command, [0 => ['pipe', 'r'], 1 => STDERR, 2 => STDERR], $pipes);
        $pid = proc_get_status($child)['pid'];
        $ends = []; // [poll's end seen (ms), worker CPU s, sandbox CPU s], one per finished poll
        $wrk_runs = [];
        $stamp = null;
        for ($waited = 0; count($ends) < (int)$rounds + 1 && $waited < 600000; $waited += 5) {
            usleep(5000);
            clearstatcache();
            $now = @fileinode($state) ?: null; // saved by a new file renamed over the old one
            if ($now === null || $now === $stamp) {
                continue;
            }
            $stamp = $now; // a poll ended (its state saved): wrk replays it before the next one starts
            $ends[] = [cpu_s($pid), cpu_s($sandboxPid)];
            if (count($ends) > (int)$rounds) {
                break;
            }
            $sandbox0 = cpu_s($sandboxPid);
            $out = shell_exec($wrk . ' 2>&1');
            $wrk_runs[] = [$out, cpu_s($sandboxPid) - $sandbox0, cpu_s($sandboxPid)];
            clearstatcache();
            $stamp = @fileinode($state) ?: $now; // the poll's second save (when it is due next) is over by now
        }
        fclose($pipes[0]);
        proc_close($child);
        $polls = later_polls($log); // the polls after the first: poll k+1 ran between wrk run k and end k+1
        if (count($polls) < (int)$rounds) {
            fwrite(STDERR, "the worker made " . count($polls) . " stock polls after the first, $rounds expected; log $log\n");
            exit(1);
        }
        for ($r = 0; $r < (int)$rounds; $r++) {
            [$calls, $window_ms] = $polls[$r];
            $wrk_out = $wrk_runs[$r][0];
            preg_match('/(\d+) requests in/', $wrk_out, $n);
            preg_match('/Requests\/sec:\s+([\d.]+)/', $wrk_out, $rps);
            if (!$n || !$rps) {
                fwrite(STDERR, "wrk: $wrk_out\n");
                exit(1);
            }
            // the poll's CPU: from the end of wrk run r to the end of poll r+1
            printf("%d %d %.3f %.2f %.2f %d %.1f %.2f\n", $r + 1, $calls, $window_ms / 1000,
                   $ends[$r + 1][0] - $ends[$r][0], $ends[$r + 1][1] - $wrk_runs[$r][2], $n[1], $rps[1],
                   $wrk_runs[$r][1]);
        }
        break;
}
