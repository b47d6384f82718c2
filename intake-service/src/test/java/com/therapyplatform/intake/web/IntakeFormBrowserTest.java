package com.therapyplatform.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.therapyplatform.contracts.EventEnvelope;
import com.therapyplatform.contracts.EventJson;
import com.therapyplatform.contracts.Events;
import com.therapyplatform.contracts.Topics;
import com.therapyplatform.contracts.events.Category;
import com.therapyplatform.contracts.events.IntakeTriaged;
import com.therapyplatform.contracts.events.RiskTier;
import com.therapyplatform.contracts.events.UrgentIntakeFlagged;
import com.therapyplatform.testsupport.SampleEvents;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reference web form in real headless Chromium against the running service on the shared test
 * broker: filled in through the page, submitted to the real API, and the status page following the
 * downstream events this test publishes as triage and matching would.
 */
@IntakeServiceTest
@ExtendWith(HeadlessChromium.Installed.class)
class IntakeFormBrowserTest extends IntakeHttpTestBase {

    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start();
        // generous: the machines these run on are often loaded
        wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(100));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void openTheForm() {
        browser.get("about:blank");
        // 127.0.0.1, not localhost: Chromium would connect over ::1, whose submission bucket the rate-limit test
        // empties on purpose; 127.0.0.1 without X-Forwarded-For is a client of its own
        browser.get("http://127.0.0.1:" + port + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("intake-form")));
    }

    @Test
    void routineIntakeIsSubmittedAndTheStatusPageFollowsItToMatched() throws Exception {
        HeadlessChromium.screenshot(browser, "intake-form");
        fill(example("intake-routine.json"));
        recordRequestHeaders();

        submit();
        String intakeId = awaitStatusPage("RECEIVED");
        assertThat(crisisLineIsVisible()).isTrue();
        // the token stays in the fragment: never in the path or query that reach a server's log
        URI address = URI.create(browser.getCurrentUrl());
        assertThat(address.getRawPath()).isEqualTo("/");
        assertThat(address.getRawQuery()).isNull();
        assertThat(address.getRawFragment()).startsWith("intake=" + intakeId + "&token=");
        assertThat(script("return window.__sentHeaders[0]['Idempotency-Key']"))
                .asString().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

        kafka.send(Topics.INTAKE_TRIAGED, intakeId, EventJson.write(EventEnvelope.first(Events.INTAKE_TRIAGED,
                intakeId, Instant.now(), new IntakeTriaged(SampleEvents.routing("CA"),
                        Set.of(Category.RELATIONSHIP_CONCERN), RiskTier.NONE, List.of(), "browser-test"))));
        awaitStatus("IN_REVIEW");
        assertThat(text("status-headline")).isEqualTo("Your answers are being reviewed");

        publishMatched(intakeId, "Dr. Morgan Example", "PhD, Licensed Psychologist");
        awaitStatus("MATCHED");
        assertThat(text("status-headline")).isEqualTo("You have been matched with a clinician");
        assertThat(text("status-clinician-name")).isEqualTo("Dr. Morgan Example");
        assertThat(text("status-clinician-credentials")).isEqualTo("PhD, Licensed Psychologist");
        assertThat(browser.findElement(By.id("crisis-resources")).isDisplayed()).isFalse();
        assertThat(accessibilityProblems()).isEmpty();
        HeadlessChromium.screenshot(browser, "intake-status-matched");
    }

    @Test
    void urgentIntakeShowsTheCrisisResourcesOnTheStatusPage() throws Exception {
        // skip logic: ASQ question 5 only once one of questions 1-4 is yes
        WebElement asq5 = browser.findElement(By.cssSelector("fieldset[data-item='asq.5']"));
        assertThat(asq5.isDisplayed()).isFalse();
        fill(example("intake-urgent.json"));
        assertThat(asq5.isDisplayed()).isTrue();

        submit();
        String intakeId = awaitStatusPage("RECEIVED");
        kafka.send(Topics.INTAKE_URGENT, intakeId, EventJson.write(EventEnvelope.first(Events.URGENT_INTAKE_FLAGGED,
                intakeId, Instant.now(), new UrgentIntakeFlagged(SampleEvents.routing("TX"), RiskTier.ELEVATED,
                        "browser-test"))));

        WebElement resources = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("crisis-resources")));
        assertThat(resources.getDomAttribute("role")).isEqualTo("alert");
        assertThat(resources.getText()).contains("988").contains("HOME to 741741").contains("911");
        assertThat(crisisLineIsVisible()).isTrue();
    }

    @Test
    void missingAnswersAreShownNextToTheirFieldsAndTheSummaryTakesTheFocus() throws Exception {
        ObjectNode incomplete = (ObjectNode) EventJson.mapper().readTree(example("intake-routine.json"));
        ((ObjectNode) incomplete.get("about")).put("age", 16);
        ((ObjectNode) incomplete.get("answers")).remove("phq9.3");
        ((ObjectNode) incomplete.get("preferences")).remove("modality");
        fill(incomplete.toString());

        submit();
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("error-summary");
        assertThat(summary.getDomAttribute("role")).isEqualTo("alert");
        assertThat(summary.findElements(By.cssSelector("li"))).hasSize(3);
        HeadlessChromium.screenshot(browser, "intake-form-errors");

        // under 18: the refusal the API defines, beside the age field
        assertFieldError("/about/age", IntakeRequest.ADULTS_ONLY.substring(1));
        assertFieldError("/answers/phq9.3", "Please answer this question.");
        assertFieldError("/preferences/modality", "Please answer this question.");
        assertThat(browser.findElement(By.id("f-answers-phq9-2-error")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("[aria-invalid='true']")))
                .extracting(e -> e.getDomAttribute("name"))
                .containsOnly("/about/age", "answers.phq9.3", "/preferences/modality");

        // the summary's links lead to the fields, by keyboard too
        summary.findElement(By.tagName("a")).sendKeys(Keys.ENTER);
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("f-about-age-input");

        // corrected, the same form goes through
        WebElement age = browser.findElement(By.id("f-about-age-input"));
        age.clear();
        age.sendKeys("19");
        browser.findElement(By.cssSelector("input[name='answers.phq9.3'][value='1']")).click();
        browser.findElement(By.cssSelector("input[name='/preferences/modality'][value='PHONE']")).click();
        assertThat(browser.findElement(By.id("f-answers-phq9-3-error")).isDisplayed()).isFalse();
        submit();
        awaitStatusPage("RECEIVED");
    }

    @Test
    void everyControlHasALabelNoIdRepeatsAndNothingLeavesTheOrigin() {
        assertThat(accessibilityProblems()).isEmpty();
        // only this origin: the questionnaire and the page's own files
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) script(
                "return performance.getEntriesByType('resource').map(function (e) { return e.name; })");
        assertThat(requested).isNotEmpty().allSatisfy(url -> assertThat(url)
                .startsWith("http://127.0.0.1:" + port + "/"));
        assertThat(crisisLineIsVisible()).isTrue();
    }

    // ------------------------------------------------------------------ the page, as a person uses it

    /** Fills the form in from an example request body (docs/examples), question by question. */
    void fill(String exampleJson) {
        JsonNode request = EventJson.mapper().readTree(exampleJson);
        JsonNode about = request.get("about");
        type("/about/age", about.get("age").asString());
        new Select(browser.findElement(By.id("f-about-state-input"))).selectByValue(about.get("state").asString());
        choose("/about/language", about.get("language").asString());
        if (about.has("sex")) {
            choose("/about/sex", about.get("sex").asString());
        }
        request.get("concerns").forEach(code -> choose("/concerns", code.asString()));
        // in page order, so that a question revealed by an earlier answer (ASQ 5, CSI-4) is there to click;
        // the options to click found in one go, then a real click each (fewer round trips on a slow machine)
        @SuppressWarnings("unchecked")
        List<WebElement> options = (List<WebElement>) ((JavascriptExecutor) browser).executeScript(
                "var answers = JSON.parse(arguments[0]);"
                + "return Array.prototype.map.call(document.querySelectorAll('fieldset.item'), function (f) {"
                + "  var item = f.getAttribute('data-item');"
                + "  return item in answers ? f.querySelector('input[value=\"' + answers[item] + '\"]') : null;"
                + "}).filter(Boolean);", request.get("answers").toString());
        options.forEach(WebElement::click);
        if (request.hasNonNull("freeText")) {
            type("/freeText", request.get("freeText").asString());
        }
        JsonNode preferences = request.get("preferences");
        if (preferences.has("modality")) {
            choose("/preferences/modality", preferences.get("modality").asString());
        }
        choose("/preferences/clinicianGender", preferences.get("clinicianGender").asString());
        preferences.get("availability").forEach(slot -> choose("/preferences/availability", slot.asString()));
        JsonNode contact = request.get("contact");
        type("/contact/name", contact.get("name").asString());
        if (contact.has("email")) {
            type("/contact/email", contact.get("email").asString());
        }
        if (contact.has("mobile")) {
            type("/contact/mobile", contact.get("mobile").asString());
        }
        if (contact.get("consent").get("email").asBoolean()) {
            choose("/contact/consent", "EMAIL");
        }
        if (contact.get("consent").get("sms").asBoolean()) {
            choose("/contact/consent", "SMS");
        }
        if (contact.get("safeToLeaveMessages").asBoolean()) {
            browser.findElement(By.id("f-contact-safeToLeaveMessages-input")).click();
        }
    }

    void type(String pointer, String text) {
        WebElement input = browser.findElement(By.cssSelector("[name='" + pointer + "']"));
        input.clear();
        input.sendKeys(text);
    }

    void choose(String pointer, String value) {
        browser.findElement(By.cssSelector("input[name='" + pointer + "'][value='" + value + "']")).click();
    }

    void submit() {
        browser.findElement(By.id("submit-button")).click();
    }

    /** Waits for the status page to show {@code status}; returns the intake id from the fragment. */
    String awaitStatusPage(String status) {
        awaitStatus(status);
        String fragment = URI.create(browser.getCurrentUrl()).getRawFragment();
        return fragment.substring("intake=".length(), fragment.indexOf('&'));
    }

    void awaitStatus(String status) {
        wait.until(ExpectedConditions.attributeToBe(By.id("status-page"), "data-status", status));
        assertThat(browser.findElement(By.id("intake-form")).isDisplayed()).isFalse();
    }

    void assertFieldError(String pointer, String expected) {
        String id = "f" + pointer.replaceAll("[^A-Za-z0-9_]", "-");
        WebElement error = browser.findElement(By.id(id + "-error"));
        assertThat(error.isDisplayed()).as("error beside %s", pointer).isTrue();
        assertThat(error.getText()).contains(expected);
        // the error is inside the field it is about, and the field's controls point to it
        assertThat(browser.findElement(By.id(id)).findElements(By.id(id + "-error"))).hasSize(1);
        for (WebElement control : browser.findElement(By.id(id)).findElements(By.cssSelector("input, select"))) {
            assertThat(control.getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(control.getDomAttribute("aria-describedby")).contains(id + "-error");
        }
    }

    boolean crisisLineIsVisible() {
        WebElement banner = browser.findElement(By.id("crisis-banner"));
        return banner.isDisplayed() && banner.getText().contains("988")
                && !banner.findElements(By.cssSelector("a[href='tel:988']")).isEmpty();
    }

    String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Records the headers of every fetch the page makes, to see what the form sends. */
    void recordRequestHeaders() {
        script("window.__sentHeaders = []; var original = window.fetch;"
                + "window.fetch = function (url, init) { window.__sentHeaders.push((init && init.headers) || {});"
                + " return original.apply(this, arguments); };");
    }

    /**
     * A plain sanity check, no rule engine: every shown control has an accessible name, every radio or
     * checkbox group is a fieldset with a legend, ids are unique and every aria reference resolves.
     */
    @SuppressWarnings("unchecked")
    List<String> accessibilityProblems() {
        return (List<String>) script("""
                var problems = [];
                var seen = {};
                document.querySelectorAll('[id]').forEach(function (e) {
                  if (seen[e.id]) { problems.push('duplicate id ' + e.id); }
                  seen[e.id] = true;
                });
                document.querySelectorAll('input, select, textarea').forEach(function (c) {
                  var named = (c.labels && c.labels.length && c.labels[0].textContent.trim())
                      || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby');
                  if (!named) { problems.push('no label: ' + (c.name || c.id)); }
                  if ((c.type === 'radio' || (c.type === 'checkbox' && c.name !== '/contact/safeToLeaveMessages'))) {
                    var group = c.closest('fieldset');
                    if (!group || !group.querySelector('legend')) { problems.push('no fieldset/legend: ' + c.name); }
                  }
                });
                document.querySelectorAll('fieldset').forEach(function (f) {
                  if (!f.querySelector(':scope > legend')) { problems.push('fieldset without legend: ' + f.id); }
                });
                document.querySelectorAll('[aria-describedby], [aria-labelledby]').forEach(function (e) {
                  ((e.getAttribute('aria-describedby') || '') + ' ' + (e.getAttribute('aria-labelledby') || ''))
                      .split(/\\s+/).filter(Boolean).forEach(function (ref) {
                        if (!document.getElementById(ref)) { problems.push(e.id + ' refers to missing ' + ref); }
                      });
                });
                if (!document.documentElement.lang) { problems.push('no lang on html'); }
                return problems;
                """);
    }
}
