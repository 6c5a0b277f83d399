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
                "--disable-extensions", "--user-data-dir=" + profile, "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(100));
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

    private WebElement runRow(String id) {
        return wait.until(d -> d.findElements(By.cssSelector("tr.run[data-id='" + id + "']")).stream().findFirst().orElse(null));
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
        runRow("0/runs/dt-hopper-s0");
        wait.until(d -> "live".equals(d.findElement(By.id("live")).getText()));
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
        WebElement failed = runRow("0/runs/cql-hopper-s0");
        assertTrue(failed.getText().contains("failed") && failed.getText().contains("non-finite gradients"), failed.getText());
        assertTrue(runRow("0/runs/lamo-hopper-s1").getText().contains("interrupted"));
    }

    @Test
    @Order(2)
    void aRunsChartsUpdateWhenLinesAreAppended() throws Exception {
        runRow("0/runs/dt-hopper-s0").click();
        String loss = "#train-charts .chart[data-name='action_loss']";
        String score = "#eval-charts .chart[data-name='normalised score']";
        wait.until(d -> "500".equals(chartAttribute(loss, "data-last-x")));
        wait.until(d -> "500".equals(chartAttribute(score, "data-last-x")));
        assertEquals("2", chartAttribute(score, "data-points"));
        assertTrue(driver.findElement(By.tagName("canvas")).isDisplayed());
        assertTrue(driver.findElement(By.id("run-facts")).getText().contains("1 malformed lines skipped")
                || driver.findElement(By.id("run-facts")).getText().contains("2 malformed lines skipped"));
        // the cut line completes, then more training and an evaluation of a new checkpoint arrive
        Path run = root.resolve("runs/dt-hopper-s0");
        ResultFolders.train(run, 550, 700, 50);
        wait.until(d -> "700".equals(chartAttribute(loss, "data-last-x")));
        ResultFolders.episodes(run.resolve("eval"), 750, ResultFolders.HOPPER_TARGETS, 2, 75, null);
        wait.until(d -> "750".equals(chartAttribute(score, "data-last-x")));
        assertEquals("3", chartAttribute(score, "data-points"));
        wait.until(d -> runRow("0/runs/dt-hopper-s0").getText().contains("700 / 1000"));
        screenshot("runs");
    }

    @Test
    @Order(3)
    void theEvaluationsSweepsAndThroughputViewsShowTheirRecords() throws Exception {
        view("evaluations");
        WebElement live = wait.until(d -> d.findElements(By.cssSelector(".card.evaluation[data-id='0/runs/dt-hopper-s0/eval']"))
                .stream().findFirst().orElse(null));
        String text = live.getText();
        assertTrue(text.contains("5200 env steps/s") && text.contains("mean batch 23.5") && text.contains("p99 4.20 ms"), text);
        assertTrue(text.contains("simulator error: NaN in qacc"), text);
        assertTrue(driver.findElement(By.cssSelector(".card.evaluation[data-id='0/evals/dt-final']")).getText()
                .contains("runtime pytorch, device cpu"));
        screenshot("evaluations");

        view("sweeps");
        WebElement sweep = wait.until(d -> d.findElements(By.cssSelector(".card.sweep")).stream().findFirst().orElse(null));
        assertTrue(sweep.getText().contains("4 cells: 1 done, 1 running, 1 pending, 1 failed"), sweep.getText());
        assertTrue(sweep.findElement(By.cssSelector("pre.table")).getText().contains("hopper"));
        screenshot("sweeps");

        view("throughput");
        wait.until(d -> chartAttribute("#bench-chart .chart", "data-points") != null);
        assertEquals("4", chartAttribute("#bench-chart .chart", "data-points"));
        assertEquals(2, driver.findElements(By.cssSelector("#bench-table tbody tr")).size());
        screenshot("throughput");
        view("runs");
    }

    @Test
    @Order(4)
    void aDeletedFolderLeavesThePageAndAMillionLineFileEndsAsABoundedCurve() throws Exception {
        runRow("0/runs/cql-hopper-s0");
        Folders.deleteRecursively(root.resolve("runs/cql-hopper-s0"));
        wait.until(d -> d.findElements(By.cssSelector("tr.run[data-id='0/runs/cql-hopper-s0']")).isEmpty());
        // the page still follows the other runs
        ResultFolders.train(root.resolve("runs/dt-hopper-s0"), 750, 800, 50);
        wait.until(d -> "800".equals(chartAttribute("#train-charts .chart[data-name='action_loss']", "data-last-x")));

        wait.until(d -> runRow("0/big").getText().contains(BIG_LINES + " / " + BIG_LINES));
        runRow("0/big").click();
        String loss = "#train-charts .chart[data-name='action_loss']";
        wait.until(d -> String.valueOf(BIG_LINES).equals(chartAttribute(loss, "data-last-x")));
        int points = Integer.parseInt(chartAttribute(loss, "data-points"));
        assertTrue(points <= 1001 && points >= 500, "points " + points);
        assertFalse(driver.findElement(By.id("run-facts")).getText().contains("malformed"),
                "a line cut at the end is not malformed, only unfinished");
    }
}
