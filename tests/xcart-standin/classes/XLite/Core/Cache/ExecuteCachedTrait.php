<?php
/*
 * XLite\Core\Cache\ExecuteCachedTrait (classes/XLite/Core/Cache/ExecuteCachedTrait.php): a
 * per-object memo. executeCachedRuntime($callback, $cacheKeyParts) runs $callback once per key
 * (the calling method's name when no key is given) and returns the remembered result after
 * that, unless $force.
 */
declare(strict_types=1);

namespace XLite\Core\Cache;

trait ExecuteCachedTrait
{
    /** @var array<string, mixed> */
    private $standinRuntimeCache = [];

    protected function executeCachedRuntime(callable $callback, $cacheKeyParts = null, $force = false)
    {
        $cacheKeyParts ??= debug_backtrace(\DEBUG_BACKTRACE_IGNORE_ARGS, 2)[1]['function'];
        $key = $this->getRuntimeCacheKey($this->getRuntimeCacheKeyParts($cacheKeyParts));
        if ($force || !array_key_exists($key, $this->standinRuntimeCache)) {
            $this->standinRuntimeCache[$key] = $callback();
        }

        return $this->standinRuntimeCache[$key];
    }

    protected function getRuntimeCacheKey($cacheKeyParts)
    {
        return is_scalar($cacheKeyParts) ? (string) $cacheKeyParts : md5(serialize($cacheKeyParts));
    }

    protected function setRuntimeCache($cacheKeyParts, $data)
    {
        $this->standinRuntimeCache[$this->getRuntimeCacheKey($this->getRuntimeCacheKeyParts($cacheKeyParts))] = $data;
    }

    protected function getRuntimeCache($cacheKeyParts)
    {
        return $this->standinRuntimeCache[$this->getRuntimeCacheKey($this->getRuntimeCacheKeyParts($cacheKeyParts))] ?? null;
    }

    protected function getRuntimeCacheKeyParts($cacheKeyParts)
    {
        return [$cacheKeyParts];
    }
}
