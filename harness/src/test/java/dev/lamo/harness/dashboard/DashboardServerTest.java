package dev.lamo.harness.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardServerTest {

    @TempDir
    Path root;

    private DashboardServer loopback() throws Exception {
        ResultFolders.scene(root, Instant.now());
        return DashboardServer.start(new Dashboard(List.of(root), Dashboard.Settings.defaults()),
                new DashboardServer.Options("127.0.0.1", 0, null, null, null, 200));
    }

    /** A raw request, so that nothing normalises the path on the way. */
    private static String raw(int port, String method, String target, String host) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void pathsThatClimbOutOfTheFoldersAreRefused() throws Exception {
        try (DashboardServer server = loopback()) {
            int port = server.port();
            String host = "127.0.0.1:" + port;
            for (String target : List.of("/../../etc/passwd", "/vendor/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                    "/%252e%252e/etc/passwd", "/api/run?id=0/../../etc", "/api/run?id=0%2F..%2F..%2Fetc",
                    "/..%5c..%5cetc%5cpasswd")) {
                String response = raw(port, "GET", target, host);
                assertTrue(response.startsWith("HTTP/1.1 403"), target + " -> " + response.lines().findFirst().orElse(""));
                assertFalse(response.contains("root:"), target);
            }
            assertTrue(raw(port, "GET", "/api/run?id=7/x", host).startsWith("HTTP/1.1 403"));
            assertTrue(raw(port, "GET", "/api/run?id=0/runs/none", host).startsWith("HTTP/1.1 404"));
            assertTrue(raw(port, "GET", "/api/run?id=0/runs/dt-hopper-s0", host).startsWith("HTTP/1.1 200"));
            assertTrue(raw(port, "GET", "/etc/passwd", host).startsWith("HTTP/1.1 404"));
            assertTrue(raw(port, "POST", "/api/snapshot", host).startsWith("HTTP/1.1 405"));
            // a page elsewhere that rebinds its name to 127.0.0.1 sends its own Host
            assertTrue(raw(port, "GET", "/api/snapshot", "attacker.example:" + port).startsWith("HTTP/1.1 403"));
            String ok = raw(port, "GET", "/api/snapshot", "localhost:" + port);
            assertTrue(ok.startsWith("HTTP/1.1 200") && ok.contains("dt-hopper-s0"), ok);
        }
    }

    @Test
    void theEventStreamSendsASnapshotAtOnceAndAnotherWhenAFileGrows() throws Exception {
        try (DashboardServer server = loopback()) {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<java.util.stream.Stream<String>> r = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/events")).build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
            var lines = r.body().iterator();
            String first = nextData(lines);
            assertTrue(first.contains("\"step\":500"), first);
            ResultFolders.train(root.resolve("runs/dt-hopper-s0"), 550, 600, 50);
            String next = nextData(lines);
            while (!next.contains("\"step\":600")) {
                next = nextData(lines);
            }
            assertTrue(next.contains("\"revision\""));
        }
    }

    private static String nextData(java.util.Iterator<String> lines) {
        while (lines.hasNext()) {
            String l = lines.next();
            if (l.startsWith("data: ")) {
                return l.substring(6);
            }
        }
        throw new AssertionError("event stream ended");
    }

    @Test
    void outsideLoopbackTheServerNeedsTlsAndAToken() throws Exception {
        Dashboard d = new Dashboard(List.of(root), Dashboard.Settings.defaults());
        DashboardServer.StartException e = assertThrows(DashboardServer.StartException.class, () -> DashboardServer.start(d,
                new DashboardServer.Options("10.1.2.3", 0, null, null, null, 200)));
        assertTrue(e.getMessage().contains("outside loopback") && e.getMessage().contains("--tls-key-store"), e.getMessage());
        e = assertThrows(DashboardServer.StartException.class, () -> DashboardServer.start(d,
                new DashboardServer.Options("10.1.2.3", 0, root.resolve("none.p12"), "pw", null, 200)));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
        assertTrue(DashboardServer.isLoopback(InetAddress.getByName("127.0.0.2")));
        assertTrue(DashboardServer.isLoopback(InetAddress.getByName("::1")));
        assertFalse(DashboardServer.isLoopback(InetAddress.getByName("192.0.2.2")));
    }

    /**
     * A TLS dashboard bound outside loopback refuses a request without the token. It binds a real non-loopback
     * address of this machine when it has one (the check as users meet it); a machine with only loopback binds
     * 127.0.0.2 and tells the server to treat it as outside loopback (the same check, tested directly).
     */
    @Test
    void aTlsDashboardOutsideLoopbackRefusesRequestsWithoutTheToken() throws Exception {
        ResultFolders.scene(root, Instant.now());
        Optional<InetAddress> external = externalAddress();
        String bind = external.map(InetAddress::getHostAddress).orElse("127.0.0.2");
        Predicate<InetAddress> loopback = external.isPresent() ? DashboardServer::isLoopback : a -> false;
        Path store = root.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-noprompt", "-storetype", "PKCS12", "-storepass", "secret-pw", "-keystore", store.toString(), "-alias", "dash",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=dashboard", "-validity", "2",
                "-ext", "san=ip:" + bind).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        String token = "a-test-token-of-enough-length";
        try (DashboardServer server = DashboardServer.start(new Dashboard(List.of(root), Dashboard.Settings.defaults()),
                new DashboardServer.Options(bind, 0, store, "secret-pw", token, 200), loopback)) {
            assertTrue(server.url().startsWith("https://" + bind + ":"), server.url());
            assertTrue(server.url().endsWith("?token=" + token));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = java.nio.file.Files.newInputStream(store)) {
                ks.load(in, "secret-pw".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ssl).followRedirects(HttpClient.Redirect.NEVER).build();
            String base = "https://" + bind + ":" + server.port();
            for (String path : List.of("/", "/api/snapshot", "/api/events", "/app.js", "/api/run?id=0/runs/dt-hopper-s0")) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(401, r.statusCode(), path);
                assertFalse(r.body().contains("dt-hopper"), path);
            }
            HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(URI.create(base + "/?token=a-test-token-of-enough-lengtH"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/?token=" + token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(303, login.statusCode());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            String lower = cookie.toLowerCase(java.util.Locale.ROOT);
            assertTrue(lower.contains("httponly") && lower.contains("secure") && lower.contains("samesite=strict"), cookie);
            assertFalse(cookie.contains(token), "the cookie is a session value, not the token");
            String pair = cookie.substring(0, cookie.indexOf(';'));
            HttpResponse<String> in = client.send(HttpRequest.newBuilder(URI.create(base + "/api/snapshot")).header("Cookie", pair)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, in.statusCode());
            assertTrue(in.body().contains("dt-hopper-s0"));
            HttpResponse<String> forged = client.send(HttpRequest.newBuilder(URI.create(base + "/api/snapshot"))
                    .header("Cookie", AccessGuard.COOKIE + "=" + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, forged.statusCode());
        }
    }

    @Test
    void aPortInUseFailsInOneLine() throws Exception {
        try (DashboardServer first = loopback()) {
            DashboardServer.StartException e = assertThrows(DashboardServer.StartException.class, () -> DashboardServer.start(
                    new Dashboard(List.of(root), Dashboard.Settings.defaults()),
                    new DashboardServer.Options("127.0.0.1", first.port(), null, null, null, 200)));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void constantTimeComparisonAcceptsOnlyTheSameSecret() {
        byte[] secret = "abcdef".getBytes(StandardCharsets.UTF_8);
        assertTrue(AccessGuard.sameSecret(secret, "abcdef"));
        assertFalse(AccessGuard.sameSecret(secret, "abcdeg"));
        assertFalse(AccessGuard.sameSecret(secret, "abcde"));
        assertFalse(AccessGuard.sameSecret(secret, null));
        assertNotNull(AccessGuard.newToken());
        assertTrue(AccessGuard.climbs("/a/%2E%2E/b"));
        assertFalse(AccessGuard.climbs("/api/run?id=0/runs/a..b"));
    }

    private static Optional<InetAddress> externalAddress() throws Exception {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!n.isUp() || n.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
