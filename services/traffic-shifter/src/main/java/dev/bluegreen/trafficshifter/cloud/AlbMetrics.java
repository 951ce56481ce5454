package dev.bluegreen.trafficshifter.cloud;

import dev.bluegreen.trafficshifter.config.TrafficShifterConfig;
import dev.bluegreen.trafficshifter.core.TrafficStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * CloudWatch {@code AWS/ApplicationELB} target-group metrics for blue and green over one window, in
 * a single GetMetricData call so both sides are read the same way.
 */
@ApplicationScoped
public class AlbMetrics {

  private static final String NAMESPACE = "AWS/ApplicationELB";

  @Inject CloudWatchClient cloudWatch;
  @Inject TrafficShifterConfig config;

  /** The two sides' traffic over [from, to): index 0 blue, 1 green. */
  public List<TrafficStats> stats(
      String listenerArn,
      String blueTargetGroupArn,
      String greenTargetGroupArn,
      Instant from,
      Instant to) {
    String loadBalancer = loadBalancerDimension(listenerArn);
    int period = (int) Math.max(1, config.metrics().period().toSeconds());
    List<MetricDataQuery> queries = new ArrayList<>();
    String[] sides = {"blue", "green"};
    String[] arns = {blueTargetGroupArn, greenTargetGroupArn};
    for (int i = 0; i < 2; i++) {
      List<Dimension> dims =
          List.of(
              Dimension.builder().name("TargetGroup").value(targetGroupDimension(arns[i])).build(),
              Dimension.builder().name("LoadBalancer").value(loadBalancer).build());
      queries.add(query(sides[i] + "_requests", "RequestCount", "Sum", dims, period));
      queries.add(query(sides[i] + "_errors", "HTTPCode_Target_5XX_Count", "Sum", dims, period));
      queries.add(query(sides[i] + "_rt_sum", "TargetResponseTime", "Sum", dims, period));
      queries.add(query(sides[i] + "_rt_n", "TargetResponseTime", "SampleCount", dims, period));
    }
    Map<String, Double> sums = new HashMap<>();
    for (MetricDataResult r :
        cloudWatch
            .getMetricDataPaginator(
                b ->
                    b.startTime(from)
                        .endTime(to)
                        .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                        .metricDataQueries(queries))
            .metricDataResults()) {
      sums.merge(r.id(), r.values().stream().mapToDouble(Double::doubleValue).sum(), Double::sum);
    }
    List<TrafficStats> out = new ArrayList<>();
    for (String side : sides) {
      out.add(
          new TrafficStats(
              Math.round(sums.getOrDefault(side + "_requests", 0.0)),
              Math.round(sums.getOrDefault(side + "_errors", 0.0)),
              sums.getOrDefault(side + "_rt_sum", 0.0),
              sums.getOrDefault(side + "_rt_n", 0.0)));
    }
    return out;
  }

  private static MetricDataQuery query(
      String id, String metric, String stat, List<Dimension> dims, int period) {
    return MetricDataQuery.builder()
        .id(id)
        .returnData(true)
        .metricStat(
            s ->
                s.metric(m -> m.namespace(NAMESPACE).metricName(metric).dimensions(dims))
                    .period(period)
                    .stat(stat))
        .build();
  }

  /** {@code arn:...:targetgroup/name/id} → {@code targetgroup/name/id}. */
  static String targetGroupDimension(String targetGroupArn) {
    return targetGroupArn.substring(targetGroupArn.indexOf("targetgroup/"));
  }

  /** {@code arn:...:listener/app/name/id/listener-id} → {@code app/name/id}. */
  static String loadBalancerDimension(String listenerArn) {
    String rest = listenerArn.substring(listenerArn.indexOf(":listener/") + ":listener/".length());
    String[] parts = rest.split("/");
    return parts.length >= 3 ? parts[0] + "/" + parts[1] + "/" + parts[2] : rest;
  }
}
