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
 * The money story and the dataset page with its views in a real headless Chromium: the three charts draw (SVG with
 * shapes), the treemap drills down on a click, axe-core finds nothing serious (with the data tables open too), and a
 * phone 390 pixels wide shows it without scrolling sideways.
 */
class StoryBrowserTest {
    @TempDir
    static Path profile;
    static TestPortal portal;
    static ChromeDriver browser;
    static final String STORY = "/dataset/cuenta-publica/story";

    @BeforeAll
    static void start() {
        assumeTrue(Chromium.installed(), "no Chromium and chromedriver in /usr/bin");
        assumeTrue(Files.isDirectory(BundledPortal.MAPPINGS), "no ../mappings folder");
        portal = BundledPortal.get();
        browser = Chromium.start(profile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
    }

    @Test
    void the_three_panels_draw_their_charts_and_the_treemap_drills_down() {
        browser.get(portal.url(STORY + "?lang=en&eq.ejercicio_fiscal=2019&eq.etapa_presupuestal=Aprobado"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        for (String kind : List.of("share", "change", "trend")) {
            wait.until(d -> shapes(kind) > 10);
            assertThat(shapes(kind)).as(kind + ": SVG shapes drawn").isGreaterThan(10);
        }
        // the public bodies first, then the branches of the one clicked
        // a click on the largest block (Ramos Generales, at the left) shows its branches
        var chart = browser.findElement(By.id("chart-share"));
        int w = chart.getRect().getWidth();
        int h = chart.getRect().getHeight();
        new org.openqa.selenium.interactions.Actions(browser).scrollToElement(chart)
                .moveToElement(chart, -w / 2 + w / 5, -h / 2 + h / 3).click().perform();
        wait.until(d -> ((String) browser.executeScript("return document.getElementById('chart-share').textContent"))
                .contains("Aportaciones Federales para Entidades Federativas y Municipios"));
        String text = (String) browser.executeScript("return document.getElementById('chart-share').textContent");
        assertThat(text).as("the branches of Ramos Generales, drawn after the click").contains("Deuda Pública");
    }

    @Test
    void the_story_and_the_dataset_page_have_no_serious_axe_violations() throws Exception {
        List<String> serious = new ArrayList<>();
        for (String page : List.of(STORY, STORY + "?lang=en&eq.ejercicio_fiscal=2015", "/dataset/cuenta-publica?lang=en",
                "/dataset/accidentes-carreteros")) {
            serious.addAll(Chromium.seriousAxeViolations(browser, portal.url(page), page));
        }
        serious.addAll(Chromium.seriousAxeViolations(browser, portal.url(STORY + "?lang=en"), "story, tables open",
                "document.querySelectorAll('details').forEach(d => d.open = true)"));
        assertThat(serious).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void a_phone_390_pixels_wide_shows_the_story_without_sideways_scrolling() {
        for (String page : List.of(STORY, "/dataset/cuenta-publica")) {
            assertThat(Chromium.horizontalOverflow(browser, portal.url(page), 390)).as(page).isEmpty();
        }
    }

    private static long shapes(String kind) {
        Object n = browser.executeScript("return document.querySelectorAll('#chart-' + arguments[0] + ' svg path, #chart-'"
                + " + arguments[0] + ' svg rect').length", kind);
        return ((Number) n).longValue();
    }
}
