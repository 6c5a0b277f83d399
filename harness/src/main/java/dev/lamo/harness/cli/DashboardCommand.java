package dev.lamo.harness.cli;

import dev.lamo.harness.dashboard.Dashboard;
import dev.lamo.harness.dashboard.DashboardServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo dashboard}: a live local web page of the runs, evaluations, sweeps and benchmarks under some folders. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve a live, read-only web page of the training runs, evaluations, sweeps and lamo bench harness "
                + "records under the given folders (found and followed as they change). Binds 127.0.0.1; any other "
                + "address needs TLS (a PKCS12 key store) and an access token.")
final class DashboardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--results", required = true, split = ",", arity = "1..*",
            description = "Folders to watch (runs, evaluations, sweep files, bench JSON at any depth).")
    List<Path> results;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "8765", description = "Port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--tls-key-store", paramLabel = "FILE",
            description = "PKCS12 key store with the server's key and certificate (required off loopback; "
                    + "scripts/cluster-certs.sh makes one).")
    Path keyStore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "File holding the key store's password.")
    Path passwordFile;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the access token (off loopback; default: a new token, printed once).")
    Path tokenFile;

    @Option(names = "--poll-ms", defaultValue = "500", description = "How often the folders are read (default: ${DEFAULT-VALUE}).")
    long pollMs;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> roots = checkFolders(results, "--results");
        if (port < 0 || port > 65535) {
            throw new BadInputException("--port: expected 0 to 65535, found " + port);
        }
        if (pollMs < 50) {
            throw new BadInputException("--poll-ms: expected at least 50, found " + pollMs);
        }
        String password = passwordFile == null ? null : readSecret(passwordFile, "--tls-password-file");
        String token = tokenFile == null ? null : readSecret(tokenFile, "--token-file");
        DashboardServer server;
        try {
            server = DashboardServer.start(new Dashboard(roots, Dashboard.Settings.defaults()),
                    new DashboardServer.Options(bind, port, keyStore, password, token, pollMs));
        } catch (DashboardServer.StartException e) {
            throw new BadInputException(e.getMessage());
        }
        out.println("lamo dashboard: watching " + roots.size() + (roots.size() == 1 ? " folder" : " folders") + " at "
                + server.url());
        if (token == null && server.url().contains("?token=")) {
            out.println("(the access token is shown only this once; it sets a cookie when opened)");
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** Existing folders, or one line naming the first one that is not. */
    static List<Path> checkFolders(List<Path> folders, String flag) {
        for (Path p : folders) {
            if (!Files.isDirectory(p)) {
                throw new BadInputException(flag + ": expected a folder, found " + (Files.exists(p) ? "a file" : "nothing")
                        + " at " + p);
            }
        }
        return folders;
    }

    private static String readSecret(Path file, String flag) {
        try {
            String s = Files.readString(file).strip();
            if (s.isEmpty()) {
                throw new BadInputException(flag + ": " + file + " is empty");
            }
            return s;
        } catch (IOException e) {
            throw new BadInputException(flag + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }
}
