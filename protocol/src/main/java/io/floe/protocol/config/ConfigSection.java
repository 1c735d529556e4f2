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
    private final Config root;
    private final String path;

    private ConfigSection(Config root, String path) {
        this.root = root;
        this.path = path;
    }

    /**
     * The block at {@code path} of a resolved root configuration. Values are read by their full path, so that
     * Typesafe Config's own errors (a missing key, a wrong type) name the full key too.
     */
    public static ConfigSection of(Config root, String path) {
        root.getConfig(path);
        return new ConfigSection(root, path);
    }

    private String key(String key) {
        return path + "." + key;
    }

    public String string(String key) {
        return root.getString(key(key));
    }

    public List<String> strings(String key) {
        return root.getStringList(key(key));
    }

    public boolean bool(String key) {
        return root.getBoolean(key(key));
    }

    public long longValue(String key) {
        return root.getLong(key(key));
    }

    public int intValue(String key) {
        return root.getInt(key(key));
    }

    /** A size in bytes ({@code 10 MiB}). */
    public long bytes(String key) {
        return root.getBytes(key(key));
    }

    public List<? extends Config> configs(String key) {
        return root.getConfigList(key(key));
    }

    public int positiveInt(String key) {
        int value = root.getInt(key(key));
        if (value < 1) {
            throw bad(key, "must be >= 1, was " + value);
        }
        return value;
    }

    public double notNegativeDouble(String key) {
        double value = root.getDouble(key(key));
        if (value < 0 || Double.isNaN(value)) {
            throw bad(key, "must be >= 0, was " + value);
        }
        return value;
    }

    public Duration notNegativeDuration(String key) {
        Duration value = root.getDuration(key(key));
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
        Duration value = root.getDuration(key(key));
        if (value.compareTo(min) < 0) {
            throw bad(key, "must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** A failure naming {@code key} by its full path. */
    public ConfigException bad(String key, String why) {
        return new ConfigException.BadValue(root.getValue(key(key)).origin(), key(key), why);
    }
}
