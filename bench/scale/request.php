<?php
// The request the php-fpm pools of bench/scale/fpm.php serve: prints the
// child's pid. With ?barrier=DIR&n=N it first marks DIR/<pid> and waits
// (at most 10 s) until N children arrived, so that N requests sent at once
// are served by N different children.
if (isset($_GET['barrier'])) {
    $dir = $_GET['barrier'];
    touch("$dir/" . getmypid());
    $deadline = microtime(true) + 10;
    while (count(glob("$dir/*")) < (int)$_GET['n'] && microtime(true) < $deadline) {
        usleep(1000);
    }
}
echo getmypid(), "\n";
