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
        Path actions = dir.resolve("qbert.txt");
        Files.writeString(actions, "2\n3\n5\n");
        CliRunner r = CliRunner.run("env", "rollout", "--env", "qbert", "--actions", actions.toString(), "--seed", "2",
                "--frames", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        try (java.util.stream.Stream<Path> files = Files.list(out)) {
            assertEquals(8, files.count(), "a screen and an observation for the reset and each of three steps");
        }
        try (dev.lamo.envs.Env<?, ?> raw = dev.lamo.envs.EnvRegistry.make("qbert")) {
            dev.lamo.envs.arcade.ArcadeEnv env = (dev.lamo.envs.arcade.ArcadeEnv) raw;
            byte[] obs = env.reset(2);
            for (int t = 0; t <= 3; t++) {
                if (t > 0) {
                    obs = env.step(new int[] {2, 3, 5}[t - 1]).observation();
                }
                java.awt.image.BufferedImage screen = png(out, "screen", t, 160, 210);
                byte[] rgb = env.rgbFrame();
                int[] expected = new int[160 * 210];
                for (int p = 0; p < expected.length; p++) {
                    expected[p] = (rgb[3 * p] & 0xff) << 16 | (rgb[3 * p + 1] & 0xff) << 8 | rgb[3 * p + 2] & 0xff;
                }
                int[] written = screen.getRGB(0, 0, 160, 210, null, 0, 160);
                for (int p = 0; p < written.length; p++) {
                    written[p] &= 0xffffff;
                }
                assertArrayEquals(expected, written, "the colour screen at step " + t);
                byte[] seen = new byte[84 * 84];
                png(out, "observation", t, 84, 84).getRaster().getDataElements(0, 0, 84, 84, seen);
                assertArrayEquals(java.util.Arrays.copyOfRange(obs, 3 * 84 * 84, 4 * 84 * 84), seen,
                        "the newest frame of step " + t + "'s stack");
            }
        }
        assertBadInput("--frames: hopper observes Box([11], float64), not frames",
                "env", "rollout", "--env", "hopper", "--random", "--steps", "2", "--frames", out.toString());
    }

    /** A written PNG, after checking its size. */
    private static java.awt.image.BufferedImage png(Path dir, String kind, int step, int width, int height)
            throws java.io.IOException {
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(
                dir.resolve(String.format("%s_%06d.png", kind, step)).toFile());
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        return image;
    }

    @Test
    void badDiscreteActionsNameTheFileAndTheAction(@TempDir Path dir) throws Exception {
        Path actions = dir.resolve("breakout.txt");
        for (String bad : new String[] {"7", "0.5", "-1"}) {
            Files.writeString(actions, "1\n" + bad + "\n");
            assertBadInput("breakout.txt action 1: expected an action index in [0, 4), found " + Double.parseDouble(bad),
                    "env", "rollout", "--env", "breakout", "--actions", actions.toString());
        }
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
        png(dir, "screen", 20, 160, 210);
        png(dir, "observation", 40, 84, 84);
        CliRunner bad = CliRunner.run("env", "frames", "--env", "hopper", "--out", dir.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("unknown arcade game 'hopper'"), bad.err());
    }
}
