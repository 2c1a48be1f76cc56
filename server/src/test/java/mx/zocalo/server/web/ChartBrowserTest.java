package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Charts in a real headless Chromium: each kind draws (SVG shapes in the chart), the keyboard steps through its
 * values, PNG and SVG are made, the embed draws inside an {@code <iframe>} of another page while the chart page
 * refuses to be framed, axe-core finds nothing serious, and a phone 390 pixels wide needs no sideways scroll.
 */
class ChartBrowserTest {
    @TempDir
    static Path profile;
    static TestPortal portal;
    static ChromeDriver browser;

    static final String CP = "/dataset/cuenta-publica/chart";
    static final Map<String, String> CHARTS = new LinkedHashMap<>();

    static {
        CHARTS.put("bar", CP + "?eq.ejercicio_fiscal=2023&eq.etapa_presupuestal=Aprobado&group=ramo&agg=sum&of=monto_total");
        CHARTS.put("line", "/dataset/incidencia-delictiva-estatal/chart?eq.anio=1997&eq.anio=2000&eq.anio=2001&group=anio&agg=sum&of=incidencias_anio");
        CHARTS.put("pie", CP + "?group=etapa_presupuestal&type=pie");
        CHARTS.put("treemap", CP + "?eq.ejercicio_fiscal=2023&group=ramo&group=etapa_presupuestal&agg=sum&of=monto_total&type=treemap");
        CHARTS.put("scatter", "/dataset/localidades-nuevo-leon/chart?type=scatter&x=poblacion_total&y=hogares");
        CHARTS.put("stacked", CP + "?group=ejercicio_fiscal&group=etapa_presupuestal&agg=sum&of=monto_total&lang=en");
    }

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

    /** Opens a chart and waits until it is drawn; the number of SVG shapes in it. */
    static long drawn(String path) {
        browser.get(portal.url(path));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("#chart[data-drawn]")).size() == 1);
        return (Long) browser.executeScript("return document.querySelectorAll('#chart svg path, #chart svg rect').length;");
    }

    @Test
    void every_kind_of_chart_draws_in_svg() {
        Map<String, Long> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : CHARTS.entrySet()) shapes.put(e.getKey(), drawn(e.getValue()));
        assertThat(shapes).allSatisfy((k, n) -> assertThat(n).as(k + " shapes").isGreaterThan(3));
        // a bar per branch at least
        long bars = drawn(CHARTS.get("bar"));
        long branches = (Long) browser.executeScript("return JSON.parse(document.getElementById('chart-spec').textContent).categories.length;");
        assertThat(bars).isGreaterThanOrEqualTo(branches);
    }

    @Test
    void the_keyboard_reaches_the_values_and_the_tooltip() {
        drawn(CHARTS.get("bar") + "&lang=en");
        WebElement chart = browser.findElement(By.id("chart"));
        WebElement active = browser.switchTo().activeElement();
        for (int i = 0; i < 200 && !active.equals(chart); i++) {
            active.sendKeys(Keys.TAB);
            active = browser.switchTo().activeElement();
        }
        assertThat(active).as("the chart reached with Tab").isEqualTo(chart);
        chart.sendKeys(Keys.ARROW_RIGHT);
        String first = (String) browser.executeScript("return JSON.parse(document.getElementById('chart-spec').textContent).categories[1];");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> browser.findElement(By.id("chart-live")).getAttribute("textContent").startsWith(first + ": $"));
        Object tip = browser.executeScript("const t = [...document.querySelectorAll('#chart div')].find(d => d.style.display !== 'none'"
                + " && d.textContent.includes(arguments[0])); return t ? t.textContent : null;", first);
        assertThat(tip).as("the tooltip of the value").isNotNull();
    }

    @Test
    void png_and_svg_downloads_are_made_from_the_chart() {
        drawn(CHARTS.get("treemap") + "&lang=es");
        browser.executeScript("window.saved = []; HTMLAnchorElement.prototype.click = function () { saved.push([this.download, this.href]); };");
        browser.findElement(By.id("chart-png")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ((Number) browser.executeScript("return saved.length;")).intValue() == 1);
        browser.findElement(By.id("chart-svg")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> ((Number) browser.executeScript("return saved.length;")).intValue() == 2);
        @SuppressWarnings("unchecked")
        List<List<String>> saved = (List<List<String>>) browser.executeScript("return saved;");
        assertThat(saved).hasSize(2);
        assertThat(saved.get(0).get(0)).isEqualTo("cuenta-publica-treemap.png");
        assertThat(saved.get(0).get(1)).startsWith("data:image/png;base64,").hasSizeGreaterThan(5000);
        assertThat(saved.get(1).get(0)).isEqualTo("cuenta-publica-treemap.svg");
        String svg = (String) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " fetch(saved[1][1]).then(r => r.text()).then(done);");
        assertThat(svg).startsWith("<svg").contains("Fuente: Cuenta Pública");
        // drawn to the end: the largest part's name is not still fading in
        assertThat(svg).containsPattern("<text(?![^>]*fill-opacity=\"0\")[^>]*>Participaciones a Entidades");
    }

    @Test
    void the_embed_draws_in_an_iframe_and_the_chart_page_refuses_frames() {
        browser.get(portal.url("/dataset/cuenta-publica"));
        String embed = "/embed" + CHARTS.get("pie");
        browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                for (const [id, src] of [['embedded', arguments[0]], ['refused', arguments[1]]]) {
                  const f = document.createElement('iframe');
                  f.id = id; f.src = src; f.width = 600; f.height = 500; f.title = id;
                  document.body.appendChild(f);
                }
                setTimeout(done, 100);
                """, embed, CHARTS.get("pie"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(browser.executeScript(
                "const d = document.getElementById('embedded').contentDocument; return !!(d && d.querySelector('#chart[data-drawn] svg path'));")));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(browser.executeScript(
                "const d = document.getElementById('refused').contentDocument; return d === null || d.readyState === 'complete';")));
        Object refused = browser.executeScript("const d = document.getElementById('refused').contentDocument;"
                + " return d === null || d.getElementById('chart-summary') === null;");
        assertThat(refused).as("the chart page is not shown in a frame").isEqualTo(true);
    }

    @Test
    void chart_pages_have_no_serious_or_critical_axe_violations() throws Exception {
        List<String> serious = new ArrayList<>();
        String open = "document.querySelectorAll('details').forEach(d => d.open = true)";
        for (Map.Entry<String, String> e : CHARTS.entrySet()) {
            drawn(e.getValue());
            serious.addAll(Chromium.seriousAxeViolations(browser, portal.url(e.getValue()), e.getKey(), open));
        }
        serious.addAll(Chromium.seriousAxeViolations(browser, portal.url("/embed" + CHARTS.get("bar")), "embed", open));
        serious.addAll(Chromium.seriousAxeViolations(browser, portal.url(CP + "?group=ramo&type=pie"), "pie of too many parts"));
        assertThat(serious).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void charts_fit_a_phone_390_pixels_wide() {
        List<String> overflowing = new ArrayList<>();
        for (String kind : List.of("bar", "line", "treemap", "scatter")) {
            String overflow = Chromium.horizontalOverflow(browser, portal.url(CHARTS.get(kind)), 390, "#chart[data-drawn]");
            if (!overflow.isEmpty()) overflowing.add(kind + ": " + overflow);
        }
        assertThat(overflowing).as("pages wider than a 390 px screen").isEmpty();
    }
}
