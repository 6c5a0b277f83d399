package dev.lamo.harness.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A cluster file: how this node finds the others and proves it belongs. Paths are relative to the file's folder.
 *
 * <pre>{@code
 * {
 *   "name": "lamo",
 *   "bind": "10.0.0.1",
 *   "members": ["10.0.0.1:7800", "10.0.0.2:7800"],
 *   "port": 7800, "port_range": 4, "bus_port": 7900,
 *   "tls": {"key_store": "node.p12", "trust_store": "ca.p12", "password": "changeit"},
 *   "secret_file": "cluster.secret"
 * }
 * }</pre>
 *
 * <p>Members are found from the explicit list only (TCP, no multicast): each entry is probed on its port and the
 * next {@code port_range} ones, so several nodes can share a machine. With a bind address other than
 * 127.0.0.1 the file must name TLS stores (mutual TLS on membership and event bus, certificates from the
 * cluster's CA) and a shared secret (membership refuses nodes that do not present it).
 *
 * @param bind        address this node listens on, for membership and the event bus
 * @param members     static member list, host:port
 * @param port        first membership port of this node (the next free one up to port + port_range is taken)
 * @param busPort     event bus port (0: any free port)
 * @param tls         key and trust stores (PKCS12), or null on 127.0.0.1
 * @param secret      the shared membership secret (from secret_file), or null on 127.0.0.1
 * @param waitMillis  how long the coordinator waits for a policy or environment node before it stops
 */
public record ClusterConfig(Path file, String name, String bind, List<Member> members, int port, int portRange, int busPort,
                            Tls tls, String secret, long waitMillis) {

    public static final String LOOPBACK = "127.0.0.1";

    /** A member's membership address. */
    public record Member(String host, int port) {
    }

    /** PKCS12 stores: this node's key and certificate chain, and the cluster CA it trusts. */
    public record Tls(Path keyStore, Path trustStore, String password) {
    }

    private static final Set<String> KEYS = Set.of("name", "bind", "members", "port", "port_range", "bus_port", "tls",
            "secret_file", "wait_for_nodes_ms");
    private static final Set<String> TLS_KEYS = Set.of("key_store", "trust_store", "password");

    public boolean secured() {
        return tls != null;
    }

    /** Reads and checks a cluster file; every problem is one line naming the file and the key. */
    public static ClusterConfig read(Path file) {
        JsonNode root = Json.readObjectFile(file);
        checkKeys(file, "", root, KEYS);
        Path base = file.toAbsolutePath().getParent();
        String name = text(file, root, "name", "lamo");
        String bind = text(file, root, "bind", LOOPBACK);
        int port = integer(file, root, "port", 7800, 1, 65535);
        int range = integer(file, root, "port_range", 4, 0, 100);
        int busPort = integer(file, root, "bus_port", 0, 0, 65535);
        long wait = integer(file, root, "wait_for_nodes_ms", 120_000, 1, Integer.MAX_VALUE);
        List<Member> members = new ArrayList<>();
        JsonNode list = root.get("members");
        if (list == null) {
            members.add(new Member(bind, port));
        } else if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException(file + ": members: expected a non-empty list of \"host:port\", found " + list);
        } else {
            for (JsonNode m : list) {
                members.add(member(file, m));
            }
        }
        Tls tls = null;
        JsonNode t = root.get("tls");
        if (t != null) {
            if (!t.isObject()) {
                throw new IllegalArgumentException(file + ": tls: expected an object with " + new TreeSet<>(TLS_KEYS) + ", found " + t);
            }
            checkKeys(file, "tls.", t, TLS_KEYS);
            tls = new Tls(existing(file, base, t, "tls.key_store", "key_store"),
                    existing(file, base, t, "tls.trust_store", "trust_store"),
                    requiredText(file, t, "tls.password", "password"));
        }
        String secret = null;
        if (root.has("secret_file")) {
            Path secretFile = existing(file, base, root, "secret_file", "secret_file");
            try {
                secret = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": secret_file: cannot read " + secretFile + " (" + e.getMessage() + ")");
            }
            if (secret.length() < 16) {
                throw new IllegalArgumentException(file + ": secret_file: expected a secret of at least 16 characters in "
                        + secretFile + ", found " + secret.length());
            }
        }
        if (!bind.equals(LOOPBACK) && (tls == null || secret == null)) {
            throw new IllegalArgumentException(file + ": bind is " + bind + ", not " + LOOPBACK
                    + ": expected tls and secret_file (mutual TLS and membership credentials), found "
                    + (tls == null && secret == null ? "neither" : tls == null ? "no tls" : "no secret_file"));
        }
        if ((tls == null) != (secret == null)) {
            throw new IllegalArgumentException(file + ": expected both tls and secret_file or neither, found only "
                    + (tls == null ? "secret_file" : "tls"));
        }
        return new ClusterConfig(file, name, bind, List.copyOf(members), port, range, busPort, tls, secret, wait);
    }

    private static void checkKeys(Path file, String prefix, JsonNode node, Set<String> keys) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + prefix + key + "' (expected one of "
                        + new TreeSet<>(keys) + ")");
            }
        }
    }

    private static Member member(Path file, JsonNode m) {
        String s = m.isTextual() ? m.asText() : "";
        int colon = s.lastIndexOf(':');
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (colon > 0 && port > 0 && port < 65536) {
                return new Member(s.substring(0, colon), port);
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // reported below
        }
        throw new IllegalArgumentException(file + ": members: expected \"host:port\", found " + m);
    }

    private static String text(Path file, JsonNode root, String key, String fallback) {
        JsonNode v = root.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": " + key + ": expected a non-empty string, found " + v);
        }
        return v.asText();
    }

    private static String requiredText(Path file, JsonNode node, String label, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(file + ": " + label + ": expected a string, found " + (v == null ? "nothing" : v));
        }
        return v.asText();
    }

    private static int integer(Path file, JsonNode root, String key, int fallback, int min, int max) {
        JsonNode v = root.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw new IllegalArgumentException(file + ": " + key + ": expected an integer in [" + min + ", " + max + "], found " + v);
        }
        return v.asInt();
    }

    private static Path existing(Path file, Path base, JsonNode node, String label, String key) {
        Path p = base.resolve(requiredText(file, node, label, key));
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(file + ": " + label + ": file not found: " + p);
        }
        return p;
    }
}
