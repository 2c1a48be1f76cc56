package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.publish.Upload;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code /publish} wizard in a real Chromium, signed in as an editor: upload a real workbook, correct the
 * header row, fill the fields watching the quality score rise, publish, edit, unpublish; axe-core on every step and
 * screenshots at 1280 and 390 px in {@code target/screenshots/}. Signed in through {@code /login}.
 */
class PublishBrowserTest {
    static final Path XLSX = Path.of("/work/shared/data/crime-municipal-2011-2014/siha_2_2_4_9_dic_2015.xlsx").toAbsolutePath();
    static final Path SHOTS = Path.of("target/screenshots");
    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    static PublishClient portal;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        assumeTrue(Chromium.installed(), "no Chromium and chromedriver in /usr/bin");
        portal = new PublishClient(data, Upload.Limits.defaults());
        browser = Chromium.start(profile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (portal != null) portal.close();
    }

    @Test
    void an_editor_publishes_edits_and_unpublishes_a_workbook_from_the_browser() throws Exception {
        List<String> serious = new ArrayList<>();
        // signed in for real, through the sign-in form
        browser.get(portal.url("/login"));
        browser.findElement(By.id("login-email")).sendKeys(PublishClient.EDITOR_EMAIL);
        browser.findElement(By.id("login-password")).sendKeys(PublishClient.PASSWORD);
        browser.findElement(By.xpath("//input[@id='login-email']/ancestor::form//button[@type='submit']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));

        // 1: upload, from the header's link
        clickAndLoad("header nav a[href='/publish']", "form.publish");
        serious.addAll(Chromium.seriousAxeViolations(browser, portal.url("/publish"), "publish-upload"));
        shoot("1-upload");
        browser.findElement(By.id("file")).sendKeys(XLSX.toString());
        clickAndLoad("form.publish button[type=submit]", "#read-heading");
        // 2: what was read; correct the header row
        assertThat(browser.getCurrentUrl()).matches(".*/publish/[0-9a-f]{32}");
        assertThat(text(".preview-facts")).contains("siha_2_2_4_9_dic_2015.xlsx");
        assertThat(text("table.preview-columns")).contains("Clave");
        // a wrong header row, read again: other columns; then back to the one found
        WebElement header = browser.findElement(By.id("headerRow"));
        header.clear();
        header.sendKeys("5");
        clickAndLoad("form.publish-correct button", "#read-heading");
        assertThat(browser.getCurrentUrl()).contains("headerRow=5");
        assertThat(text(".preview-facts")).contains("5");
        assertThat(text("table.preview-columns")).doesNotContain("Clave");
        header = browser.findElement(By.id("headerRow"));
        header.clear();
        clickAndLoad("form.publish-correct button", "#read-heading");
        assertThat(text("table.preview-columns")).contains("Clave");
        // the columns: a number column made text, and labels in Spanish and English
        String changed = null;
        for (WebElement row : browser.findElements(By.cssSelector("table.correct-columns tbody tr"))) {
            Select type = new Select(row.findElement(By.name("ctype")));
            if (changed == null && type.getFirstSelectedOption().getAttribute("value").equals("integer")) {
                changed = row.findElement(By.tagName("th")).getText().strip();
                type.selectByValue("string");
                WebElement es = row.findElement(By.name("ces"));
                assertThat(es.getAttribute("value")).isEqualTo(changed); // prefilled with the header
                es.clear();
                es.sendKeys("Total corregido");
                row.findElement(By.name("cen")).sendKeys("Corrected total");
            }
        }
        assertThat(changed).as("a column read as integer").isNotNull();
        clickAndLoad("form.publish-correct button", "#read-heading");
        assertThat(browser.getCurrentUrl()).contains("ctype=string");
        WebElement changedRow = browser.findElement(By.xpath("//table[@class='correct-columns']//tr[th[normalize-space()='" + changed + "']]"));
        assertThat(new Select(changedRow.findElement(By.name("ctype"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("string");
        assertThat(changedRow.findElement(By.name("ces")).getAttribute("value")).isEqualTo("Total corregido");
        assertThat(changedRow.findElement(By.name("cen")).getAttribute("value")).isEqualTo("Corrected total");
        WebElement previewRow = browser.findElement(By.xpath("//table[contains(@class,'preview-columns')]//tr[th[normalize-space()='" + changed + "']]"));
        assertThat(previewRow.getText()).contains("string");
        serious.addAll(Chromium.seriousAxeViolations(browser, browser.getCurrentUrl(), "publish-read"));
        shoot("2-read");
        clickAndLoad(".publish-next a", "#score-heading");

        // 3: the fields, the score rising as they are filled
        serious.addAll(Chromium.seriousAxeViolations(browser, browser.getCurrentUrl(), "publish-metadata"));
        int before = Integer.parseInt(text("#score-points"));
        WebElement slug = browser.findElement(By.id("slug"));
        slug.clear();
        slug.sendKeys("delitos-web");
        browser.findElement(By.id("title_es")).sendKeys("Delitos por municipio, 2011–2014");
        browser.findElement(By.id("title_en")).sendKeys("Crime by municipality, 2011–2014");
        browser.findElement(By.id("description_es")).sendKeys("Delitos del fuero común por municipio.");
        browser.findElement(By.id("keywords_es")).sendKeys("delitos, municipios");
        browser.findElement(By.cssSelector("input[name=themes][value=JUST]")).click();
        new Select(browser.findElement(By.id("license"))).selectByIndex(1);
        browser.findElement(By.id("contact_email")).sendKeys("datos@hacienda.example.mx");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> Integer.parseInt(text("#score-points")) > before);
        int after = Integer.parseInt(text("#score-points"));
        assertThat(after).isGreaterThan(before);
        shoot("3-metadata");
        clickAndLoad("form.publish-metadata button[type=submit]", "#report-rows");

        // 4: the report
        long rows = Long.parseLong(text("#report-rows").replace(",", "").replace(" ", ""));
        assertThat(rows).isEqualTo(PoiRows.dataRows(XLSX));
        serious.addAll(axeHere("publish-report"));
        shoot("4-report");
        browser.findElement(By.cssSelector("a.button")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Delitos por municipio");
        String yaml = Files.readString(data.resolve("sources/delitos-web/dataset.yaml"));
        assertThat(yaml).contains("columns:").contains("Total corregido").contains("Corrected total").contains("string");
        assertThat(portal.get("/dataset/delitos-web/explore", "text/html").body()).contains("Total corregido");

        // edit: a new title and a note
        serious.addAll(Chromium.seriousAxeViolations(browser, portal.url("/dataset/delitos-web/edit"), "publish-edit"));
        shoot("5-edit");
        WebElement title = browser.findElement(By.id("title_es"));
        assertThat(title.getAttribute("value")).isEqualTo("Delitos por municipio, 2011–2014");
        title.clear();
        title.sendKeys("Delitos municipales (corregido)");
        browser.findElement(By.id("note")).sendKeys("título corregido");
        clickAndLoad("form.publish-metadata button[type=submit]", "#report-rows");
        browser.get(portal.url("/dataset/delitos-web"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Delitos municipales (corregido)");

        // unpublish, confirmed
        browser.get(portal.url("/dataset/delitos-web/edit"));
        browser.findElement(By.cssSelector("#unpublish input[name=confirm]")).click();
        browser.findElement(By.cssSelector("#unpublish button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().endsWith("/dataset/delitos-web"));
        assertThat(portal.get("/dataset/delitos-web", "text/html").statusCode()).isEqualTo(410);
        shoot("6-unpublished");

        assertThat(serious).as("serious or critical axe-core violations").isEmpty();
    }

    /**
     * Clicks and waits for the next page: the old one gone first (a form that posts to the page it is on has the awaited
     * element before the new page comes), then {@code awaited} there. The old page is told apart by a mark set on its
     * document before the click, read by script: asking the driver about an element of a page being replaced fails in
     * more ways than one (stale element, or "node does not belong to the document").
     */
    private static void clickAndLoad(String css, String awaited) {
        browser.executeScript("document.documentElement.setAttribute('data-test-old-page', '1')");
        browser.findElement(By.cssSelector(css)).click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> ((JavascriptExecutor) d).executeScript(
                        "return document.readyState !== 'loading' && !document.documentElement.hasAttribute('data-test-old-page')").equals(Boolean.TRUE));
        waitFor(awaited);
    }

    private static void waitFor(String css) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    /** Full-page screenshots of the current page at 1280 and 390 CSS pixels wide. */
    private static void shoot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        for (int width : new int[] {1280, 390}) {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
            Object png = browser.executeCdpCommand("Page.captureScreenshot", Map.of("captureBeyondViewport", true, "format", "png")).get("data");
            Files.write(SHOTS.resolve("publish-" + name + "-" + width + ".png"), Base64.getDecoder().decode((String) png));
        }
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** axe-core on the page as it is (a page that answered a POST). */
    private static List<String> axeHere(String label) throws Exception {
        String axe;
        try (var in = Chromium.class.getResourceAsStream("/axe/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JavascriptExecutor js = browser;
        js.executeScript(axe);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact}))));
                """);
        List<String> serious = new ArrayList<>();
        for (Map<String, Object> v : violations) {
            System.out.printf("axe %s: %s [%s]%n", label, v.get("id"), v.get("impact"));
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) serious.add(label + " " + v.get("id"));
        }
        return serious;
    }
}
