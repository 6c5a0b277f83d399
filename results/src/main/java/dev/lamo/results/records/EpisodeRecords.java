package dev.lamo.results.records;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an {@code episodes.jsonl}; a line cut by a crash at the end is ignored, any other bad line is an error. */
public final class EpisodeRecords {

    private EpisodeRecords() {
    }

    public static List<EpisodeRecord> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new RecordFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<EpisodeRecord> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                out.add(Records.parse(file + " line " + (i + 1), line, EpisodeRecord.class, EpisodeRecord.SCHEMA,
                        EpisodeRecord.VERSION));
            } catch (RecordFormatException e) {
                if (i == lines.size() - 1 && !line.endsWith("}")) { // cut by a crash while writing
                    break;
                }
                throw e;
            }
        }
        return out;
    }
}
