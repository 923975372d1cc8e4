<?php
/*
 * Writes package.xml (PECL package 2.0) from the files git tracks, so the
 * release package always lists every source, test and doc file.
 *   php scripts/gen-package-xml.php           rewrite package.xml
 *   php scripts/gen-package-xml.php --check   exit 1 when package.xml is stale
 */

declare(strict_types=1);

chdir(dirname(__DIR__));
$files = array_filter(explode("\n", (string)shell_exec('git ls-files config.m4 ext src sandbox tests docs metadata README.md LICENSE 2>/dev/null')));
sort($files);
$roles = ['tests/' => 'test', 'docs/' => 'doc', 'README.md' => 'doc', 'LICENSE' => 'doc', 'sandbox/README.md' => 'doc'];
$entries = '';
foreach ($files as $file) {
    $role = 'src';
    foreach ($roles as $prefix => $r) {
        if (str_starts_with($file, $prefix)) {
            $role = $r;
        }
    }
    $entries .= sprintf("   <file name=\"%s\" role=\"%s\"/>\n", htmlspecialchars($file, ENT_XML1), $role);
}
preg_match('/PHP_INFOR_SYNC_VERSION "([^"]+)"/', (string)file_get_contents('ext/php_infor_sync.h'), $m);
$version = $m[1];

$xml = <<<XML
<?xml version="1.0" encoding="UTF-8"?>
<package packagerversion="1.10.13" version="2.0" xmlns="http://pear.php.net/dtd/package-2.0" xmlns:tasks="http://pear.php.net/dtd/tasks-1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://pear.php.net/dtd/tasks-1.0 http://pear.php.net/dtd/tasks-1.0.xsd http://pear.php.net/dtd/package-2.0 http://pear.php.net/dtd/package-2.0.xsd">
 <name>infor_sync</name>
 <channel>pecl.php.net</channel>
 <summary>X-Cart to Infor CloudSuite (M3) sync: durable spool, in-process delivery worker</summary>
 <description>Validates shop events, spools them durably and delivers them to Infor M3 through the ION API gateway from a worker thread, with OAuth 2.0, retries with backoff, a dead-letter queue and exactly-once order creation.</description>
 <lead>
  <name>infor_sync maintainers</name>
  <user>infor_sync</user>
  <email>maintainers@infor-sync.invalid</email>
  <active>yes</active>
 </lead>
 <date>2026-11-26</date>
 <version>
  <release>$version</release>
  <api>$version</api>
 </version>
 <stability>
  <release>alpha</release>
  <api>alpha</api>
 </stability>
 <license uri="https://opensource.org/licenses/MIT">MIT</license>
 <notes>
First release: order.placed to M3 OIS100MI, spool, worker thread, OAuth 2.0, dead-letter queue, sandbox.
 </notes>
 <contents>
  <dir name="/">
$entries  </dir>
 </contents>
 <dependencies>
  <required>
   <php>
    <min>8.1.0</min>
   </php>
   <pearinstaller>
    <min>1.10.0</min>
   </pearinstaller>
  </required>
 </dependencies>
 <providesextension>infor_sync</providesextension>
 <extsrcrelease>
  <configureoption name="enable-infor-sync" default="yes" prompt="Enable infor_sync?"/>
 </extsrcrelease>
 <changelog>
 </changelog>
</package>

XML;

if (($argv[1] ?? '') === '--check') {
    if (!is_file('package.xml') || file_get_contents('package.xml') !== $xml) {
        fwrite(STDERR, "package.xml is stale: run php scripts/gen-package-xml.php\n");
        exit(1);
    }
    echo "package.xml lists every file\n";
    exit(0);
}
file_put_contents('package.xml', $xml);
echo "wrote package.xml (", count($files), " files)\n";
