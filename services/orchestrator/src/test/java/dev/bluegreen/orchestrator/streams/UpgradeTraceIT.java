package dev.bluegreen.orchestrator.streams;

import static dev.bluegreen.orchestrator.security.AsUser.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.UpgradeControlRequested;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.testkit.Deadline;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.HealthyAnswers;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * One upgrade is one trace: the W3C trace id a caller sets on {@code POST /upgrades} (the {@code
 * traceparent} header) is in the {@code ce_traceparent} header of every event of that upgrade: the
 * request, every command, every fact and every audit entry, through Kafka Streams, timers and an
 * approval that came without a trace header. Real app, real broker; the phase services are played
 * by the test, continuing the trace as libs/messaging does ({@code CloudEvent.causedBy}).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(UpgradeTraceIT.Tracing.class)
class UpgradeTraceIT {

  /** The SDK on, its spans kept in memory ({@link InMemorySpans}) instead of exported. */
  public static class Tracing implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "PT0.1S");
    }
  }

  @Inject InMemorySpanExporter spans;

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
  private static final List<TopicSpec> COMMAND_TOPICS =
      List.of(
          Topics.PROVISIONER_COMMANDS,
          Topics.DEPLOYER_COMMANDS,
          Topics.TRAFFIC_SHIFTER_COMMANDS,
          Topics.DECOMMISSIONER_COMMANDS);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void theTraceIdSetOnPost_isInTheHeadersOfEveryEventOfTheUpgrade() {
    try (EventProbe probe = new EventProbe(bootstrapServers)) {
      awaitApiUp();
      String id =
          given()
              .contentType(ContentType.JSON)
              .header("traceparent", TRACEPARENT)
              .body(
                  "{\"cluster\":\"traced-cluster\",\"targetVersion\":\"1.31\","
                      + "\"steps\":[{\"type\":\"setWeight\",\"weight\":100}],"
                      + "\"retention\":\"PT1S\"}")
              .post("/upgrades")
              .then()
              .statusCode(202)
              .extract()
              .path("id");

      int commands = driveToCompletion(probe, id);
      probe.await(
          Topics.AUDIT,
          UpgradeTransitioned.class,
          t -> t.upgradeId().equals(id) && "COMPLETED".equals(String.valueOf(t.to())));

      // What must be there: the request and two approvals, every command once, a fact answering
      // each; the audit log up to COMPLETED was awaited above.
      List<CloudEvent<?>> events = new ArrayList<>();
      events.addAll(eventsOf(probe, Topics.REQUESTS, id, 3));
      int seenCommands = 0;
      for (TopicSpec topic : COMMAND_TOPICS) {
        List<CloudEvent<?>> onTopic = eventsOf(probe, topic, id, 1);
        seenCommands += onTopic.size();
        events.addAll(onTopic);
      }
      assertEquals(commands, seenCommands);
      events.addAll(eventsOf(probe, Topics.FACTS, id, commands));
      events.addAll(eventsOf(probe, Topics.AUDIT, id, 1));

      int traced = 0;
      for (CloudEvent<?> event : events) {
        if (event.data() instanceof UpgradeControlRequested c && "bob".equals(c.actor())) {
          // The one event the caller sent without a trace header stays without one; what the
          // orchestrator decided about it is back in the upgrade's trace (the audit and
          // DecommissionBlue are checked like every other event).
          assertNull(event.trace(), "bob's untraced approval");
          continue;
        }
        assertNotNull(event.trace(), event.type().ceType() + " " + event.id() + " has no trace");
        assertEquals(TRACE_ID, event.trace().traceId(), event.type().ceType() + " " + event.id());
        traced++;
      }
      assertTrue(traced >= 2 + 2 * commands, traced + " traced events of " + events.size());

      assertSpansFormOneTree(events, commands);
    }
  }

  /**
   * The spans behind those ids are real: POST's server span is a child of the caller's span and the
   * parent of UpgradeRequested; every decision is a span, a child of the span its input names;
   * every command and audit entry names a decision span as its parent.
   */
  private void assertSpansFormOneTree(List<CloudEvent<?>> events, int commands) {
    Deadline deadline = Deadline.in(Duration.ofSeconds(30));
    Map<String, SpanData> byId = new HashMap<>();
    while (true) {
      byId.clear();
      spans.getFinishedSpanItems().stream()
          .filter(s -> s.getTraceId().equals(TRACE_ID))
          .forEach(s -> byId.put(s.getSpanId(), s));
      long decisions =
          byId.values().stream().filter(s -> s.getName().startsWith("decide ")).count();
      if (decisions >= 1 + commands + 2) {
        break;
      }
      deadline.check("a decision span per input (" + decisions + " so far)");
      deadline.pause();
    }
    SpanData post =
        byId.values().stream()
            // The approvals sent with the same traceparent are server spans of that parent too
            // ("POST /upgrades/{id}/approve"): only the POST of the upgrade itself is wanted.
            .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().equals("POST /upgrades"))
            .filter(s -> s.getParentSpanId().equals("00f067aa0ba902b7"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no server span of POST /upgrades: " + byId));
    for (CloudEvent<?> event : events) {
      if (event.trace() == null || !event.trace().traceId().equals(TRACE_ID)) {
        continue;
      }
      if (event.data() instanceof UpgradeRequested) {
        assertEquals(post.getSpanId(), event.trace().spanId(), "UpgradeRequested's parent");
      }
      if (event.data() instanceof Command || event.data() instanceof UpgradeTransitioned) {
        SpanData parent = byId.get(event.trace().spanId());
        assertNotNull(parent, event.type().ceType() + " names an exported span");
        assertTrue(parent.getName().startsWith("decide "), parent.getName());
      }
    }
    for (SpanData decision : byId.values()) {
      if (decision.getName().equals("decide UpgradeRequested")) {
        assertEquals(post.getSpanId(), decision.getParentSpanId(), "the request's decision");
      }
    }
  }

  /** The upgrade's events on a topic, read until there are at least {@code atLeast}. */
  private static List<CloudEvent<?>> eventsOf(
      EventProbe probe, TopicSpec topic, String id, int atLeast) {
    Deadline deadline = Deadline.in(Duration.ofSeconds(30));
    while (true) {
      List<CloudEvent<?>> events = probe.eventsSoFar(topic, e -> id.equals(e.correlationId()));
      if (events.size() >= atLeast) {
        return events;
      }
      deadline.check(atLeast + " events of " + id + " on " + topic.name());
    }
  }

  private static void awaitApiUp() {
    Deadline deadline = Deadline.in(Duration.ofSeconds(60));
    while (given().get("/upgrades").statusCode() != 200) {
      deadline.check("the API to read the stores");
      deadline.pause();
    }
  }

  /**
   * Answers every command of the upgrade as a healthy phase service would, approves the shift with
   * the caller's trace header and the decommission without one, until the upgrade completes.
   */
  private static int driveToCompletion(EventProbe probe, String id) {
    Set<String> answered = new HashSet<>();
    Set<String> approved = new HashSet<>();
    Deadline deadline = Deadline.in(Duration.ofSeconds(120));
    while (true) {
      String state = given().get("/upgrades/" + id).then().statusCode(200).extract().path("state");
      if ("COMPLETED".equals(state)) {
        return answered.size();
      }
      if ("AWAITING_SHIFT_APPROVAL".equals(state) && approved.add(state)) {
        given("alice")
            .header("traceparent", TRACEPARENT)
            .post("/upgrades/" + id + "/approve")
            .then()
            .statusCode(202);
      }
      if ("AWAITING_DECOMMISSION_APPROVAL".equals(state) && approved.add(state)) {
        given("bob", List.of("platform-admins"))
            .post("/upgrades/" + id + "/approve")
            .then()
            .statusCode(202);
      }
      for (TopicSpec topic : COMMAND_TOPICS) {
        for (CloudEvent<?> command : probe.eventsSoFar(topic, e -> id.equals(e.correlationId()))) {
          Command c = (Command) command.data();
          if (answered.add(c.commandId())) {
            probe.publish(
                CloudEvent.causedBy(
                    command, HealthyAnswers.SOURCE, HealthyAnswers.to(c), Instant.now()));
          }
        }
      }
      deadline.check("upgrade " + id + " to complete (state " + state + ")");
      deadline.pause();
    }
  }
}
