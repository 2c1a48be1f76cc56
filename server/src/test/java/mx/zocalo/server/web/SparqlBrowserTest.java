package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The SPARQL workbench (YASGUI, served by the portal) in a real headless Chromium. */
class SparqlBrowserTest {
    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    static TestPortal portal;
    /** Results cut at 2 rows. */
    static TestPortal limited;
    static WebDriver browser;

    @BeforeAll
    static void start() {
        assumeTrue(Chromium.installed(), "no Chromium and chromedriver in /usr/bin");
        portal = new TestPortal(data);
        portal.publisher.publish(TestPortal.FIXTURE, false);
        limited = new TestPortal(data.resolve("limited"), SparqlLimits.defaults().withMaxRows(2));
        limited.publisher.publish(TestPortal.FIXTURE, false);
        browser = Chromium.start(profile, "--window-size=1280,1600");
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (portal != null) portal.close();
        if (limited != null) limited.close();
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    /** The query in YASGUI's editor. */
    static String editorText() {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelector('#yasgui .CodeMirror').CodeMirror.getValue()");
    }

    /** The rows of the result table YASR draws, once one holds {@code text}. */
    static List<WebElement> resultRowsWith(String text) {
        return waiting().until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector(".yasr table tbody tr"));
            return rows.stream().anyMatch(r -> r.getText().contains(text)) ? rows : null;
        });
    }

    @Test
    void workbench_shows_the_editor_and_runs_an_example_into_a_result_table() {
        browser.get(portal.url("/sparql"));
        ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
        browser.navigate().refresh();
        assertThat(browser.getTitle()).contains("SPARQL");
        WebElement editor = waiting().until(d -> d.findElements(By.cssSelector("#yasgui .CodeMirror")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(editor.isDisplayed()).isTrue();
        // the plain form is for browsers without scripts
        assertThat(browser.findElement(By.cssSelector("form.sparql")).isDisplayed()).isFalse();
        WebElement example = browser.findElement(By.linkText("Tabla de zocalo:Pago con sus propiedades"));
        example.click();
        List<WebElement> rows = resultRowsWith("Papel para oficina");
        assertThat(rows).hasSize(4);
        String text = editorText();
        assertThat(text).contains("zocalo:Pago");
    }

    @Test
    void a_shared_link_opens_the_editor_with_its_query_and_shows_the_results() {
        String q = "PREFIX zocalo: <" + TestPortal.BASE + "def/zocalo#>\nSELECT ?proveedor WHERE { ?proveedor a zocalo:Proveedor } ORDER BY ?proveedor";
        browser.get(portal.url("/sparql?query=" + TestPortal.enc(q)));
        List<WebElement> rows = resultRowsWith("proveedor");
        assertThat(rows).hasSize(3);
        String text = editorText();
        assertThat(text).contains("zocalo:Proveedor");
    }

    @Test
    void a_result_cut_at_the_row_limit_says_so_in_the_editor() {
        String q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }";
        browser.get(limited.url("/sparql?query=" + TestPortal.enc(q)));
        assertThat(resultRowsWith("http")).hasSize(2);
        WebElement notice = waiting().until(d -> d.findElements(By.cssSelector("#yasgui .truncated-notice")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(notice.getText()).contains("2");
    }

    @Test
    void a_syntax_error_shows_in_the_editor_as_a_message_in_spanish_and_the_line_with_a_caret() {
        String q = "SELECT ?s\nWHERE {\n  ?s ?p }";
        browser.get(portal.url("/sparql?query=" + TestPortal.enc(q)));
        WebElement error = waiting().until(d -> d.findElements(By.cssSelector("#yasgui .zocalo-error")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(error.getText()).contains("Error de sintaxis en la línea 3, columna 9: no se esperaba '}'")
                .doesNotContain("\"error\"", "Was expecting");
        String excerpt = error.findElement(By.tagName("pre")).getText();
        List<String> lines = excerpt.lines().toList();
        assertThat(lines.get(0)).endsWith("| " + "  ?s ?p }");
        assertThat(lines.get(1).indexOf('^')).isEqualTo(lines.get(0).indexOf('}'));
    }
}
