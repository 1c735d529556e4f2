package io.floe.protocol.committee;

import java.util.regex.Pattern;

/** A storage node's name in the committee: 1 to 64 characters of lower-case letters, digits and '-'. */
public record NodeId(String value) implements Comparable<NodeId> {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public NodeId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("node ID must be 1-64 of [a-z0-9-], starting with a letter or digit: " + value);
        }
    }

    @Override
    public int compareTo(NodeId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
