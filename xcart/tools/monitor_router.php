<?php

/**
 * Serves the monitoring page's JSON API (Core\MonitorApi) and front end without X-Cart, with PHP's
 * built-in server — for tests and for looking at a spool on a machine without the shop:
 *
 *   php -d extension=infor_sync.so -d infor_sync.spool_dir=/var/spool/infor_sync \
 *       -S 127.0.0.1:8080 xcart/tools/monitor_router.php
 *
 *   GET  /?action=status            GET  /?action=event&id=...
 *   POST /?action=retry  id=...|all POST /?action=discard|release|discard_held|clear_error  id=...
 *   GET  /                          the page (monitor.js + monitor.css, as in the admin)
 *
 * No authentication: bind it to localhost only.
 */

$moduleRoot = dirname(__DIR__);
spl_autoload_register(static function (string $class) use ($moduleRoot): void {
    $prefix = 'CloudLink\\InforSync\\';
    if (strncmp($class, $prefix, strlen($prefix)) === 0) {
        $file = $moduleRoot . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});

use CloudLink\InforSync\Core\MonitorApi;
use CloudLink\InforSync\Core\ModuleInfo;

$assets = $moduleRoot . '/templates/web/admin/modules/CloudLink/InforSync/monitor/';
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/';

if ($path === '/monitor.js' || $path === '/monitor.css') {
    header('Content-Type: ' . ($path === '/monitor.js' ? 'application/javascript' : 'text/css') . '; charset=utf-8');
    readfile($assets . basename($path));
    return true;
}

$action = (string) ($_POST['action'] ?? $_GET['action'] ?? '');
if ($action !== '') {
    $params = array_filter(['id' => $_POST['id'] ?? $_GET['id'] ?? null, 'limit' => $_POST['limit'] ?? $_GET['limit'] ?? null], 'is_scalar');
    MonitorApi::emit((new MonitorApi())->handle($action, $params, $_SERVER['REQUEST_METHOD'] ?? 'GET'));
    return true;
}

if ($path !== '/') {
    http_response_code(404);
    echo 'not found';
    return true;
}

$h = static function ($s) {
    return htmlspecialchars((string) $s, ENT_QUOTES, 'UTF-8');
};
header('Content-Type: text/html; charset=utf-8');
?><!doctype html>
<html><head><meta charset="utf-8"><title>Infor M3 sync</title><link rel="stylesheet" href="/monitor.css"></head>
<body>
<div class="infor-sync" id="infor-sync-monitor" data-endpoint="/">
<?php if (!ModuleInfo::extensionLoaded()) : ?>
  <div class="infor-sync-missing"><h3>The infor_sync PHP extension is not loaded</h3>
  <?php foreach (ModuleInfo::missing() as $line) : ?><p><?= $h($line) ?></p><?php endforeach; ?>
  <pre><?= $h(ModuleInfo::INI_EXAMPLE) ?></pre></div>
<?php endif; ?>
  <div class="infor-sync-toolbar"><button type="button" data-infor-action="refresh">Refresh</button>
  <span class="infor-sync-updated" data-infor-field="updated"></span></div>
  <div class="infor-sync-alerts" data-infor-section="alerts"></div>
  <section><h3>Worker and spool</h3><div data-infor-section="overview"></div></section>
  <section><h3>Last deliveries</h3><div data-infor-section="deliveries"></div></section>
  <section><h3>Dead letters</h3><div data-infor-section="dead"></div></section>
  <section><h3>Held for review</h3><div data-infor-section="held"></div></section>
  <section><h3>From Infor, waiting for the shop</h3><div data-infor-section="inbound"></div></section>
  <section><h3>This module</h3><div data-infor-section="module"></div></section>
  <div class="infor-sync-dialog" data-infor-section="dialog" hidden></div>
</div>
<script src="/monitor.js"></script>
</body></html>
