package dev.bluegreen.tracing;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client span per Kubernetes API request of a fabric8 client (the deployer's, decommissioner's
 * and provisioner's calls to blue's, green's and the management cluster's API), a child of the span
 * current on the calling thread: in a phase service, the span of the command being handled. It is
 * what {@code CloudCallSpans} (libs/cloud) is for AWS calls, so an upgrade's trace shows every call
 * to the cloud whichever API it went to.
 *
 * <p>fabric8 calls {@code before} on the caller's thread but {@code after} wherever the response
 * arrives, and the two share nothing but the request; so the span's own W3C {@code traceparent}
 * goes into the request (an API server with tracing on joins the trace through it) and names the
 * span to end when the response, or the connection failure, comes back. Open spans are bounded: a
 * response that never comes (a watch closed without one) can hold at most {@link #MAX_OPEN}.
 *
 * <p>Outside any span (a readiness probe, a retry fabric8 schedules on its own thread) or with the
 * SDK off it does nothing.
 */
public final class KubernetesCallSpans implements Interceptor {

  static final String INSTRUMENTATION = "dev.bluegreen.tracing.kubernetes";
  static final int MAX_OPEN = 10_000;
  private static final String NAME = "bluegreen-kubernetes-call-spans";

  private final Map<String, Span> open = new ConcurrentHashMap<>();

  /** The builder with this interceptor on the HTTP client of the client it builds. */
  public static KubernetesClientBuilder addTo(KubernetesClientBuilder builder) {
    return addTo(builder, new KubernetesCallSpans());
  }

  static KubernetesClientBuilder addTo(KubernetesClientBuilder builder, KubernetesCallSpans spans) {
    return builder.withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(NAME, spans));
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    Context parent = Context.current();
    if (!Span.fromContext(parent).getSpanContext().isValid() || open.size() >= MAX_OPEN) {
      return;
    }
    String resource = KubernetesPaths.resourceOf(request.uri().getPath());
    Span span =
        GlobalOpenTelemetry.getOrNoop()
            .getTracer(INSTRUMENTATION)
            .spanBuilder("Kubernetes " + request.method() + " " + resource)
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("http.request.method", request.method())
            .setAttribute("url.path", request.uri().getPath())
            .setAttribute("server.address", request.uri().getHost())
            .setAttribute("k8s.resource", resource)
            .startSpan();
    if (!span.getSpanContext().isValid()) {
      return; // the SDK is off: a no-op span
    }
    open.put(span.getSpanContext().getSpanId(), span);
    W3CTraceContextPropagator.getInstance()
        .inject(parent.with(span), builder, (b, key, value) -> b.setHeader(key, value));
  }

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    Span span = openSpanOf(request);
    if (span != null) {
      span.setAttribute("http.response.status_code", (long) response.code());
      if (response.code() >= 400) {
        span.setStatus(StatusCode.ERROR, "HTTP " + response.code());
      }
      span.end();
    }
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    Span span = openSpanOf(request);
    if (span != null) {
      span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
      span.end();
    }
  }

  /** The span this interceptor opened for the request, found by the traceparent it put there. */
  private Span openSpanOf(HttpRequest request) {
    String traceparent = request.header("traceparent");
    if (traceparent == null || traceparent.length() < 52) {
      return null;
    }
    return open.remove(traceparent.substring(36, 52));
  }

  int openSpans() {
    return open.size();
  }
}
