package io.floe.node.healing;

import com.typesafe.config.ConfigFactory;

/** Settings for tests: reference.conf's defaults with the HOCON overrides a test names. */
final class TestSettings {
    private TestSettings() {
    }

    /** {@code floe.recovery} with {@code overrides} (HOCON inside the block, e.g. {@code "grace = 0s"}). */
    static RecoverySettings recovery(String overrides) {
        return RecoverySettings.from(ConfigFactory.parseString("floe.recovery { " + overrides + " }")
                .withFallback(ConfigFactory.defaultReference()).resolve());
    }
}
