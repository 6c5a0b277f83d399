package dev.lamo.results.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import dev.lamo.results.records.Records;
import dev.lamo.results.stats.Interval;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableFormatTest {

    /** Two rows; LaMo in both, DT only in the first; paper numbers for LaMo in the first row. */
    private static ResultTable table(boolean stats) {
        Map<String, Cell> first = new LinkedHashMap<>();
        first.put("lamo", new Cell(3600.0, 72.5, 12.5, 2, Map.of(0L, 60.0, 1L, 85.0), 100));
        first.put("dt", new Cell(3600.0, 50.0, 10.0, 2, Map.of(0L, 40.0, 1L, 60.0), 100));
        Row a = new Row("hopper", "hopper-medium_v2", 0.1, 218, first, Map.of("lamo", new PaperScore(73.7, 3.5)), "Table 3");
        Row b = new Row("hopper", "hopper-medium_v2", 0.01, 21, Map.of("lamo", new Cell(null, 40.25, 0, 1, Map.of(0L, 40.25), 100)),
                Map.of(), null);
        Map<String, Double> average = new LinkedHashMap<>();
        average.put("lamo", 56.375);
        average.put("dt", null);
        TableStatistics s = stats ? new TableStatistics(Map.of("lamo", new Interval(60, 40.25, 85)), Map.of("lamo", 2),
                List.of(new TableStatistics.Improvement("lamo", "dt", new Interval(0.875, 0.5, 1), 1)), 2000, 0) : null;
        return new ResultTable(ResultTable.SCHEMA, ResultTable.VERSION, "window:0.2", "max", List.of("lamo", "dt"),
                List.of(a, b), average, Map.of("lamo", "small LM pre-trained here, 4×256", "dt", "3×128, 1 head"),
                List.of("Checkpoints: 20 % & more"), s);
    }

    @Test
    void markdown() {
        String md = TableFormat.MD.render(table(true));
        String[] lines = md.split("\n");
        assertEquals("| Task | Dataset | Ratio | Trajectories | LaMo [small LM pre-trained here, 4×256] | LaMo (paper: GPT-2 "
                + "small (124M), paper's data) | DT |", lines[0]);
        assertEquals("| hopper | hopper-medium_v2 | 0.1 | 218 | 72.5 ± 12.5 (2) | 73.7 ± 3.5 | 50.0 ± 10.0 (2) |", lines[2]);
        assertEquals("| hopper | hopper-medium_v2 | 0.01 | 21 | 40.3 ± 0.0 (1) |  | – |", lines[3]);
        assertEquals("| **Average** |  |  |  | **56.4** |  | – |", lines[4]);
        assertTrue(md.contains("- Checkpoints: 20 % & more\n"));
        assertTrue(md.contains("- IQM LaMo: 60.0 [40.3, 85.0] over 2 rows\n"), md);
        assertTrue(md.contains("- P(LaMo > DT): 0.88 [0.50, 1.00] over 1 rows\n"), md);
    }

    @Test
    void csvHasNumericColumnsAndCommentedProtocol() {
        String[] lines = TableFormat.CSV.render(table(false)).split("\n");
        assertEquals("task,dataset,ratio,trajectories,lamo_mean,lamo_std,lamo_seeds,lamo_target,lamo_paper_mean,"
                + "lamo_paper_std,dt_mean,dt_std,dt_seeds,dt_target", lines[0]);
        assertEquals("hopper,hopper-medium_v2,0.1,218,72.5000,12.5000,2,3600,73.7000,3.5000,50.0000,10.0000,2,3600", lines[1]);
        assertEquals("hopper,hopper-medium_v2,0.01,21,40.2500,0.0000,1,,,,,,,", lines[2]);
        assertEquals("# Checkpoints: 20 % & more", lines[3]);
        assertEquals(14, lines[2].split(",", -1).length);
    }

    @Test
    void latexEscapesAndKeepsPlusMinus() {
        String tex = TableFormat.LATEX.render(table(false));
        assertTrue(tex.startsWith("\\begin{tabular}{lllrrrr}\n\\toprule\n"), tex);
        assertTrue(tex.contains("hopper & hopper-medium\\_v2 & 0.1 & 218 & 72.5 $\\pm$ 12.5 (2) & 73.7 $\\pm$ 3.5 & 50.0 $\\pm$ 10.0 (2) \\\\\n"), tex);
        assertTrue(tex.contains("\\textbf{Average} &  &  &  & \\textbf{56.4} &  & -- \\\\\n"), tex);
        assertTrue(tex.contains("\\end{tabular}\n% Checkpoints: 20 % & more\n"), tex);
    }

    @Test
    void jsonRoundTripsThroughTheSchemaCheck() throws Exception {
        String json = TableFormat.JSON.render(table(true));
        ResultTable back = Records.parse("table.json", json, ResultTable.class, ResultTable.SCHEMA, ResultTable.VERSION);
        assertEquals(table(true), back);
        JsonNode node = Json.mapper().readTree(json);
        assertEquals(72.5, node.at("/rows/0/cells/lamo/mean").asDouble());
        assertTrue(node.at("/average/dt").isNull());
    }

    @Test
    void unknownFormatIsAOneLineError() {
        assertEquals("--format: expected md, csv, latex or json, found 'html'",
                assertThrows(IllegalArgumentException.class, () -> TableFormat.parse("html")).getMessage());
        assertEquals(TableFormat.LATEX, TableFormat.parse("latex"));
    }
}
