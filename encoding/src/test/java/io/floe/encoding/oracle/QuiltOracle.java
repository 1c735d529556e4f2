package io.floe.encoding.oracle;

import io.floe.encoding.quilt.QuiltFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walrus's own quilt code ({@code @mysten/walrus}'s {@code encodeQuilt} and {@code QuiltReader}, run by node through
 * {@code src/test/oracle/quilt-oracle.mjs}) as a test oracle. Each call starts one node process.
 */
public final class QuiltOracle {

    /** Files to encode for {@code nShards} shards. */
    public record Case(int nShards, List<QuiltFile> files) {}

    /** A patch of the SDK's index: its ID as the SDK prints it, its columns and identifier. */
    public record Patch(String patchId, int startIndex, int endIndex, String identifier) {}

    /** The SDK's quilt: its bytes, its blob ID (walrus-wasm) and its patches in index order. */
    public record Encoded(byte[] quilt, String quiltId, List<Patch> patches) {}

    /** A patch as the SDK's reader names it ({@code patchId} is null where the reader was given the ID). */
    public record Named(String patchId, String identifier, Map<String, String> tags) {}

    /** What the SDK's reader found: its index, and for each patch ID asked, the name and bytes it read. */
    public record Read(List<Named> index, List<Named> patches, List<byte[]> contents) {}

    private final WalrusOracle oracle = new WalrusOracle();

    /** The SDK's encoding of each case, in order, from one node process. */
    public List<Encoded> encode(List<Case> cases) {
        return WalrusOracle.withTempDir(dir -> {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < cases.size(); i++) {
                json.append(i == 0 ? "" : ",").append("{\"n\":").append(cases.get(i).nShards()).append(",\"files\":[");
                List<QuiltFile> files = cases.get(i).files();
                for (int j = 0; j < files.size(); j++) {
                    Path file = dir.resolve("file-" + i + "-" + j);
                    Files.write(file, files.get(j).contents());
                    json.append(j == 0 ? "" : ",").append("{\"identifier\":")
                            .append(WalrusOracle.jsonString(files.get(j).identifier()))
                            .append(",\"file\":").append(WalrusOracle.jsonString(file.toString()))
                            .append(",\"tags\":").append(jsonObject(files.get(j).tags())).append('}');
                }
                json.append("]}");
            }
            Path casesFile = dir.resolve("cases.json");
            Files.writeString(casesFile, json.append(']'));
            Path out = dir.resolve("out");
            oracle.runScript(dir, "quilt-oracle.mjs", "encode", casesFile.toString(), out.toString());
            List<Encoded> result = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                List<String> lines = Files.readAllLines(out.resolve("quilt-" + i + ".txt"));
                List<Patch> patches = new ArrayList<>();
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(" ");
                    patches.add(new Patch(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), text(f[3])));
                }
                result.add(new Encoded(Files.readAllBytes(out.resolve("quilt-" + i + ".bin")), lines.get(0), patches));
            }
            return result;
        });
    }

    /** Reads {@code quilt} (stored for {@code nShards} shards) with the SDK's reader: its index and these patches. */
    public Read read(int nShards, byte[] quilt, List<String> patchIds) {
        return WalrusOracle.withTempDir(dir -> {
            Path file = dir.resolve("quilt.bin");
            Files.write(file, quilt);
            Path out = dir.resolve("out");
            List<String> args = new ArrayList<>(List.of("read", Integer.toString(nShards), file.toString(),
                    out.toString()));
            args.addAll(patchIds);
            oracle.runScript(dir, "quilt-oracle.mjs", args.toArray(String[]::new));
            List<Named> index = new ArrayList<>();
            for (String line : Files.readAllLines(out.resolve("index.txt"))) {
                String[] f = line.split(" ");
                index.add(new Named(f[0], text(f[1]), tags(f[2])));
            }
            List<Named> patches = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            List<String> lines = Files.readAllLines(out.resolve("patches.txt"));
            for (int k = 0; k < lines.size(); k++) {
                String[] f = lines.get(k).split(" ");
                patches.add(new Named(null, text(f[0]), tags(f[1])));
                contents.add(Files.readAllBytes(out.resolve("patch-" + k + ".bin")));
            }
            return new Read(index, patches, contents);
        });
    }

    private static String jsonObject(Map<String, String> map) {
        StringBuilder json = new StringBuilder("{");
        map.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append(WalrusOracle.jsonString(k)).append(':')
                .append(WalrusOracle.jsonString(v)));
        return json.append('}').toString();
    }

    private static Map<String, String> tags(String text) {
        Map<String, String> tags = new TreeMap<>();
        if (!text.equals("-")) {
            for (String pair : text.split(",")) {
                String[] kv = pair.split("=", 2);
                tags.put(text(kv[0]), text(kv[1]));
            }
        }
        return tags;
    }

    private static String text(String base64url) {
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }
}
