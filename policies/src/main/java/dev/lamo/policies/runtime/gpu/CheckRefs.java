package dev.lamo.policies.runtime.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamo.policies.PolicyBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference set of the GPU check: for each {@link CheckModel}, input windows and the CPU engine's actions, in a
 * folder: {@code refs.json} (seed, models, file names) and per model {@code NAME.windows.bin} and
 * {@code NAME.actions.bin} (little-endian). A window file holds rows, K, S, A (int32), then lengths, timesteps (int32),
 * returns-to-go, states, actions (float32) in {@link PolicyBatch}'s layout; an action file the rows × A actions.
 */
public final class CheckRefs {

    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One model's references. */
    public record Entry(CheckModel model, PolicyBatch windows, float[] actions) {
    }

    private CheckRefs() {
    }

    public static void write(Path dir, long seed, List<Entry> entries) {
        try {
            Files.createDirectories(dir);
            ObjectNode root = JSON.createObjectNode();
            root.put("format", FORMAT);
            root.put("seed", seed);
            root.put("reference", "CPU engine (VectorOps), fp32");
            ArrayNode models = root.putArray("models");
            for (Entry e : entries) {
                String name = e.model().name();
                writeAtomically(dir.resolve(name + ".windows.bin"), out -> writeWindows(out, e.windows()));
                writeAtomically(dir.resolve(name + ".actions.bin"), out -> writeFloats(out, e.actions()));
                models.addObject().put("name", name).put("rows", e.windows().size())
                        .put("windows", name + ".windows.bin").put("actions", name + ".actions.bin");
            }
            writeAtomically(dir.resolve("refs.json"), out -> out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The seed the references were computed with. */
    public static long seed(Path dir) {
        return root(dir).path("seed").asLong();
    }

    public static List<Entry> read(Path dir) {
        JsonNode root = root(dir);
        List<Entry> out = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            CheckModel model = CheckModel.named(m.path("name").asText());
            Path windows = dir.resolve(m.path("windows").asText());
            Path actions = dir.resolve(m.path("actions").asText());
            PolicyBatch b = readWindows(windows);
            float[] a = readFloats(actions);
            if (a.length != b.size() * b.actionSize()) {
                throw new IllegalArgumentException(actions + ": " + a.length + " actions for " + b.size() + " windows of "
                        + b.actionSize());
            }
            out.add(new Entry(model, b, a));
        }
        return out;
    }

    private static JsonNode root(Path dir) {
        Path file = dir.resolve("refs.json");
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root.path("format").asInt() != FORMAT) {
                throw new IllegalArgumentException(file + ": format " + root.path("format") + ", expected " + FORMAT);
            }
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the GPU check's references (" + e.getMessage()
                    + "); make them with lamo gpu refs --out " + dir);
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path file, Writer w) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            w.write(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeWindows(OutputStream out, PolicyBatch b) throws IOException {
        int n = b.size();
        int k = b.context();
        ByteBuffer buf = ByteBuffer.allocate(4 * (4 + n + n * k * (2 + b.observationSize() + b.actionSize())))
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(n).putInt(k).putInt(b.observationSize()).putInt(b.actionSize());
        for (int i = 0; i < n; i++) {
            buf.putInt(b.lengths()[i]);
        }
        for (int i = 0; i < n * k; i++) {
            buf.putInt(b.timesteps()[i]);
        }
        for (int i = 0; i < n * k; i++) {
            buf.putFloat(b.returnsToGo()[i]);
        }
        for (int i = 0; i < n * k * b.observationSize(); i++) {
            buf.putFloat(b.states()[i]);
        }
        for (int i = 0; i < n * k * b.actionSize(); i++) {
            buf.putFloat(b.actions()[i]);
        }
        out.write(buf.array());
    }

    private static PolicyBatch readWindows(Path file) {
        ByteBuffer buf = bytes(file);
        int n = buf.getInt();
        int k = buf.getInt();
        int s = buf.getInt();
        int a = buf.getInt();
        if (n < 1 || k < 1 || s < 1 || a < 1 || buf.remaining() != 4L * (n + (long) n * k * (2 + s + a))) {
            throw new IllegalArgumentException(file + ": not a window file of the GPU check (header " + n + ", " + k + ", " + s
                    + ", " + a + ")");
        }
        PolicyBatch b = new PolicyBatch(n, k, s, a);
        b.setSize(n);
        for (int i = 0; i < n; i++) {
            b.lengths()[i] = buf.getInt();
        }
        for (int i = 0; i < n * k; i++) {
            b.timesteps()[i] = buf.getInt();
        }
        for (int i = 0; i < n * k; i++) {
            b.returnsToGo()[i] = buf.getFloat();
        }
        for (int i = 0; i < n * k * s; i++) {
            b.states()[i] = buf.getFloat();
        }
        for (int i = 0; i < n * k * a; i++) {
            b.actions()[i] = buf.getFloat();
        }
        return b;
    }

    private static void writeFloats(OutputStream out, float[] v) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            buf.putFloat(f);
        }
        out.write(buf.array());
    }

    private static float[] readFloats(Path file) {
        ByteBuffer buf = bytes(file);
        float[] v = new float[buf.remaining() / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = buf.getFloat();
        }
        return v;
    }

    private static ByteBuffer bytes(Path file) {
        try {
            return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
