package dev.bluegreen.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationCheckTest {

  private static final Map<String, Set<String>> AUDIT =
      Map.of(
          "u-1", Set.of("→ PREFLIGHT", "PREFLIGHT → PROVISIONING", "DECOMMISSIONING → COMPLETED"),
          "u-2", Set.of("→ PREFLIGHT", "PROVISIONING → FAILED"));

  /** A post shaped as the notifier renders an upgrade's transition (the fields the check reads). */
  private static String upgradePost(String id, String change) {
    return """
        {"text":":large_green_circle: search-001: upgrade completed","blocks":[
          {"type":"header","text":{"type":"plain_text","text":"search-001"}},
          {"type":"section","fields":[{"type":"mrkdwn","text":"*Cluster*\\nsearch-001"},
                                      {"type":"mrkdwn","text":"*State*\\n%s"}]},
          {"type":"actions","elements":[{"type":"button","url":"http://localhost:8080/upgrades/%s"}]}]}
        """
        .formatted(change, id);
  }

  private static String campaignPost(String id, String change) {
    return """
        {"text":"chaos: completed","blocks":[
          {"type":"section","fields":[{"type":"mrkdwn","text":"*Status*\\n%s"}]},
          {"type":"actions","elements":[{"type":"button","url":"http://localhost:8080/campaigns/%s"}]}]}
        """
        .formatted(change, id);
  }

  @Test
  void everyEndPostedOnce_orTwiceAfterAKill_passes() {
    String end1 = upgradePost("u-1", "DECOMMISSIONING → COMPLETED");
    List<String> bodies =
        List.of(
            upgradePost("u-1", "→ PREFLIGHT"),
            end1,
            end1,
            upgradePost("u-2", "PROVISIONING → FAILED"),
            campaignPost("cmp-1", "RUNNING → COMPLETED"));

    NotificationCheck check =
        NotificationCheck.of(
            bodies,
            AUDIT,
            Map.of("u-1", "COMPLETED", "u-2", "FAILED"),
            Set.of("cmp-1"),
            Map.of("cmp-1", "COMPLETED"));

    assertEquals(List.of(), check.failures());
    assertEquals(5, check.posted());
    assertEquals(1, check.repeated(), "a repeat is at-least-once delivery, not a failure");
    assertEquals(2, check.endsPosted());
    assertEquals(2, check.upgrades());
    assertEquals(1, check.campaignNews());
    assertTrue(
        NotificationCheck.everyEndPosted(
            bodies, Map.of("u-1", "COMPLETED"), Map.of("cmp-1", "COMPLETED")));
  }

  @Test
  void anEndNeverPosted_fails() {
    List<String> bodies = List.of(upgradePost("u-1", "DECOMMISSIONING → COMPLETED"));

    NotificationCheck check =
        NotificationCheck.of(
            bodies,
            AUDIT,
            Map.of("u-1", "COMPLETED", "u-2", "FAILED"),
            Set.of("cmp-1"),
            Map.of("cmp-1", "COMPLETED"));

    assertEquals(
        List.of(
            "upgrade u-2 ended FAILED but the notifier never said so",
            "campaign cmp-1 ended COMPLETED but the notifier never said so"),
        check.failures());
    assertFalse(NotificationCheck.everyEndPosted(bodies, Map.of("u-2", "FAILED"), Map.of()));
  }

  @Test
  void whatTheAuditLogsDoNotHold_fails() {
    NotificationCheck check =
        NotificationCheck.of(
            List.of(
                upgradePost("u-9", "→ PREFLIGHT"),
                upgradePost("u-2", "SHIFTING → COMPLETED"),
                campaignPost("cmp-9", "RUNNING → COMPLETED"),
                "not json"),
            AUDIT,
            Map.of(),
            Set.of("cmp-1"),
            Map.of());

    assertEquals(4, check.failures().size(), check.failures().toString());
    assertTrue(check.failures().get(0).contains("upgrade u-9, which does not exist"));
    assertTrue(check.failures().get(1).contains("notified SHIFTING → COMPLETED for upgrade u-2"));
    assertTrue(check.failures().get(2).contains("campaign cmp-9, which does not exist"));
    assertTrue(check.failures().get(3).contains("cannot read"));
  }
}
