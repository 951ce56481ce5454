package dev.bluegreen.cloudsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.SimClock;
import dev.bluegreen.cloudsim.core.TargetWeight;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * CloudWatch GetMetricData through the real CloudWatchClient (Smithy RPC v2 CBOR on the wire) and
 * as plain HTTP shaped exactly as the AWS CLI sends it (AWS JSON 1.0; the SDK's CloudWatch client
 * is generated for CBOR only), with a manual clock so the traffic windows are exact.
 */
class CloudWatchApiIT {
  private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

  private SimClock.ManualClock clock;
  private CloudSim sim;
  private CloudWatchClient cloudWatch;
  private ElasticLoadBalancingV2Client elb;

  @BeforeEach
  void start() {
    clock = SimClock.manual(T0);
    sim = CloudSim.start(CloudSimConfig.instant().withClock(clock).withFleet(Fleet.demo()));
    cloudWatch = SimClients.cloudWatch(sim);
    elb = SimClients.elbv2(sim);
  }

  @AfterEach
  void stop() {
    cloudWatch.close();
    elb.close();
    sim.close();
  }

  private static MetricDataQuery query(
      String id, String metric, String stat, String targetGroupDimension) {
    return MetricDataQuery.builder()
        .id(id)
        .metricStat(
            s ->
                s.stat(stat)
                    .period(60)
                    .metric(
                        m ->
                            m.namespace("AWS/ApplicationELB")
                                .metricName(metric)
                                .dimensions(
                                    d -> d.name("TargetGroup").value(targetGroupDimension))))
        .build();
  }

  private static String dimension(String targetGroupArn) {
    return targetGroupArn.substring(targetGroupArn.indexOf(":targetgroup/") + 1);
  }

  private static double sum(MetricDataResult r) {
    return r.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  @Test
  void requestCounts_followTheRuleWeights_andAnUnhealthyClusterAnswers5xx() {
    String rule = sim.ruleArnOf("payments-001").orElseThrow();
    String blue = sim.targetGroupArnOf("payments-001").orElseThrow();
    String green =
        elb.createTargetGroup(
                r ->
                    r.name("tg-payments-001-green").protocol("HTTP").port(80).vpcId("vpc-payments"))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    sim.setRequestRate(rule, 10.0);
    elb.modifyRule(
        r ->
            r.ruleArn(rule)
                .actions(
                    a ->
                        a.type(ActionTypeEnum.FORWARD)
                            .forwardConfig(
                                f ->
                                    f.targetGroups(
                                        TargetGroupTuple.builder()
                                            .targetGroupArn(blue)
                                            .weight(80)
                                            .build(),
                                        TargetGroupTuple.builder()
                                            .targetGroupArn(green)
                                            .weight(20)
                                            .build()))));
    sim.faults().add(Fault.unhealthy("payments-001-green", 0.5));
    clock.advance(Duration.ofMinutes(5));

    GetMetricDataResponse response =
        cloudWatch.getMetricData(
            r ->
                r.startTime(T0)
                    .endTime(T0.plus(Duration.ofMinutes(5)))
                    .metricDataQueries(
                        query("blueRequests", "RequestCount", "Sum", dimension(blue)),
                        query("greenRequests", "RequestCount", "Sum", dimension(green)),
                        query("green5xx", "HTTPCode_Target_5XX_Count", "Sum", dimension(green)),
                        query("blue5xx", "HTTPCode_Target_5XX_Count", "Sum", dimension(blue)),
                        query("greenLatency", "TargetResponseTime", "Average", dimension(green))));

    List<MetricDataResult> results = response.metricDataResults();
    // 10 rps for 300 s split 80/20; green answers half of its requests with 5xx.
    assertEquals(2400.0, sum(results.get(0)), 1.0);
    assertEquals(600.0, sum(results.get(1)), 1.0);
    assertEquals(300.0, sum(results.get(2)), 1.0);
    assertEquals(0.0, sum(results.get(3)), 0.0);
    assertEquals(5, results.get(0).timestamps().size());
    assertEquals(
        T0.plus(Duration.ofMinutes(4)),
        results.get(0).timestamps().get(0),
        "newest first by default");
    assertTrue(results.get(4).values().get(0) > 0.2, "an unhealthy cluster is slower");
  }

  @Test
  void weightChangesMidWindow_areIntegratedExactly() {
    String rule = sim.ruleArnOf("search-002").orElseThrow();
    String blue = sim.targetGroupArnOf("search-002").orElseThrow();
    sim.setRequestRate(rule, 1.0);
    clock.advance(Duration.ofMinutes(1));
    String green =
        elb.createTargetGroup(
                r -> r.name("tg-search-002-green").protocol("HTTP").port(80).vpcId("vpc-search"))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.modifyRule(
        r ->
            r.ruleArn(rule)
                .actions(
                    a ->
                        a.type(ActionTypeEnum.FORWARD)
                            .forwardConfig(
                                f ->
                                    f.targetGroups(
                                        TargetGroupTuple.builder()
                                            .targetGroupArn(green)
                                            .weight(1)
                                            .build()))));
    assertEquals(List.of(new TargetWeight(green, 1)), sim.weightsOf(rule));
    clock.advance(Duration.ofMinutes(1));

    GetMetricDataResponse response =
        cloudWatch.getMetricData(
            r ->
                r.startTime(T0)
                    .endTime(T0.plus(Duration.ofMinutes(2)))
                    .scanBy("TimestampAscending")
                    .metricDataQueries(
                        query("blue", "RequestCount", "Sum", dimension(blue)),
                        query("green", "RequestCount", "Sum", dimension(green))));

    assertEquals(List.of(60.0), response.metricDataResults().get(0).values());
    assertEquals(
        List.of(T0.plus(Duration.ofMinutes(1))), response.metricDataResults().get(1).timestamps());
  }

  @Test
  void metricMath_isRejectedWithTheTypedException() {
    assertThrows(
        InvalidParameterValueException.class,
        () ->
            cloudWatch.getMetricData(
                r ->
                    r.startTime(T0)
                        .endTime(T0.plusSeconds(60))
                        .metricDataQueries(
                            MetricDataQuery.builder().id("e1").expression("m1/m2").build())));
  }

  // ---------------------------------------------------------------- AWS JSON 1.0 (the AWS CLI)

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A call as the AWS CLI (botocore) puts it on the wire, down to the header names. */
  private HttpResponse<String> cliCall(String operation, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sim.cloudWatchEndpoint() + "/"))
            .header("X-Amz-Target", "GraniteServiceVersion20100801." + operation)
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("x-amzn-query-mode", "true")
            .header("X-Amz-Date", "20260601T100500Z")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=test/20260601/us-east-1/monitoring/aws4_request,"
                    + " SignedHeaders=content-type;host;x-amz-date;x-amz-target;x-amzn-query-mode,"
                    + " Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** GetMetricData's input as botocore serialises it: timestamps as epoch seconds. */
  private static String cliGetMetricData(Instant start, Instant end, String queries) {
    return "{\"StartTime\": "
        + start.getEpochSecond()
        + ", \"EndTime\": "
        + end.getEpochSecond()
        + ", \"MetricDataQueries\": "
        + queries
        + "}";
  }

  private static String cliQuery(String id, String metric, String stat, String dimension) {
    return "{\"Id\": \""
        + id
        + "\", \"MetricStat\": {\"Metric\": {\"Namespace\": \"AWS/ApplicationELB\","
        + " \"MetricName\": \""
        + metric
        + "\", \"Dimensions\": [{\"Name\": \"TargetGroup\", \"Value\": \""
        + dimension
        + "\"}]}, \"Period\": 60, \"Stat\": \""
        + stat
        + "\"}}";
  }

  @Test
  void theCliProtocol_answersWhatTheSdkGets_inGetMetricDataJsonShapes() throws Exception {
    String rule = sim.ruleArnOf("search-002").orElseThrow();
    String dimension = dimension(sim.targetGroupArnOf("search-002").orElseThrow());
    sim.setRequestRate(rule, 1.0);
    clock.advance(Duration.ofMinutes(3));
    Instant end = T0.plus(Duration.ofMinutes(3));

    HttpResponse<String> response =
        cliCall(
            "GetMetricData",
            cliGetMetricData(
                T0,
                end,
                "["
                    + cliQuery("requests", "RequestCount", "Sum", dimension)
                    + ", "
                    + cliQuery("latency", "TargetResponseTime", "Average", dimension)
                    + "]"));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(
        "application/x-amz-json-1.0", response.headers().firstValue("content-type").orElse(""));
    JsonNode results = JSON.readTree(response.body()).path("MetricDataResults");
    JsonNode requests = results.get(0);
    assertEquals("requests", requests.path("Id").asText());
    assertEquals("RequestCount", requests.path("Label").asText());
    assertEquals("Complete", requests.path("StatusCode").asText());
    assertEquals(
        List.of(
            T0.plus(Duration.ofMinutes(2)).getEpochSecond(),
            T0.plus(Duration.ofMinutes(1)).getEpochSecond(),
            T0.getEpochSecond()),
        longs(requests.path("Timestamps")),
        "epoch seconds, newest first");
    assertEquals(List.of(60.0, 60.0, 60.0), doubles(requests.path("Values")));

    GetMetricDataResponse sdk =
        cloudWatch.getMetricData(
            r ->
                r.startTime(T0)
                    .endTime(end)
                    .metricDataQueries(
                        query("requests", "RequestCount", "Sum", dimension),
                        query("latency", "TargetResponseTime", "Average", dimension)));
    for (int i = 0; i < 2; i++) {
      MetricDataResult expected = sdk.metricDataResults().get(i);
      JsonNode actual = results.get(i);
      assertEquals(expected.id(), actual.path("Id").asText());
      assertEquals(
          expected.timestamps().stream().map(Instant::getEpochSecond).toList(),
          longs(actual.path("Timestamps")));
      assertEquals(expected.values(), doubles(actual.path("Values")));
    }
    assertFalse(doubles(results.get(1).path("Values")).isEmpty(), "latency has datapoints");
  }

  @Test
  void theCliProtocol_answersErrorsAsJsonWithTheirStatus() throws Exception {
    HttpResponse<String> math =
        cliCall(
            "GetMetricData",
            cliGetMetricData(
                T0, T0.plusSeconds(60), "[{\"Id\": \"e1\", \"Expression\": \"m1/m2\"}]"));
    assertEquals(400, math.statusCode());
    JsonNode error = JSON.readTree(math.body());
    assertTrue(error.path("__type").asText().endsWith("#InvalidParameterValueException"));
    assertTrue(error.path("message").asText().contains("Metric math"), math.body());
    // botocore raises the modeled exception from CloudWatch's awsQuery code in this header.
    assertEquals(
        "InvalidParameterValue;Sender", math.headers().firstValue("x-amzn-query-error").orElse(""));

    HttpResponse<String> backwards =
        cliCall("GetMetricData", cliGetMetricData(T0.plusSeconds(60), T0, "[]"));
    assertEquals(400, backwards.statusCode());
    assertTrue(backwards.body().contains("StartTime must be less than"), backwards.body());

    HttpResponse<String> unknown = cliCall("ListMetrics", "{}");
    assertEquals(404, unknown.statusCode());
    assertTrue(
        JSON.readTree(unknown.body())
            .path("__type")
            .asText()
            .endsWith("#UnknownOperationException"));
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    return out;
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asDouble()));
    return out;
  }
}
