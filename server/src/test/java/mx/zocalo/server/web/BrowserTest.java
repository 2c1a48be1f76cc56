package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The home page in a real headless Chromium. */
class BrowserTest {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    static TestPortal portal;
    static WebDriver browser;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "no chromedriver at " + CHROMEDRIVER);
        portal = new TestPortal(data);
        portal.publisher.publish(TestPortal.FIXTURE, false);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--lang=es-MX");
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "es-MX,es"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
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
}
