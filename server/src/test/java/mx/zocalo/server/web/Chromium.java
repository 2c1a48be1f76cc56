package mx.zocalo.server.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium driven by Selenium for the page tests, and axe-core (from the test resources) run in it. */
final class Chromium {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private Chromium() {}

    static boolean installed() {
        return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    }

    /** A headless Chromium preferring Mexican Spanish, with its profile in {@code profile} and any further arguments. */
    static ChromeDriver start(Path profile, String... arguments) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--lang=es-MX");
        options.addArguments(arguments);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "es-MX,es"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return browser;
    }

    /**
     * Opens {@code url} in a viewport {@code width} CSS pixels wide (a desktop window that narrow, not a phone's zoomed-out
     * layout) and says how the page overflows it sideways: empty when the page body has no horizontal scroll (a table
     * scrolling inside its own box is fine), else the widths and the elements that stick out furthest.
     */
    static String horizontalOverflow(ChromeDriver browser, String url, int width) {
        return horizontalOverflow(browser, url, width, null);
    }

    /** As {@link #horizontalOverflow(ChromeDriver, String, int)}, once an element matching {@code waitFor} (CSS) is there. */
    static String horizontalOverflow(ChromeDriver browser, String url, int width, String waitFor) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 844, "deviceScaleFactor", 1, "mobile", false));
        try {
            browser.get(url);
            if (waitFor != null) {
                new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(waitFor)));
            }
            Object found = browser.executeScript("""
                    const root = document.documentElement;
                    if (root.scrollWidth <= root.clientWidth && root.scrollWidth <= window.innerWidth) return '';
                    const out = [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5)
                        .filter(e => !(e.parentElement && e.parentElement.closest('.table-scroll, .scroll, pre')))
                        .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right).slice(0, 5)
                        .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().replace(/\\s+/g, '.') : '')
                            + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ')');
                    return 'scrollWidth ' + root.scrollWidth + ' > clientWidth ' + root.clientWidth
                        + ' (innerWidth ' + window.innerWidth + '): ' + out.join(', ');
                    """);
            return String.valueOf(found);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /**
     * Opens {@code url} and runs axe-core on it; prints one line per page and per violation, and returns the serious
     * and critical ones as {@code "label rule-id"}.
     */
    static List<String> seriousAxeViolations(WebDriver browser, String url, String label) throws IOException {
        return seriousAxeViolations(browser, url, label, null);
    }

    /** As {@link #seriousAxeViolations(WebDriver, String, String)}, once {@code prepare} (a script, or null) has run on the page. */
    static List<String> seriousAxeViolations(WebDriver browser, String url, String label, String prepare) throws IOException {
        String axe;
        try (var in = Chromium.class.getResourceAsStream("/axe/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        browser.get(url);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        if (prepare != null) js.executeScript(prepare);
        js.executeScript(axe);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5), count: v.nodes.length}))))
                   .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: [], count: 0}]));
                """);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result;
        System.out.printf("axe %s: %d violation(s)%n", label, violations.size());
        List<String> serious = new ArrayList<>();
        for (Map<String, Object> v : violations) {
            System.out.printf("  %s [%s] %s; %s node(s): %s%n", v.get("id"), v.get("impact"), v.get("help"), v.get("count"), v.get("nodes"));
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) serious.add(label + " " + v.get("id"));
        }
        return serious;
    }
}
