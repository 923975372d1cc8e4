<?php
// Shared by the benchmark scripts: the order every variant enqueues, and a
// pure-PHP spool doing the same file work as the extension.

const BENCH_SKUS = [
    ['TSHIRT-BLK-M', 'T-shirt black M', '19.90'],
    ['TSHIRT-WHT-L', 'T-shirt white L', '19.90'],
    ['MUG-LOGO', 'Mug with logo', '9.50'],
    ['CAP-RED', 'Cap red', '14.00'],
    ['SOCKS-3PK', 'Socks 3-pack', '12.00'],
    ['HOODIE-GRY-XL', 'Hoodie grey XL', '49.00'],
    ['POSTER-A2', 'Poster A2', '7.50'],
    ['BOTTLE-500', 'Water bottle 500 ml', '15.00'],
];

/** A realistic X-Cart order.placed payload with 3 lines; $n makes it unique. */
function bench_order(int $n): array
{
    $items = [];
    $total = 0.0;
    for ($i = 0; $i < 3; $i++) {
        [$sku, $name, $price] = BENCH_SKUS[($n + 3 * $i) % count(BENCH_SKUS)];
        $qty = 1 + ($n + $i) % 3;
        $item = ['sku' => $sku, 'name' => $name, 'price' => $price, 'quantity' => $qty];
        $line = $qty * (float)$price;
        if ($i === 1) {
            $item['discount'] = '2.00';
            $line -= 2.0;
        }
        $total += $line;
        $items[] = $item;
    }
    $address = [
        'firstname' => 'Anna', 'lastname' => 'Schmidt', 'street' => 'Hauptstraße 12',
        'city' => 'Berlin', 'zipcode' => '10115', 'country' => 'DE', 'phone' => '+49 30 1234567',
    ];
    $order_id = 100000 + $n;
    return [
        'order_id' => (string)$order_id,
        'order_number' => 'XC-' . $order_id,
        'date' => gmdate('Y-m-d\TH:i:s\Z'),
        'customer_id' => (string)(5000 + $n % 97),
        'email' => "anna.schmidt+$n@example.com",
        'currency' => 'EUR',
        'total_amount' => number_format($total + 4.90, 2, '.', ''),
        'status' => 'P',
        'payment_status' => 'P',
        'shipping_status' => 'N',
        'payment_method' => 'Credit card',
        'transaction_id' => 'tx_' . bin2hex(pack('N', $n)),
        'billing_address' => $address,
        'shipping_address' => $address,
        'items' => $items,
    ];
}

/**
 * What a careful userland spool would do: envelope, json_encode, a header
 * with length and SHA-256 (as the extension writes), create tmp/ID with
 * O_EXCL ('x'), write, flush, fsync, rename into ready/, fsync ready/.
 * PHP 8.1+ has fsync(); fopen() of a directory in mode 'r' works on Linux
 * and fsync() on it issues fsync(2) on the directory (checked with strace).
 * The pure-PHP spool does not validate the payload (the extension does).
 */
final class UserlandSpool
{
    private string $tmp;
    private string $ready;

    public function __construct(string $dir, private bool $durable)
    {
        umask(0077); // files 0600, like the extension
        foreach (['', '/tmp', '/ready'] as $sub) {
            if (!is_dir($dir . $sub) && !mkdir($dir . $sub, 0700, true)) {
                throw new RuntimeException("cannot create $dir$sub");
            }
        }
        $this->tmp = "$dir/tmp/";
        $this->ready = "$dir/ready";
    }

    public function enqueue(string $type, array $payload): string
    {
        $ms = (int)(microtime(true) * 1000);
        $id = sprintf('%013x-%s', $ms, bin2hex(random_bytes(5)));
        $body = json_encode([
            'v' => 1, 'id' => $id, 'type' => $type,
            'created_at' => gmdate('Y-m-d\TH:i:s') . sprintf('.%03dZ', $ms % 1000),
            'payload' => $payload,
        ], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR);
        $this->write($id, sprintf("ISYNC1 %s %s %d\n", $id, hash('sha256', $body), strlen($body)) . $body);
        return $id;
    }

    /** The file work alone: also the disk floor, with a fixed 1 KB $data. */
    public function write(string $id, string $data): void
    {
        $tmp = $this->tmp . $id;
        $f = fopen($tmp, 'x');
        if ($f === false || fwrite($f, $data) !== strlen($data) || !fflush($f)
            || ($this->durable && !fsync($f))) {
            throw new RuntimeException("cannot write $tmp");
        }
        fclose($f);
        if (!rename($tmp, "$this->ready/$id")) {
            throw new RuntimeException("cannot rename $tmp");
        }
        if ($this->durable) {
            $d = fopen($this->ready, 'r');
            if ($d === false || !fsync($d)) {
                throw new RuntimeException("cannot fsync $this->ready");
            }
            fclose($d);
        }
    }
}
