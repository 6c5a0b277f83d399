package dev.lamo.harness.sweep;

import dev.lamo.policies.run.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The records of a sweep's finished cells, copied into a folder meant to be kept in a repository: per run its
 * configuration, training metrics, evaluation episodes and summary — everything {@code lamo table} and
 * {@code lamo plot} read — and never checkpoints or datasets. Unfinished cells are left out, so the folder only ever
 * holds complete runs; copying again replaces each file atomically. Paths inside the checkout that the records name
 * (the dataset file, the run folder) are written relative to it, so the kept records name no machine's folders.
 */
public final class SweepRecords {

    /** The files of a run that make its record, relative to the run directory. */
    public static final List<String> FILES = List.of(RunDirectory.CONFIG, RunDirectory.METRICS, "eval/episodes.jsonl",
            "eval/summary.json");

    /** What an export did: cells copied, cells not finished yet. */
    public record Export(int copied, int unfinished) {
    }

    private SweepRecords() {
    }

    /** @param checkout the folder the records' paths are made relative to (the checkout) */
    public static Export export(SweepConfig config, Path into, Path checkout) {
        int copied = 0;
        int unfinished = 0;
        for (SweepCell cell : config.cells()) {
            if (CellStatus.of(cell, config) != CellStatus.FINISHED) {
                unfinished++;
                continue;
            }
            Path run = cell.runDir();
            Path target = into.resolve(run.getFileName());
            for (String file : FILES) {
                copyAtomically(run.resolve(file), target.resolve(file), checkout.toAbsolutePath().normalize() + "/");
            }
            copied++;
        }
        return new Export(copied, unfinished);
    }

    private static void copyAtomically(Path from, Path to, String checkoutPrefix) {
        try {
            Files.createDirectories(to.getParent());
            Path tmp = to.resolveSibling("." + to.getFileName() + ".tmp");
            // JSON strings holding absolute paths: "/home/me/lamo/data/x.hdf5" becomes "data/x.hdf5"
            Files.writeString(tmp, Files.readString(from).replace("\"" + checkoutPrefix, "\""));
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
