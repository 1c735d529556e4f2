package io.floe.multijvm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free contiguous port blocks on 127.0.0.1. A network's members bind fixed ports (written into their configuration
 * before they start), so port 0 cannot be used; instead a block is drawn at random below the kernel's ephemeral
 * range (32768 and up on Linux, where outgoing connections take their ports) and every port of it is checked.
 */
final class Ports {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    private static final int ATTEMPTS = 50;

    private Ports() {
    }

    /** The first port of {@code count} consecutive ports that are all free now. */
    static int freeBlock(int count) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - count);
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports on 127.0.0.1 in [" + LOWEST + ", "
                + HIGHEST + ") after " + ATTEMPTS + " random tries");
    }

    static boolean allFree(int base, int count) {
        for (int p = base; p < base + count; p++) {
            if (!isFree(p)) {
                return false;
            }
        }
        return true;
    }

    /** True when a server could bind the port on loopback right now (SO_REUSEADDR as Pekko's servers use it). */
    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
