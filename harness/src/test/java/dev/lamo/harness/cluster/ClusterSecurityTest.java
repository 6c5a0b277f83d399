package dev.lamo.harness.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster bound to 127.0.0.2 with mutual TLS and a membership secret (credentials made by
 * scripts/cluster-certs.sh, as the README shows): its members see each other; strangers (no certificate, another
 * CA's certificate, or the right certificate without the secret) are refused, and receive and deliver nothing.
 */
class ClusterSecurityTest {

    static final String PASSWORD = "test-only-password";
    static final String HOST = "127.0.0.2";

    @TempDir
    static Path dir;
    static Path certs;
    static Path rogue;

    @BeforeAll
    static void makeCredentials() throws Exception {
        certs = dir.resolve("certs");
        rogue = dir.resolve("rogue");
        makeCerts(certs, "a=" + HOST, "b=" + HOST, "c=" + HOST);
        makeCerts(rogue, "x=" + HOST + ",127.0.0.1");
    }

    private static void makeCerts(Path out, String... nodes) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("bash",
                Path.of("..", "scripts", "cluster-certs.sh").toAbsolutePath().normalize().toString(), out.toString(), PASSWORD));
        cmd.addAll(java.util.List.of(nodes));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
    }

    private static String secured(Path store, Path trust, Path secret) {
        return ", \"bus_port\": BUS, \"tls\": {\"key_store\": \"" + store + "\", \"trust_store\": \"" + trust + "\", \"password\": \""
                + PASSWORD + "\"}, \"secret_file\": \"" + secret + "\"";
    }

    @Test
    void aBindAddressOtherThanLoopbackNeedsTlsAndASecret() {
        Path file = TinyRun.clusterFile(dir.resolve("open"), "open", HOST, 7800, "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterConfig.read(file));
        assertEquals(file + ": bind is 127.0.0.2, not 127.0.0.1: expected tls and secret_file (mutual TLS and membership "
                + "credentials), found neither", e.getMessage());
    }

    @Test
    void strangersAreRefusedAndReceiveNothing() throws Exception {
        int port = TinyRun.freePorts(HOST, 6);
        int bus = TinyRun.freePorts(HOST, 0);
        Path secret = certs.resolve("cluster.secret");
        ClusterConfig a = config("a", port, secured(certs.resolve("a.p12"), certs.resolve("trust.p12"), secret).replace("BUS", "" + bus));
        ClusterConfig b = config("b", port, secured(certs.resolve("b.p12"), certs.resolve("trust.p12"), secret).replace("BUS", "0"));
        Path wrongSecret = Files.writeString(dir.resolve("wrong.secret"), "not-the-cluster-secret-at-all");
        ClusterConfig noSecret = config("c", port, secured(certs.resolve("c.p12"), certs.resolve("trust.p12"), wrongSecret)
                .replace("BUS", "0"));
        ClusterConfig otherCa = config("x", port, secured(rogue.resolve("x.p12"), rogue.resolve("trust.p12"), secret)
                .replace("BUS", "0"));
        // no certificate at all: a plain node on 127.0.0.1 that names the cluster's member
        Path plainFile = Files.writeString(dir.resolve("plain.json"), "{\"name\": \"sec\", \"members\": [\"" + HOST + ":" + port
                + "\"], \"port\": " + TinyRun.freePorts("127.0.0.1", 6) + ", \"port_range\": 6}");
        ClusterConfig plain = ClusterConfig.read(plainFile);

        try (ClusterVertx memberA = ClusterVertx.start(a, 1); ClusterVertx memberB = ClusterVertx.start(b, 1)) {
            assertEquals(2, memberA.members().size(), "the two members with credentials form one cluster");
            AtomicInteger toMember = new AtomicInteger();
            AtomicInteger toStrangers = new AtomicInteger();
            memberB.vertx().eventBus().consumer("lamo.test.news", m -> toMember.incrementAndGet()).completion()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            memberB.vertx().eventBus().<JsonObject>consumer(ControlAddresses.POLICY, m -> m.reply(new JsonObject()));

            ClusterJoinException refused = assertThrows(ClusterJoinException.class, () -> ClusterVertx.start(noSecret, 1),
                    "the cluster's certificate without the secret");
            assertTrue(refused.getMessage().contains("cannot join cluster 'sec'"), refused.getMessage());
            try (ClusterVertx stranger = ClusterVertx.start(plain, 1); ClusterVertx foreign = ClusterVertx.start(otherCa, 1)) {
                for (ClusterVertx s : java.util.List.of(stranger, foreign)) {
                    assertEquals(1, s.members().size(), "a stranger is alone in its own cluster");
                    s.vertx().eventBus().consumer("lamo.test.news", m -> toStrangers.incrementAndGet()).completion()
                            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                    ExecutionException e = assertThrows(ExecutionException.class, () -> s.vertx().eventBus()
                            .request(ControlAddresses.POLICY, new JsonObject().put("op", "unload"),
                                    new DeliveryOptions().setSendTimeout(5000))
                            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
                    assertEquals(ReplyFailure.NO_HANDLERS, ((ReplyException) e.getCause()).failureType(),
                            "a stranger cannot reach the cluster's services");
                }
                for (int i = 0; i < 20; i++) {
                    memberA.vertx().eventBus().publish("lamo.test.news", "hello");
                    Thread.sleep(100);
                }
                assertEquals(2, memberA.members().size(), "nobody else joined");
            }
            assertTrue(toMember.get() > 0, "the member receives the cluster's messages");
            assertEquals(0, toStrangers.get(), "strangers receive nothing");
            assertThrows(IOException.class, () -> tlsWithoutCertificate(HOST, bus),
                    "the event bus refuses a TLS client without a cluster certificate");
        }
    }

    private static ClusterConfig config(String name, int port, String extra) {
        return ClusterConfig.read(TinyRun.clusterFile(dir.resolve(name), "sec", HOST, port, extra));
    }

    /** Connects to the event bus with TLS, trusting anything and presenting no certificate, and reads. */
    private static void tlsWithoutCertificate(String host, int port) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(5000);
            s.startHandshake();
            s.getOutputStream().write(new byte[64]);
            s.getOutputStream().flush();
            if (s.getInputStream().read() < 0) {
                throw new IOException("closed by the server");
            }
        }
    }
}
