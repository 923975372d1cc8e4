<?php

namespace CloudLink\InforSync\Core;

/**
 * The JSON logic of the monitoring page (controller target infor_sync_status), callable without
 * X-Cart: handle() takes the action and the request parameters and returns an HTTP status and a
 * JSON-able body. The X-Cart controller and tools/monitor_router.php (PHP's built-in server) both
 * serve it.
 *
 * Actions:
 *   GET  status                  everything the page shows (extension, status(), dead letters, held, inbound)
 *   GET  event        id         one event with its record (InforSync\event())
 *   POST retry        id|"all"   InforSync\retry_dead()
 *   POST discard      id         InforSync\discard_dead()
 *   POST release      id         InforSync\release()
 *   POST discard_held id         InforSync\discard_held()
 *   POST clear_error             forgets the module's last error
 */
final class MonitorApi
{
    public const ACTIONS = [
        'status' => 'GET',
        'event' => 'GET',
        'retry' => 'POST',
        'discard' => 'POST',
        'release' => 'POST',
        'discard_held' => 'POST',
        'clear_error' => 'POST',
    ];

    /** @var callable(string, array): mixed */
    private $call;

    /** @var callable(): bool */
    private $loaded;

    /**
     * @param callable|null $call   fn(string $function, array $args) calling InforSync\<function>; null: the extension
     * @param callable|null $loaded fn(): bool whether the extension is there; null: function_exists
     */
    public function __construct(?callable $call = null, ?callable $loaded = null)
    {
        $this->call = $call ?? static function (string $fn, array $args) {
            return ('InforSync\\' . $fn)(...$args);
        };
        $this->loaded = $loaded ?? static function (): bool {
            return ModuleInfo::extensionLoaded();
        };
    }

    /**
     * @param array<string, mixed> $params request parameters (id, limit)
     *
     * @return array{0: int, 1: array} HTTP status and body
     */
    public function handle(string $action, array $params = [], string $method = 'GET'): array
    {
        if (!isset(self::ACTIONS[$action])) {
            return [404, ['ok' => false, 'error' => 'unknown action "' . $action . '"']];
        }
        if (self::ACTIONS[$action] === 'POST' && strtoupper($method) !== 'POST') {
            return [405, ['ok' => false, 'error' => $action . ' needs POST']];
        }
        if ($action === 'clear_error') {
            return [200, ['ok' => LastError::clear()]];
        }
        if (!($this->loaded)()) {
            if ($action === 'status') {
                return [200, $this->statusWithoutExtension()];
            }

            return [503, ['ok' => false, 'error' => 'The infor_sync extension is not loaded.',
                'missing' => ModuleInfo::missing(false)]];
        }

        try {
            switch ($action) {
                case 'status':
                    return [200, $this->status($params)];
                case 'event':
                    $id = $this->id($params);
                    $event = $this->fn('event', [$id]);

                    return $event === null
                        ? [404, ['ok' => false, 'error' => 'no event ' . $id]]
                        : [200, ['ok' => true, 'event' => $event]];
                case 'retry':
                    $id = trim((string) ($params['id'] ?? ''));
                    $n = $this->fn('retry_dead', [$id === '' || $id === 'all' ? null : $id]);

                    return [200, ['ok' => true, 'retried' => (int) $n]];
                case 'discard':
                    $done = (bool) $this->fn('discard_dead', [$this->id($params)]);

                    return [$done ? 200 : 404, ['ok' => $done, 'discarded' => $done]];
                case 'release':
                    $done = (bool) $this->fn('release', [$this->id($params)]);

                    return [$done ? 200 : 404, ['ok' => $done, 'released' => $done]];
                case 'discard_held':
                    $done = (bool) $this->fn('discard_held', [$this->id($params)]);

                    return [$done ? 200 : 404, ['ok' => $done, 'discarded' => $done]];
            }
        } catch (\InvalidArgumentException $e) {
            return [400, ['ok' => false, 'error' => $e->getMessage()]];
        } catch (\ValueError $e) {
            return [400, ['ok' => false, 'error' => $e->getMessage()]];
        } catch (\TypeError $e) {
            return [400, ['ok' => false, 'error' => $e->getMessage()]];
        } catch (\Throwable $e) {
            return [500, ['ok' => false, 'error' => $e->getMessage(), 'exception' => get_class($e)]];
        }

        return [404, ['ok' => false, 'error' => 'unknown action']];
    }

    /**
     * Everything the page shows, in one answer.
     */
    public function status(array $params = []): array
    {
        $limit = max(1, min(500, (int) ($params['limit'] ?? 50)));
        $out = [
            'ok' => true,
            'extension' => $this->extensionInfo(true),
            'status' => null,
            'dead_letters' => [],
            'held' => [],
            'inbound' => ['count' => null, 'events' => []],
            'summary' => null,
            'module' => ['last_error' => LastError::get(), 'inbound_task' => InboundStats::get()],
            'errors' => [],
        ];
        // each part on its own: a failing one (a damaged spool) must not hide the others
        foreach ([
            'status' => ['status', []],
            'dead_letters' => ['dead_letters', [$limit]],
            'held' => ['held', [$limit]],
        ] as $key => [$fn, $args]) {
            try {
                $out[$key] = $this->fn($fn, $args);
            } catch (\Throwable $e) {
                $out['errors'][$key] = $e->getMessage();
            }
        }
        try {
            $events = (array) $this->fn('inbound', [20]);
            $failing = InboundStats::get()['failing'] ?? [];
            $out['inbound']['events'] = array_map(static function ($event) use ($failing) {
                $summary = self::inboundSummary($event);
                $summary['failure'] = $failing[(string) $summary['id']] ?? null;

                return $summary;
            }, $events);
        } catch (\Throwable $e) {
            $out['errors']['inbound'] = $e->getMessage();
        }
        $status = is_array($out['status']) ? $out['status'] : [];
        $out['inbound']['count'] = $status['spool']['inbound'] ?? count($out['inbound']['events']);
        $out['summary'] = self::summary($status);

        return $out;
    }

    /**
     * The figures at the top of the page: waiting, dead, error rate, and what needs attention.
     */
    public static function summary(array $status): array
    {
        $spool = $status['spool'] ?? [];
        $counters = $status['counters'] ?? [];
        $delivered = (int) ($counters['delivered'] ?? 0);
        $retried = (int) ($counters['retried'] ?? 0);
        $dead = (int) ($counters['dead'] ?? 0);
        $attempts = $delivered + $retried + $dead;
        $rate = $status['anomalies']['error_rate'] ?? null;
        $waiting = (int) ($spool['ready'] ?? 0) + (int) ($spool['active'] ?? 0) + (int) ($spool['deferred'] ?? 0);
        $alerts = [];
        if ((int) ($spool['dead'] ?? 0) > 0) {
            $alerts[] = 'Dead letters: ' . (int) $spool['dead'] . ' event(s) Infor refused; see below.';
        }
        if (!empty($spool['error'])) {
            $alerts[] = 'The spool cannot be used, nothing is taken or delivered: ' . $spool['error'] . '.';
        }
        if ((int) ($spool['corrupt'] ?? 0) > 0) {
            $alerts[] = 'Corrupt events in the spool: ' . (int) $spool['corrupt'] . '.';
        }
        if ($waiting > 0 && array_key_exists('leader_pid', $status['worker'] ?? []) && $status['worker']['leader_pid'] === null) {
            $alerts[] = 'Events wait but no process delivers them (is php-fpm running with infor_sync.worker on?).';
        }
        if (isset($status['credentials']['ok']) && $status['credentials']['ok'] === false) {
            $alerts[] = 'Infor credentials: ' . ($status['credentials']['error'] ?? 'not usable') . '.';
        }
        if (!empty($status['config_error'])) {
            $alerts[] = 'Business settings: ' . (is_string($status['config_error']) ? $status['config_error'] : json_encode($status['config_error'])) . '.';
        }
        if ((int) ($status['anomalies']['held'] ?? 0) > 0) {
            $alerts[] = 'Held for review: ' . (int) $status['anomalies']['held'] . ' event(s).';
        }
        if (!empty($rate['rising'])) {
            $alerts[] = 'Most recent deliveries fail: see the last error.';
        }
        foreach (($status['mapping']['templates'] ?? []) as $type => $t) {
            if (!empty($t['errors'])) {
                $alerts[] = 'Mapping template ' . $type . ' refused; the last good one is used.';
            }
        }
        foreach (($status['degraded'] ?? []) as $call => $d) {
            $alerts[] = 'Infor ' . $call . ' fails (' . ($d['reason'] ?? 'unknown') . '): events go out without '
                . ($d['missing'] ?? 'what it adds') . ' until it works again.';
        }
        if (!empty($status['mapping']['rates']['error'])) {
            $alerts[] = 'Exchange rates: ' . $status['mapping']['rates']['error'] . '.';
        }

        return [
            'waiting' => $waiting,
            'dead' => (int) ($spool['dead'] ?? 0),
            'held' => (int) ($spool['held'] ?? 0),
            'inbound' => (int) ($spool['inbound'] ?? 0),
            'delivered' => $delivered,
            'error_rate_short' => $rate['short'] ?? null,
            'error_rate_long' => $rate['long'] ?? null,
            'error_rate_rising' => (bool) ($rate['rising'] ?? false),
            'retry_share' => $attempts > 0 ? round(($retried + $dead) / $attempts, 4) : null,
            'alerts' => $alerts,
        ];
    }

    /**
     * An inbound event without its whole payload: id, type, time and what it is about.
     */
    public static function inboundSummary($event): array
    {
        $e = is_array($event) ? $event : [];
        $p = is_array($e['payload'] ?? null) ? $e['payload'] : [];
        $about = [];
        foreach (['sku', 'quantity', 'order_number', 'infor_order', 'tracking_number', 'shipping_status', 'name'] as $k) {
            if (array_key_exists($k, $p) && (is_scalar($p[$k]) || $p[$k] === null)) {
                $about[$k] = $p[$k];
            }
        }

        return ['id' => $e['id'] ?? null, 'type' => $e['type'] ?? null, 'created_at' => $e['created_at'] ?? null,
            'about' => $about];
    }

    public function extensionInfo(bool $loaded): array
    {
        return [
            'loaded' => $loaded,
            'missing' => ModuleInfo::missing($loaded),
            'ini' => ModuleInfo::iniValues(),
            'ini_example' => ModuleInfo::INI_EXAMPLE,
        ];
    }

    private function statusWithoutExtension(): array
    {
        return [
            'ok' => true,
            'extension' => [
                'loaded' => false,
                'missing' => ModuleInfo::missing(false),
                'ini' => ModuleInfo::iniValues(),
                'ini_example' => ModuleInfo::INI_EXAMPLE,
            ],
            'status' => null, 'dead_letters' => [], 'held' => [],
            'inbound' => ['count' => null, 'events' => []],
            'summary' => null,
            'module' => ['last_error' => LastError::get(), 'inbound_task' => InboundStats::get()],
            'errors' => [],
        ];
    }

    private function id(array $params): string
    {
        $id = trim((string) ($params['id'] ?? ''));
        if ($id === '') {
            throw new \InvalidArgumentException('id is required');
        }

        return $id;
    }

    /**
     * @return mixed
     */
    private function fn(string $name, array $args)
    {
        return ($this->call)($name, $args);
    }

    /**
     * Sends an answer of handle() as JSON and returns (for a plain PHP front controller).
     */
    public static function emit(array $answer): void
    {
        [$code, $body] = $answer;
        if (!headers_sent()) {
            http_response_code($code);
            header('Content-Type: application/json; charset=utf-8');
            header('Cache-Control: no-store');
        }
        echo json_encode($body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PARTIAL_OUTPUT_ON_ERROR);
    }
}
