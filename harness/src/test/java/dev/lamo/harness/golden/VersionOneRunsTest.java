package dev.lamo.harness.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamo.envs.Folders;
import dev.lamo.envs.Json;
import dev.lamo.harness.cli.Lamo;
import dev.lamo.policies.Policy;
import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run folders of config.json schema version 1, made by the code before the typed run contract (commit 2c0e613, kept
 * under {@code src/test/resources/v1-runs} with their datasets), keep loading, evaluating and resuming exactly: a
 * resumed run rewrites the checkpoint the old code wrote, byte for byte, and keeps writing version 1. The only change
 * made to the copies is the dataset path, which the old code recorded relative to where it ran.
 */
class VersionOneRunsTest {

    private static final Path FIXTURES = Path.of("src/test/resources/v1-runs");

    @TempDir
    static Path dir;

    @BeforeAll
    static void copyFixtures() throws Exception {
        copyTree(FIXTURES, dir);
        for (String run : List.of("dt", "bc", "bc-breakout")) {
            Path config = dir.resolve(run).resolve("config.json");
            ObjectNode node = (ObjectNode) Json.mapper().readTree(Files.readString(config));
            ObjectNode dataset = (ObjectNode) node.get("dataset");
            dataset.put("file", dir.resolve(dataset.get("file").asText()).toString());
            Files.writeString(config, Json.writePretty(node) + "\n");
        }
    }

    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lamo.run(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, String.join(" ", args) + "\n" + err + out);
    }

    @Test
    void decisionTransformerResumesToTheSameBytesAndStaysVersionOne() throws Exception {
        resumesExactly("dt", List.of("model.safetensors", "optimizer.safetensors"));
    }

    @Test
    void baselineResumesToTheSameBytesAndStaysVersionOne() throws Exception {
        resumesExactly("bc", List.of("actor.safetensors", "actor_optimizer.safetensors"));
    }

    private static void resumesExactly(String name, List<String> tensorFiles) throws Exception {
        Path run = dir.resolve(name + "-resumed");
        Folders.deleteRecursively(run);
        copyTree(dir.resolve(name), run);
        Folders.deleteRecursively(run.resolve("checkpoints/step_40"));
        Folders.deleteRecursively(run.resolve("eval"));
        String configBefore = Files.readString(run.resolve("config.json"));
        cli("train", "--resume", "--out", run.toString());
        for (String f : tensorFiles) {
            assertArrayEquals(Files.readAllBytes(FIXTURES.resolve(name + "/checkpoints/step_40/" + f)),
                    Files.readAllBytes(run.resolve("checkpoints/step_40/" + f)), name + " step 40 " + f);
        }
        assertEquals(withoutTiming(FIXTURES.resolve(name + "/metrics.jsonl")), withoutTiming(run.resolve("metrics.jsonl")));
        assertEquals(configBefore, Files.readString(run.resolve("config.json")), "a resumed version-1 run keeps its file");
        assertEquals(1, Json.mapper().readTree(configBefore).get("schema_version").asInt());
    }

    @Test
    void versionOneRunsEvaluateAsTheyDidWhenTheyWereMade() throws Exception {
        for (String name : List.of("dt", "bc")) {
            Path out = dir.resolve(name + "-eval");
            List<String> args = new ArrayList<>(List.of("eval", "--policy", dir.resolve(name).toString(), "--checkpoints",
                    "all", "--episodes", "2", "--runtime", "djl", "--out", out.toString()));
            cli(args.toArray(String[]::new));
            assertEquals(withoutTiming(FIXTURES.resolve(name + "/eval/episodes.jsonl")),
                    withoutTiming(out.resolve("episodes.jsonl")), name);
        }
    }

    @Test
    void aVersionOneFrameRunLoadsAsAFramePolicy() {
        try (Policy p = PolicyLoader.load(PolicyLoader.resolve(dir.resolve("bc-breakout"), null))) {
            assertTrue(p.info().frames());
            assertEquals(4 * 84 * 84, p.info().observationSize());
            assertEquals("bc", p.info().variant());
            float[] out = new float[1];
            p.act(PolicyBatch.ofFrames(new byte[][] {new byte[4 * 84 * 84]}, 1), out);
            assertTrue(out[0] >= 0 && out[0] < 4 && out[0] == Math.rint(out[0]), "an action index: " + out[0]);
        }
    }

    private static List<JsonNode> withoutTiming(Path jsonl) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            ObjectNode node = (ObjectNode) Json.mapper().readTree(line);
            List<String> timing = new ArrayList<>();
            node.fieldNames().forEachRemaining(k -> {
                if (GoldenOutputsTest.isTiming(k)) {
                    timing.add(k);
                }
            });
            node.remove(timing);
            lines.add(node);
        }
        return lines;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else if (Files.exists(t)) {
                    throw new IllegalStateException(t + " exists");
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }
}
