package dev.lamo.harness.bench;

import dev.lamo.envs.mujoco.MujocoEnv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C reference of {@link EnvStepThroughput}: a small program, compiled here with gcc against the same
 * libmujoco, steps the same MJCF with the same frame skip and random controls, one thread per simulation.
 */
public final class NativeEnvStepThroughput implements AutoCloseable {

    private static final String SOURCE = "/dev/lamo/harness/bench/mujoco_env_steps.c";

    private final Path dir;
    private final Path binary;

    private NativeEnvStepThroughput(Path dir, Path binary) {
        this.dir = dir;
        this.binary = binary;
    }

    /** Compiles the reference program into a temporary folder; fails with a clear message without gcc. */
    public static NativeEnvStepThroughput compile() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lamo-bench");
        Path source = dir.resolve("mujoco_env_steps.c");
        try (InputStream in = NativeEnvStepThroughput.class.getResourceAsStream(SOURCE)) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve("mujoco_env_steps");
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), source.toString(), "-lmujoco", "-lpthread")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("the C reference needs gcc (scripts/setup.sh installs it): " + e.getMessage(), e);
        }
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (gcc.waitFor() != 0) {
            throw new IOException("gcc could not build the C reference against libmujoco: " + log.strip());
        }
        return new NativeEnvStepThroughput(dir, binary);
    }

    /** Steps per second of each C thread for the environment's model. */
    public double[] measure(MujocoEnv env, int threads, double seconds) throws IOException, InterruptedException {
        Path model = dir.resolve(env.spec().id() + ".xml");
        if (!Files.exists(model)) {
            try (InputStream in = MujocoEnv.class.getResourceAsStream(env.model().name())) {
                if (in == null) {
                    throw new IOException("model " + env.model().name() + " is not a class-path resource");
                }
                Files.copy(in, model);
            }
        }
        Process p = new ProcessBuilder(binary.toString(), model.toString(), String.valueOf(env.frameSkip()),
                String.valueOf(threads), String.valueOf(seconds), String.valueOf(env.spec().maxEpisodeSteps()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor((long) (seconds * 10 + 30), TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("the C reference failed: " + output.strip());
        }
        List<Double> rates = new ArrayList<>();
        for (String line : output.strip().split("\\R")) {
            String[] f = line.strip().split("\\s+");
            rates.add(Long.parseLong(f[1]) / Double.parseDouble(f[2]));
        }
        return rates.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public void close() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
