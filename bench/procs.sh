# Process helpers shared by the bench scripts that start `floe local` (sourced, not run).

# Prints its arguments as an error and ends the script (its EXIT trap stops what it started).
die() {
    echo "error: $*" >&2
    exit 1
}

# True while any process of group $1 runs (zombies excepted).
group_alive() {
    ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { f = 1 } END { exit !f }'
}

# Stops the process group $1 led by a launcher: SIGTERM to the leader, SIGKILL to the group after $2 seconds.
stop_group() {
    local pid="$1" deadline=$((SECONDS + $2))
    kill -TERM "$pid" 2>/dev/null || true
    while group_alive "$pid" && ((SECONDS < deadline)); do
        sleep 0.5
    done
    if group_alive "$pid"; then
        echo "# group $pid did not stop within $2 s; killing it" >&2
        kill -KILL -- "-$pid" 2>/dev/null || true
        deadline=$((SECONDS + 10))
        while group_alive "$pid" && ((SECONDS < deadline)); do
            sleep 0.5
        done
    fi
    wait "$pid" 2>/dev/null || true
}

# Waits up to $3 seconds for floe local (pid $1, its output in file $2) to print "Floe is running", which it does once
# the gateway answers and every node holds its shards; ends the script with that output when floe local exits or the
# time runs out. Prints how long the start took.
await_floe_running() {
    local pid="$1" out="$2" timeout="$3" start=$SECONDS
    until grep -qs '^Floe is running' "$out"; do
        kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; die "floe local exited during start-up"; }
        ((SECONDS - start < timeout)) || { cat "$out" >&2; die "floe local did not report ready"; }
        sleep 1
    done
    echo "# network ready after $((SECONDS - start)) s"
}
