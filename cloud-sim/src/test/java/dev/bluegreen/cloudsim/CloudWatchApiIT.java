package dev.bluegreen.cloudsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.SimClock;
import dev.bluegreen.cloudsim.core.TargetWeight;
import java.time.Duration;
import java.time.Instant;
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
 * CloudWatch GetMetricData through the real CloudWatchClient (Smithy RPC v2 CBOR on the wire), with
 * a manual clock so the traffic windows are exact.
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
}
