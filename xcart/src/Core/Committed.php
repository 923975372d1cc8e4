<?php

namespace CloudLink\InforSync\Core;

/**
 * Whether a row is in the database, read from the database (not from Doctrine's identity map).
 * Table and column names come from the entities' mappings, so X-Cart's table prefix applies.
 */
final class Committed
{
    /**
     * The order is placed in the database: an order, not a cart (is_order = 1, which
     * Cart::markAsOrder() writes at once), with the shipping status processSucceed() gave it (which
     * only the flush after it writes).
     */
    public static function order($order): bool
    {
        $id = (int) $order->getOrderId();

        $row = $id > 0 ? self::fetch(\XLite\Model\Order::class, ['is_order', 'shipping_status_id'], 'order_id', $id) : false;

        return $row !== false && (int) $row['is_order'] === 1 && $row['shipping_status_id'] !== null;
    }

    /** The backend transaction exists and succeeded. */
    public static function backendTransaction($transaction): bool
    {
        $id = (int) $transaction->getId();

        $row = $id > 0 ? self::fetch(\XLite\Model\Payment\BackendTransaction::class, ['status'], 'id', $id) : false;

        return $row !== false && $row['status'] === \XLite\Model\Payment\BackendTransaction::STATUS_SUCCESS;
    }

    /** The profile exists. */
    public static function profile($profile): bool
    {
        $id = (int) $profile->getProfileId();

        return $id > 0 && self::fetch(\XLite\Model\Profile::class, ['profile_id'], 'profile_id', $id) !== false;
    }

    /** @return array<string, mixed>|false the row's columns, false without a row */
    private static function fetch(string $entity, array $columns, string $idColumn, int $id)
    {
        $em = \XLite\Core\Database::getEM();
        $table = $em->getClassMetadata($entity)->getTableName();
        $connection = $em->getConnection();

        return $connection->fetchAssociative(
            'SELECT ' . implode(', ', array_map([$connection, 'quoteIdentifier'], $columns))
            . ' FROM ' . $connection->quoteIdentifier($table)
            . ' WHERE ' . $connection->quoteIdentifier($idColumn) . ' = ?',
            [$id]
        );
    }
}
