package dev.bluegreen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Kafka consumer of a service reads committed records only: commands and audit entries are
 * written in the orchestrator's exactly-once transactions, and a record of an aborted transaction
 * must never be acted on (CommandMessagingIT shows what read_uncommitted does).
 */
class ConsumersReadCommittedTest {

  private static final Pattern INCOMING =
      Pattern.compile("^mp\\.messaging\\.incoming\\.([^.]+)\\.connector$");

  @Test
  void everyIncomingKafkaChannelOfEveryService_readsCommitted() throws IOException {
    List<String> channels = new ArrayList<>();
    List<String> uncommitted = new ArrayList<>();
    for (Map.Entry<String, Properties> service : ServiceProperties.all().entrySet()) {
      Properties p = service.getValue();
      for (String key : p.stringPropertyNames()) {
        Matcher m = INCOMING.matcher(key);
        if (m.matches() && "smallrye-kafka".equals(p.getProperty(key))) {
          String channel = service.getKey() + ":" + m.group(1);
          channels.add(channel);
          String level = p.getProperty("mp.messaging.incoming." + m.group(1) + ".isolation.level");
          if (!"read_committed".equals(level)) {
            uncommitted.add(channel + " (isolation.level=" + level + ")");
          }
        }
      }
    }
    assertFalse(channels.isEmpty(), "no Kafka channel found under " + ServiceProperties.ROOT);
    assertEquals(List.of(), uncommitted, "consumers that would act on aborted transactions");
  }
}
