# Sourced by the bench scripts: free_block N prints the base of N consecutive TCP ports that are free on
# 127.0.0.1 now, below the ephemeral range.

free_block() {
    python3 - "$1" <<'EOF'
import random, socket, sys
count = int(sys.argv[1])
for _ in range(200):
    base = random.randrange(10000, 32000 - count)
    socks = []
    try:
        for p in range(base, base + count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            socks.append(s)
            s.bind(("127.0.0.1", p))
        print(base)
        sys.exit(0)
    except OSError:
        pass
    finally:
        for s in socks:
            s.close()
sys.exit("no free block of %d ports found" % count)
EOF
}
