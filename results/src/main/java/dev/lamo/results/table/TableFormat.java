package dev.lamo.results.table;

import dev.lamo.envs.Json;
import java.util.Arrays;
import java.util.function.Function;

/** The renderings of a {@link ResultTable}; each prints the protocol under the table. */
public enum TableFormat {
    MD(new MarkdownTableRenderer()::render),
    CSV(new CsvTableRenderer()::render),
    LATEX(new LatexTableRenderer()::render),
    JSON(table -> Json.writePretty(table) + "\n");

    private final Function<ResultTable, String> renderer;

    TableFormat(Function<ResultTable, String> renderer) {
        this.renderer = renderer;
    }

    public String render(ResultTable table) {
        return renderer.apply(table);
    }

    public String extension() {
        return this == LATEX ? "tex" : name().toLowerCase(java.util.Locale.ROOT);
    }

    public static TableFormat parse(String text) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--format: expected md, csv, latex or json, found '" + text + "'"));
    }
}
