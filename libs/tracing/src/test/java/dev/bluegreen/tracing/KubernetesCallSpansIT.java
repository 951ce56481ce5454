package dev.bluegreen.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fleet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every Kubernetes API request of a fabric8 client built with {@link KubernetesCallSpans#addTo} is
 * a client span under the current span (a real fabric8 client against the simulator's Kubernetes
 * API; OpenTelemetry's SDK with an in-memory exporter standing in for what Quarkus installs).
 */
class KubernetesCallSpansIT {

  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static CloudSim sim;
  private static final KubernetesCallSpans INTERCEPTOR = new KubernetesCallSpans();
  private static KubernetesClient client;

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
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(sim.kubernetesUrl("search-002"))
            .withRequestRetryBackoffLimit(0)
            .build();
    client =
        KubernetesCallSpans.addTo(new KubernetesClientBuilder().withConfig(config), INTERCEPTOR)
            .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
    GlobalOpenTelemetry.resetForTest();
  }

  @BeforeEach
  void clear() {
    SPANS.reset();
  }

  /** Runs the calls under a parent span and returns every finished span but the parent. */
  private static List<SpanData> underParent(Runnable calls, String[] parentId) {
    Span parent = GlobalOpenTelemetry.getTracer("test").spanBuilder("handle command").startSpan();
    parentId[0] = parent.getSpanContext().getSpanId();
    try (Scope ignored = parent.makeCurrent()) {
      calls.run();
    } finally {
      parent.end();
    }
    return SPANS.getFinishedSpanItems().stream()
        .filter(s -> !s.getName().equals("handle command"))
        .toList();
  }

  @Test
  void aListUnderACommandSpan_isAClientSpanOfThatCommand_withItsResourceAndStatus() {
    String[] parent = new String[1];
    List<SpanData> spans =
        underParent(() -> client.pods().inNamespace("kube-system").list(), parent);

    assertEquals(1, spans.size(), spans.toString());
    SpanData call = spans.get(0);
    assertEquals("Kubernetes GET pods", call.getName());
    assertEquals(SpanKind.CLIENT, call.getKind());
    assertEquals(parent[0], call.getParentSpanId());
    assertEquals(200L, call.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals("pods", call.getAttributes().get(AttributeKey.stringKey("k8s.resource")));
    assertEquals(StatusCode.UNSET, call.getStatus().getStatusCode());
    // Ended, so found again by the traceparent the request carried; nothing left open.
    assertEquals(0, INTERCEPTOR.openSpans());
  }

  @Test
  void aRefusedWrite_isAnErrorSpanWithTheStatus() {
    String[] parent = new String[1];
    List<SpanData> spans =
        underParent(
            () ->
                assertThrows(
                    KubernetesClientException.class,
                    () ->
                        client
                            .batch()
                            .v1()
                            .cronjobs()
                            .inNamespace("kube-system")
                            .withName("no-such-cronjob")
                            .edit(c -> c)),
            parent);

    assertTrue(!spans.isEmpty(), "no span for the refused call");
    SpanData call = spans.get(0);
    assertEquals("Kubernetes GET cronjobs", call.getName());
    assertEquals(parent[0], call.getParentSpanId());
    assertEquals(404L, call.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
  }

  @Test
  void outsideAnySpan_nothingIsRecorded() {
    client.pods().inNamespace("kube-system").list();
    assertEquals(List.of(), SPANS.getFinishedSpanItems());
  }
}
