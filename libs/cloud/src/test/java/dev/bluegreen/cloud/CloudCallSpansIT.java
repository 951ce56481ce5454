package dev.bluegreen.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.Fleet;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * Every AWS call of a client built by {@link AwsClients#configure} is a client span under the
 * current span (the real SDK against the simulator; OpenTelemetry's SDK with an in-memory exporter
 * standing in for what Quarkus installs).
 */
class CloudCallSpansIT {

  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static CloudSim sim;
  private static EksClient eks;

  @BeforeAll
  static void start() {
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                    .build())
            .build());
    sim = CloudSim.start(CloudSimConfig.defaults().withFleet(Fleet.demo()));
    eks =
        AwsClients.configure(
                EksClient.builder(),
                "us-east-1",
                Optional.of(sim.eksEndpoint()),
                Duration.ofSeconds(30),
                5)
            .build();
  }

  @AfterAll
  static void stop() {
    eks.close();
    sim.close();
    GlobalOpenTelemetry.resetForTest();
  }

  @BeforeEach
  void clear() {
    SPANS.reset();
  }

  private static List<SpanData> underParent(Runnable calls) {
    Span parent = GlobalOpenTelemetry.getTracer("test").spanBuilder("handle command").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      calls.run();
    } finally {
      parent.end();
    }
    String parentId = parent.getSpanContext().getSpanId();
    return SPANS.getFinishedSpanItems().stream()
        .filter(s -> s.getParentSpanId().equals(parentId))
        .toList();
  }

  @Test
  void callsUnderASpan_areItsClientChildSpans_oneEachRetriesIncluded() {
    sim.faults().add(Fault.throttle("eks", "DescribeCluster", 2));
    List<SpanData> children =
        underParent(
            () -> {
              eks.describeCluster(b -> b.name("search-002"));
              eks.describeAddonVersions(b -> b.kubernetesVersion("1.33"));
            });

    assertEquals(
        List.of("Eks.DescribeCluster", "Eks.DescribeAddonVersions"),
        children.stream().map(SpanData::getName).toList());
    SpanData describe = children.get(0);
    assertEquals(SpanKind.CLIENT, describe.getKind());
    assertEquals("aws-api", describe.getAttributes().get(AttributeKey.stringKey("rpc.system")));
    assertEquals(
        "DescribeCluster", describe.getAttributes().get(AttributeKey.stringKey("rpc.method")));
    assertEquals(
        200L, describe.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(StatusCode.UNSET, describe.getStatus().getStatusCode());
  }

  @Test
  void aFailedCall_isAnErrorSpanWithTheAwsErrorCode() {
    List<SpanData> children =
        underParent(
            () ->
                assertThrows(
                    ResourceNotFoundException.class,
                    () -> eks.describeCluster(b -> b.name("no-such-cluster"))));

    assertEquals(1, children.size());
    SpanData failed = children.get(0);
    assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
    assertEquals(
        "ResourceNotFoundException",
        failed.getAttributes().get(AttributeKey.stringKey("aws.error.code")));
  }

  @Test
  void aCallOutsideAnySpan_makesNoSpan() {
    eks.describeCluster(b -> b.name("search-002"));
    assertTrue(SPANS.getFinishedSpanItems().isEmpty());
  }
}
