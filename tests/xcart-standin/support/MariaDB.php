<?php
/*
 * A throwaway MariaDB server for the tests: its own data directory under a
 * temporary folder, a Unix socket only (no TCP port), stopped and removed
 * when the process that started it exits.
 *
 * MariaDB::socket() starts one unless the environment names a running one
 * (XCART_DB_SOCKET); the started server's socket is put into the environment,
 * so PHP processes this one starts (PHPUnit's separate processes, the browser
 * test's web server) use the same server.
 */

declare(strict_types=1);

namespace XCartStandin;

final class MariaDB
{
    private static ?string $startedDir = null;
    private static ?int $pid = null;

    /** The socket of the test server, started on first use. */
    public static function socket(): string
    {
        $socket = getenv('XCART_DB_SOCKET');
        if (is_string($socket) && $socket !== '') {
            return $socket;
        }
        $socket = self::start();
        putenv('XCART_DB_SOCKET=' . $socket);
        $_ENV['XCART_DB_SOCKET'] = $socket;

        return $socket;
    }

    private static function start(): string
    {
        foreach (['mariadb-install-db', 'mariadbd'] as $program) {
            if (self::find($program) === null) {
                throw new \RuntimeException("$program not found: scripts/install-deps.sh installs mariadb-server");
            }
        }
        $dir = sys_get_temp_dir() . '/xcart-mariadb-' . getmypid() . '-' . bin2hex(random_bytes(3));
        mkdir($dir, 0700, true);
        self::$startedDir = $dir;
        register_shutdown_function([self::class, 'stop']);

        $user = self::isRoot() ? ['--user=root'] : []; // mariadbd refuses to run as root without it
        self::run(array_merge([self::find('mariadb-install-db'), '--no-defaults', "--datadir=$dir/data",
            '--auth-root-authentication-method=normal', '--skip-test-db'], $user), "$dir/install.log");

        $socket = "$dir/mysqld.sock";
        $command = array_merge([self::find('mariadbd'), '--no-defaults', "--datadir=$dir/data", "--socket=$socket",
            '--skip-networking', "--pid-file=$dir/mysqld.pid", "--log-error=$dir/error.log",
            '--innodb-buffer-pool-size=32M', '--innodb-log-file-size=16M', '--skip-log-bin',
            '--innodb-flush-log-at-trx-commit=2', '--character-set-server=utf8mb4',
            '--collation-server=utf8mb4_unicode_ci'], $user);
        $process = proc_open($command, [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$dir/stdout.log", 'a'],
            2 => ['file', "$dir/stdout.log", 'a']], $pipes);
        if (!is_resource($process)) {
            throw new \RuntimeException('cannot start mariadbd');
        }
        self::$pid = proc_get_status($process)['pid'];

        $deadline = microtime(true) + 60;
        while (!self::accepts($socket)) {
            if (!proc_get_status($process)['running'] || microtime(true) > $deadline) {
                throw new \RuntimeException("mariadbd did not start; see $dir/error.log:\n"
                    . @file_get_contents("$dir/error.log"));
            }
            usleep(50000);
        }

        return $socket;
    }

    /** Stops the server this process started and removes its files. */
    public static function stop(): void
    {
        if (self::$pid === null || self::$startedDir === null || getmypid() !== self::owner()) {
            return;
        }
        self::signal('TERM');
        $deadline = microtime(true) + 30;
        while (self::signal('0') && microtime(true) < $deadline) {
            usleep(50000);
            if (function_exists('pcntl_waitpid')) {
                pcntl_waitpid(self::$pid, $status, WNOHANG);
            }
        }
        if (self::signal('0')) {
            self::signal('KILL');
        }
        exec('rm -rf ' . escapeshellarg(self::$startedDir));
        self::$pid = null;
        self::$startedDir = null;
    }

    /** kill -<signal> on the server; true when the process was there to get it */
    private static function signal(string $signal): bool
    {
        exec('kill -' . $signal . ' ' . (int) self::$pid . ' 2>/dev/null', $output, $rc);

        return $rc === 0;
    }

    private static function isRoot(): bool
    {
        return function_exists('posix_geteuid') ? posix_geteuid() === 0 : trim((string) shell_exec('id -u')) === '0';
    }

    private static function owner(): int
    {
        return (int) explode('-', basename((string) self::$startedDir))[2];
    }

    private static function accepts(string $socket): bool
    {
        if (!file_exists($socket)) {
            return false;
        }
        try {
            new \PDO('mysql:unix_socket=' . $socket, 'root', '');

            return true;
        } catch (\PDOException $e) {
            return false;
        }
    }

    private static function run(array $command, string $log): void
    {
        $process = proc_open($command, [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'a'],
            2 => ['file', $log, 'a']], $pipes);
        if (!is_resource($process) || proc_close($process) !== 0) {
            throw new \RuntimeException(implode(' ', $command) . " failed:\n" . @file_get_contents($log));
        }
    }

    private static function find(string $program): ?string
    {
        foreach (['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'] as $dir) {
            if (is_executable("$dir/$program")) {
                return "$dir/$program";
            }
        }

        return null;
    }
}
