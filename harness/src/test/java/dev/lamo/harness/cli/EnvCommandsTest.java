package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvCommandsTest {

    @Test
    void envsJsonListsEveryEnvironmentWithItsDimensions() throws Exception {
        CliRunner r = CliRunner.run("envs", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode rows = Json.mapper().readTree(r.out());
        Map<String, int[]> dims = new HashMap<>();
        Map<String, Integer> discreteActions = new HashMap<>();
        for (JsonNode row : rows) {
            assertEquals("box", row.get("observation_space").get("type").asText());
            assertTrue(row.get("max_episode_steps").asInt() > 0);
            assertTrue(row.get("ref_max_score").asDouble() > row.get("ref_min_score").asDouble());
            JsonNode action = row.get("action_space");
            if (action.get("type").asText().equals("discrete")) {
                discreteActions.put(row.get("id").asText(), action.get("n").asInt());
                continue;
            }
            assertEquals("box", action.get("type").asText());
            dims.put(row.get("id").asText(), new int[] {row.get("observation_space").get("shape").get(0).asInt(),
                    action.get("shape").get(0).asInt()});
        }
        assertArrayEquals(new int[] {11, 3}, dims.get("hopper"));
        assertArrayEquals(new int[] {17, 6}, dims.get("walker2d"));
        assertArrayEquals(new int[] {17, 6}, dims.get("halfcheetah"));
        assertArrayEquals(new int[] {12, 2}, dims.get("reacher2d"));
        assertArrayEquals(new int[] {29, 9}, dims.get("kitchen"));
        assertEquals(Map.of("breakout", 4, "pong", 6, "qbert", 6, "breakout-machado", 18, "pong-machado", 18,
                "qbert-machado", 18), discreteActions, "minimal action sets; the full set under Machado's conventions");
        assertEquals(-20.272305, rows.get(0).get("ref_min_score").asDouble());
    }

    @Test
    void rolloutReplaysAnActionFileDeterministically(@TempDir Path dir) throws Exception {
        Path actions = dir.resolve("actions.txt");
        Files.writeString(actions, "# thigh leg foot\n0.1 0.2 0.3\n-0.5,0.5,0.0\n\n1 1 1\n");
        CliRunner a = CliRunner.run("env", "rollout", "--env", "hopper", "--seed", "3", "--actions", actions.toString(), "--json");
        CliRunner b = CliRunner.run("env", "rollout", "--env", "hopper", "--seed", "3", "--actions", actions.toString(), "--json");
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(a.out(), b.out());
        String[] lines = a.out().strip().split("\n");
        assertEquals(4, lines.length, "the reset and three steps");
        JsonNode step2 = Json.mapper().readTree(lines[2]);
        assertEquals(2, step2.get("step").asInt());
        assertEquals(-0.5, step2.get("action").get(0).asDouble());
        assertEquals(11, step2.get("observation").size());
        assertEquals(64, step2.get("observation_sha256").asText().length());
        assertFalse(step2.get("terminated").asBoolean());
    }

    @Test
    void randomRolloutsDependOnlyOnTheSeed() {
        CliRunner a = CliRunner.run("env", "rollout", "--env", "reacher2d", "--random", "--steps", "20", "--seed", "5");
        CliRunner b = CliRunner.run("env", "rollout", "--env", "reacher2d", "--random", "--steps", "20", "--seed", "5");
        CliRunner c = CliRunner.run("env", "rollout", "--env", "reacher2d", "--random", "--steps", "20", "--seed", "6");
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(a.out(), b.out());
        assertNotEquals(a.out(), c.out());
        assertTrue(a.out().contains("return "), a.out());
    }

    @Test
    void breakoutRolloutPrintsEachStepsActionAndTheHashOfItsFrames(@TempDir Path dir) throws Exception {
        Path actions = dir.resolve("actions.txt");
        Files.writeString(actions, "1\n3\n3\n2\n2\n2\n0\n3\n");
        CliRunner a = CliRunner.run("env", "rollout", "--env", "breakout", "--seed", "4", "--actions", actions.toString(),
                "--json");
        CliRunner b = CliRunner.run("env", "rollout", "--env", "breakout", "--seed", "4", "--actions", actions.toString(),
                "--json");
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(a.out(), b.out(), "the same seed and actions give the same rollout");
        String[] lines = a.out().strip().split("\n");
        assertEquals(9, lines.length, "the reset and eight steps");
        int[] played = {1, 3, 3, 2, 2, 2, 0, 3};
        try (dev.lamo.envs.Env<?, ?> raw = dev.lamo.envs.EnvRegistry.make("breakout")) {
            dev.lamo.envs.arcade.ArcadeEnv env = (dev.lamo.envs.arcade.ArcadeEnv) raw;
            java.util.Set<String> hashes = new java.util.HashSet<>();
            byte[] obs = env.reset(4);
            for (int t = 0; t < lines.length; t++) {
                JsonNode row = Json.mapper().readTree(lines[t]);
                assertEquals(t, row.get("step").asInt());
                assertNull(row.get("observation"), "frames are shown by hash only");
                if (t > 0) {
                    dev.lamo.envs.Step<byte[]> s = env.step(played[t - 1]);
                    obs = s.observation();
                    assertEquals(played[t - 1], row.get("action").asInt());
                    assertEquals(s.reward(), row.get("reward").asDouble());
                    assertEquals(s.terminated(), row.get("terminated").asBoolean());
                    assertEquals(s.truncated(), row.get("truncated").asBoolean());
                }
                String hash = row.get("observation_sha256").asText();
                assertEquals(java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(obs)), hash, "step " + t);
                hashes.add(hash);
            }
            assertEquals(lines.length, hashes.size(), "the ball moves: every step's stack differs");
        }
        CliRunner other = CliRunner.run("env", "rollout", "--env", "breakout", "--seed", "5", "--actions",
                actions.toString(), "--json");
        assertNotEquals(a.out(), other.out(), "another seed, other no-op starts");
        CliRunner text = CliRunner.run("env", "rollout", "--env", "pong", "--random", "--steps", "3");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("observations Box([4, 84, 84], uint8)"), text.out());
        assertTrue(text.out().contains("return "), text.out());
    }

    @Test
    void rolloutFramesWritesWhatEnvFramesWrites(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("frames");
        CliRunner r = CliRunner.run("env", "rollout", "--env", "qbert", "--random", "--steps", "3", "--seed", "2",
                "--frames", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (int t = 0; t <= 3; t++) {
            java.awt.image.BufferedImage screen = javax.imageio.ImageIO.read(
                    out.resolve(String.format("screen_%06d.png", t)).toFile());
            assertEquals(160, screen.getWidth());
            assertEquals(210, screen.getHeight());
            java.awt.image.BufferedImage seen = javax.imageio.ImageIO.read(
                    out.resolve(String.format("observation_%06d.png", t)).toFile());
            assertEquals(84, seen.getWidth());
            assertEquals(84, seen.getHeight());
        }
        try (java.util.stream.Stream<Path> files = Files.list(out)) {
            assertEquals(8, files.count(), "a screen and an observation for the reset and each of three steps");
        }
        assertBadInput("--frames: hopper observes Box([11], float64), not frames",
                "env", "rollout", "--env", "hopper", "--random", "--steps", "2", "--frames", out.toString());
    }

    @Test
    void badDiscreteActionsNameTheFileAndTheAction(@TempDir Path dir) throws Exception {
        Path actions = dir.resolve("breakout.txt");
        Files.writeString(actions, "1\n7\n");
        assertBadInput("breakout.txt action 1: expected an action index in [0, 4), found 7.0",
                "env", "rollout", "--env", "breakout", "--actions", actions.toString());
        Files.writeString(actions, "1\n0.5\n");
        assertBadInput("breakout.txt action 1: expected an action index in [0, 4), found 0.5",
                "env", "rollout", "--env", "breakout", "--actions", actions.toString());
    }

    @Test
    void badInputGivesOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path shortLine = dir.resolve("short.txt");
        Files.writeString(shortLine, "0.1 0.2 0.3\n0.1 0.2\n");
        assertBadInput("short.txt line 2: expected 3 numbers per action, found 2",
                "env", "rollout", "--env", "hopper", "--actions", shortLine.toString());
        Path word = dir.resolve("word.txt");
        Files.writeString(word, "0.1 zero 0.3\n");
        assertBadInput("word.txt line 1: expected a number, found 'zero'",
                "env", "rollout", "--env", "hopper", "--actions", word.toString());
        assertBadInput("unknown environment 'hoper'; expected one of: hopper, walker2d, halfcheetah, reacher2d",
                "env", "rollout", "--env", "hoper", "--random", "--steps", "3");
        assertBadInput("--random needs --steps N", "env", "rollout", "--env", "hopper", "--random");
        assertBadInput("file not found: " + dir.resolve("none.txt"),
                "env", "rollout", "--env", "hopper", "--actions", dir.resolve("none.txt").toString());
        assertBadInput("Missing required option: '--env=<envId>'", "env", "rollout", "--random", "--steps", "3");
        Path nan = dir.resolve("nan.txt");
        Files.writeString(nan, "0.1 NaN 0.3\n");
        assertBadInput("hopper: action[1] must be a finite number, got NaN",
                "env", "rollout", "--env", "hopper", "--actions", nan.toString());
    }

    private static void assertBadInput(String expectedFragment, String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(expectedFragment), r.err());
    }

    @Test
    void framesWritesTheScreenAndWhatTheAgentSees(@TempDir Path dir) throws Exception {
        CliRunner r = CliRunner.run("env", "frames", "--env", "pong", "--expert", "--steps", "40", "--every", "20",
                "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        java.awt.image.BufferedImage screen = javax.imageio.ImageIO.read(dir.resolve("screen_000020.png").toFile());
        assertEquals(160, screen.getWidth());
        assertEquals(210, screen.getHeight());
        java.awt.image.BufferedImage seen = javax.imageio.ImageIO.read(dir.resolve("observation_000040.png").toFile());
        assertEquals(84, seen.getWidth());
        assertEquals(84, seen.getHeight());
        CliRunner bad = CliRunner.run("env", "frames", "--env", "hopper", "--out", dir.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("unknown arcade game 'hopper'"), bad.err());
    }
}
