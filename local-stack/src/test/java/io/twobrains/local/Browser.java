package io.twobrains.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's, driven by its own chromedriver), with a fresh profile: the
 * browser tests see the app as a person's browser does. Waits are for a state of the page, never a
 * fixed time; the generous limit only bounds a test that would otherwise hang.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Dimension DESKTOP = new Dimension(1280, 860);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips where there is no browser, except in CI, where .ci/run installs it and its absence is a failure. */
    static void assumeInstalled() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI needs Debian's chromium and chromium-driver (.ci/run installs them)");
        }
        Assumptions.assumeTrue(present, "no /usr/bin/chromium and /usr/bin/chromedriver: apt-get install chromium chromium-driver");
    }

    static Browser open() {
        assumeInstalled();
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // The console's warnings and errors (a refused script, a policy violation) go into a failed wait's message.
            options.setCapability("goog:loggingPrefs", java.util.Map.of(LogType.BROWSER, "ALL"));
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile, "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
                    "--lang=en-GB", "--force-prefers-reduced-motion");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(PATIENCE);
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void go(String url) {
        driver.get(url);
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).withMessage(() -> what + " (the page was at " + whereNow() + ")")
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** Whether the condition holds within {@code patience}; false, not a failure, if it does not. */
    boolean within(Duration patience, Function<WebDriver, Boolean> condition) {
        try {
            new WebDriverWait(driver, patience).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> condition.apply(d) ? Boolean.TRUE : null);
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    /** Where the browser is and what it shows, as a failed wait says it. */
    String describe() {
        return whereNow();
    }

    /** Where the browser is, for a failed wait's message. */
    private String whereNow() {
        try {
            String errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                    .map(LogEntry::getMessage).collect(java.util.stream.Collectors.joining("; "));
            return driver.getCurrentUrl() + (errors.isEmpty() ? "" : "; its console said: " + errors) + "; it showed: " + shown();
        } catch (RuntimeException unknown) {
            return "an unknown address: " + unknown.getMessage();
        }
    }

    /** What the page shows, in short, for a failed wait's message: the messages' states and the end of the text. */
    private String shown() {
        try {
            return String.valueOf(script("""
                    const states = [...document.querySelectorAll('article.message')]
                        .map(a => (a.closest('tb-message.live') ? 'live ' : '') + a.className.replace('message ', '') + ':' + (a.dataset.status || '-'));
                    const text = (document.querySelector('main') || document.body).innerText.replace(/\\s+/g, ' ');
                    const composer = document.querySelector('tb-composer');
                    const input = document.querySelector('#composer-input');
                    const focus = document.activeElement;
                    const state = composer ? ' (composer: streaming ' + composer.streaming + ', blocked for ' + composer.blockedFor
                        + ', ' + (input ? input.value.length : '-') + ' characters in it; focus on '
                        + (focus ? focus.tagName.toLowerCase() + (focus.id ? '#' + focus.id : '') : '-')
                        + '; window focused ' + document.hasFocus() + ', ' + document.visibilityState + ')' : '';
                    return '[' + states.join(', ') + ']' + state + ' ' + (text.length > 400 ? '...' + text.slice(-400) : text);
                    """));
        } catch (RuntimeException unknown) {
            return "(unreadable: " + unknown.getMessage() + ")";
        }
    }

    WebElement find(String css) {
        return await("an element " + css, d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !all(css).isEmpty();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String text(String css) {
        return find(css).getText();
    }

    void size(Dimension size) {
        driver.manage().window().setSize(size);
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
