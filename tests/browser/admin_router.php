<?php
/*
 * PHP built-in server router playing X-Cart's admin.php for the browser test: each request loads the
 * X-Cart 5.5 stand-in with the add-on (module CloudLink\InforSync) and runs the request the way
 * XCart\Controller\XCartController::admin() does: the controller of ?target= (with the add-on's
 * mixins) runs handleRequest() — ACL, the form id check, the action, the redirect after a POST —
 * and the response it built on \XLite (status, headers, content) is sent; a page is rendered only
 * when the controller wants one (processRequest()). The JSON actions answer through printAJAX().
 * Pages are the add-on's real templates (lib/MiniTwig.php), monitor.js and monitor.css.
 *
 *   INFOR_BROWSER_STATE=/tmp/x php -n -d extension=tokenizer -d extension=ctype -d extension=mbstring \
 *       -d extension=infor_sync.so -d infor_sync.spool_dir=... -S 127.0.0.1:8080 tests/browser/admin_router.php
 *
 * CSRF: X-Cart's per-form mode (config other.csrf_strategy: per-form): every rendered form gets its
 * own form id, which one POST uses up (AController::isFormIdValid()); INFOR_BROWSER_CSRF=per-session
 * switches to X-Cart's default.
 *
 * Each request starts from the stand-in's fresh database (MariaDB, the server run.php started) and
 * the router restores the Config rows, the TopMessages and the session (form ids) from
 * $INFOR_BROWSER_STATE/xcart.json (X-Cart: the database and the session). The first request loads the module's config/install.yaml fixtures, as installing the
 * module does. No authentication (the stand-in's admin has root access): bind it to 127.0.0.1 only.
 */

declare(strict_types=1);

use Symfony\Component\Yaml\Yaml;
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
require_once "$root/tests/xcart-standin/classes/XLite.php"; // no namespace: not autoloaded by the stand-in
\XCartStandin\Extender::addModule(MODULE_NAME, "$root/xcart/src");
require_once 'Symfony/Component/Yaml/autoload.php';
require __DIR__ . '/lib/MiniTwig.php';

$stateFile = rtrim((string)getenv('INFOR_BROWSER_STATE'), '/') . '/xcart.json';
$fixtures = Yaml::parseFile("$root/xcart/config/install.yaml");
\XLite::getInstance()->standinSetFormIdStrategy(getenv('INFOR_BROWSER_CSRF') ?: 'per-form');
$state = loadState($stateFile, $fixtures);
register_shutdown_function(static function () use ($stateFile) {
    saveState($stateFile);
});

$request = \XLite\Core\Request::getInstance();
$request->standinSet(array_replace($_GET, $_POST), $_SERVER['REQUEST_METHOD'] ?? 'GET');
$target = (string)($request->target ?: 'infor_sync_status');
$request->target = $target;
$class = controllerClass($target);
if ($class === null) {
    http_response_code(404);
    echo 'no controller for target ' . htmlspecialchars($target);
    return true;
}

$controller = new $class($request->getData());
\XLite::setController($controller);
try {
    $controller->handleRequest();
} catch (\XCartStandin\AccessDenied $e) {
    http_response_code(403);
    echo 'access denied';
    return true;
}

$xLite = \XLite::getInstance();
if ($xLite->standinIsSent()) {
    return true; // printAJAX() sent the answer
}
$headers = $xLite->getHeaders();
if (!isset($headers['Location']) && !isset($headers['AJAX-Location']) && $controller->processRequest()) {
    $xLite->addHeader('Content-Type', 'text/html; charset=utf-8');
    $xLite->addContent(renderPage($controller, $target, $adminSkin, $fixtures));
}
$xLite->sendResponse();
return true;

/* ---- state between requests ---- */

function loadState(string $file, array $fixtures): array
{
    $state = is_file($file) ? json_decode((string)file_get_contents($file), true) : null;
    \XLite\Core\Database::standinReset();
    if (!is_array($state)) {
        (new \XCart\Doctrine\FixtureLoader())->loadArray($fixtures);

        return [];
    }
    $repo = \XLite\Core\Database::getRepo(\XLite\Model\Config::class);
    foreach ($state['config'] as $row) {
        $repo->createOption($row); // flushed, so findOneBy() sees it (createOption() returns nothing)
        $repo->findOneBy(['category' => $row['category'], 'name' => $row['name']])
            ->setWidgetParameters($row['widgetParameters']);
    }
    \XLite\Core\Database::getEM()->flush();
    \XLite\Core\Config::updateInstance();
    foreach ($state['messages'] as $m) {
        \XLite\Core\TopMessage::getInstance()->add($m['text'], [], null, $m['type']);
    }
    \XLite\Core\Session::standinSetData($state['session']);

    return $state;
}

function saveState(string $file): void
{
    $state = ['config' => []];
    foreach (\XLite\Core\Database::getRepo(\XLite\Model\Config::class)->findAll() as $o) {
        $state['config'][] = ['category' => $o->getCategory(), 'name' => $o->getName(), 'type' => $o->getType(),
            'orderby' => $o->getOrderby(), 'value' => $o->getValue(), 'widgetParameters' => $o->getWidgetParameters()];
    }
    $state['messages'] = \XLite\Core\TopMessage::getInstance()->getMessages();
    $state['session'] = \XLite\Core\Session::getInstance()->standinGetData();
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
    $name = \Includes\Utils\Converter::convertToUpperCamelCase($target);
    foreach (['XLite\Controller\Admin\\' . $name, MODULE_NAME . '\Controller\Admin\\' . $name] as $class) {
        if (class_exists($class) && !(new \ReflectionClass($class))->isAbstract()) {
            return $class;
        }
    }

    return null;
}

/**
 * The module's widgets of a list (@ListChild list="..."), by weight, that X-Cart would display:
 * isVisible() (the target, and what the widget checks itself).
 *
 * @return \XLite\View\AView[]
 */
function listWidgets(string $list): array
{
    $root = dirname(__DIR__, 2) . '/xcart/src/View';
    $found = [];
    $files = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($root, \FilesystemIterator::SKIP_DOTS));
    foreach ($files as $file) {
        $source = (string)file_get_contents((string)$file);
        if (!preg_match('/@ListChild\s*\(([^)]*list="' . preg_quote($list, '/') . '"[^)]*)\)/', $source, $m)) {
            continue;
        }
        $weight = preg_match('/weight="(\d+)"/', $m[1], $w) ? (int)$w[1] : 0;
        $class = MODULE_NAME . '\View\\' . str_replace('/', '\\', substr((string)$file, strlen($root) + 1, -4));
        $widget = new $class();
        if ($widget->standinIsVisible()) {
            $found[] = [$weight, $class, $widget];
        }
    }
    usort($found, static fn ($a, $b) => [$a[0], $a[1]] <=> [$b[0], $b[1]]);

    return array_column($found, 2);
}

/* ---- pages ---- */

function renderPage(\XLite\Controller\AController $controller, string $target, string $skin, array $fixtures): string
{
    $twig = new MiniTwig(static fn (string $class, string $body) => renderForm(new $class(), $body));
    $css = $js = [];
    $render = static function (array $widgets) use ($twig, $skin, &$css, &$js): string {
        $html = '';
        foreach ($widgets as $widget) {
            $html .= $twig->renderFile($skin . '/' . $widget->standinGetTemplate(), $widget);
            $css = array_merge($css, $widget->getCSSFiles());
            $js = array_merge($js, $widget->getJSFiles());
        }

        return $html;
    };
    $body = $render(listWidgets('admin.center'));
    if ($controller instanceof \XLite\Controller\Admin\Module) {
        $form = $controller->getModelForm();
        // model/header.twig displays the list above the fields (AModel::displayViewSubList('header'))
        $body .= $render(listWidgets($form->standinViewSubListName('header')));
        $body .= renderSettingsForm($controller, $form, $fixtures);
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

    $style = '<style>#status-messages li.error{color:#b00020}#status-messages li.warning{color:#8a5300}#status-messages li.info{color:#1b5e20}</style>';

    return $items === '' ? '' : $style . '<div id="status-messages"><ul>' . $items . '</ul></div>';
}

/**
 * {% form %}: the form's target, action and return URL (View/Form/AForm.php:188-195) as hidden
 * fields, plus a form id of its own (\XLite::getFormId(), new for each form in per-form mode).
 */
function renderForm(\XLite\View\Form\AForm $form, string $body): string
{
    parse_str((string)parse_url($form->standinGetAction(), PHP_URL_QUERY), $fields);

    return '<form method="post" action="admin.php">' . hiddenFields($fields) . $body . '</form>';
}

function hiddenFields(array $fields): string
{
    $fields['returnURL'] = $_SERVER['REQUEST_URI'] ?? '';
    $fields[\XLite::FORM_ID] = \XLite::getFormId();
    $hidden = '';
    foreach ($fields as $name => $value) {
        $hidden .= '<input type="hidden" name="' . h($name) . '" value="' . h($value) . '">';
    }

    return $hidden;
}

/**
 * [inferred markup] The module settings form X-Cart builds with View\Model\ModuleSettings: one field
 * per option (the model's field classes), label and comment from the fixture's translations.
 */
function renderSettingsForm(\XLite\Controller\Admin\Module $controller, \XLite\View\Model\AModel $form, array $fixtures): string
{
    $labels = [];
    foreach ($fixtures['XLite\Model\Config'] ?? [] as $row) {
        $labels[$row['name']] = $row['translations'][0] ?? [];
    }
    $rows = '';
    foreach ($form->standinGetFormFields() as $name => $field) {
        $label = h($labels[$name]['option_name'] ?? $name);
        $comment = h($labels[$name]['option_comment'] ?? '');
        if ($field instanceof \XLite\View\FormField\Separator\ASeparator) {
            $rows .= "<tr class=\"separator\"><th colspan=\"2\"><h2>$label</h2></th></tr>\n";
            continue;
        }
        $rows .= "<tr><th><label for=\"opt-$name\">$label</label></th><td>" . settingsField($name, $field)
            . ($comment === '' ? '' : "<div class=\"comment\">$comment</div>") . "</td></tr>\n";
    }
    $fields = ['target' => 'module', 'action' => 'update', 'moduleId' => $controller->getModule()];

    return '<form method="post" action="admin.php" class="module-settings">' . hiddenFields($fields)
        . "<table class=\"infor-sync-table\">\n$rows</table>"
        . '<button type="submit" class="btn regular-main-button submit">Save changes</button></form>';
}

/** The field as X-Cart's templates put it (a checkbox after a hidden "" of the same name, on_off.twig) */
function settingsField(string $name, \XLite\View\FormField\AFormField $field): string
{
    $name = h($name);
    if ($field instanceof \XLite\View\FormField\Input\Checkbox\OnOff) {
        return "<input type=\"hidden\" name=\"$name\" value=\"\"><input type=\"checkbox\" id=\"opt-$name\" name=\"$name\""
            . ($field->standinIsChecked() ? ' checked' : '') . '>';
    }
    if ($field instanceof \XLite\View\FormField\Textarea\ATextarea) {
        return "<textarea id=\"opt-$name\" name=\"$name\" rows=\"3\" cols=\"60\">" . h($field->getValue()) . '</textarea>';
    }
    if ($field instanceof \XLite\View\FormField\Input\PasswordWithValue) {
        $shown = (string)$field->getValue() === '' ? '' : $field::getPasswordValuePlaceholder();

        return "<input type=\"password\" id=\"opt-$name\" name=\"$name\" value=\"" . h($shown) . '">';
    }

    return "<input type=\"text\" id=\"opt-$name\" name=\"$name\" value=\"" . h($field->getValue()) . '">';
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
