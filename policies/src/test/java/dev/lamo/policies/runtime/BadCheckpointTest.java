package dev.lamo.policies.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.policies.PolicyLoader;
import dev.lamo.policies.io.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged checkpoint fails to load in one line that names the tensor. */
class BadCheckpointTest {

    @TempDir
    static Path dir;

    /** Copies the run, rewrites its model file with {@code damage} applied, and returns the load failure's message. */
    private static String loadDamaged(String name, BiConsumer<Map<String, float[]>, Map<String, long[]>> damage) throws Exception {
        PolicyLoader.CheckpointRef good = EngineRuns.dt(dir, "dt", 10, List.of("dt_hidden=32", "dt_layers=2"));
        Path copy = dir.resolve("damaged-" + name);
        copyTree(good.run().path(), copy);
        PolicyLoader.CheckpointRef ref = PolicyLoader.resolve(copy, null);
        Path file = ref.folder().resolve("model.safetensors");
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, Safetensors.Tensor> e : Safetensors.read(file).tensors().entrySet()) {
            values.put(e.getKey(), e.getValue().toFloats());
            shapes.put(e.getKey(), e.getValue().shape());
        }
        damage.accept(values, shapes);
        Safetensors.writeFloats(file, values, shapes, Map.of());
        String message = assertThrows(IllegalArgumentException.class, () -> PolicyRuntime.ENGINE.load(ref, 1)).getMessage();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(file.toString()), message);
        return message;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void aMissingTensor() throws Exception {
        String m = loadDamaged("missing", (v, s) -> {
            v.remove("transformer_h.1_mlp_c_fc_weight");
            s.remove("transformer_h.1_mlp_c_fc_weight");
        });
        assertTrue(m.contains("missing tensor 'transformer_h.1_mlp_c_fc_weight'"), m);
    }

    @Test
    void aTensorOfTheWrongShape() throws Exception {
        String m = loadDamaged("shape", (v, s) -> s.put("embed_ln_weight", new long[] {4, 8}));
        assertTrue(m.contains("tensor 'embed_ln_weight' has shape [4, 8], expected [32]"), m);
    }

    @Test
    void aNanWeight() throws Exception {
        String m = loadDamaged("nan", (v, s) -> v.get("predict_action_fc_weight")[3] = Float.NaN);
        assertTrue(m.contains("tensor 'predict_action_fc_weight' holds NaN at index 3"), m);
    }
}
