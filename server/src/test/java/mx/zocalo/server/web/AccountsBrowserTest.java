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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in, the account page and the admin pages in a real headless Chromium (with the portal's Content-Security-
 * Policy): the forms work, axe-core finds nothing serious, nothing overflows a phone, and screenshots at 1280 and 390 px
 * land in {@code target/screenshots/}.
 */
class AccountsBrowserTest {
    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    static AccountsPortal portal;
    static ChromeDriver browser;
    static final Path SHOTS = Path.of("target/screenshots");

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Chromium.installed(), "no Chromium and chromedriver in /usr/bin");
        portal = new AccountsPortal(data);
        browser = Chromium.start(profile);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (portal != null) portal.close();
    }

    private static void signIn(String email) {
        browser.get(portal.url("/static/zocalo.css"));
        browser.manage().deleteAllCookies();
        browser.get(portal.url("/login"));
        browser.findElement(By.id("login-email")).sendKeys(email);
        browser.findElement(By.id("login-password")).sendKeys(AccountsPortal.PASSWORD);
        browser.findElement(By.cssSelector("form.account-form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/account"));
    }

    @Test
    void an_editor_signs_in_creates_a_token_sees_it_once_and_signs_out() {
        signIn(AccountsPortal.EDITOR);
        assertThat(browser.findElement(By.cssSelector("header.site a.me")).getText()).isEqualTo("Editora de Finanzas");
        browser.findElement(By.id("token-name")).sendKeys("carga nocturna");
        browser.findElement(By.cssSelector("form[action='/account/tokens'] button")).click();
        String token = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("new-token"))).getText();
        assertThat(token).startsWith("zoc_");
        assertThat(portal.accounts.tokens().find(token)).isPresent();
        browser.get(portal.url("/account"));
        assertThat(browser.getPageSource()).contains("carga nocturna").doesNotContain(token);
        browser.findElement(By.cssSelector("header.site form.signout button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.site a[href='/login']")));
        browser.get(portal.url("/account"));
        assertThat(browser.getCurrentUrl()).contains("/login");
    }

    @Test
    void an_admin_adds_a_user_who_signs_in_with_the_one_time_password_and_must_change_it() {
        signIn(AccountsPortal.ADMIN);
        browser.get(portal.url("/admin/users"));
        browser.findElement(By.id("add-email")).sendKeys("nuevo@finanzas.gob.mx");
        browser.findElement(By.id("add-name")).sendKeys("Nuevo <b>Editor</b>");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("add-org"))).selectByValue("finanzas");
        browser.findElement(By.cssSelector("form[action='/admin/users'] button")).click();
        String oneTime = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("one-time"))).getText();
        assertThat(browser.getPageSource()).contains("Nuevo &lt;b&gt;Editor&lt;/b&gt;"); // escaped
        browser.manage().deleteAllCookies();
        browser.get(portal.url("/login"));
        browser.findElement(By.id("login-email")).sendKeys("nuevo@finanzas.gob.mx");
        browser.findElement(By.id("login-password")).sendKeys(oneTime);
        browser.findElement(By.cssSelector("form.account-form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/account?change=1"));
        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).contains("un solo uso");
        assertThat(portal.accounts.audit().page("user.add", AccountsPortal.ADMIN, 0, 5)).isNotEmpty();
    }

    @Test
    void the_pages_pass_axe_fit_a_phone_and_are_screenshot() throws Exception {
        List<String> serious = new ArrayList<>();
        List<String> overflow = new ArrayList<>();
        browser.get(portal.url("/static/zocalo.css"));
        browser.manage().deleteAllCookies();
        for (String lang : List.of("es", "en")) {
            serious.addAll(Chromium.seriousAxeViolations(browser, portal.url("/login?lang=" + lang), "login " + lang));
        }
        shoot("login", "/login?lang=es");
        signIn(AccountsPortal.ADMIN);
        portal.accounts.tokens().create(AccountsPortal.ADMIN, "tablero de indicadores", null);
        portal.accounts.audit().record("cli:root", "publish", "dataset pagos-prueba", "127.0.0.1", "versión 2");
        for (String page : List.of("/account", "/admin/users", "/admin/organisations", "/admin/audit")) {
            for (String lang : List.of("es", "en")) {
                serious.addAll(Chromium.seriousAxeViolations(browser, portal.url(page + "?lang=" + lang), page + " " + lang));
                String o = Chromium.horizontalOverflow(browser, portal.url(page + "?lang=" + lang), 390);
                if (!o.isEmpty()) overflow.add(page + " " + lang + ": " + o);
            }
            shoot(page.substring(1).replace('/', '-'), page + "?lang=es");
        }
        assertThat(serious).as("serious or critical axe-core violations").isEmpty();
        assertThat(overflow).as("pages wider than a phone").isEmpty();
    }

    private static void shoot(String name, String path) throws Exception {
        for (int width : List.of(1280, 390)) {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
            try {
                browser.get(portal.url(path));
                Files.write(SHOTS.resolve("accounts-" + name + "-" + width + ".png"), browser.getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            }
        }
    }
}
