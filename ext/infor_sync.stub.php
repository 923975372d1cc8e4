<?php

/**
 * @generate-class-entries
 * @undocumentable
 */

namespace InforSync {

    /**
     * Validates the event, writes it durably to the spool and returns its id.
     * The worker delivers it to Infor later; this never waits for the network.
     */
    function enqueue(string $type, array $payload, ?string $idempotencyKey = null): string {}

    /** Worker, leader, spool counts, counters, last error, token expiry. */
    function status(): array {}

    /** Waits until nothing is waiting for delivery (CLI scripts, tests). */
    function flush(int $timeoutMs = 5000): bool {}

    /** Dead letters, oldest first, with Infor's reason. */
    function dead_letters(int $limit = 100): array {}

    /** Replays one dead letter, or all of them when $id is null. Returns how many. */
    function retry_dead(?string $id = null): int {}

    /** Deletes a dead letter. False when there is no dead letter with that id. */
    function discard_dead(string $id): bool {}

    /**
     * Events flagged as anomalous and held for review (infor_sync.anomaly_hold),
     * oldest first, with the metrics that flagged them.
     */
    function held(int $limit = 100): array {}

    /** Sends a held event as it is (it is not checked again). False when no event with that id is held. */
    function release(string $id): bool {}

    /** Deletes a held event. False when no event with that id is held. */
    function discard_held(string $id): bool {}

    /** One event and its delivery record (state, attempts, Infor order number), or null. */
    function event(string $id): ?array {}

    /**
     * Events from Infor for the shop to apply (stock, item data, shipments, order status),
     * oldest first. An event comes back on every call until it is acknowledged.
     */
    function inbound(int $limit = 100, ?array $types = null): array {}

    /**
     * Acknowledges inbound events the shop has applied; they never come back.
     * Returns how many were removed (ids already acknowledged are not counted).
     */
    function ack(array $ids): int {}

    /** The business configuration (infor_sync.config_file). */
    function config(): array {}

    /** Validates and writes the business configuration; the worker reloads it. */
    function save_config(array $config): void {}

    /**
     * Checks the text of an .ionapi credentials file and replaces the file infor_sync.ionapi_file
     * names with it (mode 0600); the worker uses it for its next call. Returns a summary without secrets.
     */
    function save_credentials(string $ionapi): array {}

    /**
     * Asks the worker to rebuild the customer index (X-Cart profile ids and e-mail
     * addresses -> Infor customer numbers) from Infor. Returns the id of the job;
     * event($id) shows how many customers were indexed once it ran.
     */
    function rebuild_customer_index(): string {}

    /**
     * The Infor calls the event would produce with the mapping template in use (program,
     * transaction, fields) and every validation problem; sends nothing.
     */
    function map_preview(string $type, array $payload): array {}

    /**
     * Ranked proposals (source path -> Infor field, score, reason) for the input fields of an
     * M3 transaction from a sample payload. A heuristic, to start a template.
     */
    function suggest_mapping(array $samplePayload, string $program, string $transaction): array {}

    class Exception extends \RuntimeException
    {
    }

    final class ValidationException extends Exception
    {
        private array $errors = [];

        /** @return list<array{path: string, message: string}> */
        public function getErrors(): array {}
    }

    final class SpoolException extends Exception
    {
        private string $directory = "";

        public function getDirectory(): string {}
    }

    final class ConfigurationException extends Exception
    {
        private string $setting = "";

        public function getSetting(): string {}
    }
}
