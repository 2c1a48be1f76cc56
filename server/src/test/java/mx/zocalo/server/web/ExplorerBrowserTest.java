package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer in a real headless Chromium: axe-core on its views (plain, filtered, grouped, English, an error), a
 * phone 390 pixels wide, the keyboard alone, and the form working with script turned off.
 */
class ExplorerBrowserTest {
    @TempDir
    static Path profile;
    @TempDir
    static Path noScriptProfile;
    static TestPortal portal;
    static ChromeDriver browser;

    static final String CP = "/dataset/cuenta-publica/explore";
    static final String IDE = "/dataset/incidencia-delictiva-estatal/explore";
    static final List<String> PAGES = List.of(CP, IDE, IDE + "?eq.anio=2014&has.modalidad=robo&sort=-incidencias_anio",
            CP + "?group=ejercicio_fiscal&group=etapa_presupuestal&agg=sum&of=monto_total", IDE + "?lang=en&page=3&size=25",
            "/dataset/localidades-nuevo-leon/explore?eq.municipio=Monterrey", IDE + "?eq.nada=1",
            // the chart offers: every type with a pie, a pie refused with its word, a scatter of rows; months by name
            CP + "?group=etapa_presupuestal&agg=sum&of=monto_total", CP + "?group=ramo&agg=sum&of=monto_total&lang=en",
            "/dataset/localidades-nuevo-leon/explore?show=label&show=hogares&show=poblacion_total",
            "/dataset/accidentes-carreteros/explore?group=mes&agg=sum&of=accidentes&sort=mes");

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

    @BeforeEach
    void forgetLanguageChoice() {
        browser.get(portal.url("/static/zocalo.css"));
        browser.manage().deleteAllCookies();
    }

    @Test
    void explorer_views_have_no_serious_or_critical_axe_violations() throws Exception {
        List<String> serious = new ArrayList<>();
        for (String page : PAGES) serious.addAll(Chromium.seriousAxeViolations(browser, portal.url(page), page));
        // with the filters open, too
        String open = CP + "?eq.etapa_presupuestal=Aprobado";
        serious.addAll(Chromium.seriousAxeViolations(browser, portal.url(open), open + " (every filter open)",
                "document.querySelectorAll('details').forEach(d => d.open = true)"));
        assertThat(serious).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void explorer_views_fit_a_phone_390_pixels_wide_the_table_scrolling_in_its_box() {
        List<String> overflowing = new ArrayList<>();
        for (String page : PAGES) {
            String overflow = Chromium.horizontalOverflow(browser, portal.url(page), 390);
            if (!overflow.isEmpty()) overflowing.add(page + ": " + overflow);
        }
        assertThat(overflowing).as("pages wider than a 390 px screen").isEmpty();
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", false));
        try {
            browser.get(portal.url(IDE));
            WebElement scroll = browser.findElement(By.cssSelector(".table-scroll"));
            Object wider = browser.executeScript("const e = arguments[0]; return e.scrollWidth > e.clientWidth && e.getBoundingClientRect().right <= 390;", scroll);
            assertThat(wider).as("the table scrolls inside its box").isEqualTo(true);
            assertThat(browser.findElement(By.id("explore-controls")).getAttribute("open")).isNull();
            // the filters, once opened, fit too
            Object width = browser.executeScript("document.querySelectorAll('details').forEach(d => d.open = true);"
                    + " return document.documentElement.scrollWidth;");
            assertThat(((Number) width).intValue()).as("page width with every filter open").isLessThanOrEqualTo(390);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void the_keyboard_alone_filters_the_table_and_sorts_it() {
        browser.get(portal.url(CP + "?lang=en"));
        WebElement summary = browser.findElement(By.cssSelector("#explore-controls > summary"));
        tabTo(summary);
        summary.sendKeys(Keys.ENTER); // opens the filters
        WebElement stage = browser.findElement(By.cssSelector("details.column-filter:has(#x-has-etapa_presupuestal) > summary"));
        tabTo(stage);
        stage.sendKeys(Keys.ENTER);
        WebElement box = browser.findElement(By.id("x-has-etapa_presupuestal"));
        tabTo(box);
        assertThat(box.getCssValue("outline-style")).isNotEqualTo("none");
        box.sendKeys("aprob", Keys.ENTER); // Enter in a field sends the form
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("has.etapa_presupuestal=aprob"));
        assertThat(browser.getCurrentUrl()).doesNotContain("eq.label=").doesNotContain("show=");
        assertThat(browser.findElement(By.id("x-summary")).getText()).matches("Rows 1–50 of [\\d,]+");
        WebElement sort = browser.findElement(By.cssSelector("table.explore thead th:nth-child(2) a"));
        tabTo(sort);
        sort.sendKeys(Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("sort="));
        assertThat(browser.findElement(By.cssSelector("table.explore thead th:nth-child(2)")).getAttribute("aria-sort")).isEqualTo("ascending");
        assertThat(browser.getCurrentUrl()).contains("has.etapa_presupuestal=aprob");
    }

    @Test
    void the_form_works_with_script_turned_off() {
        ChromeDriver noScript = Chromium.start(noScriptProfile, "--blink-settings=scriptEnabled=false");
        try {
            noScript.get(portal.url(CP + "?lang=en"));
            noScript.findElement(By.cssSelector("#explore-controls > summary")).click();
            new org.openqa.selenium.support.ui.Select(noScript.findElement(By.id("x-group-1"))).selectByValue("ejercicio_fiscal");
            new org.openqa.selenium.support.ui.Select(noScript.findElement(By.id("x-agg"))).selectByValue("sum");
            new org.openqa.selenium.support.ui.Select(noScript.findElement(By.id("x-of"))).selectByValue("monto_total");
            noScript.findElement(By.cssSelector(".explore-submit button[type=submit]")).click();
            new WebDriverWait(noScript, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("group=ejercicio_fiscal"));
            assertThat(noScript.getCurrentUrl()).endsWith(CP + "?group=ejercicio_fiscal&agg=sum&of=monto_total"); // the language stays in its cookie
            assertThat(noScript.findElement(By.id("x-summary")).getText()).isEqualTo("Groups 1–11 of 11");
            assertThat(noScript.findElements(By.cssSelector("table.explore tbody tr"))).hasSize(11);
        } finally {
            noScript.quit();
        }
    }

    private void tabTo(WebElement target) {
        WebElement active = browser.switchTo().activeElement();
        for (int i = 0; i < 400 && !active.equals(target); i++) {
            active.sendKeys(Keys.TAB);
            active = browser.switchTo().activeElement();
        }
        assertThat(active).as("reached with Tab").isEqualTo(target);
    }
}
