package dev.lamo.harness.dashboard;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The dashboard's web server: the page and its scripts from the jar, the snapshot and a run's curves as JSON, and a
 * server-sent event stream that pushes each new snapshot. Vert.x Web has no server-side SSE handler, so the stream is
 * a chunked {@code text/event-stream} response written here. A poller thread reads the folders; the event loop only
 * answers requests.
 */
public final class DashboardServer implements AutoCloseable {

    /**
     * How to serve.
     *
     * @param bind             address to listen on
     * @param port             port (0: any free one)
     * @param keyStore         PKCS12 key store (required off loopback)
     * @param keyStorePassword its password
     * @param token            the access token (off loopback; null: generate one)
     * @param pollMs           how often the folders are read
     */
    public record Options(String bind, int port, Path keyStore, String keyStorePassword, String token, long pollMs) {
    }

    /** A server that could not start, for a reason the user can fix (one line). */
    public static final class StartException extends RuntimeException {
        StartException(String message) {
            super(message);
        }
    }

    private static final String WEB = "dev/lamo/harness/dashboard/web/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/";

    private final Dashboard dashboard;
    private final Vertx vertx;
    private final HttpServer server;
    private final ScheduledExecutorService poller;
    private final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
    private final String url;
    private final String token;
    private final long timer;
    private static final long MIN_EVENT_GAP_NANOS = 400_000_000L;
    // touched by the poller thread only
    private boolean unsent;
    private long lastEvent = System.nanoTime() - MIN_EVENT_GAP_NANOS;

    private DashboardServer(Dashboard dashboard, Vertx vertx, HttpServer server, ScheduledExecutorService poller, String url,
                            String token, long timer) {
        this.dashboard = dashboard;
        this.vertx = vertx;
        this.server = server;
        this.poller = poller;
        this.url = url;
        this.token = token;
        this.timer = timer;
    }

    /** Loopback as the dashboard means it: 127.0.0.0/8 and ::1. */
    public static boolean isLoopback(InetAddress address) {
        return address.isLoopbackAddress();
    }

    public static DashboardServer start(Dashboard dashboard, Options options) {
        return start(dashboard, options, DashboardServer::isLoopback);
    }

    /** @param loopback which addresses count as loopback (tests treat 127.0.0.2 as outside it) */
    static DashboardServer start(Dashboard dashboard, Options options, Predicate<InetAddress> loopback) {
        InetAddress address;
        try {
            address = InetAddress.getByName(options.bind());
        } catch (UnknownHostException e) {
            throw new StartException("--bind: expected an address of this machine, found '" + options.bind() + "'");
        }
        boolean local = loopback.test(address);
        HttpServerOptions http = new HttpServerOptions().setHost(address.getHostAddress()).setPort(options.port())
                .setCompressionSupported(true);
        String token = null;
        if (!local) {
            if (options.keyStore() == null) {
                throw new StartException("--bind " + options.bind() + " is outside loopback (127.0.0.0/8, ::1): it needs "
                        + "TLS, give --tls-key-store FILE (PKCS12, e.g. from scripts/cluster-certs.sh) and its password");
            }
            if (!Files.isRegularFile(options.keyStore())) {
                throw new StartException("--tls-key-store: file not found: " + options.keyStore());
            }
            if (options.keyStorePassword() == null) {
                throw new StartException("--tls-password-file: the key store's password is required");
            }
            http.setSsl(true).setKeyCertOptions(new PfxOptions().setPath(options.keyStore().toString())
                    .setPassword(options.keyStorePassword()));
            token = options.token() != null ? options.token() : AccessGuard.newToken();
            if (token.length() < 16) {
                throw new StartException("--token-file: the access token must have at least 16 characters, found "
                        + token.length());
            }
        }
        dashboard.poll(Instant.now());
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        AccessGuard guard = new AccessGuard(token, new HashSet<>());
        router.route().handler(guard::handle);
        Map<String, Resource> resources = resources();
        HttpServer server;
        DashboardServer[] self = new DashboardServer[1];
        router.get("/api/snapshot").handler(ctx -> json(ctx, dashboard.snapshotJson()));
        router.get("/api/run").handler(ctx -> self[0].runDetail(ctx));
        router.get("/api/events").handler(ctx -> self[0].events(ctx));
        router.get().handler(ctx -> {
            Resource r = resources.get(ctx.request().path());
            if (r == null) {
                AccessGuard.refuse(ctx, 404, "not found");
                return;
            }
            ctx.response().putHeader("Content-Type", r.type()).end(Buffer.buffer(r.bytes()));
        });
        try {
            server = vertx.createHttpServer(http).requestHandler(router).listen().toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            vertx.close();
            throw new StartException(listenFailure(options, e.getCause()));
        } catch (InterruptedException e) {
            vertx.close();
            Thread.currentThread().interrupt();
            throw new StartException("interrupted while starting");
        }
        int port = server.actualPort();
        String host = address instanceof java.net.Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        if (local) {
            for (String name : List.of(address.getHostAddress(), "localhost", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1")) {
                guard.allowHost(name, port);
            }
        }
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lamo-dashboard-poller");
            t.setDaemon(true);
            return t;
        });
        String url = (local ? "http://" : "https://") + host + ":" + port + "/";
        long timer = vertx.setPeriodic(15_000, id -> self[0].ping());
        self[0] = new DashboardServer(dashboard, vertx, server, poller, url, token, timer);
        poller.scheduleWithFixedDelay(() -> self[0].pollOnce(), options.pollMs(), options.pollMs(), TimeUnit.MILLISECONDS);
        return self[0];
    }

    private static String listenFailure(Options options, Throwable cause) {
        if (cause instanceof BindException || (cause != null && String.valueOf(cause.getMessage()).contains("in use"))) {
            return "--port " + options.port() + " on " + options.bind() + " is in use (choose another with --port)";
        }
        if (cause != null && cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains("password")) {
            return "--tls-key-store " + options.keyStore() + ": cannot open it with the given password";
        }
        return "cannot listen on " + options.bind() + ":" + options.port() + " (" + (cause == null ? "unknown" : cause.getMessage()) + ")";
    }

    /** The address to open (with the token once, off loopback). */
    public String url() {
        return token == null ? url : url + "?token=" + token;
    }

    public int port() {
        return server.actualPort();
    }

    private void pollOnce() {
        try {
            unsent |= dashboard.poll(Instant.now());
            long now = System.nanoTime();
            // while a large file is read every poll changes something: the page gets at most a few snapshots a second
            if (unsent && now - lastEvent >= MIN_EVENT_GAP_NANOS) {
                unsent = false;
                lastEvent = now;
                String json = dashboard.snapshotJson();
                vertx.runOnContext(v -> broadcast(json));
            }
        } catch (RuntimeException e) {
            // a folder changing under the reader must not stop the poller: the next poll reads it again
            System.err.println("lamo dashboard: " + e);
        }
    }

    private void broadcast(String json) {
        Buffer event = Buffer.buffer("event: snapshot\ndata: " + json + "\n\n");
        for (HttpServerResponse r : streams) {
            if (!r.closed() && !r.ended()) {
                r.write(event);
            }
        }
    }

    private void ping() {
        for (HttpServerResponse r : streams) {
            if (!r.closed() && !r.ended()) {
                r.write(": ping\n\n");
            }
        }
    }

    private void events(RoutingContext ctx) {
        HttpServerResponse r = ctx.response();
        r.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("X-Accel-Buffering", "no");
        streams.add(r);
        r.closeHandler(v -> streams.remove(r));
        r.exceptionHandler(e -> streams.remove(r));
        r.write("retry: 2000\n\nevent: snapshot\ndata: " + dashboard.snapshotJson() + "\n\n");
    }

    private void runDetail(RoutingContext ctx) {
        String id = ctx.request().getParam("id");
        vertx.<String>executeBlocking(() -> {
            try {
                return dashboard.runDetail(id, Instant.now()).map(dev.lamo.envs.Json::write).orElse(null);
            } catch (Dashboard.PathRefusedException e) {
                return "!" + e.getMessage();
            }
        }).onComplete(result -> {
            if (result.failed()) {
                AccessGuard.refuse(ctx, 500, "cannot read run: " + result.cause().getMessage());
            } else if (result.result() == null) {
                AccessGuard.refuse(ctx, 404, "no run with id " + id);
            } else if (result.result().startsWith("!")) {
                AccessGuard.refuse(ctx, 403, result.result().substring(1));
            } else {
                json(ctx, result.result());
            }
        });
    }

    private static void json(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }

    private record Resource(String type, byte[] bytes) {
    }

    /** The only files served: the page, its script and style, and the chart library from its WebJar. */
    private static Map<String, Resource> resources() {
        String uplot = UPLOT + uplotVersion() + "/dist/";
        Map<String, Resource> m = new LinkedHashMap<>();
        m.put("/", resource(WEB + "index.html", "text/html; charset=utf-8"));
        m.put("/app.js", resource(WEB + "app.js", "text/javascript; charset=utf-8"));
        m.put("/app.css", resource(WEB + "app.css", "text/css; charset=utf-8"));
        m.put("/vendor/uPlot.iife.min.js", resource(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"));
        m.put("/vendor/uPlot.min.css", resource(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
        return Map.copyOf(m);
    }

    private static String uplotVersion() {
        Properties p = new Properties();
        try (InputStream in = DashboardServer.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the uPlot WebJar is not on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the uPlot WebJar", e);
        }
        return p.getProperty("version");
    }

    private static Resource resource(String name, String type) {
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new Resource(type, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        vertx.cancelTimer(timer);
        for (HttpServerResponse r : streams) {
            if (!r.ended()) {
                r.end();
            }
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing on the way out: nothing left to keep consistent
        }
    }
}
