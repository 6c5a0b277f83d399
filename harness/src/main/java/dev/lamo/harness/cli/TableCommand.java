package dev.lamo.harness.cli;

import dev.lamo.results.table.ResultTable;
import dev.lamo.results.table.TableFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo table}: a paper-style table from evaluated training runs, with its protocol printed under it. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Aggregate evaluated runs (algorithm × environment × dataset × ratio × seed) into a table like "
                + "LaMo's: rows task/dataset/ratio, columns algorithms, cells mean ± std over seeds (number of seeds), "
                + "an average row, and the protocol under it. Defaults follow the paper.")
final class TableCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TableSelection selection;

    @Option(names = "--format", defaultValue = "md", description = "md, csv, latex or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--paper", description = "Add LaMo's published numbers beside ours (hopper, halfcheetah, walker2d, reacher2d only).")
    boolean paper;

    @Option(names = "--stats", description = "Add interquartile means with 95 %% bootstrap intervals and P(LaMo > DT).")
    boolean stats;

    @Option(names = "--bootstrap-seed", defaultValue = "0", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long bootstrapSeed;

    @Option(names = "--out", description = "Also write the table to this file.")
    Path out;

    @Override
    public Integer call() throws IOException {
        TableFormat tableFormat = TableFormat.parse(format);
        ResultTable table = selection.table(selection.runs(), paper, stats, bootstrapSeed);
        String text = tableFormat.render(table);
        spec.commandLine().getOut().print(text);
        if (out != null) {
            writeAtomically(out, text);
        }
        return 0;
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
