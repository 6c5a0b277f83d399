package dev.lamo.harness.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.harness.cli.Lamo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lamo dashboard}'s one-line refusals and {@code lamo watch}'s table, run in-process. */
class DashboardCommandsTest {

    @TempDir
    Path root;

    private record Result(int code, String out, String err) {
    }

    private static Result lamo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lamo.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static void assertOneLineRefusal(Result r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void badFoldersAddressesKeyStoresAndPortsFailInOneLine() throws Exception {
        assertOneLineRefusal(lamo("dashboard", "--results", root.resolve("missing").toString()), "--results: expected a folder");
        String dir = root.toString();
        assertOneLineRefusal(lamo("dashboard", "--results", dir, "--bind", "192.0.2.77"), "outside loopback");
        Files.writeString(root.resolve("pw"), "secret\n");
        assertOneLineRefusal(lamo("dashboard", "--results", dir, "--bind", "192.0.2.77", "--tls-key-store",
                root.resolve("none.p12").toString(), "--tls-password-file", root.resolve("pw").toString()), "file not found");
        assertOneLineRefusal(lamo("dashboard", "--results", dir, "--port", "70000"), "--port");
        assertOneLineRefusal(lamo("dashboard", "--results", dir, "--bind", "no such host name.invalid"), "--bind");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertOneLineRefusal(lamo("dashboard", "--results", dir, "--port", Integer.toString(taken.getLocalPort())), "in use");
        }
        assertOneLineRefusal(lamo("watch", root.resolve("missing").toString()), "expected a folder");
        assertOneLineRefusal(lamo("watch", dir, "--every", "0"), "--every");
    }

    @Test
    void watchPrintsTheStatusTableAndRepeatsItAsPlainBlocksWhenNotATerminal() throws Exception {
        ResultFolders.scene(root, Instant.now());
        Result once = lamo("watch", root.toString(), "--count", "1");
        assertEquals(0, once.code(), once.err());
        String running = once.out().lines().filter(l -> l.startsWith("0/runs/dt-hopper-s0 ")).findFirst().orElseThrow();
        assertTrue(running.matches("0/runs/dt-hopper-s0\\s+dt\\s+hopper\\s+1\\s+0\\s+500/1000\\s+30s\\s+running\\s+.*"), running);
        String old = once.out().lines().filter(l -> l.startsWith("0/runs/lamo-hopper-s1 ")).findFirst().orElseThrow();
        assertTrue(old.contains("interrupted?"), "an inferred state is marked: " + old);
        assertTrue(once.out().contains("0/runs/dt-hopper-s0/eval"), once.out());
        assertTrue(once.out().lines().anyMatch(l -> l.matches("0/sweep\\.json\\s+4\\s+1\\s+1\\s+1\\s+1\\s+.*")), once.out());

        Result twice = lamo("watch", root.toString(), "--count", "2", "--every", "0.2");
        assertEquals(0, twice.code(), twice.err());
        assertEquals(2, twice.out().lines().filter(l -> l.startsWith("-- ")).count(), twice.out());
        assertTrue(twice.out().contains("\033[") == false, "no terminal escapes when output is not a terminal");
    }
}
