package dev.lamo.envs.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The h5py-written fixtures in src/test/resources/fixtures and the values they hold. */
final class Fixtures {

    static final Path DIR = Path.of("src/test/resources/fixtures");
    static final Path SCRIPT = Path.of("src/test/python/hdf5_fixtures.py");
    private static JsonNode expected;

    private Fixtures() {
    }

    static synchronized JsonNode expected() {
        if (expected == null) {
            try {
                expected = Json.mapper().readTree(DIR.resolve("expected.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expected;
    }

    /** Debian's python (with python3-h5py), not a user-level python that may lack it. */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    static float[] floats(JsonNode rows) {
        int cols = rows.get(0).isArray() ? rows.get(0).size() : 1;
        float[] out = new float[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (float) (cols == 1 && !rows.get(r).isArray() ? rows.get(r) : rows.get(r).get(c)).asDouble();
            }
        }
        return out;
    }

    static double[] doubles(JsonNode rows) {
        int cols = rows.get(0).isArray() ? rows.get(0).size() : 1;
        double[] out = new double[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (cols == 1 && !rows.get(r).isArray() ? rows.get(r) : rows.get(r).get(c)).asDouble();
            }
        }
        return out;
    }

    static float[] prefix(float[] a, int n) {
        float[] out = new float[n];
        System.arraycopy(a, 0, out, 0, n);
        return out;
    }
}
