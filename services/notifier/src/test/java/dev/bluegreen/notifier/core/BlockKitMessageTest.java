package dev.bluegreen.notifier.core;

import static dev.bluegreen.notifier.core.Entries.rejected;
import static dev.bluegreen.notifier.core.Entries.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.events.UpgradeState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlockKitMessageTest {

  private final BlockKitMessage messages = new BlockKitMessage("https://bluegreen.example.com/");

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> blocks(Map<String, Object> message) {
    return (List<Map<String, Object>>) message.get("blocks");
  }

  private static Map<String, Object> block(Map<String, Object> message, String type) {
    return blocks(message).stream()
        .filter(b -> type.equals(b.get("type")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " block in " + message));
  }

  @SuppressWarnings("unchecked")
  private static String fieldTexts(Map<String, Object> message) {
    List<Map<String, Object>> fields =
        (List<Map<String, Object>>) block(message, "section").get("fields");
    return String.join("|", fields.stream().map(f -> (String) f.get("text")).toList());
  }

  @Test
  void failure_showsClusterTeamStatesAndReason_underARedHeader() {
    Map<String, Object> message =
        messages.render(
            transition(
                "payments-prod",
                UpgradeState.CLEANING_UP,
                UpgradeState.FAILED,
                null,
                "green node group CREATE_FAILED"),
            Severity.FAILURE,
            Optional.of("payments"));

    assertEquals(":red_circle: payments-prod: upgrade failed", message.get("text"));
    assertEquals(
        Map.of("type", "plain_text", "text", ":red_circle: payments-prod: upgrade failed"),
        block(message, "header").get("text"));
    String fields = fieldTexts(message);
    assertTrue(fields.contains("*Cluster*\npayments-prod"), fields);
    assertTrue(fields.contains("*Team*\npayments"), fields);
    assertTrue(fields.contains("*State*\nCLEANING_UP → FAILED"), fields);
    assertTrue(message.toString().contains("*Reason*\ngreen node group CREATE_FAILED"));
  }

  @Test
  void link_pointsAtTheUpgradeInTheApi() {
    Map<String, Object> message =
        messages.render(
            transition(UpgradeState.SOAKING, UpgradeState.AWAITING_DECOMMISSION_APPROVAL),
            Severity.ACTION_NEEDED,
            Optional.empty());

    assertEquals("https://bluegreen.example.com/upgrades/upg-1", messages.upgradeLink("upg-1"));
    assertTrue(
        block(message, "actions")
            .toString()
            .contains("url=https://bluegreen.example.com/upgrades/upg-1"),
        message.toString());
    assertTrue(
        block(message, "context")
            .toString()
            .contains("<https://bluegreen.example.com/upgrades/upg-1|upg-1>"));
  }

  @Test
  void shifting_showsTheTrafficStep_countingFromOne() {
    Map<String, Object> message =
        messages.render(
            transition("search-prod", UpgradeState.SHIFTING, UpgradeState.SHIFTING, 2, "step"),
            Severity.INFO,
            Optional.empty());

    assertTrue(fieldTexts(message).contains("*Progress*\ntraffic step 3"), fieldTexts(message));
  }

  @Test
  void firstEntry_withoutAFromState_showsOnlyTheTarget() {
    Map<String, Object> message =
        messages.render(transition(null, UpgradeState.REQUESTED), Severity.INFO, Optional.empty());

    assertTrue(fieldTexts(message).contains("*State*\n→ REQUESTED"));
    assertFalse(fieldTexts(message).contains("Progress"));
  }

  @Test
  void rejectedInputWithoutAnUpgrade_hasNoLinkButSaysWhy() {
    Map<String, Object> message =
        messages.render(rejected(false), Severity.WARNING, Optional.empty());

    assertEquals(":warning: payments-prod: input rejected", message.get("text"));
    assertTrue(blocks(message).stream().noneMatch(b -> "actions".equals(b.get("type"))));
    assertTrue(message.toString().contains("no upgrade to approve"));
    assertTrue(fieldTexts(message).contains("*Input*\ndev.bluegreen.UpgradeControlRequested.v1"));
  }

  @Test
  void slackControlCharacters_inTheReason_areEscaped() {
    Map<String, Object> message =
        messages.render(
            transition(
                "a-b",
                UpgradeState.SHIFTING,
                UpgradeState.ROLLING_BACK,
                1,
                "5xx > 2% <!here> & more"),
            Severity.FAILURE,
            Optional.empty());

    assertTrue(message.toString().contains("5xx &gt; 2% &lt;!here&gt; &amp; more"));
  }

  @Test
  void longReason_isCutToWhatSlackAccepts() {
    Map<String, Object> message =
        messages.render(
            transition(
                "a-b", UpgradeState.SHIFTING, UpgradeState.ROLLING_BACK, 1, "x".repeat(5000)),
            Severity.FAILURE,
            Optional.empty());

    Map<String, Object> reason = blocks(message).get(2);
    @SuppressWarnings("unchecked")
    String text = (String) ((Map<String, Object>) reason.get("text")).get("text");
    assertTrue(text.length() <= 3000, "reason block of " + text.length() + " characters");
  }
}
