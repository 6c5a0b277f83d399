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
 * holds complete runs; copying again replaces each file atomically.
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

    public static Export export(SweepConfig config, Path into) {
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
                copyAtomically(run.resolve(file), target.resolve(file));
            }
            copied++;
        }
        return new Export(copied, unfinished);
    }

    private static void copyAtomically(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Path tmp = to.resolveSibling("." + to.getFileName() + ".tmp");
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
