package io.floe.encoding.index;

/** The two axes of Red Stuff: primary slivers are rows, secondary slivers are columns. */
public enum SliverType {
    PRIMARY,
    SECONDARY;

    /** The other axis. */
    public SliverType orthogonal() {
        return this == PRIMARY ? SECONDARY : PRIMARY;
    }

    /** Lower-case name as used in Walrus's HTTP paths. */
    public String pathName() {
        return this == PRIMARY ? "primary" : "secondary";
    }
}
