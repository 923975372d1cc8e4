<?php
/*
 * XCart\Command\CronCommand (src/Command/CronCommand.php), `php bin/console xcart:cron`:
 * dispatches one xcart.cronjob CronEvent (start time now, the memory limit, the output) to
 * every task and prints the execution time. There is no catch: an exception from a task
 * ends the whole run, and the tasks after it do not run.
 */
declare(strict_types=1);

namespace XCart\Command;

use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Output\OutputInterface;
use Symfony\Contracts\EventDispatcher\EventDispatcherInterface;
use XCart\Event\Task\CronEvent;

class CronCommand extends Command
{
    protected static $defaultName = 'xcart:cron';

    private EventDispatcherInterface $eventDispatcher;

    public function __construct(EventDispatcherInterface $eventDispatcher)
    {
        parent::__construct();
        $this->eventDispatcher = $eventDispatcher;
    }

    protected function configure()
    {
        $this->setDescription('Launches scheduled task execution (cron). Options and arguments are not supported.');
    }

    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $event = new CronEvent();
        $event->setStartTime(\XCartStandin\Clock::now());
        $event->setMemoryLimitIni(PHP_INT_MAX);
        $event->setOutput($output);
        $started = microtime(true);
        $this->eventDispatcher->dispatch($event, CronEvent::NAME);
        $output->writeln(PHP_EOL . sprintf('Execution time: %.4f sec.', microtime(true) - $started));

        return Command::SUCCESS;
    }
}
