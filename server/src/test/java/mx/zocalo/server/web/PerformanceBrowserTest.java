package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The performance pages in a real headless Chromium, in both languages: each measure's chart draws (SVG lines, the
 * value line with a point per period with data), the sparklines are there without script, axe-core finds nothing
 * serious (with the tables open), a phone 390 pixels wide needs no sideways scroll, and the embed draws inside an
 * {@code <iframe>} of another page while the goal page refuses to be framed.
 */
class PerformanceBrowserTest {
    @TempDir
    static Path profile;
    static TestPortal portal;
    static ChromeDriver browser;
    static final List<String> PAGES = List.of("/performance", "/performance?lang=en", "/performance/delitos-nuevo-leon",
            "/performance/accidentes-nuevo-leon?lang=en", "/performance/delitos-por-100-mil?lang=en&member=Nuevo%20Le%C3%B3n");

    @BeforeAll
    static void start() {
        assumeTrue(Chromium.installed(), "no Chromium and chromedriver in /usr/bin");
        assumeTrue(Files.isDirectory(TestPortal.PERFORMANCE), "no ../performance folder");
        portal = BundledPortal.get();
        browser = Chromium.start(profile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
    }

    /** Opens a goal page and waits until every measure chart is drawn; the number of charts. */
    static int drawn(String path) {
        browser.get(portal.url(path));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        int charts = browser.findElements(By.cssSelector(".perf-chart")).size();
        wait.until(d -> d.findElements(By.cssSelector(".perf-chart[data-drawn] svg path")).size() >= charts && charts > 0);
        return charts;
    }

    @Test
    void every_measure_chart_draws_its_values_and_target_in_both_languages() {
        for (String page : List.of("/performance/delitos-nuevo-leon", "/performance/accidentes-nuevo-leon?lang=en",
                "/performance/delitos-por-100-mil?member=Nuevo%20Le%C3%B3n")) {
            int charts = drawn(page);
            assertThat(charts).as(page).isGreaterThanOrEqualTo(1);
            for (var chart : browser.findElements(By.cssSelector(".perf-chart"))) {
                String id = chart.getAttribute("id");
                Object values = browser.executeScript("return JSON.parse(document.querySelector('script[data-chart=\"' + arguments[0] + '\"]')"
                        + ".textContent).values.filter(v => v !== null).length;", id);
                Object paths = browser.executeScript("return document.querySelectorAll('#' + arguments[0] + ' svg path').length;", id);
                // a line per series, a symbol per value at least
                assertThat(((Number) paths).longValue()).as(page + " " + id).isGreaterThan(((Number) values).longValue());
                boolean target = Boolean.TRUE.equals(browser.executeScript("return JSON.parse(document.querySelector('script[data-chart=\"'"
                        + " + arguments[0] + '\"]').textContent).target.some(v => v !== null);", id));
                String text = (String) browser.executeScript("return document.getElementById(arguments[0]).textContent;", id);
                if (target) assertThat(text).as("the legend names the target").containsAnyOf("Target", "Meta");
            }
        }
        browser.get(portal.url("/performance"));
        assertThat(browser.findElements(By.cssSelector("li.perf-card svg.sparkline path.line"))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void the_pages_have_no_serious_or_critical_axe_violations() throws Exception {
        List<String> serious = new ArrayList<>();
        String open = "document.querySelectorAll('details').forEach(d => d.open = true)";
        for (String page : PAGES) serious.addAll(Chromium.seriousAxeViolations(browser, portal.url(page), page, open));
        serious.addAll(Chromium.seriousAxeViolations(browser, portal.url("/embed/performance/delitos-nuevo-leon?lang=en"), "embed", open));
        assertThat(serious).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void a_phone_390_pixels_wide_shows_the_pages_without_sideways_scrolling() {
        List<String> overflowing = new ArrayList<>();
        for (String page : PAGES) {
            String overflow = Chromium.horizontalOverflow(browser, portal.url(page), 390, page.startsWith("/performance/") ? ".perf-chart[data-drawn]" : null);
            if (!overflow.isEmpty()) overflowing.add(page + ": " + overflow);
        }
        assertThat(overflowing).as("pages wider than a 390 px screen").isEmpty();
    }

    @Test
    void the_embed_draws_in_an_iframe_and_the_goal_page_refuses_frames() {
        browser.get(portal.url("/dataset/accidentes-carreteros"));
        browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                for (const [id, src] of [['embedded', arguments[0]], ['refused', arguments[1]]]) {
                  const f = document.createElement('iframe');
                  f.id = id; f.src = src; f.width = 700; f.height = 600; f.title = id;
                  document.body.appendChild(f);
                }
                setTimeout(done, 100);
                """, "/embed/performance/accidentes-nuevo-leon", "/performance/accidentes-nuevo-leon");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(browser.executeScript(
                "const d = document.getElementById('embedded').contentDocument; return !!(d && d.querySelector('.perf-chart[data-drawn] svg path'));")));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(browser.executeScript(
                "const d = document.getElementById('refused').contentDocument; return d === null || d.readyState === 'complete';")));
        Object refused = browser.executeScript("const d = document.getElementById('refused').contentDocument;"
                + " return d === null || d.querySelector('.perf-chart') === null;");
        assertThat(refused).as("the goal page is not shown in a frame").isEqualTo(true);
    }
}
