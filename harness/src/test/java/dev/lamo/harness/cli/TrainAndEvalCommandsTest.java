package dev.lamo.harness.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import dev.lamo.results.records.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lamo train with evaluation during training, and lamo eval, at a tiny scale through the command line. */
class TrainAndEvalCommandsTest {

    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void trainWithEvaluation() {
        Path data = dir.resolve("r.hdf5");
        assertEquals(0, CliRunner.run("data", "generate", "--env", "reacher2d", "--behavior", "scripted", "--episodes", "12",
                "--seed", "1", "--out", data.toString()).exitCode());
        run = dir.resolve("dt");
        CliRunner r = CliRunner.run("train", "--algo", "dt", "--env", "reacher2d", "--data", data.toString(), "--steps", "60",
                "--set", "batch_size=16", "--set", "dt_layers=1", "--set", "dt_hidden=32", "--eval-every", "30",
                "--eval-episodes", "3", "--out", run.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void evaluationDuringTrainingRecordsTheCurve() throws Exception {
        JsonNode summary = Json.mapper().readTree(run.resolve("eval/summary.json").toFile());
        JsonNode results = summary.get("results");
        assertEquals(4, results.size(), "2 checkpoints x 2 targets");
        assertEquals(30, results.get(0).get("checkpoint_step").asInt());
        assertEquals(60, results.get(3).get("checkpoint_step").asInt());
        assertEquals(3, results.get(0).get("episodes").asInt());
        assertEquals(12, Files.readAllLines(run.resolve("eval/episodes.jsonl")).size());
        assertEquals("dt", summary.get("run").get("algorithm").asText());
    }

    @Test
    void evalCommandWritesRecordsAndRefusesBadInput() throws Exception {
        Path out = dir.resolve("eval-out");
        CliRunner ok = CliRunner.run("eval", "--policy", run.toString(), "--checkpoints", "all", "--targets", "50",
                "--episodes", "2", "--workers", "2", "--out", out.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("throughput:"), ok.out());
        assertEquals(4, Files.readAllLines(out.resolve("episodes.jsonl")).size());
        assertBad("--checkpoints: no checkpoint at step 45; available: [30, 60]", "eval", "--policy", run.toString(),
                "--checkpoints", "45", "--out", dir.resolve("x").toString());
        assertBad("--targets: expected numbers, 'default' or 'paper', found 'high'", "eval", "--policy", run.toString(),
                "--targets", "high", "--out", dir.resolve("y").toString());
        assertBad(dir.resolve("none") + ": not a run directory (no config.json)", "eval", "--policy",
                dir.resolve("none").toString(), "--out", dir.resolve("z").toString());
        assertBad("already holds episodes; use --resume or another --out", "eval", "--policy", run.toString(),
                "--targets", "50", "--episodes", "2", "--out", out.toString());
    }

    @Test
    void statusSaysFinishedForTheRunAndItsEvaluation() {
        JobStatus training = JobStatus.read(run);
        assertEquals(JobStatus.State.FINISHED, training.state());
        assertEquals("training", training.kind());
        assertEquals(new JobStatus.Progress("steps", 60, 60, null), training.progress());
        assertEquals(JobStatus.State.FINISHED, JobStatus.read(run.resolve("eval")).state());
        CliRunner train = CliRunner.run("train", "--status", run.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().startsWith("training in " + run + ": finished"), train.out());
        assertTrue(train.out().contains("progress: 60/60 steps (100%)"), train.out());
        CliRunner eval = CliRunner.run("eval", "--status", run.resolve("eval").toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("progress: 12/12 episodes (100%)"), eval.out());
        assertBad("--status: " + dir.resolve("nowhere").resolve("status.json") + " not found", "eval", "--status",
                dir.resolve("nowhere").toString());
        assertBad("--policy and --out are required (or --status DIR)", "eval", "--policy", run.toString());
    }

    @Test
    void resumeReadsTheAlgorithmFromTheRunAndRefusesAnother() {
        assertBad("--algo lamo does not match the run in " + run + " (dt)", "train", "--resume", "--algo", "lamo",
                "--out", run.toString());
        assertBad("--resume: " + dir.resolve("none").resolve("config.json") + " not found", "train", "--resume", "--out",
                dir.resolve("none").toString());
        assertBad("--algo (or --variant) and --env are required for a new run", "train", "--env", "reacher2d", "--out",
                dir.resolve("new").toString());
        assertBad("--variant lamo-nopt runs lamo, not --algo dt", "train", "--variant", "lamo-nopt", "--algo", "dt",
                "--env", "reacher2d", "--out", dir.resolve("new").toString());
        assertBad("--variant lamo-nothing: expected one of lamo, dt,", "train", "--variant", "lamo-nothing", "--env",
                "reacher2d", "--out", dir.resolve("new").toString());
    }

    private static void assertBad(String fragment, String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), r.err() + r.out());
        assertTrue(r.err().contains(fragment), r.err());
    }
}
