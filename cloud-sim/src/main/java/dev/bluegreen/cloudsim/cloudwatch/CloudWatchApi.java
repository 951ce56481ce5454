package dev.bluegreen.cloudsim.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bluegreen.cloudsim.core.SimError;
import dev.bluegreen.cloudsim.core.TargetGroup;
import dev.bluegreen.cloudsim.core.Traffic;
import dev.bluegreen.cloudsim.core.World;
import dev.bluegreen.cloudsim.http.CallGuard;
import dev.bluegreen.cloudsim.http.SimRequest;
import dev.bluegreen.cloudsim.http.SimResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * CloudWatch {@code GetMetricData} for the ALB target-group metrics, over both protocols current
 * clients speak (see {@link CloudWatchWire}):
 *
 * <ul>
 *   <li>Smithy RPC v2 CBOR, what the AWS SDK v2 (2.57.x) CloudWatch client sends: {@code POST
 *       /service/GraniteServiceVersion20100801/operation/GetMetricData} with a CBOR body;
 *   <li>AWS JSON 1.0, what the AWS CLI and other SDKs send: {@code POST /} with {@code
 *       X-Amz-Target: GraniteServiceVersion20100801.GetMetricData} and a JSON body.
 * </ul>
 *
 * Both carry the same shapes, so everything but the bytes is done once here.
 */
public final class CloudWatchApi {
  /** Path prefix of every operation over RPC v2 CBOR. */
  public static final String PATH_PREFIX = "/service/GraniteServiceVersion20100801/operation/";

  /** {@code X-Amz-Target} prefix of every operation over JSON 1.0. */
  public static final String TARGET_PREFIX = "GraniteServiceVersion20100801.";

  private final World world;
  private final CallGuard guard;

  public CloudWatchApi(World world, CallGuard guard) {
    this.world = world;
    this.guard = guard;
  }

  record Result(String id, String label, List<Instant> timestamps, List<Double> values) {}

  /** Whether a request is a CloudWatch call, over either protocol. */
  public static boolean serves(SimRequest req) {
    String target = req.header("x-amz-target");
    return req.rawPath().startsWith(PATH_PREFIX)
        || (req.method().equals("POST") && target != null && target.startsWith(TARGET_PREFIX));
  }

  public SimResponse handle(SimRequest req) {
    if (req.rawPath().startsWith(PATH_PREFIX)) {
      return serve(
          req.rawPath().substring(PATH_PREFIX.length()), req.body(), CloudWatchWire.RPC_V2_CBOR);
    }
    return serve(
        req.header("x-amz-target").substring(TARGET_PREFIX.length()),
        req.body(),
        CloudWatchWire.AWS_JSON_1_0);
  }

  private SimResponse serve(String operation, byte[] body, CloudWatchWire wire) {
    try {
      guard.before("cloudwatch", operation, null);
      if (!operation.equals("GetMetricData")) {
        throw SimError.explicit(
            "UnknownOperationException",
            404,
            "The simulator only serves GetMetricData, not " + operation);
      }
      JsonNode input = wire.read(body);
      return wire.results(world.locked(w -> getMetricData(input)));
    } catch (SimError e) {
      return error(e, wire);
    }
  }

  private List<Result> getMetricData(JsonNode body) {
    Instant start = instant(body, "StartTime");
    Instant end = instant(body, "EndTime");
    if (!start.isBefore(end)) {
      throw SimError.explicit(
          "InvalidParameterValueException",
          400,
          "The parameter StartTime must be less than the parameter EndTime.");
    }
    boolean ascending = "TimestampAscending".equals(body.path("ScanBy").asText());
    List<Result> out = new ArrayList<>();
    JsonNode queries = body.path("MetricDataQueries");
    if (!queries.isArray() || queries.isEmpty()) {
      throw SimError.explicit(
          "MissingRequiredParameterException", 400, "MetricDataQueries is required");
    }
    for (JsonNode q : queries) {
      String id = q.path("Id").asText(null);
      if (id == null) {
        throw SimError.explicit(
            "MissingRequiredParameterException", 400, "Every query needs an Id");
      }
      if (q.has("Expression")) {
        throw SimError.explicit(
            "InvalidParameterValueException",
            400,
            "Metric math expressions are not simulated; query MetricStat directly (query "
                + id
                + ")");
      }
      if (q.has("ReturnData") && !q.path("ReturnData").asBoolean(true)) {
        continue;
      }
      JsonNode stat = q.path("MetricStat");
      JsonNode metric = stat.path("Metric");
      int period = stat.path("Period").asInt(60);
      if (period <= 0
          || (period % 60 != 0 && period != 1 && period != 5 && period != 10 && period != 30)) {
        throw SimError.explicit(
            "InvalidParameterValueException",
            400,
            "The parameter Period must be 1, 5, 10, 30 or a multiple of 60");
      }
      String label = q.path("Label").asText(metric.path("MetricName").asText());
      out.add(
          series(
              id, label, metric, stat.path("Stat").asText("Sum"), period, start, end, ascending));
    }
    return out;
  }

  private Result series(
      String id,
      String label,
      JsonNode metric,
      String stat,
      int period,
      Instant start,
      Instant end,
      boolean ascending) {
    List<Instant> timestamps = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    Optional<TargetGroup> tg = targetGroupOf(metric);
    if (tg.isEmpty() || !"AWS/ApplicationELB".equals(metric.path("Namespace").asText())) {
      // CloudWatch answers an unknown metric with an empty series, not an error.
      return new Result(id, label, timestamps, values);
    }
    Instant now = world.now();
    long first = Math.floorDiv(start.getEpochSecond(), period) * period;
    for (long t = first; t < end.getEpochSecond() && t < now.getEpochSecond(); t += period) {
      Instant from = Instant.ofEpochSecond(Math.max(t, start.getEpochSecond()));
      Instant to =
          Instant.ofEpochSecond(
              Math.min(Math.min(t + period, end.getEpochSecond()), now.getEpochSecond()));
      Traffic.Sample s = world.traffic().sample(tg.get().arn, from, to);
      if (Math.round(s.requests()) == 0) {
        continue;
      }
      timestamps.add(Instant.ofEpochSecond(t));
      values.add(value(metric.path("MetricName").asText(), stat, s, period));
    }
    if (!ascending) {
      Collections.reverse(timestamps);
      Collections.reverse(values);
    }
    return new Result(id, label, timestamps, values);
  }

  private Optional<TargetGroup> targetGroupOf(JsonNode metric) {
    for (JsonNode d : metric.path("Dimensions")) {
      if ("TargetGroup".equals(d.path("Name").asText())) {
        String value = d.path("Value").asText();
        return world.loadBalancing().targetGroups().stream()
            .filter(t -> t.dimension().equals(value))
            .findFirst();
      }
    }
    return Optional.empty();
  }

  /**
   * The statistic for one period. Counts: Sum is the count, Average/Minimum/Maximum the per-minute
   * rate. TargetResponseTime: the mean latency for Average and percentiles, latency times requests
   * for Sum, the request count for SampleCount.
   */
  private static double value(String metricName, String stat, Traffic.Sample s, int period) {
    double minutes = Math.max(1.0, period / 60.0);
    return switch (metricName) {
      case "RequestCount" -> count(stat, Math.round(s.requests()), minutes);
      case "HTTPCode_Target_5XX_Count" -> count(stat, Math.round(s.errors()), minutes);
      case "HTTPCode_Target_2XX_Count" ->
          count(stat, Math.round(s.requests()) - Math.round(s.errors()), minutes);
      case "TargetResponseTime" ->
          switch (stat) {
            case "Sum" -> s.latencySeconds() * s.requests();
            case "SampleCount" -> (double) Math.round(s.requests());
            default -> s.latencySeconds();
          };
      default -> 0.0;
    };
  }

  private static double count(String stat, long total, double minutes) {
    return switch (stat) {
      case "Sum" -> (double) total;
      case "SampleCount" -> minutes;
      default -> total / minutes;
    };
  }

  private static Instant instant(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      throw SimError.explicit(
          "MissingRequiredParameterException", 400, "The parameter " + field + " is required.");
    }
    if (n.isNumber()) {
      double seconds = n.asDouble();
      return Instant.ofEpochSecond(
          (long) Math.floor(seconds), (long) ((seconds - Math.floor(seconds)) * 1e9));
    }
    try {
      return Instant.parse(n.asText());
    } catch (RuntimeException e) {
      throw SimError.explicit(
          "InvalidParameterValueException", 400, "The parameter " + field + " is not a timestamp");
    }
  }

  /** A failed call as CloudWatch's error shape and HTTP status. */
  private static SimResponse error(SimError e, CloudWatchWire wire) {
    String code;
    int status;
    if (e.kind() == null) {
      code = e.explicitCode();
      status =
          e.explicitStatus() != 0
              ? e.explicitStatus()
              : (code.equals("InternalServiceFault") ? 500 : 400);
    } else {
      switch (e.kind()) {
        case THROTTLED -> {
          code = "ThrottlingException";
          status = 429;
        }
        case NOT_FOUND -> {
          code = "ResourceNotFoundException";
          status = 404;
        }
        case LIMIT_EXCEEDED -> {
          code = "LimitExceededFault";
          status = 400;
        }
        default -> {
          code = "InvalidParameterValueException";
          status = 400;
        }
      }
    }
    return wire.error(status, code, String.valueOf(e.getMessage()));
  }
}
