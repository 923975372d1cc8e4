#!/bin/bash
# Proves the X-Cart lint fails: runs it on the fixture add-on (fixtures/bad-addon), with a reference
# whose OrderTrackingNumber::setValue() signature differs from the stand-in's and an allow-list with a
# stale entry, and checks that each problem is reported with its file:line. Prints TAP.
cd "$(dirname "$0")/../.."
lint=tests/xcart-lint/lint.php
fixtures=tests/xcart-lint/fixtures
work=$(mktemp -d /tmp/xcart-lint.XXXXXX)
trap 'rm -rf "$work"' EXIT

# the committed reference, one signature changed (line 81: `setValue($value)` :76)
sed 's/`setValue(\$value)` :76/`setValue($value, $date = null)` :76/' tests/xcart-standin/reference/xcart-5.5.md >"$work/reference.md"
line=$(grep -n 'setValue(\$value, \$date = null)' "$work/reference.md" | cut -d: -f1)

php "$lint" --src "$fixtures/bad-addon" --namespace 'Fixture\Bad' --reference "$work/reference.md" \
    --shared-reference none --allow "$fixtures/allow.json" >"$work/out" 2>&1
rc=$?

n=0
check() {
    n=$((n + 1))
    if grep -qE -- "$2" "$work/out"; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1 (expected /$2/)"
    fi
}

n=$((n + 1))
if [ "$rc" -ne 0 ]; then echo "ok $n - the lint exits non-zero on the fixture add-on"; else echo "not ok $n - the lint passed the fixture add-on"; fi
check 'an override with a wrong parameter list, with file:line' \
    "^# $fixtures/bad-addon/Model/Order.php:15: setShippingStatus\(\) parameter 1 is \\\$status, the stand-in's \\\$shippingStatus"
check 'an override dropping the default, with file:line' \
    "^# $fixtures/bad-addon/Model/Order.php:15: setShippingStatus\(\) parameter 1 \\\$shippingStatus must default to NULL"
check 'a call to a method the stand-in lacks, with file:line' \
    "^# $fixtures/bad-addon/Model/Order.php:23: the stand-in's XLite\\\\Model\\\\Order has no getDiscountTotal\(\)"
check 'a method neither the reference states nor the allow-list holds, with file:line' \
    "^# $fixtures/bad-addon/Model/Order.php:24: the reference does not state XLite\\\\Model\\\\Order::setDate\(\)"
check 'a stand-in signature that differs from the reference, with both file:lines' \
    "^# $work/reference.md:$line \(§2.7\) .*stand-in XLite\\\\Model\\\\OrderTrackingNumber::setValue\(\) at tests/xcart-standin/classes/XLite/Model/OrderTrackingNumber.php:[0-9]+ has 1 parameter"
check 'an allow-list entry the add-on no longer uses' \
    '^# the add-on no longer uses XLite\\Model\\Product::setSku\(\): remove it from the allow-list'
check 'a reference statement the stand-in lacks, not allow-listed' \
    "^# $work/reference.md:[0-9]+ \(§2.1\) .*no stand-in class of §2.1 has createQueryBuilder\(\)"
[ "$rc" -ne 0 ] || cat "$work/out" >&2

# the committed copy must be the shared reference when that exists
php "$lint" --shared-reference "$work/reference.md" >"$work/out2" 2>&1
n=$((n + 1))
if grep -qE "^# tests/xcart-standin/reference/xcart-5.5.md:1 differs from $work/reference.md" "$work/out2"; then
    echo "ok $n - a reference copy that differs from the shared reference"
else
    echo "not ok $n - a reference copy that differs from the shared reference is not reported"
fi
