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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Maps in a real headless Chromium: the points map and the choropleths draw (SVG shapes and symbols), clusters split
 * when zoomed in, the data tables open from the keyboard, axe-core finds nothing serious, and the pages fit 390 px.
 */
class MapBrowserTest {
    @TempDir
    static Path profile;
    static TestPortal portal;
    static ChromeDriver browser;

    static final String POINTS = "/dataset/localidades-nuevo-leon/map";
    static final String STATES = "/dataset/incidencia-delictiva-estatal/map?group=spatial&agg=sum&of=incidencias_anio";
    static final String MUNICIPALITIES = "/dataset/localidades-nuevo-leon/map?eq.clave_localidad=0&group=spatial&agg=sum&of=poblacion_total";
    static final List<String> PAGES = List.of(POINTS, STATES, MUNICIPALITIES, STATES + "&lang=en", POINTS + "?from.poblacion_total=1000&lang=en");

    @BeforeAll
    static void start() {
        assumeTrue(Chromium.installed(), "no Chromium and chromedriver in /usr/bin");
        assumeTrue(Files.isDirectory(BundledPortal.MAPPINGS), "no ../mappings folder");
        portal = BundledPortal.get();
        browser = Chromium.start(profile, "--window-size=1280,900");
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    static long count(String css) {
        return ((Number) browser.executeScript("return document.querySelectorAll(arguments[0]).length", css)).longValue();
    }

    @Test
    void the_points_map_draws_boundaries_points_and_clusters_that_split_when_zoomed_in() {
        browser.get(portal.url(POINTS + "?lang=en"));
        waiting().until(d -> browser.findElement(By.id("map")).getAttribute("data-loaded") != null);
        assertThat(browser.findElement(By.id("map")).getAttribute("data-loaded")).isEqualTo("4821");
        assertThat(count("#map svg path")).as("boundaries and symbols drawn as SVG").isGreaterThan(83);
        int clusters = Integer.parseInt(browser.findElement(By.id("map")).getAttribute("data-clusters"));
        int singles = Integer.parseInt(browser.findElement(By.id("map")).getAttribute("data-points"));
        assertThat(clusters).as("dense points are grouped").isGreaterThan(0);
        assertThat(browser.findElement(By.id("map-status")).getText()).startsWith("4,821 points on the map.").contains("without coordinates");
        // the keyboard zooms: groups split into more points
        WebElement zoom = browser.findElement(By.cssSelector(".map-controls button[data-zoom=in]"));
        zoom.sendKeys(Keys.ENTER);
        zoom.sendKeys(Keys.ENTER);
        waiting().until(d -> Integer.parseInt(browser.findElement(By.id("map")).getAttribute("data-points")) > singles);
        // the table of points opens and links each point to its record
        WebElement summary = browser.findElement(By.cssSelector("#map-points > summary"));
        summary.sendKeys(Keys.ENTER);
        waiting().until(d -> count("#points-body tr") == 4821);
        String href = browser.findElement(By.cssSelector("#points-body tr a")).getAttribute("href");
        assertThat(href).contains("/id/localidades-nuevo-leon/19-");
    }

    @Test
    void choropleths_draw_every_place_in_its_class_colour_and_the_data_table_opens() {
        for (String[] c : new String[][] {{STATES, "32"}, {MUNICIPALITIES, "51"}}) {
            browser.get(portal.url(c[0]));
            waiting().until(d -> count("#map svg path") >= Long.parseLong(c[1]));
            Object fills = browser.executeScript("""
                    return [...new Set([...document.querySelectorAll('#map svg path')].map(p => (p.getAttribute('fill') || '').toLowerCase()))]""");
            assertThat(fills.toString()).as(c[0]).contains("#fde725").contains("#440154");
            assertThat(count("#map-legend li")).isGreaterThanOrEqualTo(5);
            WebElement summary = browser.findElement(By.cssSelector("#map-data > summary"));
            summary.sendKeys(Keys.ENTER);
            assertThat(browser.findElement(By.cssSelector("#map-data table")).isDisplayed()).isTrue();
            assertThat(count("#map-data tbody tr")).isEqualTo(Long.parseLong(c[1]));
        }
    }

    @Test
    void with_a_tile_url_the_points_map_draws_tiles_under_the_boundaries_and_names_their_source() throws Exception {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(256, 256, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
        List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer tiles = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("localhost", 0), 0);
        tiles.createContext("/", x -> {
            asked.add(x.getRequestURI().getPath());
            x.getResponseHeaders().add("Content-Type", "image/png");
            x.sendResponseHeaders(200, png.size());
            x.getResponseBody().write(png.toByteArray());
            x.close();
        });
        tiles.start();
        PortalServer withTiles = PortalServer.builder().store(portal.store).iris(portal.iris).port(0)
                .mapTiles(new MapTiles("http://localhost:" + tiles.getAddress().getPort() + "/{z}/{x}/{y}.png", "Tiles of the test")).build().start();
        try {
            browser.get("http://localhost:" + withTiles.port() + POINTS + "?lang=en");
            waiting().until(d -> browser.findElement(By.id("map")).getAttribute("data-tiles") != null);
            assertThat(Integer.parseInt(browser.findElement(By.id("map")).getAttribute("data-tiles"))).isBetween(1, 64);
            waiting().until(d -> !asked.isEmpty());
            // Nuevo León at a zoom where a tile is about 256 pixels: z 6 or 7, x and y of tiles over the state
            assertThat(asked).allMatch(path -> path.matches("/[5-9]/\\d+/\\d+\\.png"));
            assertThat(count("#map svg image")).isGreaterThan(0);
            assertThat(browser.findElement(By.cssSelector(".map-attribution")).getText()).isEqualTo("Map tiles: Tiles of the test");
        } finally {
            withTiles.stop();
            tiles.stop(0);
        }
        // without the option, nothing is asked of any tile server
        browser.get(portal.url(POINTS));
        waiting().until(d -> browser.findElement(By.id("map")).getAttribute("data-loaded") != null);
        assertThat(browser.findElement(By.id("map")).getAttribute("data-tiles")).isNull();
        assertThat(browser.findElements(By.cssSelector(".map-attribution"))).isEmpty();
    }

    @Test
    void a_tile_url_without_z_x_and_y_is_refused_with_an_example() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MapTiles("https://tiles.example/{z}.png", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tile-url").hasMessageContaining("{x}");
        assertThat(new MapTiles("https://tile.openstreetmap.org/{z}/{x}/{y}.png", null).attribution()).isEqualTo("© OpenStreetMap contributors");
        assertThat(MapTiles.NONE.enabled()).isFalse();
    }

    @Test
    void maps_have_no_serious_or_critical_axe_violations() throws Exception {
        List<String> serious = new ArrayList<>();
        for (String page : PAGES) {
            serious.addAll(Chromium.seriousAxeViolations(browser, portal.url(page), page,
                    "document.querySelectorAll('details').forEach(d => d.open = true)"));
        }
        assertThat(serious).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void maps_fit_a_phone_390_pixels_wide() {
        List<String> overflowing = new ArrayList<>();
        for (String page : PAGES) {
            String overflow = Chromium.horizontalOverflow(browser, portal.url(page), 390, "#map svg");
            if (!overflow.isEmpty()) overflowing.add(page + ": " + overflow);
        }
        assertThat(overflowing).as("pages wider than a 390 px screen").isEmpty();
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", false));
        try {
            browser.get(portal.url(STATES));
            waiting().until(d -> count("#map svg path") >= 32);
            Object width = browser.executeScript("return document.getElementById('map').getBoundingClientRect().width");
            assertThat(((Number) width).doubleValue()).isLessThanOrEqualTo(390);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }
}
