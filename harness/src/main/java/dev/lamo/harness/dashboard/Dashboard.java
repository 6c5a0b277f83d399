package dev.lamo.harness.dashboard;

import dev.lamo.envs.Json;
import dev.lamo.results.bench.HarnessBenchmark;
import dev.lamo.results.records.RunConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the dashboard shows, found under the given folders and followed as it changes: training runs, evaluations,
 * sweep files and bench records. It only reads. {@link #poll(Instant)} runs on one thread; the page's requests read
 * the latest snapshot (or a run's curves) under the same lock.
 */
public final class Dashboard {

    /**
     * @param curvePoints    points kept per curve
     * @param readBytes      bytes read from one file per read
     * @param readBudgetMs   time one poll may spend reading before the snapshot goes out (a huge file is read over
     *                       several polls, so the page never waits for it)
     * @param scanEveryMs    how often the folders are walked for new and deleted runs
     */
    public record Settings(int curvePoints, int readBytes, long readBudgetMs, long scanEveryMs) {
        public static Settings defaults() {
            return new Settings(1000, 4 << 20, 250, 1000);
        }
    }

    /** A request for something outside the given folders. */
    public static final class PathRefusedException extends RuntimeException {
        PathRefusedException(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 12;
    private static final long MAX_RECORD_BYTES = 1 << 20;

    private final List<Path> roots;
    private final Settings settings;
    private final Map<Path, RunWatch> runs = new TreeMap<>();
    private final Map<Path, EvaluationWatch> evaluations = new TreeMap<>();
    private final Map<Path, SweepWatch> sweeps = new TreeMap<>();
    private final Map<Path, BenchWatch> benches = new TreeMap<>();
    private final Map<Path, Object[]> classified = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private long lastScan = Long.MIN_VALUE;
    private long revision;
    private boolean caughtUp;
    private String body;
    private volatile String snapshotJson;
    private volatile Views.Snapshot snapshot;

    /** @param roots existing folders; they are watched as given (absolute, normalised) */
    public Dashboard(List<Path> roots, Settings settings) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.settings = settings;
    }

    public List<Path> roots() {
        return roots;
    }

    /** The latest snapshot as JSON (what the page and its event stream receive). */
    public String snapshotJson() {
        return snapshotJson;
    }

    public Views.Snapshot snapshot() {
        return snapshot;
    }

    /** Walks the folders when due, reads what was appended, and rebuilds the snapshot; true when it changed. */
    public synchronized boolean poll(Instant now) {
        long nowMs = System.nanoTime() / 1_000_000;
        if (lastScan == Long.MIN_VALUE || nowMs - lastScan >= settings.scanEveryMs()) {
            scan();
            lastScan = nowMs;
        }
        long deadline = System.nanoTime() + settings.readBudgetMs() * 1_000_000;
        boolean more = true;
        while (more && System.nanoTime() < deadline) {
            more = false;
            for (RunWatch r : runs.values()) {
                more |= r.poll(now);
            }
            for (EvaluationWatch e : evaluations.values()) {
                more |= e.poll(now);
            }
        }
        caughtUp = !more;
        return rebuild(now);
    }

    /** Whether the last poll read every file to its end (false while a large file is still being read). */
    public synchronized boolean caughtUp() {
        return caughtUp;
    }

    private boolean rebuild(Instant now) {
        List<Views.RunRow> runRows = new ArrayList<>();
        List<Views.EvaluationRow> evalRows = new ArrayList<>();
        for (RunWatch r : runs.values()) {
            runRows.add(r.row(now));
            if (r.evaluation().exists()) {
                evalRows.add(r.evaluation().row(now));
            }
        }
        for (EvaluationWatch e : evaluations.values()) {
            evalRows.add(e.row(now));
        }
        List<Views.SweepRow> sweepRows = new ArrayList<>();
        for (SweepWatch s : sweeps.values()) {
            Views.SweepRow row = s.row(now, runs::get);
            if (row != null) {
                sweepRows.add(row);
            }
        }
        List<Views.BenchRow> benchRows = new ArrayList<>();
        for (BenchWatch b : benches.values()) {
            Views.BenchRow row = b.row();
            if (row != null) {
                benchRows.add(row);
            }
        }
        List<String> rootNames = roots.stream().map(Path::toString).toList();
        String newBody = Json.write(new Views.Snapshot(0, rootNames, runRows, evalRows, sweepRows, benchRows,
                List.copyOf(problems)));
        boolean changed = !newBody.equals(body);
        if (changed) {
            revision++;
            body = newBody;
            snapshot = new Views.Snapshot(revision, rootNames, runRows, evalRows, sweepRows, benchRows, List.copyOf(problems));
            snapshotJson = Json.write(snapshot);
        }
        return changed;
    }

    /** A run's curves by the id the snapshot gave it. */
    public synchronized Optional<Views.RunDetail> runDetail(String id, Instant now) {
        Path dir = resolve(id);
        RunWatch r = runs.get(dir);
        return r == null ? Optional.empty() : Optional.of(r.detail(now));
    }

    /**
     * The folder an id names: ROOT_INDEX/RELATIVE_PATH. Anything that could leave the root (a {@code ..} segment,
     * an absolute path, a backslash, a root index out of range) is refused, whether or not it exists.
     */
    public Path resolve(String id) {
        if (id == null || id.isEmpty()) {
            throw new PathRefusedException("missing id");
        }
        int slash = id.indexOf('/');
        String index = slash < 0 ? id : id.substring(0, slash);
        String relative = slash < 0 ? "" : id.substring(slash + 1);
        int root;
        try {
            root = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            throw new PathRefusedException("id must start with a folder index, found '" + index + "'");
        }
        if (root < 0 || root >= roots.size()) {
            throw new PathRefusedException("no results folder " + root);
        }
        if (relative.startsWith("/") || relative.contains("\\") || relative.indexOf('\0') >= 0) {
            throw new PathRefusedException("path outside the results folders refused");
        }
        for (String segment : relative.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new PathRefusedException("path outside the results folders refused");
            }
        }
        Path base = roots.get(root);
        Path resolved = (relative.isEmpty() ? base : base.resolve(relative)).normalize();
        if (!resolved.startsWith(base)) {
            throw new PathRefusedException("path outside the results folders refused");
        }
        return resolved;
    }

    private String idOf(Path path) {
        for (int i = 0; i < roots.size(); i++) {
            if (path.startsWith(roots.get(i))) {
                String rel = roots.get(i).relativize(path).toString().replace('\\', '/');
                return i + "/" + rel;
            }
        }
        throw new IllegalStateException(path + " is not under the results folders");
    }

    /** Finds runs, evaluations, sweep files and bench records; forgets those whose folder or file is gone. */
    private void scan() {
        problems.clear();
        Map<Path, Boolean> seenRuns = new HashMap<>();
        Map<Path, Boolean> seenEvals = new HashMap<>();
        Map<Path, Boolean> seenJson = new HashMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                problems.add(root + ": results folder not found (deleted?)");
                continue;
            }
            try {
                Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                        new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                                if (!dir.equals(root) && (name.startsWith(".") || name.equals("checkpoints"))) {
                                    return FileVisitResult.SKIP_SUBTREE;
                                }
                                if (isRun(dir)) {
                                    seenRuns.put(dir, true);
                                } else if (Files.isRegularFile(dir.resolve(EvaluationWatch.EPISODES))
                                        && !(name.equals("eval") && isRun(dir.getParent()))) {
                                    seenEvals.put(dir, true);
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                                String name = file.getFileName().toString();
                                if (name.endsWith(".json") && !name.startsWith(".") && attrs.size() < MAX_RECORD_BYTES) {
                                    seenJson.put(file, true);
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                                return FileVisitResult.CONTINUE; // deleted while walking, or unreadable: skip it
                            }
                        });
            } catch (IOException e) {
                problems.add(root + ": cannot walk (" + e.getMessage() + ")");
            }
        }
        runs.keySet().retainAll(seenRuns.keySet());
        evaluations.keySet().retainAll(seenEvals.keySet());
        seenRuns.keySet().forEach(dir -> runs.computeIfAbsent(dir, d -> new RunWatch(idOf(d), d, settings.curvePoints(),
                settings.readBytes())));
        seenEvals.keySet().forEach(dir -> evaluations.computeIfAbsent(dir, d -> new EvaluationWatch(idOf(d), d, null,
                settings.curvePoints(), settings.readBytes())));
        classified.keySet().retainAll(seenJson.keySet());
        sweeps.keySet().retainAll(seenJson.keySet());
        benches.keySet().retainAll(seenJson.keySet());
        for (Path file : seenJson.keySet()) {
            switch (classify(file)) {
                case BENCH -> benches.computeIfAbsent(file, f -> new BenchWatch(idOf(f), f));
                case SWEEP -> {
                    SweepWatch w = sweeps.computeIfAbsent(file, f -> new SweepWatch(idOf(f), f));
                    if (!w.isSweep()) {
                        sweeps.remove(file);
                    }
                }
                default -> {
                    sweeps.remove(file);
                    benches.remove(file);
                }
            }
        }
    }

    private enum Kind { BENCH, SWEEP, OTHER }

    /** What a JSON file is, by its content (cached until it changes). */
    private Kind classify(Path file) {
        String name = file.getFileName().toString();
        if (name.equals(RunWatch.CONFIG) || name.equals(EvaluationWatch.SUMMARY) || name.equals("status.json")
                || name.equals("checkpoint.json")) {
            return Kind.OTHER;
        }
        Object stamp;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            stamp = List.of(a.lastModifiedTime(), a.size());
        } catch (IOException e) {
            return Kind.OTHER;
        }
        Object[] cached = classified.get(file);
        if (cached != null && Objects.equals(cached[0], stamp)) {
            return (Kind) cached[1];
        }
        String head = head(file, (int) MAX_RECORD_BYTES);
        Kind kind = head.contains("\"" + HarnessBenchmark.SCHEMA + "\"") ? Kind.BENCH
                : head.contains("\"algorithms\"") && head.contains("\"tasks\"") && head.contains("\"seeds\"") ? Kind.SWEEP
                : Kind.OTHER;
        classified.put(file, new Object[] {stamp, kind});
        return kind;
    }

    private static boolean isRun(Path dir) {
        Path config = dir == null ? null : dir.resolve(RunWatch.CONFIG);
        return config != null && Files.isRegularFile(config) && head(config, 4096).contains(RunConfig.SCHEMA);
    }

    private static String head(Path file, int bytes) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(bytes), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
