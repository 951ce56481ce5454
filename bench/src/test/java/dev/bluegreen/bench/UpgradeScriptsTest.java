package dev.bluegreen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Topics;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpgradeScriptsTest {
  private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

  @Test
  void script_startsWithTheRequest_thenOnlyFactsThatEachCauseADecision() {
    List<UpgradeScripts.Step> steps = UpgradeScripts.script("t", 7, T0);

    assertEquals(Topics.REQUESTS.name(), steps.get(0).record().topic());
    assertTrue(
        steps.stream().skip(1).allMatch(s -> s.record().topic().equals(Topics.FACTS.name())),
        "every later step is a fact");
    assertTrue(steps.stream().allMatch(UpgradeScripts.Step::audited), "each input is audited");
    // Request, pre-flight, provisioning, deploy, verify, 3 x (weight + analysis), handover, and
    // the first watch of green while soaking (decision version 4).
    assertEquals(13, steps.size());
    assertEquals(0, steps.get(steps.size() - 1).commands(), "the next watch waits a minute");
    assertTrue(
        steps.stream().limit(steps.size() - 1).allMatch(s -> s.commands() == 1),
        "every other input is answered with the next command");
  }

  @Test
  void script_isKeyedByItsCluster_andTheSameForTheSameRun() {
    List<UpgradeScripts.Step> a = UpgradeScripts.script("run", 3, T0);
    List<UpgradeScripts.Step> b = UpgradeScripts.script("run", 3, T0);

    assertTrue(a.stream().allMatch(s -> s.record().key().equals("bench-run-3")));
    assertEquals(
        CloudEventCodec.header(a.get(1).record().headers(), "ce_type"),
        CloudEventCodec.header(b.get(1).record().headers(), "ce_type"));
  }
}
