<?php
/*
 * One `php bin/console xcart:cron` in a process of its own, on the same shop database and Infor
 * spool as the test that starts it (ShopTestCase::startCron()): the stand-in with the add-on, the
 * extension with its worker off (the test's process delivers), X-Cart's CronCommand. Prints the
 * add-on's report of this run (InboundStats, kept in its own directory) as JSON on the last line.
 *
 *   php -d extension=... -d infor_sync.*=... cron.php STATS_DIR
 */

declare(strict_types=1);

require dirname(__DIR__) . '/xcart/bootstrap.php';

\CloudLink\InforSync\Core\LastError::$dir = $argv[1];
$started = microtime(true);
$output = new \Symfony\Component\Console\Output\BufferedOutput();
$command = new \XCart\Command\CronCommand(\XCartStandin\EventDispatcher::fromModules());
$command->run(new \Symfony\Component\Console\Input\ArrayInput([]), $output);
echo $output->fetch();
echo json_encode(['started' => $started, 'finished' => microtime(true),
    'stats' => \CloudLink\InforSync\Core\InboundStats::get()]), "\n";
