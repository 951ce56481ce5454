package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.issuer.DemoUsers;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.KafkaBroker;
import dev.bluegreen.testkit.KafkaBrokerExtension;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (Debian's headless Chromium, driven by Selenium) against the
 * real platform, as an SRE uses it: sign in at the platform's issuer (authorization code + PKCE, a
 * demo user picked on its page), open the fleet, start the demo upgrade through the form, see the
 * controls a viewer may not use hidden, approve both gates by clicking (confirm, reason) as an
 * operator, and see COMPLETED and the timeline. Screenshots of each page go to {@code
 * e2e/target/screenshots/} (the README's are copied from there).
 */
@ExtendWith(KafkaBrokerExtension.class)
class ConsoleIT {

  private static final String CLUSTER = "search-002";
  private static final Path SCREENSHOTS = Platform.repoRoot().resolve("e2e/target/screenshots");

  /** A forged JWT: {"alg":"none"}, {"preferred_username":"sre-alice"} as claims, no signature. */
  private static final String UNSIGNED_TOKEN =
      "eyJhbGciOiJub25lIn0.eyJwcmVmZXJyZWRfdXNlcm5hbWUiOiJzcmUtYWxpY2UifQ.";

  private WebDriver browser;

  @Test
  void anSre_startsTheDemoUpgradeAndApprovesBothGates_inTheConsole(KafkaBroker broker)
      throws IOException {
    Path chromedriver = chromedriver();
    try (SimulatedCloud cloud = new SimulatedCloud();
        Platform platform = Platform.start(broker, cloud.serviceSettings())) {
      UpgradeApi api = platform.api();
      api.awaitQueryable(Duration.ofSeconds(60));
      // A fleet freeze a month ahead: shown on the fleet page, holding nothing today.
      Instant freezeFrom = Instant.now().plus(Duration.ofDays(30));
      UpgradeApi.Answer freeze =
          api.put(
              "/freezes/year-end",
              "{\"from\":\"%s\",\"to\":\"%s\",\"reason\":\"year-end trading peak\"}"
                  .formatted(freezeFrom, freezeFrom.plus(Duration.ofDays(14))));
      assertEquals(201, freeze.status(), String.valueOf(freeze.body()));
      browser = headlessChromium(chromedriver);
      try {
        String console = platform.service("orchestrator").baseUri().resolve("/console/").toString();

        // Without a token the API answers 401, and the console shows its problem.
        browser.get(console);
        await(
            "the API's 401 without a token",
            Duration.ofSeconds(30),
            d ->
                d.findElement(By.id("problem")).isDisplayed()
                    && text(d, "#problem").contains("(401)"));

        // A forged token (alg none): the page reads a name from it; the server refuses it.
        type("signin-token", UNSIGNED_TOKEN);
        browser.findElement(By.id("signin-use")).click();
        await(
            "the signed-in name",
            Duration.ofSeconds(10),
            d -> text(d, "#signin-who").equals("signed in as sre-alice"));
        await(
            "the forged token refused",
            Duration.ofSeconds(30),
            d ->
                text(d, "#problem").contains("(401)")
                    && text(d, "#problem").contains("not signed"));
        browser.findElement(By.id("signin-out")).click();
        await(
            "signed out",
            Duration.ofSeconds(10),
            d -> text(d, "#signin-who").equals("not signed in"));

        // alice signs in at the platform's issuer (its demo page, code + PKCE): every request
        // carries her access token from here on.
        signInAs(DemoUsers.ALICE, true);

        // The fleet: every cluster with its version, team and support, counts per version.
        await(
            "search-002 at 1.32 in the fleet table",
            Duration.ofSeconds(30),
            d -> text(d, "tr[data-cluster='" + CLUSTER + "'] td.version").equals("1.32"));
        assertTrue(
            text(browser, "#counts").contains("on 1.32"),
            "counts per version: " + text(browser, "#counts"));
        await(
            "the scheduled fleet freeze above the fleet",
            Duration.ofSeconds(10),
            d ->
                text(d, "[data-freeze='year-end']").contains("Fleet freeze scheduled")
                    && text(d, "[data-freeze='year-end']").contains("year-end trading peak"));
        screenshot("fleet");

        // Filters: one team's clusters only, then all again.
        select("filter-team", "identity");
        await(
            "only identity's clusters",
            Duration.ofSeconds(10),
            d ->
                d.findElements(By.cssSelector("#fleet tbody tr")).stream()
                        .allMatch(r -> r.getAttribute("data-cluster").startsWith("identity-"))
                    && d.findElements(By.cssSelector("tr[data-cluster='" + CLUSTER + "']"))
                        .isEmpty());
        select("filter-team", "");

        // A version EKS does not support: the API's problem is shown, title and detail.
        select("start-cluster", CLUSTER);
        type("start-version", "1.99");
        browser.findElement(By.id("start-submit")).click();
        await(
            "the problem of a refused version",
            Duration.ofSeconds(30),
            d ->
                d.findElement(By.id("problem")).isDisplayed()
                    && text(d, "#problem").contains("(422)"));
        String problem = text(browser, "#problem");
        assertTrue(problem.contains("(422)") && problem.contains("1.99"), problem);

        // The demo upgrade through the form: 50%, an analysis, 100%; blue kept 3 s.
        type("start-version", "1.33");
        type("start-steps", "50,analysis,100");
        type("start-retention", "PT3S");
        String id = submitAndOpen("start-submit", "upgrades", "[0-9a-f-]{36}");

        // Gate 1: only approve and cancel are offered while it waits for the first shift.
        awaitState("AWAITING_SHIFT_APPROVAL", Duration.ofMinutes(3));
        assertEquals(List.of("approve", "cancel"), actions(), "buttons at the first gate");
        assertTrue(
            browser
                .findElement(By.cssSelector(".phasebar .current.waiting"))
                .getText()
                .contains("AWAITING SHIFT APPROVAL"),
            "the phase bar marks the gate");
        screenshot("upgrade-awaiting-shift-approval");

        // vic, a platform viewer, sees the same upgrade and no control (GET /me: no team role).
        signInAs(DemoUsers.VIC, false);
        await(
            "the controls hidden from vic",
            Duration.ofSeconds(30),
            d -> text(d, "#controls-role").contains("vic may not approve, cancel"));
        assertEquals(List.of(), actions(), "no buttons for a viewer");
        assertEquals(
            "AWAITING_SHIFT_APPROVAL",
            browser.findElement(By.id("state")).getAttribute("data-state"),
            "the viewer reads the upgrade");
        // ... and, on the fleet page, no form to start one.
        String upgradePage = browser.getCurrentUrl();
        browser.get(console + "#/");
        await(
            "the fleet without a start button for vic",
            Duration.ofSeconds(30),
            d ->
                !d.findElements(By.cssSelector("#counts .count")).isEmpty()
                    && !d.findElement(By.id("start-submit")).isDisplayed());
        browser.get(upgradePage);

        // sam, operator and approver of team search (search-002's), gets them and approves.
        signInAs(DemoUsers.SAM, false);
        awaitState("AWAITING_SHIFT_APPROVAL", Duration.ofSeconds(30));
        assertEquals(List.of("approve", "cancel"), actions(), "an operator's buttons");
        approve("green is healthy, shift (ConsoleIT)");

        // Gate 2: traffic all on green, the analysis charted, only approve and roll back offered.
        awaitState("AWAITING_DECOMMISSION_APPROVAL", Duration.ofMinutes(3));
        assertEquals(List.of("approve", "rollback"), actions(), "buttons at the second gate");
        await(
            "green at 100% and the analysis chart",
            Duration.ofSeconds(30),
            d ->
                "100".equals(d.findElement(By.id("weights")).getAttribute("data-green"))
                    && !d.findElements(By.cssSelector("#charts svg.chart circle")).isEmpty());
        assertTrue(
            text(browser, "#analyses").contains("SUCCESSFUL"),
            "the analysis verdict: " + text(browser, "#analyses"));
        screenshot("upgrade-awaiting-decommission-approval");
        approve("blue may go (ConsoleIT)");

        // The end: COMPLETED, no buttons, the reasons on the audit trail, the timeline.
        awaitState("COMPLETED", Duration.ofMinutes(3));
        await(
            "the timeline of the completed upgrade",
            Duration.ofSeconds(30),
            d -> "COMPLETED".equals(d.findElement(By.id("timeline")).getAttribute("data-state")));
        assertEquals(List.of(), actions(), "no buttons once COMPLETED");
        await(
            "both reasons on the page's audit trail",
            Duration.ofSeconds(30),
            d ->
                text(d, "#audit").contains("green is healthy, shift (ConsoleIT)")
                    && text(d, "#audit").contains("blue may go (ConsoleIT)"));
        browser.switchTo().frame(browser.findElement(By.id("timeline")));
        String timeline = text(browser, "body");
        browser.switchTo().defaultContent();
        assertTrue(
            timeline.contains("COMPLETED") && timeline.contains("SHIFTING"),
            "the timeline: " + timeline);
        screenshot("upgrade-completed");

        // What the server recorded: each approval with the reason typed into the dialog,
        List<JsonNode> approvals =
            api.auditTrail(id).stream()
                .map(l -> l.path("data").path("input").path("data"))
                .filter(d -> "APPROVE".equals(d.path("action").asText()))
                .toList();
        assertEquals(
            List.of("green is healthy, shift (ConsoleIT)", "blue may go (ConsoleIT)"),
            approvals.stream().map(d -> d.path("reason").asText()).toList(),
            "the reasons sent with the approvals");
        // ... by the subject of the token the console was signed in with, whatever it sends else.
        assertEquals(
            List.of("sam", "sam"),
            approvals.stream().map(d -> d.path("actor").asText()).toList(),
            "the actor of the approvals");

        // The list of upgrades, and the fleet now at 1.33.
        browser.findElement(By.id("nav-upgrades")).click();
        await(
            "the upgrade COMPLETED in the list",
            Duration.ofSeconds(30),
            d -> text(d, "tr[data-upgrade='" + id + "']").contains("COMPLETED"));
        screenshot("upgrades");
        browser.findElement(By.id("nav-fleet")).click();
        await(
            "search-002 at 1.33 in the fleet table",
            Duration.ofSeconds(60),
            d -> text(d, "tr[data-cluster='" + CLUSTER + "'] td.version").equals("1.33"));
        screenshot("fleet-after");

        // Campaigns span teams: a platform admin's.
        signInAs(DemoUsers.ALICE, false);
        aCampaign_isPlannedStartedAndFollowed_inTheConsole(api);
      } finally {
        browser.quit();
      }
    }
  }

  /**
   * A campaign through the console: plan it with the form (real pre-flights), see the plan's
   * verdict per member card, skip the member that fails (confirm, reason), start the plan, follow
   * the waves to COMPLETED with the plan beside what happened.
   */
  private void aCampaign_isPlannedStartedAndFollowed_inTheConsole(UpgradeApi api)
      throws IOException {
    browser.findElement(By.id("nav-campaigns")).click();
    await(
        "the plan form",
        Duration.ofSeconds(10),
        d -> !d.findElements(By.id("plan-form")).isEmpty());
    type("plan-name", "console campaign");
    type("plan-clusters", "payments-010, identity-012");
    type("plan-steps", "50,100");
    type("plan-retention", "PT3S");
    String id = submitAndOpen("plan-submit", "campaigns", "cmp-[0-9a-f-]+");

    awaitCampaign("PLANNED", Duration.ofMinutes(3));
    await(
        "the plan's verdict on each member card",
        Duration.ofSeconds(30),
        d ->
            text(d, "[data-member='payments-010'] .plan-result").contains("pre-flight FAILED")
                && text(d, "[data-member='identity-012'] .plan-result")
                    .contains("pre-flight passed"));
    assertEquals(List.of("start", "cancel"), campaignActions(), "buttons of a plan");
    screenshot("console-campaign-plan");

    browser
        .findElement(By.cssSelector("[data-member='payments-010'] button[data-action='skip']"))
        .click();
    confirm("removed APIs still in use (ConsoleIT)");
    await(
        "payments-010 skipped",
        Duration.ofSeconds(30),
        d ->
            "SKIPPED"
                .equals(
                    d.findElement(By.cssSelector("[data-member='payments-010']"))
                        .getAttribute("data-status")));
    browser.findElement(By.id("campaign-start")).click();
    confirm("plan approved (ConsoleIT)");

    awaitCampaign("COMPLETED", Duration.ofMinutes(5));
    await(
        "identity-012 completed, its plan beside it, a link to its upgrade",
        Duration.ofSeconds(30),
        d -> {
          WebElement card = d.findElement(By.cssSelector("[data-member='identity-012']"));
          return "COMPLETED".equals(card.getAttribute("data-status"))
              && card.getText().contains("plan: pre-flight passed")
              && !card.findElements(By.cssSelector("a.member-upgrade")).isEmpty();
        });
    assertEquals(List.of(), campaignActions(), "no buttons once COMPLETED");
    await(
        "the fleet's drift since the snapshot",
        Duration.ofSeconds(30),
        d -> text(d, "#campaign-drift").contains("no cluster appeared or vanished"));
    assertEquals("1", text(browser, "[data-count='COMPLETED'] b"), "one member completed");
    assertEquals("1", text(browser, "[data-count='SKIPPED'] b"), "one member skipped");
    await(
        "both reasons on the campaign's decisions",
        Duration.ofSeconds(30),
        d ->
            text(d, "#campaign-events").contains("skipped")
                && text(d, "#campaign-timeline").contains("COMPLETED"));
    screenshot("console-campaign");
    JsonNode done = api.campaign(id);
    assertEquals("SKIPPED", UpgradeApi.memberStatus(done, "payments-010"));
    assertEquals("COMPLETED", UpgradeApi.memberStatus(done, "identity-012"));

    browser.findElement(By.id("nav-campaigns")).click();
    await(
        "the campaign COMPLETED in the list",
        Duration.ofSeconds(30),
        d -> text(d, "tr[data-campaign='" + id + "']").contains("COMPLETED"));
    screenshot("console-campaigns");
  }

  /**
   * Signs in as {@code user} the way a person does: (sign out,) "Sign in", the issuer's page, a
   * click on the demo user, back to the page the console was on, signed in.
   */
  private void signInAs(String user, boolean screenshotTheIssuersPage) throws IOException {
    if (browser.findElement(By.id("signin-out")).isDisplayed()) {
      browser.findElement(By.id("signin-out")).click();
      await(
          "signed out",
          Duration.ofSeconds(10),
          d -> text(d, "#signin-who").equals("not signed in"));
    }
    String page = browser.getCurrentUrl();
    browser.findElement(By.id("signin-oidc")).click();
    await(
        "the issuer's sign-in page",
        Duration.ofSeconds(30),
        d -> !d.findElements(By.cssSelector("button[data-user='" + user + "']")).isEmpty());
    assertTrue(
        text(browser, "#demo-warning").contains("Local demo sign-in, no password"),
        "the page says it is a password-less local demo: " + text(browser, "#demo-warning"));
    if (screenshotTheIssuersPage) {
      screenshot("sign-in");
    }
    browser.findElement(By.cssSelector("button[data-user='" + user + "']")).click();
    await(
        "signed in as " + user,
        Duration.ofSeconds(30),
        d -> text(d, "#signin-who").equals("signed in as " + user));
    assertEquals(page, browser.getCurrentUrl(), "back on the page, the code gone from the URL");
  }

  private void awaitCampaign(String status, Duration within) {
    awaitShown("the campaign page", "campaign-status", "data-status", status, within);
  }

  private List<String> campaignActions() {
    return actionsOf("#campaign-controls");
  }

  /** Types the reason into the open confirm dialog and confirms. */
  private void confirm(String reason) {
    await(
        "the confirm dialog",
        Duration.ofSeconds(10),
        d -> d.findElement(By.id("confirm")).isDisplayed());
    assertFalse(
        text(browser, "#confirm-title").isEmpty(), "the dialog says what is to be confirmed");
    browser.findElement(By.id("confirm-reason")).sendKeys(reason);
    browser.findElement(By.id("confirm-ok")).click();
    await(
        "the confirm dialog to close",
        Duration.ofSeconds(10),
        d -> !d.findElement(By.id("confirm")).isDisplayed());
  }

  /** chromedriver from PATH; the test fails (never skips) without it. */
  private static Path chromedriver() {
    Optional<Path> found =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .map(dir -> Path.of(dir, "chromedriver"))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty()) {
      fail(
          "chromedriver is not on PATH: run bin/ensure-browser (it apt-get installs Debian's"
              + " chromium and chromium-driver; .ci/run calls it before the build)");
    }
    return found.get();
  }

  private static WebDriver headlessChromium(Path chromedriver) {
    ChromeOptions options = new ChromeOptions();
    for (String binary : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(binary))) {
        options.setBinary(binary);
        break;
      }
    }
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // CI runs as root, where Chromium's sandbox refuses to start
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
    return new ChromeDriver(service, options);
  }

  private void awaitState(String state, Duration within) {
    awaitShown("the upgrade page", "state", "data-state", state, within);
    if (!state.equals("COMPLETED")) {
      await(
          "the buttons for " + state,
          Duration.ofSeconds(10),
          d -> !d.findElements(By.id("action-approve")).isEmpty());
    }
  }

  /** Clicks approve, types the reason into the confirm dialog and confirms. */
  private void approve(String reason) {
    browser.findElement(By.id("action-approve")).click();
    confirm(reason);
  }

  private List<String> actions() {
    return actionsOf("#controls");
  }

  /** The actions of the buttons in {@code controls}, in page order. */
  private List<String> actionsOf(String controls) {
    return browser.findElements(By.cssSelector(controls + " button")).stream()
        .map(b -> b.getAttribute("data-action"))
        .toList();
  }

  /** Waits until the element {@code id} is on {@code page} with {@code attribute = value}. */
  private void awaitShown(String page, String id, String attribute, String value, Duration within) {
    await(
        page + " to show " + value,
        within,
        d -> {
          List<WebElement> shown = d.findElements(By.id(id));
          return !shown.isEmpty() && value.equals(shown.get(0).getAttribute(attribute));
        });
  }

  /**
   * Clicks the form's {@code submit} button and waits for the page it opens, {@code #/<kind>/<id>};
   * returns the id.
   */
  private String submitAndOpen(String submit, String kind, String idPattern) {
    browser.findElement(By.id(submit)).click();
    await(
        "the new " + kind + " page",
        Duration.ofSeconds(90),
        d -> d.getCurrentUrl().matches(".*#/" + kind + "/" + idPattern + "$"));
    return browser.getCurrentUrl().replaceAll(".*#/" + kind + "/", "");
  }

  private void type(String id, String value) {
    WebElement input = browser.findElement(By.id(id));
    input.clear();
    input.sendKeys(value);
  }

  private static String text(WebDriver driver, String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  /**
   * Waits for a condition in the page with a deadline; on timeout, fails with what the page shows
   * (state, problem) and keeps a screenshot of it.
   */
  private void await(String what, Duration within, Function<WebDriver, Boolean> condition) {
    try {
      new WebDriverWait(browser, within, Duration.ofMillis(200))
          .ignoring(org.openqa.selenium.NoSuchElementException.class)
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(condition::apply);
    } catch (TimeoutException e) {
      String shown = text(browser, "main");
      String problem = text(browser, "#problem");
      try {
        save("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
      } catch (IOException | RuntimeException ignored) {
        // the failure below says what matters
      }
      throw new AssertionError(
          "gave up after "
              + within
              + " waiting for "
              + what
              + "\nproblem shown: "
              + problem
              + "\npage: "
              + shown.substring(0, Math.min(shown.length(), 3000)),
          e);
    }
  }

  /**
   * The whole page (the window grown to its height) as e2e/target/screenshots/{name}.png, after
   * checking that no value reads null, undefined or NaN (a field the script failed to read).
   */
  private void screenshot(String name) throws IOException {
    String shown = text(browser, "body");
    assertFalse(
        java.util.regex.Pattern.compile("\\b(null|undefined|NaN)\\b").matcher(shown).find(),
        "the " + name + " page shows a value it failed to read:\n" + shown);
    save(name);
  }

  private void save(String name) throws IOException {
    Number height =
        (Number)
            ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight");
    browser.manage().window().setSize(new Dimension(1400, Math.max(900, height.intValue() + 40)));
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    browser.manage().window().setSize(new Dimension(1400, 1000));
  }

  /**
   * Selects an option of a select the console redraws while it polls: a redraw between finding the
   * option and clicking it makes the element stale, so the selection is tried again.
   */
  private void select(String id, String value) {
    Deadline deadline = Deadline.in(Duration.ofSeconds(10));
    while (true) {
      try {
        new Select(browser.findElement(By.id(id))).selectByValue(value);
        if (value.equals(browser.findElement(By.id(id)).getAttribute("value"))) {
          return;
        }
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        // redrawn under us: look it up again
      }
      deadline.check(id + " to take the value '" + value + "'");
      deadline.pause();
    }
  }
}
