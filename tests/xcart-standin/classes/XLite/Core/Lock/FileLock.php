<?php
/*
 * XLite\Core\Lock\FileLock (classes/XLite/Core/Lock/FileLock.php): a task's "running" mark is a
 * file <lock dir>/<key>.lock holding its expiry time (empty: 24 h after the file's mtime).
 * isRunning() is true while the file exists and has not expired (with $strict, whatever its
 * age); an expired file is removed. Not a mutual exclusion: two processes that both look
 * before either writes both run. The stand-in's lock directory is $XCART_LOCK_DIR, else one beside
 * the test run's database server (X-Cart: var/datacache/locks/ of the installation).
 */
declare(strict_types=1);

namespace XLite\Core\Lock;

class FileLock extends \XLite\Base\Singleton implements \XLite\Core\Lock\ILock
{
    use \XLite\InjectLoggerTrait;

    public const FILE_SUFFIX = '.lock';

    public const DEFAULT_TTL = 86400;

    public function __construct()
    {
        if (!is_dir(self::lockDir())) {
            @mkdir(self::lockDir(), 0777, true);
        }
        if (!is_writable(self::lockDir())) {
            $this->getLogger()->debug('Cannot create lock for keys');
        }
        parent::__construct();
    }

    /** X-Cart: the constant LOCK_DIR (LC_DIR_LOCKS, var/datacache/locks/) */
    private static function lockDir(): string
    {
        $dir = getenv('XCART_LOCK_DIR');

        // else next to the test database server: one "installation" per test run
        return is_string($dir) && $dir !== '' ? rtrim($dir, '/') . '/' : dirname(\XCartStandin\MariaDB::socket()) . '/locks/';
    }

    protected function getFileName($key)
    {
        return self::lockDir() . str_replace('\\', '_', $key) . static::FILE_SUFFIX;
    }

    protected function isExpired($filename, $ttl)
    {
        clearstatcache();
        $lastModified = @filemtime($filename);
        $expirationTime = (int) @file_get_contents($filename);
        if (empty($expirationTime)) {
            $expirationTime = $lastModified + ($ttl ?: static::DEFAULT_TTL);
        }

        return $lastModified !== false && time() > $expirationTime;
    }

    public function isRunning($key, $strict = false, $ttl = null)
    {
        $filename = $this->getFileName($key);
        if (file_exists($filename) && ($strict || !$this->isExpired($filename, $ttl))) {
            return true;
        }
        $this->release($key);

        return false;
    }

    public function setRunning($key, $ttl = null)
    {
        file_put_contents($this->getFileName($key), $ttl === null ? '' : (string) (int) (time() + $ttl));
    }

    public function release($key)
    {
        $filename = $this->getFileName($key);
        if (file_exists($filename)) {
            @unlink($filename);
        }
    }
}
