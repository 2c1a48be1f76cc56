package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mx.zocalo.server.submissions.SubmissionLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A citizen submits a table in a real headless Chromium, answering the question read off the page; a reviewer opens it
 * and accepts it, signed in through the real {@code /login} page; axe-core on every page of the way; screenshots at 1280 and 390 px in {@code target/screenshots}.
 */
class SubmissionBrowserTest {
    static final Path SHOTS = Path.of("target/screenshots");
    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    static SubmissionPortal portal;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        assumeTrue(Chromium.installed(), "no Chromium and chromedriver in /usr/bin");
        portal = new SubmissionPortal(data, SubmissionLimits.defaults());
        browser = Chromium.start(profile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (portal != null) portal.close();
    }

    @Test
    void a_citizen_submits_and_a_reviewer_accepts() throws Exception {
        List<String> serious = new ArrayList<>();
        Files.createDirectories(SHOTS);
        serious.addAll(Chromium.seriousAxeViolations(browser, portal.url("/submit"), "submit"));
        shoot("/submit", "submit");
        browser.get(portal.url("/submit"));
        String question = browser.findElement(By.cssSelector("form.submission .question")).getText();
        var m = java.util.regex.Pattern.compile("¿Cuánto es (\\p{L}+) más (\\p{L}+)\\?").matcher(question);
        assertThat(m.find()).as(question).isTrue();
        int answer = SubmissionPortal.ES.indexOf(m.group(1)) + SubmissionPortal.ES.indexOf(m.group(2));
        browser.findElement(By.id("file")).sendKeys(SubmissionPortal.ACCIDENTS.toAbsolutePath().toString());
        browser.findElement(By.id("title")).sendKeys("Accidentes de tránsito por entidad y mes");
        browser.findElement(By.id("description")).sendKeys("Accidentes, heridos y muertos en carreteras federales, por entidad y mes.");
        browser.findElement(By.id("source")).sendKeys("Anuario estadístico de la SCT");
        browser.findElement(By.id("name")).sendKeys("Ana Pérez");
        browser.findElement(By.id("email")).sendKeys("ana.perez@example.org");
        browser.findElement(By.id("consent")).click();
        browser.findElement(By.id("answer")).sendKeys(Integer.toString(answer));
        assertThat(browser.findElement(By.id("website")).isDisplayed()).as("the honeypot is not shown").isFalse();
        portal.clock.advance(Duration.ofSeconds(20));
        browser.findElement(By.cssSelector("form.submission button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/submit/thanks/"));
        String id = browser.findElement(By.id("reference")).getText();
        assertThat(portal.submissions.find(id)).isPresent();
        serious.addAll(Chromium.seriousAxeViolations(browser, portal.url("/submit/thanks/" + id), "thanks"));
        shoot("/submit/thanks/" + id, "submit-thanks");

        // the reviewer signs in through the /login page
        browser.get(portal.url("/login"));
        browser.findElement(By.id("login-email")).sendKeys(AccountsPortal.REVIEWER);
        browser.findElement(By.id("login-password")).sendKeys(AccountsPortal.PASSWORD);
        browser.findElement(By.cssSelector("form.account-form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/account"));
        assertThat(browser.findElement(By.cssSelector("header.site a.me")).getText()).isEqualTo("Revisora");
        serious.addAll(Chromium.seriousAxeViolations(browser, portal.url("/review"), "review"));
        shoot("/review", "review");
        serious.addAll(Chromium.seriousAxeViolations(browser, portal.url("/review/" + id), "review-submission"));
        shoot("/review/" + id, "review-submission");
        browser.get(portal.url("/review/" + id));
        assertThat(browser.findElement(By.cssSelector(".publish-preview")).getText()).contains("entidad_federativa");
        new Select(browser.findElement(By.id("organisation"))).selectByValue("movilidad"); // an organisation of the accounts database
        browser.findElement(By.id("publisher")).sendKeys("Secretaría de Movilidad");
        browser.findElement(By.cssSelector("form.accept button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.urlContains("published="));
        assertThat(browser.findElement(By.cssSelector(".review-status")).getText()).isEqualTo("Aceptado");
        browser.findElement(By.cssSelector(".decision a[href^='/dataset/']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/dataset/accidentes-de-transito-por-entidad-y-mes"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Accidentes de tránsito por entidad y mes");
        shoot("/review/" + id, "review-accepted");
        // a second one, rejected with a message to its contact
        String other = SubmissionPortal.reference(portal.submit(portal.filledForm("Tabla repetida"), SubmissionPortal.ACCIDENTS));
        browser.get(portal.url("/review/" + other));
        browser.findElement(By.id("message")).sendKeys("Gracias. Esta tabla ya está publicada: https://datos.example.mx/dataset/accidentes-carreteros");
        browser.findElement(By.cssSelector("form.reject button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".review-status"), "Rechazado"));
        assertThat(browser.findElement(By.cssSelector(".reject-message")).getText()).contains("ya está publicada");
        serious.addAll(Chromium.seriousAxeViolations(browser, portal.url("/review/" + other), "review-rejected"));
        shoot("/review/" + other, "review-rejected");
        for (String path : List.of("/submit", "/submit/thanks/" + id, "/review", "/review/" + id, "/review/" + other)) {
            assertThat(Chromium.horizontalOverflow(browser, portal.url(path), 390)).as(path + " at 390 px").isEmpty();
        }
        assertThat(serious).isEmpty();
    }

    /** Full-page screenshots of {@code path} at 1280 and 390 px. */
    private static void shoot(String path, String name) throws Exception {
        for (int width : List.of(1280, 390)) {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
            browser.get(portal.url(path));
            long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight")).longValue();
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", Math.min(height, 6000), "deviceScaleFactor", 1, "mobile", false));
            Files.write(SHOTS.resolve(name + "-" + width + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        }
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
}
