--TEST--
save_credentials(): an .ionapi text is checked and written (0600) to infor_sync.ionapi_file; the summary has no secret; refused content names the key; without the php.ini setting nothing is written
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_064/spool
infor_sync.ionapi_file={TMP}/infor_sync_phpt_064/etc/xcart.ionapi
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_064';
rm_tree($root);
mkdir("$root/etc", 0700, true);
$file = ini_get('infor_sync.ionapi_file');

$ionapi = json_encode([
    'ti' => 'TEN_PRD', 'cn' => 'xcart', 'ci' => 'TEN_PRD~cl1ent-id', 'cs' => 'S3CRET-client',
    'iu' => 'https://mingle-ionapi.example.com', 'pu' => 'https://mingle-sso.example.com/TEN_PRD/as/',
    'oa' => 'authorization.oauth2', 'ot' => 'token.oauth2', 'or' => 'revoke_token.oauth2',
    'saak' => 'TEN_PRD#S3CRET-key', 'sask' => 'S3CRET-service', 'ev' => 'U1', 'v' => '1.0',
], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES);

$credentials = InforSync\status()['credentials'];
var_dump($credentials['ok'], str_contains($credentials['error'], 'No such file'));

$summary = InforSync\save_credentials($ionapi);
$shown = var_export($summary, true);
echo str_replace($file, '<file>', $shown), "\n";
var_dump(str_contains($shown, 'S3CRET'), str_contains($shown, 'cl1ent'));
var_dump(file_get_contents($file) === $ionapi, sprintf('%o', fileperms($file) & 0777));
var_dump(array_values(array_diff(scandir("$root/etc"), ['.', '..'])));

// status() before any worker ran reads the file itself
$credentials = InforSync\status()['credentials'];
echo "status: ok ", var_export($credentials['ok'], true), ", tenant {$credentials['tenant']}, grant {$credentials['grant']}, mode {$credentials['mode']}\n";

// refused: the key at fault, never its value; the file stays
foreach ([
    json_encode(['ti' => 'T', 'ci' => 'c', 'iu' => 'https://i', 'pu' => 'https://p/', 'ot' => 't']),
    json_encode(['ti' => 'T', 'ci' => 'c', 'cs' => 'S3CRET', 'iu' => 'https://i', 'pu' => 'https://p/', 'ot' => 't', 'saak' => 'k']),
    '{"cs": S3CRET-unquoted}',
] as $bad) {
    try {
        InforSync\save_credentials($bad);
        echo "no exception\n";
    } catch (InforSync\ValidationException $e) {
        echo $e->getMessage(), "\n";
        echo "  ", json_encode($e->getErrors()), "\n";
        var_dump(str_contains($e->getMessage(), 'S3CRET'));
    }
}
var_dump(file_get_contents($file) === $ionapi);

// a client-credentials file
$cc = json_encode(['ti' => 'TEN_TST', 'ci' => 'TEN_TST~svc', 'cs' => 'S3CRET', 'iu' => 'https://ionapi.example.com',
                   'pu' => 'https://sso.example.com/TEN_TST/as/', 'ot' => 'token.oauth2']);
echo InforSync\save_credentials($cc)['grant'], "\n";

// no php.ini path: the page never chooses where a secret goes
[$rc, $out, $err] = run_php(['infor_sync.spool_dir' => "$root/spool", 'infor_sync.worker' => 'off'], '
    try {
        InforSync\save_credentials(' . var_export($ionapi, true) . ');
        echo "no exception\n";
    } catch (InforSync\ConfigurationException $e) {
        echo $e->getSetting(), ": ", $e->getMessage(), "\n";
    }');
echo $out, $err;

// a directory the PHP user cannot write to
[$rc, $out, $err] = run_php(['infor_sync.spool_dir' => "$root/spool", 'infor_sync.worker' => 'off',
                             'infor_sync.ionapi_file' => "$root/missing/dir/x.ionapi"], '
    try {
        InforSync\save_credentials(' . var_export($ionapi, true) . ');
    } catch (InforSync\ConfigurationException $e) {
        echo $e->getSetting(), ": ", str_replace(' . var_export($root, true) . ', "<root>", $e->getMessage()), "\n";
    }');
echo $out, $err;
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('064');
?>
--EXPECT--
bool(false)
bool(true)
array (
  'file' => '<file>',
  'ok' => true,
  'error' => NULL,
  'tenant' => 'TEN_PRD',
  'app' => 'xcart',
  'gateway' => 'https://mingle-ionapi.example.com',
  'token_url' => 'https://mingle-sso.example.com/TEN_PRD/as/token.oauth2',
  'grant' => 'password',
  'mode' => '0600',
  'readable_by_others' => false,
)
bool(false)
bool(false)
bool(true)
string(3) "600"
array(1) {
  [0]=>
  string(12) "xcart.ionapi"
}
status: ok true, tenant TEN_PRD, grant password, mode 0600
invalid credentials: cs: key "cs" is missing
  [{"path":"cs","message":"key \"cs\" is missing"}]
bool(false)
invalid credentials: sask: key "sask" is missing ("saak" is set)
  [{"path":"sask","message":"key \"sask\" is missing (\"saak\" is set)"}]
bool(false)
invalid credentials: ionapi: not valid JSON (line 1, column 8: invalid token)
  [{"path":"ionapi","message":"not valid JSON (line 1, column 8: invalid token)"}]
bool(false)
bool(true)
client_credentials
infor_sync.ionapi_file: infor_sync.ionapi_file is not set in php.ini: nowhere to save the credentials
infor_sync.ionapi_file: cannot write the credentials file <root>/missing/dir/x.ionapi: No such file or directory
