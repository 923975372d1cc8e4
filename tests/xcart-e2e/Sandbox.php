<?php

declare(strict_types=1);

namespace XCartE2E;

/**
 * The Infor sandbox's control API (sandbox/README.md) over TLS, verified against the sandbox's CA.
 * INFOR_SANDBOX_DIR is the running sandbox's --dir (scripts/run-tests.sh starts it).
 */
final class Sandbox
{
    public static function dir(): string
    {
        $dir = getenv('INFOR_SANDBOX_DIR');
        if (!$dir || !is_file("$dir/ready")) {
            throw new \RuntimeException('INFOR_SANDBOX_DIR is not set or the sandbox is not running (scripts/run-tests.sh xcart-e2e starts it)');
        }

        return $dir;
    }

    public static function url(): string
    {
        return 'https://127.0.0.1:' . trim((string) file_get_contents(self::dir() . '/port'));
    }

    /** One control request; the decoded JSON answer. Anything but 200 throws. */
    public static function control(string $method, string $path, ?array $body = null): array
    {
        $http = ['method' => $method, 'ignore_errors' => true, 'timeout' => 30];
        if ($body !== null) {
            $http['header'] = "Content-Type: application/json\r\n";
            $http['content'] = json_encode($body);
        }
        $context = stream_context_create([
            'http' => $http,
            'ssl' => ['cafile' => self::dir() . '/ca.pem', 'verify_peer' => true, 'peer_name' => '127.0.0.1'],
        ]);
        $answer = @file_get_contents(self::url() . "/_sandbox/$path", false, $context);
        $status = $http_response_header[0] ?? '(no answer)';
        if ($answer === false || !str_contains($status, ' 200')) {
            throw new \RuntimeException("sandbox $method /_sandbox/$path: $status " . ($answer ?: ''));
        }

        return json_decode($answer, true);
    }

    /** The confirmed Infor orders whose customer order number (CUOR) is $number. */
    public static function ordersFor(string $number): array
    {
        $orders = self::control('GET', 'orders')['orders'];

        return array_values(array_filter($orders, static fn ($o) => $o['cuor'] === $number));
    }

    /** The sequence number of the newest MI call: calls after it are this test's. */
    public static function lastCall(): int
    {
        return (int) self::control('GET', 'calls')['last_seq'];
    }

    /** MI calls since $since, optionally of one program: [['program', 'transaction', 'fields'], ...]. */
    public static function callsSince(int $since, ?string $program = null): array
    {
        $query = "calls?since=$since" . ($program !== null ? '&program=' . rawurlencode($program) : '');

        return self::control('GET', $query)['calls'];
    }

    /** Payments posted to the cash desk whose IRNO (the X-Cart transaction id) is $irno. */
    public static function paymentsWith(string $irno): array
    {
        $payments = self::control('GET', 'payments')['payments'];

        return array_values(array_filter($payments, static fn ($p) => ($p['IRNO'] ?? '') === $irno));
    }
}
