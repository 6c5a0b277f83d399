package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad cluster files and flags get one line and exit code 2 before anything joins a cluster. */
class ClusterCommandsTest {

    @Test
    void badClusterFilesAreRefusedWithOneLine(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.json");
        assertBad(missing + ": file not found", "node", "env", "--cluster", missing.toString());
        Path open = Files.writeString(dir.resolve("open.json"), "{\"bind\": \"10.0.0.1\"}");
        assertBad(open + ": bind is 10.0.0.1, not 127.0.0.1: expected tls and secret_file (mutual TLS and membership "
                + "credentials), found neither", "node", "policy", "--cluster", open.toString());
        Path typo = Files.writeString(dir.resolve("typo.json"), "{\"member\": [\"127.0.0.1:7800\"]}");
        assertBad(typo + ": unknown key 'member'", "node", "env", "--cluster", typo.toString());
        Path port = Files.writeString(dir.resolve("port.json"), "{\"members\": [\"127.0.0.1\"]}");
        assertBad(port + ": members: expected \"host:port\", found \"127.0.0.1\"", "node", "env", "--cluster", port.toString());
        Path ok = Files.writeString(dir.resolve("ok.json"), "{}");
        assertBad("--workers: expected at least 1, found 0", "node", "env", "--cluster", ok.toString(), "--workers", "0");
    }

    private static void assertBad(String fragment, String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), r.err() + r.out());
        assertTrue(r.err().contains(fragment), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }
}
