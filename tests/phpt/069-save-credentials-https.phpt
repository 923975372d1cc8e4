--TEST--
save_credentials(): iu and pu must be URLs, and https ones while infor_sync.verify_tls is on (the client secret and the service account's password would go out in clear); the exception names the key
--EXTENSIONS--
infor_sync
--INI--
infor_sync.spool_dir={TMP}/infor_sync_phpt_069/spool
infor_sync.ionapi_file={TMP}/infor_sync_phpt_069/etc/xcart.ionapi
infor_sync.worker=off
--FILE--
<?php
require __DIR__ . '/helpers.inc';
$root = sys_get_temp_dir() . '/infor_sync_phpt_069';
rm_tree($root);
mkdir("$root/etc", 0700, true);
$file = ini_get('infor_sync.ionapi_file');

function ionapi(string $iu, string $pu): string
{
    return json_encode(['ti' => 'TEN_PRD', 'ci' => 'TEN_PRD~client', 'cs' => 'S3CRET-client', 'iu' => $iu,
                        'pu' => $pu, 'ot' => 'token.oauth2', 'saak' => 'TEN_PRD#key', 'sask' => 'S3CRET-service'],
                       JSON_UNESCAPED_SLASHES);
}

foreach ([
    ['https://mingle-ionapi.example.com', 'http://mingle-sso.example.com/TEN_PRD/as/'],
    ['http://mingle-ionapi.example.com', 'https://mingle-sso.example.com/TEN_PRD/as/'],
    ['https://mingle-ionapi.example.com', 'not a url'],
    ['mingle-ionapi.example.com', 'https://mingle-sso.example.com/TEN_PRD/as/'],
] as [$iu, $pu]) {
    try {
        InforSync\save_credentials(ionapi($iu, $pu));
        echo "no exception\n";
    } catch (InforSync\ValidationException $e) {
        echo $e->getMessage(), "\n";
        echo "  ", json_encode($e->getErrors(), JSON_UNESCAPED_SLASHES), "\n";
    }
}
var_dump(file_exists($file));

// a test server without TLS: only with verification turned off, knowingly
[$rc, $out, $err] = run_php(['infor_sync.spool_dir' => "$root/spool", 'infor_sync.worker' => 'off',
                             'infor_sync.ionapi_file' => $file, 'infor_sync.verify_tls' => '0'], '
    $s = InforSync\save_credentials(' . var_export(ionapi('http://127.0.0.1:8443', 'http://127.0.0.1:8443/T/as/'), true) . ');
    echo "verify_tls=0: saved, gateway {$s["gateway"]}\n";');
echo $out, $err;
// the file is there now; with verification on, status() reports it unusable
$credentials = InforSync\status()['credentials'];
echo "status: ok ", var_export($credentials['ok'], true), ": ", str_replace($file, '<file>', $credentials['error']), "\n";
?>
--CLEAN--
<?php
require __DIR__ . '/helpers.inc';
clean_spool('069');
?>
--EXPECT--
invalid credentials: pu: key "pu" is not an https:// URL (the client secret and password would go out unencrypted; http:// only with infor_sync.verify_tls=0)
  [{"path":"pu","message":"key \"pu\" is not an https:// URL (the client secret and password would go out unencrypted; http:// only with infor_sync.verify_tls=0)"}]
invalid credentials: iu: key "iu" is not an https:// URL (the client secret and password would go out unencrypted; http:// only with infor_sync.verify_tls=0)
  [{"path":"iu","message":"key \"iu\" is not an https:// URL (the client secret and password would go out unencrypted; http:// only with infor_sync.verify_tls=0)"}]
invalid credentials: pu: key "pu" is not a URL (https://host/...)
  [{"path":"pu","message":"key \"pu\" is not a URL (https://host/...)"}]
invalid credentials: iu: key "iu" is not a URL (https://host/...)
  [{"path":"iu","message":"key \"iu\" is not a URL (https://host/...)"}]
bool(false)
verify_tls=0: saved, gateway http://127.0.0.1:8443
status: ok false: credentials file <file>: key "iu" is not an https:// URL (the client secret and password would go out unencrypted; http:// only with infor_sync.verify_tls=0)
