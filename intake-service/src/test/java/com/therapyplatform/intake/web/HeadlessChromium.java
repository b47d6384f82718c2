package com.therapyplatform.intake.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.LoggerFactory;

/**
 * Debian's chromium and chromium-driver, headless, for the web form's browser tests. Where no
 * chromedriver is installed the tests are skipped with a message ({@link Installed}), unless
 * {@code REQUIRE_BROWSER_TESTS=true} (system property or environment variable; CI sets it), which turns
 * the absence into a failure.
 * Selenium Manager is never asked for anything: both paths are given, and the build sets
 * {@code SE_OFFLINE=true} so it could not go online anyway.
 */
final class HeadlessChromium {

    static final String REQUIRE = "REQUIRE_BROWSER_TESTS";

    private HeadlessChromium() {
    }

    /**
     * Decides before anything starts (broker, application context, browser): run, skip with the reason
     * (shown by Surefire and the console), or fail when the browser tests are required.
     */
    static final class Installed implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            File driver = driver();
            if (driver.canExecute()) {
                return ConditionEvaluationResult.enabled("chromedriver at " + driver);
            }
            String missing = "No chromedriver at " + driver + " (install Debian's chromium and chromium-driver, "
                    + "or set CHROMEDRIVER)";
            if (Boolean.parseBoolean(setting(REQUIRE, "false"))) {
                throw new IllegalStateException(missing + ", and " + REQUIRE + "=true requires the web form's "
                        + "browser tests");
            }
            String message = missing + ": the web form's browser tests are skipped";
            LoggerFactory.getLogger(HeadlessChromium.class).warn(message);
            return ConditionEvaluationResult.disabled(message);
        }
    }

    private static File driver() {
        return new File(setting("CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    static WebDriver start() {
        File driver = driver();
        ChromeOptions options = new ChromeOptions();
        File browser = new File(setting("CHROMIUM", "/usr/bin/chromium"));
        if (browser.canExecute()) {
            options.setBinary(browser);
        }
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1200,1400", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    /**
     * Saves a PNG of the viewport under {@code target/form-screenshots/}, and also under the directory
     * the system property {@code form.screenshots.dir} names (the README's images: docs/images).
     */
    static void screenshot(WebDriver driver, String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path target = Path.of("target", "form-screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name + ".png"), png);
        String published = System.getProperty("form.screenshots.dir");
        if (published != null && !published.isBlank()) {
            Files.createDirectories(Path.of(published));
            Files.write(Path.of(published, name + ".png"), png);
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
