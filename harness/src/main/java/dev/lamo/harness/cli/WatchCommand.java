package dev.lamo.harness.cli;

import dev.lamo.harness.dashboard.Dashboard;
import dev.lamo.harness.dashboard.StatusTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lamo watch}: the dashboard's live status as a text table in the terminal. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Show the status of the runs, evaluations and sweeps under the given folders as a table that "
                + "refreshes in place on a terminal (plain tables, one after another, when output is not a terminal).")
final class WatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders to watch.")
    List<Path> folders;

    @Option(names = "--every", defaultValue = "2", description = "Seconds between refreshes (default: ${DEFAULT-VALUE}).")
    double every;

    @Option(names = "--count", description = "Stop after this many tables (default: until interrupted).")
    Integer count;

    @Override
    public Integer call() throws InterruptedException {
        if (!(every > 0)) {
            throw new BadInputException("--every: expected seconds > 0, found " + every);
        }
        if (count != null && count < 1) {
            throw new BadInputException("--count: expected at least 1, found " + count);
        }
        PrintWriter out = spec.commandLine().getOut();
        Dashboard dashboard = new Dashboard(DashboardCommand.checkFolders(folders, "DIR"), Dashboard.Settings.defaults());
        boolean terminal = System.console() != null;
        for (int i = 0; count == null || i < count; i++) {
            if (i > 0) {
                Thread.sleep((long) (every * 1000));
            }
            // read until caught up (a huge metrics file takes several reads), then print
            dashboard.poll(Instant.now());
            while (!dashboard.caughtUp()) {
                dashboard.poll(Instant.now());
            }
            String table = StatusTable.render(dashboard.snapshot());
            if (terminal) {
                out.print("\033[H\033[2J");
                out.print(table);
            } else {
                out.println("-- " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                out.print(table);
            }
            out.flush();
        }
        return 0;
    }
}
