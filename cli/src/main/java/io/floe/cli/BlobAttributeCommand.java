package io.floe.cli;

import io.floe.cli.client.AccountClient;
import io.floe.cli.client.CliJson;
import io.floe.cli.client.ObjectView;
import io.floe.cli.client.Receipt;
import io.floe.protocol.blob.ObjectId;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code floe get-blob-attribute}, {@code set-blob-attribute}, {@code remove-blob-attribute-fields} and
 * {@code remove-blob-attribute}: a blob object's key/value attributes, with {@code walrus}'s arguments (the object
 * ID first, {@code --attr KEY VALUE} repeated, {@code --keys K1 K2 ...}). Reading needs no wallet; changing signs.
 */
public final class BlobAttributeCommand extends WalletCommand {
    private static final String ATTR = "--attr";
    private static final String KEYS = "--keys";

    /** Which attribute operation the command does. */
    enum Kind { GET, SET, REMOVE_FIELDS, REMOVE }

    private final Kind kind;

    private BlobAttributeCommand(Kind kind, String name, String summary, Environment environment, Clock clock) {
        super(name, summary, InfoCommand.DEFAULT_TIMEOUT_SECONDS, environment, clock);
        this.kind = kind;
    }

    static BlobAttributeCommand get(Environment environment, Clock clock) {
        return new BlobAttributeCommand(Kind.GET, "get-blob-attribute", "Show a blob object's attributes",
            environment, clock);
    }

    static BlobAttributeCommand set(Environment environment, Clock clock) {
        return new BlobAttributeCommand(Kind.SET, "set-blob-attribute", "Set key/value attributes on a blob object",
            environment, clock);
    }

    static BlobAttributeCommand removeFields(Environment environment, Clock clock) {
        return new BlobAttributeCommand(Kind.REMOVE_FIELDS, "remove-blob-attribute-fields",
            "Remove attribute keys from a blob object", environment, clock);
    }

    static BlobAttributeCommand remove(Environment environment, Clock clock) {
        return new BlobAttributeCommand(Kind.REMOVE, "remove-blob-attribute",
            "Remove every attribute of a blob object", environment, clock);
    }

    @Override
    public String usage() {
        String synopsis = switch (kind) {
            case GET, REMOVE -> "";
            case SET -> " --attr KEY VALUE [--attr KEY VALUE]...";
            case REMOVE_FIELDS -> " --keys KEY...";
        };
        String what = switch (kind) {
            case GET -> "Prints the attributes of a blob object, one 'key: value' per line.\n";
            case SET -> "Inserts or updates attributes of a blob object of the wallet (at most 64 pairs, keys up"
                + " to 256\nbytes, values up to 4096 bytes; the gateway serves some as response headers).\n"
                + "\noptions:\n  --attr KEY VALUE   one pair; repeat the option for more\n";
            case REMOVE_FIELDS -> "Removes the named keys from a blob object of the wallet (a missing key is fine).\n"
                + "\noptions:\n  --keys KEY...      the keys, as separate words\n";
            case REMOVE -> "Removes every attribute of a blob object of the wallet (refused if it has none).\n";
        };
        return "usage: floe " + name() + " OBJECT_ID" + synopsis + " [--wallet FILE] [--json] [--gateway URL]"
            + " [--timeout SECONDS]\n\n" + what + (kind == Kind.GET || kind == Kind.REMOVE ? "\noptions:\n" : "")
            + walletOptions() + "\nexit codes: 0 done, 1 failure (refused, wallet, gateway), 2 bad command line\n";
    }

    @Override
    public void execute(List<String> args, PrintStream out) {
        Map<String, Integer> lists = switch (kind) {
            case SET -> Map.of(ATTR, 2);
            case REMOVE_FIELDS -> Map.of(KEYS, 0);
            default -> Map.of();
        };
        Arguments parsed = Arguments.parse(args, Set.of(WALLET, GATEWAY, TIMEOUT), Set.of(JSON), lists);
        ObjectId id = objectId("OBJECT_ID", parsed.singlePositional("OBJECT_ID"));
        Map<String, String> attributes = kind == Kind.SET ? pairs(parsed.list(ATTR)) : Map.of();
        List<String> keys = kind == Kind.REMOVE_FIELDS ? parsed.list(KEYS) : List.of();
        if (kind == Kind.REMOVE_FIELDS && keys.isEmpty()) {
            throw new UsageException("missing " + KEYS + " KEY...");
        }
        AccountClient accounts = accounts(parsed);
        ObjectView view = lookUp(accounts, id);
        if (kind == Kind.GET) {
            out.print(parsed.flag(JSON) ? attributesJson(view) + "\n" : describe(view));
            return;
        }
        Receipt receipt = submit(accounts, signer(parsed), kind == Kind.SET
            ? Operations.setAttributes(view.blobId(), id, attributes)
            : Operations.removeAttributes(view.blobId(), id, keys));
        String did = switch (kind) {
            case SET -> "Set " + attributes.size() + " attribute(s) on blob object " + id;
            case REMOVE_FIELDS -> "Removed attribute(s) " + String.join(", ", keys) + " of blob object " + id;
            default -> "Removed every attribute of blob object " + id;
        };
        print(out, parsed, List.of(receipt), List.of(describe(did, receipt)));
    }

    private static Map<String, String> pairs(List<String> words) {
        if (words.isEmpty()) {
            throw new UsageException("missing " + ATTR + " KEY VALUE");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i + 1 < words.size(); i += 2) {
            if (words.get(i).isEmpty()) {
                throw new UsageException(ATTR + " needs a non-empty KEY");
            }
            pairs.put(words.get(i), words.get(i + 1));
        }
        return pairs;
    }

    static String describe(ObjectView view) {
        Map<String, String> attributes = view.object().attributes();
        if (attributes.isEmpty()) {
            return "Blob object " + view.object().id() + " has no attributes\n";
        }
        StringBuilder sb = new StringBuilder("Attributes of blob object ").append(view.object().id()).append(":\n");
        attributes.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    static String attributesJson(ObjectView view) {
        var root = CliJson.object().put("objectId", view.object().id().toString())
            .put("blobId", view.blobId().toString());
        var attributes = root.putObject("attributes");
        view.object().attributes().forEach(attributes::put);
        return CliJson.line(root);
    }
}
