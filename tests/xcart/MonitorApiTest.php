<?php

use CloudLink\InforSync\Core\LastError;
use CloudLink\InforSync\Core\MonitorApi;
use PHPUnit\Framework\TestCase;

final class MonitorApiTest extends TestCase
{
    private $calls = [];

    protected function setUp(): void
    {
        LastError::$dir = sys_get_temp_dir() . '/infor-sync-monitor-test-' . getmypid();
        @mkdir(LastError::$dir);
        LastError::clear();
    }

    private function api(bool $loaded = true, array $answers = []): MonitorApi
    {
        $answers += [
            'status' => ['worker' => ['leader_pid' => null], 'spool' => ['ready' => 2, 'dead' => 1, 'inbound' => 3, 'held' => 0,
                'error' => 'the file system of spool /var/spool/infor_sync is full: 0 bytes, 12 inodes free'],
                'counters' => ['delivered' => 8, 'retried' => 1, 'dead' => 1],
                'anomalies' => ['error_rate' => ['short' => 0.6, 'long' => 0.1, 'rising' => true]],
                'credentials' => ['ok' => false, 'error' => 'file not found']],
            'dead_letters' => [['id' => 'd1', 'reason' => 'Item X does not exist']],
            'held' => [],
            'inbound' => [['id' => 'i1', 'type' => 'stock.changed', 'created_at' => 'now',
                'payload' => ['sku' => 'A', 'quantity' => '5', 'warehouses' => ['100' => '5']]]],
            'retry_dead' => 1, 'discard_dead' => true, 'release' => false, 'discard_held' => true, 'event' => null,
        ];
        $calls = &$this->calls;

        return new MonitorApi(static function (string $fn, array $args) use ($answers, &$calls) {
            $calls[] = [$fn, $args];
            if ($fn === 'status' && isset($answers['status_throws'])) {
                throw new \RuntimeException('spool unreadable');
            }

            return $answers[$fn];
        }, static function () use ($loaded) {
            return $loaded;
        });
    }

    public function testStatusCollectsEverything(): void
    {
        [$code, $body] = $this->api()->handle('status');
        $this->assertSame(200, $code);
        $this->assertTrue($body['extension']['loaded']);
        $this->assertSame('d1', $body['dead_letters'][0]['id']);
        $this->assertSame(3, $body['inbound']['count']);
        $this->assertSame(['sku' => 'A', 'quantity' => '5'], $body['inbound']['events'][0]['about']);
        $this->assertSame(2, $body['summary']['waiting']);
        $this->assertTrue($body['summary']['error_rate_rising']);
        $alerts = implode("\n", $body['summary']['alerts']);
        $this->assertStringContainsString('Dead letters', $alerts);
        $this->assertStringContainsString('no process delivers', $alerts);
        $this->assertStringContainsString('file not found', $alerts);
        $this->assertStringContainsString('The spool cannot be used, nothing is taken or delivered: the file system of spool /var/spool/infor_sync is full', $alerts);
        $this->assertNotFalse(json_encode($body));
    }

    public function testAnOptionalInforCallFailingIsAnAlert(): void
    {
        $status = ['spool' => [], 'counters' => [], 'degraded' => ['DRS100MI/GetShipment' => [
            'missing' => 'carrier_name', 'reason' => 'HTTP 403: not authorized', 'since' => 1]]];
        $alerts = implode("\n", MonitorApi::summary($status)['alerts']);
        $this->assertStringContainsString('Infor DRS100MI/GetShipment fails (HTTP 403: not authorized): events go out '
            . 'without carrier_name until it works again.', $alerts);
        $this->assertSame([], MonitorApi::summary(['degraded' => []])['alerts']);
    }

    public function testOnePartFailingDoesNotHideTheOthers(): void
    {
        [$code, $body] = $this->api(true, ['status_throws' => true])->handle('status');
        $this->assertSame(200, $code);
        $this->assertSame('spool unreadable', $body['errors']['status']);
        $this->assertSame('d1', $body['dead_letters'][0]['id']);
    }

    public function testActions(): void
    {
        $api = $this->api();
        $this->assertSame([405, ['ok' => false, 'error' => 'retry needs POST']], $api->handle('retry', ['id' => 'd1'], 'GET'));
        $this->assertSame([200, ['ok' => true, 'retried' => 1]], $api->handle('retry', ['id' => 'all'], 'POST'));
        $this->assertSame(['retry_dead', [null]], end($this->calls));
        $api->handle('retry', ['id' => 'd1'], 'POST');
        $this->assertSame(['retry_dead', ['d1']], end($this->calls));
        $this->assertSame(200, $api->handle('discard', ['id' => 'd1'], 'POST')[0]);
        $this->assertSame(404, $api->handle('release', ['id' => 'h1'], 'POST')[0]);
        $this->assertSame(400, $api->handle('discard_held', [], 'POST')[0]);
        $this->assertSame(404, $api->handle('event', ['id' => 'x'])[0]);
        $this->assertSame(404, $api->handle('nope')[0]);
    }

    public function testWithoutTheExtension(): void
    {
        $api = $this->api(false);
        [$code, $body] = $api->handle('status');
        $this->assertSame(200, $code);
        $this->assertFalse($body['extension']['loaded']);
        $this->assertStringContainsString('extension=infor_sync.so', $body['extension']['missing'][0]);
        $this->assertStringContainsString('infor_sync.config_file', $body['extension']['ini_example']);
        $this->assertSame(503, $api->handle('retry', [], 'POST')[0]);
        $this->assertSame([], $this->calls, 'the extension is never called');
    }

    public function testLastErrorIsShownAndCleared(): void
    {
        LastError::record('enqueue order.placed', 'items[0].sku: is empty', ['key' => 'xcart-order-1']);
        [, $body] = $this->api()->handle('status');
        $this->assertSame('items[0].sku: is empty', $body['module']['last_error']['message']);
        $this->assertSame([200, ['ok' => true]], $this->api()->handle('clear_error', [], 'POST'));
        $this->assertNull(LastError::get());
    }
}
