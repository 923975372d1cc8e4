<?php
/*
 * PHP built-in server router playing X-Cart's admin.php for the browser test: each request loads the
 * X-Cart 5.5 stand-in with the add-on (module CloudLink\InforSync) and runs the composed controller
 * of ?target= through handleRequest(), so the JSON actions and the settings save are the add-on's
 * own code. Pages are the add-on's real templates (lib/MiniTwig.php), monitor.js and monitor.css.
 *
 *   INFOR_BROWSER_STATE=/tmp/x php -n -d extension=tokenizer -d extension=ctype \
 *       -d extension=infor_sync.so -d infor_sync.spool_dir=... -S 127.0.0.1:8080 tests/browser/admin_router.php
 *
 * The stand-in keeps its database in memory, so between requests the router keeps the Config rows,
 * the TopMessages and the form id in $INFOR_BROWSER_STATE/xcart.json (X-Cart: database and session).
 * The first request loads the module's config/install.yaml fixtures, as installing the module does.
 * No authentication (the stand-in's admin has root access): bind it to 127.0.0.1 only.
 */

declare(strict_types=1);

use InforSyncBrowser\FixtureYaml;
use InforSyncBrowser\MiniTwig;

const MODULE_NAME = 'CloudLink\InforSync';

$root = dirname(__DIR__, 2);
$adminSkin = "$root/xcart/templates/web/admin";
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH) ?: '/';

if (str_starts_with($path, '/assets/')) {
    serveAsset($adminSkin, substr($path, strlen('/assets/')));
    return true;
}
if ($path === '/favicon.ico') {
    http_response_code(204); // the shop's icon is not part of the add-on
    return true;
}
if ($path === '/') {
    header('Location: admin.php?target=infor_sync_status');
    return true;
}
if ($path !== '/admin.php') {
    http_response_code(404);
    echo 'not found';
    return true;
}

require "$root/tests/xcart-standin/bootstrap.php";
\XCartStandin\Extender::addModule(MODULE_NAME, "$root/xcart/src");
require __DIR__ . '/lib/FixtureYaml.php';
require __DIR__ . '/lib/MiniTwig.php';

$stateFile = rtrim((string)getenv('INFOR_BROWSER_STATE'), '/') . '/xcart.json';
$fixtures = FixtureYaml::parseFile("$root/xcart/config/install.yaml");
$state = loadState($stateFile, $fixtures);
// the JSON actions end with exit: keep what they changed (TopMessages of push_config)
register_shutdown_function(static function () use ($stateFile, &$state) {
    saveState($stateFile, $state);
});

$request = \XLite\Core\Request::getInstance();
$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
$request->standinSet(array_replace($_GET, $_POST), $method);
$target = (string)($request->target ?: 'infor_sync_status');
$class = controllerClass($target);
if ($class === null) {
    http_response_code(404);
    echo 'no controller for target ' . htmlspecialchars($target);
    return true;
}
if ($method === 'POST' && (string)$request->xcart_form_id !== $state['form_id']) {
    // [inferred] X-Cart refuses POST actions without the form id of the page's form
    http_response_code(400);
    echo 'wrong or missing xcart_form_id';
    return true;
}

$controller = new $class();
try {
    $controller->handleRequest();
} catch (\XCartStandin\AccessDenied $e) {
    http_response_code(403);
    echo 'access denied';
    return true;
}

if ($method === 'POST') {
    // [inferred] X-Cart answers a form POST with a redirect; its TopMessages show on the next page
    header('Location: ' . \XLite\Core\Converter::buildURL($target, '', array_filter(['moduleId' => $request->moduleId])), true, 303);
    return true;
}

header('Content-Type: text/html; charset=utf-8');
echo renderPage($controller, $target, $adminSkin, $state, $fixtures);
return true;

/* ---- state between requests ---- */

function loadState(string $file, array $fixtures): array
{
    $state = is_file($file) ? json_decode((string)file_get_contents($file), true) : null;
    \XLite\Core\Database::standinReset();
    if (!is_array($state)) {
        (new \XCart\Doctrine\FixtureLoader())->loadArray($fixtures);

        return ['form_id' => bin2hex(random_bytes(16))];
    }
    $repo = \XLite\Core\Database::getRepo(\XLite\Model\Config::class);
    foreach ($state['config'] as $row) {
        $option = $repo->createOption($row, true);
        $option->setOrderby($row['orderby']);
    }
    \XLite\Core\Database::getEM()->flush();
    \XLite\Core\Config::updateInstance();
    foreach ($state['messages'] as $m) {
        \XLite\Core\TopMessage::getInstance()->add($m['text'], [], null, $m['type']);
    }

    return $state;
}

function saveState(string $file, array &$state): void
{
    $state['config'] = [];
    foreach (\XLite\Core\Database::getRepo(\XLite\Model\Config::class)->findAll() as $o) {
        $state['config'][] = ['category' => $o->getCategory(), 'name' => $o->getName(), 'type' => $o->getType(),
            'orderby' => $o->getOrderby(), 'value' => $o->getValue()];
    }
    $state['messages'] = \XLite\Core\TopMessage::getInstance()->getMessages();
    file_put_contents($file, json_encode($state, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), LOCK_EX);
}

/* ---- dispatch ---- */

/**
 * The controller of a target: the core class (with its mixins) or the module's own
 * (X-Cart looks up <module>/src/Controller/Admin/<Target>.php, reference §4.2).
 */
function controllerClass(string $target): ?string
{
    if (!preg_match('/^[a-z][a-z0-9_]*$/', $target)) {
        return null;
    }
    $name = \XLite\Core\Converter::convertToUpperCamelCase($target);
    foreach (['XLite\Controller\Admin\\' . $name, MODULE_NAME . '\Controller\Admin\\' . $name] as $class) {
        if (class_exists($class) && !(new \ReflectionClass($class))->isAbstract()) {
            return $class;
        }
    }

    return null;
}

/**
 * The module's widgets in list admin.center that allow $target, by weight (@ListChild).
 *
 * @return \XLite\View\AView[]
 */
function centerWidgets(string $target): array
{
    $root = dirname(__DIR__, 2) . '/xcart/src/View';
    $found = [];
    $files = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($root, \FilesystemIterator::SKIP_DOTS));
    foreach ($files as $file) {
        $source = (string)file_get_contents((string)$file);
        if (!preg_match('/@ListChild\s*\(([^)]*list="admin\.center"[^)]*)\)/', $source, $m)) {
            continue;
        }
        $weight = preg_match('/weight="(\d+)"/', $m[1], $w) ? (int)$w[1] : 0;
        $class = MODULE_NAME . '\View\\' . str_replace('/', '\\', substr((string)$file, strlen($root) + 1, -4));
        if (in_array($target, $class::getAllowedTargets(), true)) {
            $found[] = [$weight, $class];
        }
    }
    sort($found);

    return array_map(static fn ($f) => new $f[1](), $found);
}

/* ---- pages ---- */

function renderPage(\XLite\Controller\AController $controller, string $target, string $skin, array &$state, array $fixtures): string
{
    $twig = new MiniTwig(static fn (string $class, string $body) => renderForm(new $class(), $state['form_id'], $body));
    $widgets = centerWidgets($target);
    $body = '';
    $css = $js = [];
    foreach ($widgets as $widget) {
        $body .= $twig->renderFile($skin . '/' . $widget->standinGetTemplate(), $widget);
        $css = array_merge($css, $widget->getCSSFiles());
        $js = array_merge($js, $widget->getJSFiles());
    }
    if ($controller instanceof \XLite\Controller\Admin\Module) {
        $body .= renderSettingsForm($controller, $state['form_id'], $fixtures);
    }
    $h = 'h';
    $head = '';
    foreach (array_unique($css) as $file) {
        $head .= '<link rel="stylesheet" href="assets/' . h($file) . '">';
    }
    $scripts = '';
    foreach (array_unique($js) as $file) {
        $scripts .= '<script src="assets/' . h($file) . '"></script>';
    }

    return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{$h($controller->getTitle())}</title>$head</head>\n"
        . "<body>\n<h1>{$h($controller->getTitle())}</h1>\n" . renderTopMessages() . "\n$body\n$scripts\n</body></html>\n";
}

/** [inferred markup] X-Cart's status messages box; shown once */
function renderTopMessages(): string
{
    $messages = \XLite\Core\TopMessage::getInstance();
    $items = '';
    foreach ($messages->getMessages() as $m) {
        $items .= '<li class="' . h($m['type']) . '">' . h($m['text']) . '</li>';
    }
    $messages->clear();

    $style = '<style>#status-messages li.error{color:#b00020}#status-messages li.info{color:#1b5e20}</style>';

    return $items === '' ? '' : $style . '<div id="status-messages"><ul>' . $items . '</ul></div>';
}

/** {% form %}: the form's target and action as hidden fields plus X-Cart's form id */
function renderForm(\XLite\View\Form\AForm $form, string $formId, string $body): string
{
    parse_str((string)parse_url($form->standinGetAction(), PHP_URL_QUERY), $fields);
    $fields['xcart_form_id'] = $formId;
    $hidden = '';
    foreach ($fields as $name => $value) {
        $hidden .= '<input type="hidden" name="' . h($name) . '" value="' . h($value) . '">';
    }

    return '<form method="post" action="admin.php">' . $hidden . $body . '</form>';
}

/**
 * [inferred markup] The module settings form X-Cart builds from the module's Config rows: label
 * and comment from the fixture's translations, the field from the option type.
 */
function renderSettingsForm(\XLite\Controller\Admin\Module $controller, string $formId, array $fixtures): string
{
    $labels = [];
    foreach ($fixtures['XLite\Model\Config'] ?? [] as $row) {
        $labels[$row['name']] = $row['translations'][0] ?? [];
    }
    $rows = '';
    foreach ($controller->getOptions() as $option) {
        $name = $option->getName();
        $label = h($labels[$name]['option_name'] ?? $name);
        $comment = h($labels[$name]['option_comment'] ?? '');
        $type = $option->getType();
        if (str_contains($type, 'Separator')) {
            $rows .= "<tr class=\"separator\"><th colspan=\"2\"><h2>$label</h2></th></tr>\n";
            continue;
        }
        $rows .= "<tr><th><label for=\"opt-$name\">$label</label></th><td>" . settingsField($option)
            . ($comment === '' ? '' : "<div class=\"comment\">$comment</div>") . "</td></tr>\n";
    }
    $fields = ['target' => 'module', 'action' => 'update', 'moduleId' => $controller->getModuleId(), 'xcart_form_id' => $formId];
    $hidden = '';
    foreach ($fields as $name => $value) {
        $hidden .= '<input type="hidden" name="' . h($name) . '" value="' . h($value) . '">';
    }

    return '<form method="post" action="admin.php" class="module-settings">' . $hidden
        . "<table class=\"infor-sync-table\">\n$rows</table>"
        . '<button type="submit" class="btn regular-main-button submit">Save changes</button></form>';
}

function settingsField(\XLite\Model\Config $option): string
{
    $name = h($option->getName());
    $value = $option->getValue();
    if (in_array($option->getType(), \XLite\Controller\Admin\Module::STANDIN_CHECKBOX_TYPES, true)) {
        return "<input type=\"checkbox\" id=\"opt-$name\" name=\"$name\" value=\"1\"" . ($value ? ' checked' : '') . '>';
    }
    if (str_contains($option->getType(), 'Textarea')) {
        return "<textarea id=\"opt-$name\" name=\"$name\" rows=\"3\" cols=\"60\">" . h($value) . '</textarea>';
    }

    return "<input type=\"text\" id=\"opt-$name\" name=\"$name\" value=\"" . h($value) . '">';
}

function serveAsset(string $skin, string $relative): void
{
    $file = realpath("$skin/$relative");
    $types = ['js' => 'application/javascript', 'css' => 'text/css'];
    $ext = pathinfo((string)$file, PATHINFO_EXTENSION);
    if ($file === false || !str_starts_with($file, realpath($skin) . '/') || !isset($types[$ext])) {
        http_response_code(404);
        echo 'not found';
        return;
    }
    header('Content-Type: ' . $types[$ext] . '; charset=utf-8');
    readfile($file);
}

function h($value): string
{
    return htmlspecialchars(is_bool($value) ? ($value ? '1' : '') : (string)$value, ENT_QUOTES, 'UTF-8');
}
