package dev.bluegreen.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/**
 * The ACL catalog says what issue 21 asks, topic by topic; KafkaSecurityIT shows the broker agrees.
 */
class KafkaPrincipalsTest {

  private static Set<String> principals(TopicSpec topic, AclOperation op) {
    Set<String> out = new TreeSet<>();
    KafkaPrincipals.acls()
        .forEach(
            (user, acls) -> {
              for (AclBinding b : acls) {
                boolean literal =
                    b.pattern().resourceType() == ResourceType.TOPIC
                        && b.pattern().patternType() == PatternType.LITERAL
                        && b.pattern().name().equals(topic.name());
                if (literal && b.entry().operation() == op) {
                  out.add(user);
                }
              }
            });
    return out;
  }

  @Test
  void everyTopicOfTheCatalog_hasAWriter() {
    for (TopicSpec topic : Topics.ALL) {
      assertTrue(
          !principals(topic, AclOperation.WRITE).isEmpty(),
          topic.name() + " has no writer: grant one in KafkaPrincipals");
    }
  }

  @Test
  void eachCommandTopic_isWrittenByTheOrchestratorAlone_andReadByItsServiceAlone() {
    KafkaPrincipals.PHASE_SERVICES.forEach(
        (service, topic) -> {
          assertEquals(Set.of("orchestrator"), principals(topic, AclOperation.WRITE), topic.name());
          assertEquals(Set.of(service), principals(topic, AclOperation.READ), topic.name());
        });
  }

  @Test
  void theAuditLog_isWrittenByTheOrchestratorAlone_andTheNotifierReadsOnlyTheAuditLogsAndFreezes() {
    assertEquals(Set.of("orchestrator"), principals(Topics.AUDIT, AclOperation.WRITE));
    assertEquals(
        Set.of("notifier", "orchestrator", "replay"), principals(Topics.AUDIT, AclOperation.READ));
    for (TopicSpec topic : Topics.ALL) {
      if (topic != Topics.AUDIT
          && topic != Topics.CAMPAIGN_AUDIT
          && topic != Topics.FLEET_FREEZES) {
        assertTrue(!principals(topic, AclOperation.READ).contains("notifier"), topic.name());
      }
    }
    assertEquals(
        Set.of("notifier", "orchestrator"), principals(Topics.FLEET_FREEZES, AclOperation.READ));
  }

  @Test
  void theCampaignTopics_areTheOrchestratorsAlone_andTheNotifierReadsTheCampaignAuditLog() {
    for (TopicSpec topic :
        List.of(Topics.CAMPAIGN_REQUESTS, Topics.CAMPAIGN_MEMBERS, Topics.CAMPAIGN_AUDIT)) {
      assertEquals(Set.of("orchestrator"), principals(topic, AclOperation.WRITE), topic.name());
      assertEquals(
          topic == Topics.CAMPAIGN_AUDIT
              ? Set.of("notifier", "orchestrator", "replay")
              : Set.of("orchestrator"),
          principals(topic, AclOperation.READ),
          topic.name());
    }
  }

  @Test
  void thePhaseServices_writeOnlyFactsAndDeadLetters() {
    for (String service : KafkaPrincipals.PHASE_SERVICES.keySet()) {
      Set<String> written = new TreeSet<>();
      for (TopicSpec topic : Topics.ALL) {
        if (principals(topic, AclOperation.WRITE).contains(service)) {
          written.add(topic.name());
        }
      }
      assertEquals(
          new TreeSet<>(List.of(Topics.FACTS.name(), Topics.DEAD_LETTER.name())), written, service);
    }
  }

  @Test
  void onlyTheOrchestrator_hasPrefixedOrAllGrants_allNamedAfterItsStreamsApp() {
    KafkaPrincipals.acls()
        .forEach(
            (user, acls) -> {
              for (AclBinding b : acls) {
                boolean wide =
                    b.pattern().patternType() != PatternType.LITERAL
                        || b.entry().operation() == AclOperation.ALL;
                if (wide) {
                  assertEquals("orchestrator", user, b.toString());
                  assertTrue(
                      b.pattern().name().startsWith(KafkaPrincipals.ORCHESTRATOR_STREAMS_APP)
                          || b.pattern()
                              .name()
                              .equals(KafkaPrincipals.ORCHESTRATOR_REPLIES_GROUP_PREFIX),
                      b.toString());
                }
                assertTrue(b.pattern().resourceType() != ResourceType.CLUSTER, "no cluster grants");
              }
            });
  }

  @Test
  void replay_readsTheThreeAuditLogs_andNothingElse_andWritesNothing() {
    Set<String> read = new TreeSet<>();
    for (TopicSpec topic : Topics.ALL) {
      assertTrue(!principals(topic, AclOperation.WRITE).contains("replay"), topic.name());
      if (principals(topic, AclOperation.READ).contains("replay")) {
        read.add(topic.name());
      }
    }
    assertEquals(
        new TreeSet<>(
            List.of(Topics.AUDIT.name(), Topics.CAMPAIGN_AUDIT.name(), Topics.ACCESS_AUDIT.name())),
        read);
  }
}
