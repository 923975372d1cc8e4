# Shared by the sandbox's TAP scripts (sourced, not run): arguments, the
# sandbox started in a temporary folder, check/is/json/req/password_token/wait_for/finish helpers.
#   BIN, META: the sandbox binary and the metadata file ($1, $2 of the script)
#   SANDBOX_ARGS: an array of further sandbox options, when set before sourcing
# After sourcing: DIR (the sandbox's --dir), ION, BASE, TI, TOKEN_URL, OUT.

BIN=${1:-out/infor-sandbox}
META=${2:-metadata/m3-transactions.json}
DIR=$(mktemp -d)
PID=
N=0
FAILED=0

cleanup() {
    if [ -n "$PID" ]; then
        kill "$PID" 2>/dev/null
        wait "$PID" 2>/dev/null
    fi
    rm -rf "$DIR"
}
trap cleanup EXIT

check() { # check "description" command...
    local desc=$1
    shift
    N=$((N + 1))
    if "$@"; then
        echo "ok $N - $desc"
    else
        echo "not ok $N - $desc"
        FAILED=$((FAILED + 1))
    fi
}

# finish: the summary line (with the sandbox's log after a failure); the script's exit status.
finish() {
    if [ "$FAILED" -ne 0 ]; then
        echo "# sandbox log:"
        sed 's/^/# /' "$DIR/sandbox.log"
    fi
    echo "# $((N - FAILED)) passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}

# json FILE a.0.b: the value at that path of a JSON document (arrays print their length).
json() {
    php -r '$j = json_decode(file_get_contents($argv[1]), true);
        foreach (explode(".", $argv[2]) as $k) {
            if (!is_array($j) || !array_key_exists($k, $j)) { echo "<missing>"; exit; }
            $j = $j[$k];
        }
        echo is_array($j) ? count($j) : (is_bool($j) ? var_export($j, true) : $j);' "$1" "$2"
}

is() { [ "$1" = "$2" ] || { echo "# expected '$2', got '$1'" >&2; return 1; }; }

"$BIN" --dir "$DIR" --metadata "$META" --quiet ${SANDBOX_ARGS[@]+"${SANDBOX_ARGS[@]}"} 2>"$DIR/sandbox.log" &
PID=$!
for _ in $(seq 100); do
    [ -e "$DIR/ready" ] && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
done
check "sandbox writes ready" test -e "$DIR/ready"
[ -e "$DIR/ready" ] || { cat "$DIR/sandbox.log"; exit 1; }

ION=$DIR/sandbox.ionapi
BASE=$(json "$ION" iu)
TI=$(json "$ION" ti)
TOKEN_URL=$(json "$ION" pu)$(json "$ION" ot)
OUT=$DIR/out.json

# req URL [curl args...]: body to $OUT, prints the HTTP status.
req() {
    local url=$1
    shift
    curl -sS --cacert "$DIR/ca.pem" -o "$OUT" -w '%{http_code}' "$@" "$url"
}

# password_token: a password-grant access token of sandbox.ionapi into TOKEN, the HTTP status
# into TOKEN_STATUS, the answer in $OUT.
password_token() {
    TOKEN_STATUS=$(req "$TOKEN_URL" --data-urlencode grant_type=password \
        --data-urlencode "username=$(json "$ION" saak)" \
        --data-urlencode "password=$(json "$ION" sask)" \
        --data-urlencode "client_id=$(json "$ION" ci)" \
        --data-urlencode "client_secret=$(json "$ION" cs)")
    TOKEN=$(json "$OUT" access_token)
}

# wait_for SECONDS command...: runs the command every 0.1 s until it succeeds; 1 when it
# has not within SECONDS (a bound for a loaded machine, not a pace).
wait_for() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.1
    done
}
