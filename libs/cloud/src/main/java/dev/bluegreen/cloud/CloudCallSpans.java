package dev.bluegreen.cloud;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context.AfterExecution;
import software.amazon.awssdk.core.interceptor.Context.BeforeExecution;
import software.amazon.awssdk.core.interceptor.Context.FailedExecution;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * One client span per AWS API call (retries included), a child of the span current on the calling
 * thread: in a phase service, the span of the command being handled, so an upgrade's trace shows
 * every cloud call it made. Named like OpenTelemetry's own AWS instrumentation ({@code
 * Eks.DescribeCluster}, the SDK's service and operation names) with the {@code rpc.*} attributes,
 * the HTTP status and the AWS error code.
 *
 * <p>Outside any span (a readiness probe, a tool) or with the SDK off it does nothing. {@link
 * AwsClients#configure} adds it to every client; the sync clients call it on the caller's thread.
 */
public final class CloudCallSpans implements ExecutionInterceptor {

  static final String INSTRUMENTATION = "dev.bluegreen.cloud";
  // The SDK keeps attribute names JVM-wide and refuses a duplicate; this class can be loaded more
  // than once in one JVM (Quarkus tests load the app apart from the test's own classes).
  private static final ExecutionAttribute<Span> SPAN =
      new ExecutionAttribute<>(
          "bluegreen.cloud-call-span@"
              + Integer.toHexString(System.identityHashCode(CloudCallSpans.class)));

  @Override
  public void beforeExecution(BeforeExecution context, ExecutionAttributes attributes) {
    Context parent = Context.current();
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      return;
    }
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Span span =
        GlobalOpenTelemetry.getOrNoop()
            .getTracer(INSTRUMENTATION)
            .spanBuilder(service + "." + operation)
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("rpc.system", "aws-api")
            .setAttribute("rpc.service", service)
            .setAttribute("rpc.method", operation)
            .startSpan();
    attributes.putAttribute(SPAN, span);
  }

  @Override
  public void afterExecution(AfterExecution context, ExecutionAttributes attributes) {
    Span span = attributes.getAttribute(SPAN);
    if (span != null) {
      span.setAttribute("http.response.status_code", (long) context.httpResponse().statusCode());
      span.end();
    }
  }

  @Override
  public void onExecutionFailure(FailedExecution context, ExecutionAttributes attributes) {
    Span span = attributes.getAttribute(SPAN);
    if (span == null) {
      return;
    }
    Throwable e = context.exception();
    if (e instanceof AwsServiceException aws) {
      span.setAttribute("http.response.status_code", (long) aws.statusCode());
      if (aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
        span.setAttribute("aws.error.code", aws.awsErrorDetails().errorCode());
      }
    }
    span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
    span.end();
  }
}
