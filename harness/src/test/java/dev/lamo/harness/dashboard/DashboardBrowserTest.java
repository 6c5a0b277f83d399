package dev.lamo.harness.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamo.envs.Folders;
import java.io.BufferedWriter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver, which scripts/setup.sh installs):
 * nothing is downloaded (the driver and the browser are given by path, so Selenium Manager has nothing to find).
 * Screenshots of each view go to target/dashboard-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    static final int BIG_LINES = 1_000_000;

    private Path root;
    private Path profile;
    private DashboardServer server;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        assertTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "the browser tests need Debian's chromium and chromium-driver: run scripts/setup.sh");
        root = Files.createTempDirectory("lamo-dashboard-browser");
        profile = Files.createTempDirectory("lamo-chromium-profile");
        ResultFolders.scene(root, Instant.now());
        // robust reading: malformed lines and a line cut by a crash in a run the page shows
        ResultFolders.append(root.resolve("runs/dt-hopper-s0/metrics.jsonl"), "{not json\n");
        ResultFolders.append(root.resolve("runs/dt-hopper-s0/eval/episodes.jsonl"), "[1, 2]\n");
        ResultFolders.config(root.resolve("big"), "bc", BIG_LINES, 3, 1.0);
        try (BufferedWriter w = Files.newBufferedWriter(root.resolve("big/metrics.jsonl"))) {
            for (int i = 1; i <= BIG_LINES; i++) {
                w.write("{\"step\":" + i + ",\"kind\":\"train\",\"action_loss\":" + (1.0 / i) + "}\n");
            }
            w.write("{\"step\":" + (BIG_LINES + 1) + ",\"kind\":\"tra");
        }
        server = DashboardServer.start(new Dashboard(List.of(root), new Dashboard.Settings(1000, 4 << 20, 100, 300)),
                new DashboardServer.Options("127.0.0.1", 0, null, null, null, 150));

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        // no DevTools artifact is on the class path on purpose: its "no CDP implementation" notice is expected
        java.util.logging.Logger.getLogger("org.openqa.selenium.devtools").setLevel(java.util.logging.Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--user-data-dir=" + profile, "--window-size=1400,1250");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        // the page re-renders its lists on every snapshot: an element found a moment ago may be gone, so every read
        // happens inside a wait that retries on a stale element
        wait = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
        driver.get(server.url());
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (root != null) {
            Folders.deleteRecursively(root);
        }
        if (profile != null) {
            Folders.deleteRecursively(profile);
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String row(String id) {
        return "tr.run[data-id='" + id + "']";
    }

    /** The text of the first element matching, once it satisfies the condition. */
    private String textWhen(String css, java.util.function.Predicate<String> condition) {
        return wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            String text = found.isEmpty() ? null : found.get(0).getText();
            return text != null && condition.test(text) ? text : null;
        });
    }

    private String text(String css) {
        return textWhen(css, t -> true);
    }

    private void click(String css) {
        wait.until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private void waitForAttribute(String css, String attribute, String value) {
        wait.until(d -> value.equals(chartAttribute(css, attribute)));
    }

    private String chartAttribute(String css, String attribute) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0).getAttribute(attribute);
    }

    private void view(String name) {
        driver.findElement(By.cssSelector("nav button[data-view='" + name + "']")).click();
        wait.until(d -> d.findElement(By.id("view-" + name)).isDisplayed());
    }

    @Test
    @Order(1)
    void thePageLoadsOnlySameOriginResourcesAndListsTheRuns() {
        text(row("0/runs/dt-hopper-s0"));
        textWhen("#live", "live"::equals);
        String origin = (String) js("return location.origin;");
        assertEquals("http://127.0.0.1:" + server.port(), origin);
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".concat(Array.from(document.querySelectorAll('script[src],link[href],img[src]')).map(e => e.src || e.href));");
        assertTrue(resources.size() >= 4, resources.toString());
        for (String r : resources) {
            assertTrue(r.startsWith(origin + "/"), "not same-origin: " + r);
        }
        assertTrue(resources.stream().anyMatch(r -> r.endsWith("/vendor/uPlot.iife.min.js")), resources.toString());
        String failed = text(row("0/runs/cql-hopper-s0"));
        assertTrue(failed.contains("failed") && failed.contains("non-finite gradients"), failed);
        assertTrue(text(row("0/runs/lamo-hopper-s1")).contains("interrupted"));
    }

    @Test
    @Order(2)
    void aRunsChartsUpdateWhenLinesAreAppended() throws Exception {
        click(row("0/runs/dt-hopper-s0"));
        String loss = "#train-charts .chart[data-name='action_loss']";
        String score = "#eval-charts .chart[data-name='normalised score']";
        waitForAttribute(loss, "data-last-x", "500");
        waitForAttribute(score, "data-last-x", "500");
        waitForAttribute(score, "data-points", "2");
        wait.until(d -> d.findElement(By.cssSelector(loss + " canvas")).isDisplayed() ? "drawn" : null);
        // one malformed line in metrics.jsonl, one in episodes.jsonl
        textWhen("#run-facts", t -> t.contains("2 malformed lines skipped"));
        // more training, then an evaluation of a new checkpoint arrive
        Path run = root.resolve("runs/dt-hopper-s0");
        ResultFolders.train(run, 550, 700, 50);
        waitForAttribute(loss, "data-last-x", "700");
        ResultFolders.episodes(run.resolve("eval"), 750, ResultFolders.HOPPER_TARGETS, 2, 75, null);
        waitForAttribute(score, "data-last-x", "750");
        waitForAttribute(score, "data-points", "3");
        textWhen(row("0/runs/dt-hopper-s0"), t -> t.contains("700 / 1000"));
        screenshot("runs");
    }

    @Test
    @Order(3)
    void theEvaluationsSweepsAndThroughputViewsShowTheirRecords() throws Exception {
        view("evaluations");
        String text = text(".card.evaluation[data-id='0/runs/dt-hopper-s0/eval']");
        assertTrue(text.contains("5200 env steps/s") && text.contains("mean batch 23.5") && text.contains("p99 4.20 ms"), text);
        assertTrue(text.contains("simulator error: NaN in qacc"), text);
        assertTrue(text(".card.evaluation[data-id='0/evals/dt-final']").contains("runtime pytorch, device cpu"));
        screenshot("evaluations");

        // the running cell beats again (on a slow machine its first heartbeat may be older than the 60 s limit by now)
        ResultFolders.status(root.resolve("sweep-results/runs/bc-hopper-medium-r1-s0"), "training",
                dev.lamo.results.records.JobStatus.State.RUNNING, Instant.now(), "steps", 50, 100, null, null);
        view("sweeps");
        String sweep = text(".card.sweep");
        assertTrue(sweep.contains("4 cells: 1 done, 1 running, 1 pending, 1 failed"), sweep);
        assertTrue(text(".card.sweep pre.table").contains("| hopper | hopper-medium | 1 |"));
        screenshot("sweeps");

        view("throughput");
        waitForAttribute("#bench-chart .chart", "data-points", "4");
        assertEquals(Integer.valueOf(2), wait.until(d -> d.findElements(By.cssSelector("#bench-table tbody tr")).size()));
        screenshot("throughput");
        view("runs");
    }

    @Test
    @Order(4)
    void aDeletedFolderLeavesThePageAndAMillionLineFileEndsAsABoundedCurve() throws Exception {
        text(row("0/runs/cql-hopper-s0"));
        Folders.deleteRecursively(root.resolve("runs/cql-hopper-s0"));
        wait.until(d -> d.findElements(By.cssSelector("tr.run[data-id='0/runs/cql-hopper-s0']")).isEmpty());
        // the page still follows the other runs
        ResultFolders.train(root.resolve("runs/dt-hopper-s0"), 750, 800, 50);
        waitForAttribute("#train-charts .chart[data-name='action_loss']", "data-last-x", "800");

        // reading ~45 MB takes a few seconds of CPU; on a loaded machine it may take longer than the other waits
        new WebDriverWait(driver, Duration.ofSeconds(240), Duration.ofMillis(250)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector(row("0/big"))).getText().contains(BIG_LINES + " / " + BIG_LINES));
        click(row("0/big"));
        String loss = "#train-charts .chart[data-name='action_loss']";
        waitForAttribute(loss, "data-last-x", String.valueOf(BIG_LINES));
        int points = Integer.parseInt(chartAttribute(loss, "data-points"));
        assertTrue(points <= 1001 && points >= 500, "points " + points);
        assertFalse(textWhen("#run-facts", t -> t.contains("step " + BIG_LINES)).contains("malformed"),
                "a line cut at the end is not malformed, only unfinished");
    }
}
