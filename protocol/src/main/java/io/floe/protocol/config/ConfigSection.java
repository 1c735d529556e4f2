package io.floe.protocol.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;

/**
 * One block of a member's HOCON ({@code floe.recovery}, {@code floe.gateway}, ...) read with range checks. Each
 * settings record of Floe has one reader built on this, and the block's defaults live only in the reference.conf of
 * the module that owns the record.
 *
 * <p>Invariant: a value out of range fails with a {@link ConfigException.BadValue} whose path is the full key
 * ({@code floe.recovery.parallelism}), so an operator sees which line of which file to fix.
 */
public final class ConfigSection {
    private final Config config;
    private final String path;

    private ConfigSection(Config config, String path) {
        this.config = config;
        this.path = path;
    }

    /** The block at {@code path} of a resolved root configuration. */
    public static ConfigSection of(Config root, String path) {
        return new ConfigSection(root.getConfig(path), path);
    }

    public String string(String key) {
        return config.getString(key);
    }

    public List<String> strings(String key) {
        return config.getStringList(key);
    }

    public boolean bool(String key) {
        return config.getBoolean(key);
    }

    public long longValue(String key) {
        return config.getLong(key);
    }

    public int intValue(String key) {
        return config.getInt(key);
    }

    /** A size in bytes ({@code 10 MiB}). */
    public long bytes(String key) {
        return config.getBytes(key);
    }

    public List<? extends Config> configs(String key) {
        return config.getConfigList(key);
    }

    public int positiveInt(String key) {
        int value = config.getInt(key);
        if (value < 1) {
            throw bad(key, "must be >= 1, was " + value);
        }
        return value;
    }

    public double notNegativeDouble(String key) {
        double value = config.getDouble(key);
        if (value < 0 || Double.isNaN(value)) {
            throw bad(key, "must be >= 0, was " + value);
        }
        return value;
    }

    public Duration notNegativeDuration(String key) {
        Duration value = config.getDuration(key);
        if (value.isNegative()) {
            throw bad(key, "must not be negative, was " + value);
        }
        return value;
    }

    public Duration positiveDuration(String key) {
        Duration value = notNegativeDuration(key);
        if (value.isZero()) {
            throw bad(key, "must be positive");
        }
        return value;
    }

    /** A duration no shorter than {@code min} (the upper end of a backoff range). */
    public Duration durationAtLeast(String key, Duration min) {
        Duration value = config.getDuration(key);
        if (value.compareTo(min) < 0) {
            throw bad(key, "must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** A failure naming {@code key} by its full path. */
    public ConfigException bad(String key, String why) {
        return new ConfigException.BadValue(config.origin(), path + "." + key, why);
    }
}
