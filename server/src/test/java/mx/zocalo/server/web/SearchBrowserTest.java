package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search page and the header's search box in a real headless Chromium: keyboard, axe-core, phone width. */
class SearchBrowserTest {
    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    static TestPortal portal;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        assumeTrue(Chromium.installed(), "no Chromium and chromedriver in /usr/bin");
        portal = new TestPortal(data);
        portal.publisher.publish(TestPortal.FIXTURE, false);
        portal.publisher.publish(SearchFixtures.FIXTURES.resolve("accidentes-sin-mapeo"), false);
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
    }

    static final List<String> PAGES = List.of("/search", "/search?q=accidente", "/search?q=acidentes", "/search?q=pagos&theme=GOVE",
            "/search?q=aguascalientes&type=record", "/search?q=pagos&lang=en", "/search?q=nada-de-nada", "/dataset/pagos-prueba");

    @Test
    void the_header_box_is_reached_with_the_keyboard_and_searches() {
        browser.get(portal.url("/dataset/pagos-prueba"));
        WebElement body = browser.findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB); // the skip link
        WebElement active = browser.switchTo().activeElement();
        for (int i = 0; i < 5 && !"site-search-q".equals(active.getAttribute("id")); i++) {
            active.sendKeys(Keys.TAB);
            active = browser.switchTo().activeElement();
        }
        assertThat(active.getAttribute("id")).isEqualTo("site-search-q");
        assertThat(active.getCssValue("outline-style")).isNotEqualTo("none");
        active.sendKeys("accidente", Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/search?q=accidente"));
        WebElement first = browser.findElement(By.cssSelector("ol.hits li.hit h3 a"));
        assertThat(first.getText()).isEqualTo("Accidentes de tránsito por entidad y mes");
        assertThat(browser.findElement(By.cssSelector("ol.hits li.hit h3 a mark")).getText()).isEqualTo("Accidentes");
        // a facet is a link: following it filters, and the active filter's link takes it away
        browser.findElement(By.cssSelector("aside.facets a[href*='theme=TRAN']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("theme=TRAN"));
        browser.findElement(By.cssSelector(".active-filters a[href='/search?q=accidente']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.not(ExpectedConditions.urlContains("theme=")));
    }

    @Test
    void search_pages_have_no_serious_or_critical_axe_violations() throws Exception {
        List<String> serious = new ArrayList<>();
        for (String page : PAGES) serious.addAll(Chromium.seriousAxeViolations(browser, portal.url(page), page));
        assertThat(serious).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void search_pages_and_the_header_fit_a_phone_390_pixels_wide() {
        List<String> overflowing = new ArrayList<>();
        for (String page : PAGES) {
            String overflow = Chromium.horizontalOverflow(browser, portal.url(page), 390);
            if (!overflow.isEmpty()) overflowing.add(page + ": " + overflow);
        }
        assertThat(overflowing).as("pages wider than a 390 px screen").isEmpty();
    }

    @Test
    void the_header_box_is_as_wide_as_the_phone_allows() {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", false));
        try {
            browser.get(portal.url("/"));
            WebElement input = browser.findElement(By.id("site-search-q"));
            WebElement button = browser.findElement(By.cssSelector("form.site-search button"));
            assertThat(input.isDisplayed()).isTrue();
            assertThat(input.getRect().getWidth()).isGreaterThan(200);
            assertThat(button.getRect().getX() + button.getRect().getWidth()).isLessThanOrEqualTo(390);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }
}
