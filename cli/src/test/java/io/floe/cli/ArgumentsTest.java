package io.floe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
    private static final Set<String> VALUES = Set.of("--n-shards");
    private static final Set<String> FLAGS = Set.of("--json");

    @Test
    void separatesOptionsFlagsAndPositionals() {
        Arguments args = Arguments.parse(List.of("a", "--n-shards", "7", "--json", "b"), VALUES, FLAGS);

        assertEquals(List.of("a", "b"), args.positionals());
        assertEquals(7, args.intValue("--n-shards", 1000));
        assertTrue(args.flag("--json"));
    }

    @Test
    void absentOptionGivesDefault() {
        Arguments args = Arguments.parse(List.of("a"), VALUES, FLAGS);

        assertEquals(1000, args.intValue("--n-shards", 1000));
        assertEquals(Optional.empty(), args.value("--n-shards"));
        assertFalse(args.flag("--json"));
    }

    @Test
    void doubleDashEndsOptions() {
        Arguments args = Arguments.parse(List.of("--", "--json", "-"), VALUES, FLAGS);

        assertEquals(List.of("--json", "-"), args.positionals());
        assertFalse(args.flag("--json"));
    }

    @Test
    void flagWithValueIsUsageError() {
        UsageException e = assertThrows(UsageException.class,
            () -> Arguments.parse(List.of("--json=yes"), VALUES, FLAGS));
        assertEquals("--json takes no value", e.getMessage());
        assertEquals(ExitCodes.USAGE, e.exitCode());
    }

    @Test
    void helpIsSeenOnlyBeforeDoubleDash() {
        assertTrue(Arguments.asksForHelp(List.of("file", "-h")));
        assertFalse(Arguments.asksForHelp(List.of("--", "--help")));
    }

    @Test
    void singlePositionalNamesWhatIsMissing() {
        Arguments none = Arguments.parse(List.of(), VALUES, FLAGS);
        assertEquals("missing FILE", assertThrows(UsageException.class, () -> none.singlePositional("FILE")).getMessage());
    }
}
