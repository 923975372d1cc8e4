#!/bin/bash
# Proves the X-Cart lint fails, and says where. Prints TAP.
#  1. The fixture add-on (fixtures/bad-addon) on the stand-in, with a prose reference whose
#     OrderTrackingNumber::setValue() and persist() statements were changed and an allow-list with stale
#     entries: overrides and calls that differ from the stand-in or the real X-Cart 5.5 data.
#  2. The fixture stand-in (fixtures/standin) against a copy of the real data without XLite\Model\Task
#     (stale data) and with XLite\Model\NotInXCart listed as not in the source.
# Each problem must be reported with its file:line.
cd "$(dirname "$0")/../.."
lint=tests/xcart-lint/lint.php
fixtures=tests/xcart-lint/fixtures
work=$(mktemp -d /tmp/xcart-lint.XXXXXX)
trap 'rm -rf "$work"' EXIT

# the committed reference with statements changed: setValue (line 81: `setValue($value)` :76), which the
# real data decides; PSR-3's info() (§6), outside the real data, and persist() of X-Cart's entity manager
# (§2.7), which it gets from Doctrine's EntityManagerDecorator: the stand-in's packages decide those; and a
# getDiscountTotal() added next to persist(), which no stand-in class has
sed -e 's/`setValue(\$value)` :76/`setValue($value, $date = null)` :76/' \
    -e 's/->info(\$msg, \$context)`/->info($msg, $context, $extra)`/' \
    -e 's/`persist(\$tn)`/`persist($tn, $flags)`, `getDiscountTotal()`/' \
    tests/xcart-standin/reference/xcart-5.5.md >"$work/reference.md"
line=$(grep -n 'setValue(\$value, \$date = null)' "$work/reference.md" | cut -d: -f1)
info=$(grep -n 'info(\$msg, \$context, \$extra)' "$work/reference.md" | cut -d: -f1)
persist=$(grep -n 'persist(\$tn, \$flags)' "$work/reference.md" | cut -d: -f1)

php "$lint" --src "$fixtures/bad-addon" --namespace 'Fixture\Bad' --reference "$work/reference.md" \
    --shared-reference none --allow "$fixtures/allow.json" >"$work/out" 2>&1
rc=$?

# the real data without XLite\Model\Task, and XLite\Model\NotInXCart known to be outside the source
php -r '$d = json_decode(file_get_contents($argv[1]), true);
    unset($d["classes"]["XLite\\Model\\Task"]);
    $d["not_in_source"][] = "XLite\\Model\\NotInXCart";
    file_put_contents($argv[2], json_encode($d));' tests/xcart-lint/xcart-5.5-api.json "$work/api.json"
mkdir "$work/no-addon"
: >"$work/no-reference.md"
echo '{}' >"$work/no-allow.json"
php "$lint" --src "$work/no-addon" --namespace 'Fixture\None' --standin "$fixtures/standin" --reference "$work/no-reference.md" \
    --shared-reference none --allow "$work/no-allow.json" --api "$work/api.json" >"$work/out-standin" 2>&1
rc_standin=$?

n=0
bad_count=0
check() { # check NAME REGEX [OUTPUT]
    n=$((n + 1))
    if grep -qE -- "$2" "${3:-$work/out}"; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1 (expected /$2/)"
        bad_count=$((bad_count + 1))
    fi
}
failed() { # failed NAME RC
    n=$((n + 1))
    if [ "$2" -ne 0 ]; then echo "ok $n - $1 exits non-zero"; else echo "not ok $n - $1 passed"; bad_count=$((bad_count + 1)); fi
}
bad="$fixtures/bad-addon"
order="$bad/Model/Order.php"
tn="$fixtures/standin/classes/XLite/Model/OrderTrackingNumber.php"

failed 'the lint on the fixture add-on' "$rc"
# against the stand-in
check 'an override with a wrong parameter list (stand-in), with file:line' \
    "^# $order:15: setShippingStatus\(\) parameter 1 is \\\$status, the stand-in's \\\$shippingStatus"
check 'an override dropping the default (stand-in), with file:line' \
    "^# $order:15: setShippingStatus\(\) parameter 1 \\\$shippingStatus must default to NULL"
check 'a call to a method the stand-in lacks, with file:line' \
    "^# $order:41: the stand-in's XLite\\\\Model\\\\Order has no getDiscountTotal\(\)"
# against the real X-Cart
check 'an override with a wrong parameter name (real), with file:line' \
    "^# $order:15: setShippingStatus\(\) parameter 1 is \\\$status, the real one's \\\$shippingStatus; real: XLite\\\\Model\\\\Order::setShippingStatus\(\\\$shippingStatus = null\) at classes/XLite/Model/Order.php:[0-9]+"
check 'an override dropping the default (real), with file:line' \
    "^# $order:15: setShippingStatus\(\) parameter 1 \\\$status has no default, the real one = null"
check 'an override narrowing the visibility (real), with file:line' \
    "^# $order:21: processSucceed\(\) is protected, the real one public \(PHP forbids narrowing it\)"
check 'an override with a parameter type the real one lacks, with file:line' \
    "^# $order:27: setPaymentStatus\(\) parameter 1 \\\$paymentStatus is typed int \(nullable: = null\), the real one nothing"
check 'a mixin override adding a return type, with file:line' \
    "^# $order:33: getOrderNumber\(\) returns string, the real one no type \(a mixin must keep it"
check 'a call to a method the real class lacks, with file:line' \
    "^# $order:41: the real XLite\\\\Model\\\\Order has no getDiscountTotal\(\), and the allow-list does not hold XLite\\\\Model\\\\Order::getDiscountTotal\(\)"
check 'a static call of a method that is not static in the real X-Cart, with file:line' \
    "^# $order:43: XLite\\\\Model\\\\Order::getOrderId\(\) is called statically; the real one is not static"
check 'a call of a method that is protected in the real X-Cart, with file:line' \
    "^# $bad/Core/Caller.php:12: XLite\\\\Model\\\\Order::isIgnoreCustomerNotifications\(\) is protected in the real X-Cart \(classes/XLite/Model/Order.php:[0-9]+\): Fixture\\\\Bad\\\\Core\\\\Caller cannot call it"
check 'an allow-list entry the real X-Cart declares' \
    '^# XLite\\Model\\Order::setDate\(\): the real X-Cart has it .*: remove it from the allow-list'
check 'an allow-list entry the add-on no longer uses' \
    '^# the add-on no longer uses XLite\\Model\\Product::setSku\(\): remove it from the allow-list'
# the prose reference
check 'a prose signature that differs from the real one is a note (the real one decides), with file:line' \
    "^# note: $work/reference.md:$line \(§2.7\) .*the prose states 2 parameter\(s\), the real one has 1 .*the real one decides"
check 'a prose statement outside the real data that the stand-in contradicts, with both file:lines' \
    "^# $work/reference.md:$info \(§6\) .*stand-in Psr\\\\Log\\\\LoggerInterface::info\(\) at [^ ]*LoggerInterface.php:[0-9]+ is called with 3 argument"
check 'a prose statement of a vendor parent'"'"'s method that the stand-in contradicts, with both file:lines' \
    "^# $work/reference.md:$persist \(§2.7\) .*stand-in XLite\\\\Core\\\\Doctrine\\\\ORM\\\\EntityManager::persist\(\) at [^ ]*/Doctrine/[^ ]*Decorator.php:[0-9]+ is called with 2 argument"
check 'a reference statement the stand-in lacks, not allow-listed' \
    "^# $work/reference.md:$persist \(§2.7\) .*no stand-in class of §2.7 has getDiscountTotal\(\)"
[ "$rc" -ne 0 ] || cat "$work/out" >&2

# the stand-in against the real X-Cart
failed 'the lint on the fixture stand-in' "$rc_standin"
check 'a stand-in method whose parameters differ from the real one, with file:line' \
    "^# $tn:21: XLite\\\\Model\\\\OrderTrackingNumber::setValue\(\) has 2 parameter\(s\), the real one 1; real: setValue\(\\\$value\) at classes/XLite/Model/OrderTrackingNumber.php:[0-9]+" \
    "$work/out-standin"
check 'a stand-in method whose visibility differs from the real one, with file:line' \
    "^# $tn:26: XLite\\\\Model\\\\OrderTrackingNumber::getOrder\(\) is protected, the real one public" "$work/out-standin"
check 'a stand-in method the real class lacks, with file:line' \
    "^# $tn:31: XLite\\\\Model\\\\OrderTrackingNumber::getTrackingUrl\(\) is not in the real XLite\\\\Model\\\\OrderTrackingNumber" "$work/out-standin"
check 'a @standin-only mark without a reason, with file:line' \
    "^# $tn:50: XLite\\\\Model\\\\OrderTrackingNumber::getCreationHour\(\) is marked @standin-only without a reason" "$work/out-standin"
check 'a @standin-only method with a reason and a standin…() helper are accepted' \
    "^# note: getCreationTime\(\) stand-in only: the tests read the creation time through it" "$work/out-standin"
n=$((n + 1))
if grep -qE 'standinReset|getCreationTime\(\) is' "$work/out-standin"; then
    echo "not ok $n - a stand-in helper or a @standin-only method was reported"
    bad_count=$((bad_count + 1))
else
    echo "ok $n - stand-in helpers and @standin-only methods are not reported"
fi
check 'a Doctrine mapping that differs from the real one, with file:line' \
    "^# $tn:18: XLite\\\\Model\\\\OrderTrackingNumber::\\\$value has @ORM\\\\Column\(type=\"string\"\), the real one @ORM\\\\Column\(type=\"text\"\)" \
    "$work/out-standin"
check 'a stand-in constant whose value differs from the real one, with file:line' \
    "^# $fixtures/standin/classes/XLite/Model/Order/Status/Shipping.php:10: XLite\\\\Model\\\\Order\\\\Status\\\\Shipping::STATUS_SHIPPED is 'X', the real one 'S'" \
    "$work/out-standin"
ship="$fixtures/standin/classes/XLite/Model/Order/Status/Shipping.php"
check 'a stand-in constant the real class lacks, with file:line' \
    "^# $ship:13: XLite\\\\Model\\\\Order\\\\Status\\\\Shipping::STATUS_LOST is not a constant of the real" "$work/out-standin"
check 'a constant marked @standin-only without a reason, with file:line' \
    "^# $ship:19: XLite\\\\Model\\\\Order\\\\Status\\\\Shipping::STATUS_UNEXPLAINED is marked @standin-only without a reason" "$work/out-standin"
check 'a @standin-only constant with a reason is accepted' \
    "^# note: STATUS_STANDIN stand-in only: the tests name the stand-in's own status through it" "$work/out-standin"
n=$((n + 1))
if grep -qE 'STATUS_STANDIN is' "$work/out-standin"; then
    echo "not ok $n - a @standin-only constant was reported"
    bad_count=$((bad_count + 1))
else
    echo "ok $n - @standin-only constants are not reported"
fi
check 'a stand-in class that is not in the real source, with file:line' \
    "^# $fixtures/standin/classes/XLite/Model/NotInXCart.php:8: XLite\\\\Model\\\\NotInXCart is not in the real X-Cart source" "$work/out-standin"
check 'a stand-in class the data lacks: rerun the extraction, with file:line' \
    "^# $fixtures/standin/classes/XLite/Model/Task.php:8: XLite\\\\Model\\\\Task is not in $work/api.json: rerun scripts/extract-xcart-reference.php" \
    "$work/out-standin"
[ "$rc_standin" -ne 0 ] || cat "$work/out-standin" >&2

# the committed copy must be the shared reference when that exists
php "$lint" --shared-reference "$work/reference.md" >"$work/out2" 2>&1
n=$((n + 1))
if grep -qE "^# tests/xcart-standin/reference/xcart-5.5.md:1 differs from $work/reference.md" "$work/out2"; then
    echo "ok $n - a reference copy that differs from the shared reference"
else
    echo "not ok $n - a reference copy that differs from the shared reference is not reported"
    bad_count=$((bad_count + 1))
fi
echo "1..$n"
[ "$bad_count" -eq 0 ]
