<?php

// The module's plain classes (src/Core without X-Cart), loaded by PSR-4 from xcart/src.
spl_autoload_register(static function (string $class): void {
    $prefix = 'CloudLink\\InforSync\\';
    if (strncmp($class, $prefix, strlen($prefix)) === 0) {
        $file = dirname(__DIR__, 2) . '/xcart/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});

require __DIR__ . '/Fakes.php';
