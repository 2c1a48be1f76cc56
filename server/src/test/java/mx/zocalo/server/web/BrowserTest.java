package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.ArrayList;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The pages in a real headless Chromium: rendering, language switch, axe-core accessibility checks, keyboard use. */
class BrowserTest {

    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    static TestPortal portal;
    static org.openqa.selenium.chrome.ChromeDriver browser;

    @BeforeAll
    static void start() {
        assumeTrue(Chromium.installed(), "no Chromium and chromedriver in /usr/bin");
        portal = new TestPortal(data);
        portal.publisher.publish(TestPortal.FIXTURE, false);
        // a resource with more values of one property than a page shows, for the value pager
        org.apache.jena.graph.Node list = org.apache.jena.graph.NodeFactory.createURI(TestPortal.BASE + "id/pagos-prueba/lista");
        org.apache.jena.graph.Node valor = org.apache.jena.graph.NodeFactory.createURI(TestPortal.BASE + "def/zocalo#valor");
        portal.store.write(dsg -> {
            for (int i = 1; i <= 120; i++) {
                dsg.add(portal.iris.datasetGraph("pagos-prueba"), list, valor, org.apache.jena.graph.NodeFactory.createLiteralString("v" + i));
            }
        });
        browser = Chromium.start(profile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (portal != null) portal.close();
    }

    @BeforeEach
    void forgetLanguageChoice() {
        browser.get(portal.url("/static/zocalo.css"));
        browser.manage().deleteAllCookies();
        // and what the workbench's editor keeps (the last query and its results), so each test starts from nothing
        browser.executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
    }

    @Test
    void home_page_renders_title_and_dataset_list_in_a_browser() {
        browser.get(portal.url("/"));
        assertThat(browser.getTitle()).contains("Zócalo");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Datos abiertos");
        List<WebElement> datasets = browser.findElements(By.cssSelector("ul.datasets li.dataset h3 a"));
        assertThat(datasets).extracting(WebElement::getText).contains("Pagos a proveedores (prueba)");
    }

    @Test
    void language_switch_and_dataset_link_work_in_a_browser() {
        browser.get(portal.url("/"));
        browser.findElement(By.cssSelector("a.lang-switch")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("lang=en"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        browser.findElement(By.linkText("Payments to suppliers (test)")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/dataset/pagos-prueba"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Payments to suppliers (test)");
        assertThat(browser.findElements(By.cssSelector("table.preview tbody tr"))).hasSize(4);
    }

    /** Pages checked with axe-core: home, a dataset, a resource, an incoming-links resource, the SPARQL page, a 404, a class's list. */
    static final List<String> AXE_PAGES = List.of("/", "/dataset/pagos-prueba", "/id/pagos-prueba/pago/1",
            "/def/zocalo", "/catalog", "/sparql", "/id/no-existe", "/?lang=en", "/id/pagos-prueba/pago/1?lang=en",
            "/id/pagos-prueba/lista?values=" + TestPortal.enc(TestPortal.BASE + "def/zocalo#valor") + "&values_page=2",
            "/dataset/pagos-prueba/browse?class=" + TestPortal.enc(TestPortal.BASE + "def/zocalo#Pago"));

    @Test
    void pages_have_no_serious_or_critical_axe_violations() throws Exception {
        List<String> serious = new ArrayList<>();
        for (String page : AXE_PAGES) {
            serious.addAll(Chromium.seriousAxeViolations(browser, portal.url(page), page));
        }
        assertThat(serious).as("serious or critical axe-core violations").isEmpty();
    }

    static final String PAGO = TestPortal.BASE + "def/zocalo#Pago";

    /** One page of each kind: home, catalog, dataset, resource, vocabulary, a class's list, SPARQL workbench, 404. */
    static final List<String> PHONE_PAGES = List.of("/", "/catalog", "/dataset/pagos-prueba", "/dataset/pagos-prueba?lang=en",
            "/id/pagos-prueba/pago/1", "/def/zocalo", "/dataset/pagos-prueba/browse?class=" + TestPortal.enc(PAGO), "/sparql",
            "/id/no-existe", "/id/pagos-prueba/lista?values=" + TestPortal.enc(TestPortal.BASE + "def/zocalo#valor") + "&values_page=2");

    @Test
    void no_page_scrolls_sideways_on_a_phone_390_pixels_wide() {
        List<String> overflowing = new ArrayList<>();
        for (String page : PHONE_PAGES) {
            String overflow = Chromium.horizontalOverflow(browser, portal.url(page), 390);
            if (!overflow.isEmpty()) overflowing.add(page + ": " + overflow);
        }
        // the workbench with a wide result table, once the editor has run the query
        String results = Chromium.horizontalOverflow(browser,
                portal.url("/sparql?query=" + TestPortal.enc("SELECT * WHERE { ?s ?p ?o } LIMIT 5")), 390, ".yasr_results table tbody tr");
        if (!results.isEmpty()) overflowing.add("/sparql?query=...: " + results);
        assertThat(overflowing).as("pages wider than a 390 px screen").isEmpty();
    }

    @Test
    void the_preview_scrolls_inside_its_box_with_the_first_column_fixed() {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", false));
        try {
            browser.get(portal.url("/dataset/pagos-prueba"));
            WebElement box = browser.findElement(By.cssSelector(".table-scroll"));
            assertThat(box.getAttribute("tabindex")).isEqualTo("0"); // reachable with the keyboard
            assertThat(box.getAttribute("role")).isEqualTo("region");
            JavascriptExecutor js = browser;
            Number inside = (Number) js.executeScript("return arguments[0].scrollWidth - arguments[0].clientWidth", box);
            assertThat(inside.intValue()).as("the table is wider than its box").isPositive();
            WebElement first = browser.findElement(By.cssSelector("table.preview tbody tr:first-child > :first-child"));
            WebElement second = browser.findElement(By.cssSelector("table.preview tbody tr:first-child > :nth-child(2)"));
            Number firstLeft = (Number) js.executeScript("return arguments[0].getBoundingClientRect().left", first);
            Number secondLeft = (Number) js.executeScript("return arguments[0].getBoundingClientRect().left", second);
            js.executeScript("arguments[0].scrollLeft = arguments[0].scrollWidth", box);
            Number firstAfter = (Number) js.executeScript("return arguments[0].getBoundingClientRect().left", first);
            Number secondAfter = (Number) js.executeScript("return arguments[0].getBoundingClientRect().left", second);
            assertThat(firstAfter.doubleValue()).as("the first column stays").isCloseTo(firstLeft.doubleValue(), org.assertj.core.data.Offset.offset(1.0));
            assertThat(secondAfter.doubleValue()).as("the others scroll").isLessThan(secondLeft.doubleValue() - 10);
            Number pageScroll = (Number) js.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(pageScroll.intValue()).as("the page itself does not scroll sideways").isLessThanOrEqualTo(0);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }

    @Test
    void a_preview_row_leads_to_the_resource_it_became() {
        browser.get(portal.url("/dataset/pagos-prueba"));
        WebElement link = browser.findElement(By.cssSelector("table.preview tbody tr:first-child th a"));
        String label = link.getText();
        String concept = browser.findElement(By.cssSelector("table.preview tbody tr:first-child td:nth-of-type(3)")).getText();
        assertThat(label).isEqualTo(concept);
        link.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/id/pagos-prueba/pago/"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(concept);
    }

    @Test
    void the_metadata_quality_block_is_folded_until_opened() {
        browser.get(portal.url("/dataset/pagos-prueba"));
        WebElement table = browser.findElement(By.cssSelector("table.quality"));
        assertThat(table.isDisplayed()).isFalse();
        browser.findElement(By.cssSelector("section.quality summary")).click();
        assertThat(table.isDisplayed()).isTrue();
    }

    @Test
    void keyboard_reaches_the_skip_link_first_and_then_the_main_content_links() {
        browser.get(portal.url("/id/pagos-prueba/pago/1"));
        WebElement body = browser.findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB);
        WebElement first = browser.switchTo().activeElement();
        assertThat(first.getAttribute("class")).contains("skip");
        assertThat(first.isDisplayed()).isTrue();
        assertThat(first.getCssValue("outline-style")).isNotEqualTo("none"); // a visible focus
        first.sendKeys(Keys.ENTER);
        // after the skip link, the next Tab lands on a link inside <main>
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement next = browser.switchTo().activeElement();
        Object inMain = ((JavascriptExecutor) browser).executeScript(
                "return document.activeElement.closest('main') !== null", next);
        assertThat(inMain).isEqualTo(true);
        assertThat(next.getTagName()).isEqualTo("a");
        // and Tab keeps going through the links of the page's content
        int inContent = 0;
        for (int i = 0; i < 8; i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            if (Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript("return document.activeElement.closest('main') !== null"))) inContent++;
        }
        assertThat(inContent).isGreaterThanOrEqualTo(5);
    }
}
