package io.floe.multijvm;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member-JVM network of a multi-JVM test class, as a JUnit 5 extension on a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final FloeNetworkExtension NETWORK = FloeNetworkExtension.perClass(NetworkSpec.of(4, 10));
 * }</pre>
 * It starts the network before the class's {@code @BeforeAll} methods ({@link #network()} returns it from then on),
 * prints the end of every member's log when a test or a {@code @BeforeAll} method fails, and after the class's
 * {@code @AfterAll} methods stops every member, or, for a {@link #shared} network, hands it to the next class that
 * asks for an equal spec or names the same group ({@link MultiJvmClassOrder} runs such classes one after another),
 * unless the class {@linkplain #endingTheGroup ends the group}.
 *
 * <p>Invariant: at most one network runs at a time. A shared network is handed over only when every test of the
 * class passed and every member still runs unfrozen; otherwise, or when the next class wants another network, it
 * is stopped first. A network left over at the end of the run is stopped when JUnit closes its root context.
 */
public final class FloeNetworkExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher,
        LifecycleMethodExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FloeNetworkExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FloeNetworkExtension.class);
    private static final int LOG_LINES = 60;

    /** A class's spec, computed when the class starts: for a network that needs something running first. */
    @FunctionalInterface
    public interface SpecSource {
        NetworkSpec spec(ExtensionContext context) throws Exception;
    }

    /** The network between two classes, in the root store: JUnit closes it at the end of the run. */
    private record Parked(Object group, NetworkSpec spec, FloeNetwork network) implements AutoCloseable {
        @Override
        public void close() {
            network.close();
        }
    }

    private final SpecSource source;
    /** Whether this class stops a shared network at its end instead of handing it on. */
    private final boolean ending;
    /** What classes share this network by: an equal spec, or a group name; empty for a network of one class. */
    private final Optional<Object> group;
    /** The folder name of a shared network under target/floe-networks. */
    private final String sharedDir;
    private NetworkSpec spec;
    private FloeNetwork network;
    private boolean failed;

    private FloeNetworkExtension(SpecSource source, Optional<Object> group, String sharedDir, boolean ending) {
        this.source = source;
        this.group = group;
        this.sharedDir = sharedDir;
        this.ending = ending;
    }

    /** A network of {@code spec} for this class alone, in {@code target/floe-networks/<class>}. */
    public static FloeNetworkExtension perClass(NetworkSpec spec) {
        return new FloeNetworkExtension(context -> spec, Optional.empty(), "", false);
    }

    /**
     * A network for this class alone whose spec {@code source} gives when the class starts (e.g. after starting a
     * proxy whose port the spec names); {@code @AfterAll} methods run before the network stops.
     */
    public static FloeNetworkExtension perClass(SpecSource source) {
        return new FloeNetworkExtension(source, Optional.empty(), "", false);
    }

    /**
     * A network of {@code spec} that the classes asking for an equal spec share, one after another, in
     * {@code target/floe-networks/shared-<nodes>x<shards>}. Each class must leave it whole (every member running)
     * and must not depend on what the classes before it stored.
     */
    public static FloeNetworkExtension shared(NetworkSpec spec) {
        return new FloeNetworkExtension(context -> spec, Optional.of(spec),
                "shared-" + spec.nodes() + "x" + spec.nShards(), false);
    }

    /**
     * A network that the classes naming the same {@code group} share, one after another, in
     * {@code target/floe-networks/shared-<group>}; {@code source} gives the spec of a fresh network whenever one must
     * start (e.g. after starting Cassandra), and a class that takes over a running one gets that one. The rules of
     * {@link #shared} hold.
     */
    public static FloeNetworkExtension shared(String group, SpecSource source) {
        return new FloeNetworkExtension(source, Optional.of(group), "shared-" + group, false);
    }

    /**
     * This shared network's extension for the last class of its group: it stops the network at its end, so that the
     * classes after it (which may start no network, and so would not stop a parked one) run without it.
     */
    public FloeNetworkExtension endingTheGroup() {
        return new FloeNetworkExtension(source, group, sharedDir, true);
    }

    /** The class's running network; only between the start of its {@code @BeforeAll} and the end of its tests. */
    public FloeNetwork network() {
        if (network == null) {
            throw new IllegalStateException("the network runs only while its test class does");
        }
        return network;
    }

    /** What this extension shares its network by (a spec or a group name); empty for a network of one class. */
    Optional<Object> sharedGroup() {
        return group;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        failed = false;
        Parked parked = context.getRoot().getStore(NAMESPACE).remove(Parked.class, Parked.class);
        if (parked != null && group.equals(Optional.of(parked.group())) && parked.network().isWhole()) {
            spec = parked.spec();
            network = parked.network();
            LOG.info("{} takes over the network in {}", context.getDisplayName(), network.layout().dataDir());
            return;
        }
        if (parked != null) {
            parked.close(); // before the spec: its source may start something (a proxy, Cassandra) that needs room
        }
        spec = source.spec(context);
        Path dir = group.isPresent() ? TestDirs.fresh(sharedDir) : TestDirs.fresh(context.getRequiredTestClass());
        network = FloeNetwork.start(spec, dir);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        FloeNetwork done = network;
        network = null;
        if (done == null) {
            return;
        }
        if (group.isPresent() && !ending && !failed && done.isWhole()) {
            context.getRoot().getStore(NAMESPACE).put(Parked.class, new Parked(group.get(), spec, done));
            LOG.info("the network in {} stays up for the next class of its group", done.layout().dataDir());
        } else {
            done.close();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
        printLogTails(context.getDisplayName() + " failed: " + cause);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable cause) throws Throwable {
        failed = true;
        printLogTails("@BeforeAll of " + context.getDisplayName() + " failed: " + cause);
        throw cause;
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable cause) throws Throwable {
        failed = true;
        throw cause;
    }

    private void printLogTails(String what) {
        if (network != null) {
            System.err.println("===== " + what + "; member logs follow");
            network.printLogTails(System.err, LOG_LINES);
        }
    }
}
