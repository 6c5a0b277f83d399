package dev.lamo.harness.cluster;

import dev.lamo.policies.run.TrainingRequest;
import dev.lamo.envs.data.GenerationPlan;
import dev.lamo.envs.behavior.Behaviors;
import dev.lamo.envs.data.DatasetGenerator;
import dev.lamo.envs.data.DatasetWriter;
import dev.lamo.policies.dt.DtTrainer;
import dev.lamo.policies.run.TrainingProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A tiny trained Decision Transformer on reacher2d (seconds to train), and cluster files for loopback tests. */
final class TinyRun {

    private TinyRun() {
    }

    /** Trains 60 steps with checkpoints at 30 and 60. */
    static Path train(Path dir) {
        Path data = dir.resolve("reacher.hdf5");
        DatasetWriter.write(DatasetGenerator.generate(new GenerationPlan<>("reacher2d",
                Behaviors.builtIn("scripted", "reacher2d", 1.0), 12, 0, 3, null, 2), n -> { }), data);
        Path run = dir.resolve("dt");
        DtTrainer.train(new TrainingRequest("dt", null, "reacher2d", data, null, null, null, null, 60L, 1, run, false,
                List.of("batch_size=16", "dt_layers=1", "dt_hidden=32", "warmup_steps=0", "lr=1e-3", "checkpoint_every=30"),
                0), List.of(), TrainingProgress.NONE);
        return run;
    }

    /** A free port with {@code range} free ones after it (checked now; good enough for a test). */
    static int freePorts(String host, int range) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + (int) (Math.random() * 30_000);
            if (allFree(host, base, range)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range");
    }

    private static boolean allFree(String host, int base, int range) {
        for (int p = base; p <= base + range; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getByName(host))) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Writes a cluster file; {@code extra} is spliced into the JSON object (e.g. tls and secret_file). */
    static Path clusterFile(Path dir, String name, String bind, int port, String extra) {
        String json = "{\"name\": \"" + name + "\", \"bind\": \"" + bind + "\", \"members\": [\"" + bind + ":" + port
                + "\"], \"port\": " + port + ", \"port_range\": 6, \"wait_for_nodes_ms\": 60000" + extra + "}";
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name + "-" + bind + ".json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
