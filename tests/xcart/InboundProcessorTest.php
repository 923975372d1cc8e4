<?php

use CloudLink\InforSync\Core\Extension;
use CloudLink\InforSync\Core\InboundApplierInterface;
use CloudLink\InforSync\Core\InboundProcessor;
use CloudLink\InforSync\Core\LastError;
use PHPUnit\Framework\TestCase;

final class InboundProcessorTest extends TestCase
{
    /** @var array events still in the (fake) spool */
    private $spool;
    private $log = [];

    protected function setUp(): void
    {
        LastError::$dir = sys_get_temp_dir() . '/infor-sync-inbound-test-' . getmypid();
        @mkdir(LastError::$dir);
        $this->spool = [
            ['id' => 'e1', 'type' => 'stock.changed', 'payload' => ['sku' => 'A', 'quantity' => '5']],
            ['id' => 'e2', 'type' => 'stock.changed', 'payload' => ['sku' => 'NOPE', 'quantity' => '1']],
            ['id' => 'e3', 'type' => 'order.shipped', 'payload' => ['order_number' => '7', 'tracking_number' => 'T1']],
            ['id' => 'e4', 'type' => 'order.status', 'payload' => ['order_number' => '7', 'shipping_status' => null]],
        ];
    }

    private function processor(InboundApplierInterface $applier, bool $commitFails = false): InboundProcessor
    {
        $log = &$this->log;
        $spool = &$this->spool;

        return new InboundProcessor(
            static function (int $limit) use (&$spool) {
                return array_slice($spool, 0, $limit);
            },
            static function (array $ids) use (&$spool, &$log) {
                $log[] = 'ack ' . implode(',', $ids);
                $before = count($spool);
                $spool = array_values(array_filter($spool, static function ($e) use ($ids) {
                    return !in_array($e['id'], $ids, true);
                }));

                return $before - count($spool);
            },
            static function (callable $fn) use (&$log, $commitFails) {
                $log[] = 'begin';
                $r = $fn();
                if ($commitFails) {
                    $log[] = 'rollback';
                    throw new \RuntimeException('flush failed');
                }
                $log[] = 'commit';

                return $r;
            },
            $applier
        );
    }

    private function applier(?string $failingType = null): InboundApplierInterface
    {
        $log = &$this->log;

        return new class($log, $failingType) implements InboundApplierInterface {
            private $log;
            private $failingType;

            public function __construct(&$log, $failingType)
            {
                $this->log = &$log;
                $this->failingType = $failingType;
            }

            public function apply(string $type, array $payload): string
            {
                $this->log[] = 'apply ' . $type;
                if ($type === $this->failingType) {
                    throw new \RuntimeException('no such tracking carrier');
                }
                if (($payload['sku'] ?? '') === 'NOPE') {
                    return self::UNKNOWN_SKU;
                }
                if ($type === 'order.status' && $payload['shipping_status'] === null) {
                    return self::IGNORED;
                }

                return self::APPLIED;
            }
        };
    }

    public function testAcksEachEventAfterItsCommit(): void
    {
        $report = $this->processor($this->applier())->run(100, 2);
        $this->assertSame(4, $report['fetched']);
        $this->assertSame(2, $report['applied']);
        $this->assertSame(1, $report['unknown_sku']);
        $this->assertSame(['NOPE'], $report['unknown_sku_list']);
        $this->assertSame(1, $report['ignored']);
        $this->assertSame(4, $report['acked']);
        $this->assertSame([], $this->spool);
        $this->assertSame(['begin', 'apply stock.changed', 'commit', 'ack e1'], array_slice($this->log, 0, 4));
    }

    public function testAFailedEventStaysWithItsReasonAndHoldsBackItsOrderOnly(): void
    {
        $this->spool[] = ['id' => 'e5', 'type' => 'stock.changed', 'payload' => ['sku' => 'B', 'quantity' => '2']];
        $report = $this->processor($this->applier('order.shipped'))->run(100, 2);
        $this->assertSame(1, $report['failed']);
        $this->assertSame([['id' => 'e3', 'type' => 'order.shipped', 'message' => 'no such tracking carrier']], $report['errors']);
        $this->assertSame(1, $report['held_back'], 'e4 is about the same order: it waits behind e3');
        $this->assertSame(['e1', 'e2', 'e5'], $report['done_ids'], 'the other events go on');
        $this->assertSame(['e3', 'e4'], array_column($this->spool, 'id'), 'both come back next time');
        $this->assertNotContains('apply order.status', $this->log);
        $this->assertSame('no such tracking carrier', LastError::get()['message']);
    }

    public function testAFailedCommitIsNotAcked(): void
    {
        $report = $this->processor($this->applier(), true)->run();
        $this->assertSame(3, $report['failed'], 'e1, e2, e3 fail; e4 waits behind e3 (order 7)');
        $this->assertSame(1, $report['held_back']);
        $this->assertSame(0, $report['acked']);
        $this->assertCount(4, $this->spool, 'every event comes back next time');
        $this->assertNotContains('ack e1', $this->log);
        $this->assertSame('flush failed', LastError::get()['message']);
    }

    public function testTheRunStopsAtItsDeadline(): void
    {
        $report = $this->processor($this->applier())->run(100, 2, microtime(true) - 1);
        $this->assertSame(0, $report['fetched']);
        $this->assertCount(4, $this->spool);
    }

    public function testExtensionBridgeNeverThrows(): void
    {
        Extension::$enqueue = static function () {
            throw new \RuntimeException('spool full');
        };
        try {
            $this->assertNull(Extension::enqueue('order.placed', [], 'xcart-order-1'));
            $this->assertSame('spool full', LastError::get()['message']);
            Extension::$enqueue = static function ($type, $payload, $key) {
                return '001a2187f7697-f86b6317ef';
            };
            $this->assertSame('001a2187f7697-f86b6317ef', Extension::enqueue('order.placed', [], 'k'));
        } finally {
            Extension::$enqueue = null;
        }
    }
}
