package dev.bluegreen.cloudsim.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.bluegreen.cloudsim.core.SimError;
import dev.bluegreen.cloudsim.core.TargetGroup;
import dev.bluegreen.cloudsim.core.Traffic;
import dev.bluegreen.cloudsim.core.World;
import dev.bluegreen.cloudsim.http.CallGuard;
import dev.bluegreen.cloudsim.http.SimRequest;
import dev.bluegreen.cloudsim.http.SimResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * CloudWatch {@code GetMetricData} for the ALB target-group metrics, over the protocol the AWS SDK
 * v2 (2.57.x) CloudWatch client actually speaks: Smithy RPC v2 CBOR. Requests are {@code POST
 * /service/GraniteServiceVersion20100801/operation/GetMetricData} with a CBOR body; responses are
 * CBOR with timestamps as tag 1 (epoch seconds) and the {@code smithy-protocol: rpc-v2-cbor}
 * header; errors carry {@code __type} in the body.
 */
public final class CloudWatchApi {
  /** Path prefix of every operation. */
  public static final String PATH_PREFIX = "/service/GraniteServiceVersion20100801/operation/";

  private static final CBORMapper CBOR = new CBORMapper();
  private static final CBORFactory FACTORY = new CBORFactory();

  private final World world;
  private final CallGuard guard;

  public CloudWatchApi(World world, CallGuard guard) {
    this.world = world;
    this.guard = guard;
  }

  private record Result(String id, String label, List<Instant> timestamps, List<Double> values) {}

  public SimResponse handle(SimRequest req) {
    String operation = req.rawPath().substring(PATH_PREFIX.length());
    try {
      guard.before("cloudwatch", operation, null);
      if (!operation.equals("GetMetricData")) {
        throw SimError.explicit(
            "UnknownOperationException",
            404,
            "The simulator only serves GetMetricData, not " + operation);
      }
      JsonNode body = parse(req.body());
      List<Result> results = world.locked(w -> getMetricData(body));
      return cbor(200, writeResults(results));
    } catch (SimError e) {
      return error(e);
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

  // ---------------------------------------------------------------- CBOR

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw SimError.explicit("MissingRequiredParameterException", 400, "Empty request body");
    }
    try {
      return CBOR.readTree(body);
    } catch (IOException e) {
      throw SimError.explicit(
          "SerializationException", 400, "Could not parse the CBOR request body");
    }
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

  private static byte[] writeResults(List<Result> results) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CBORGenerator g = FACTORY.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeFieldName("MetricDataResults");
      g.writeStartArray();
      for (Result r : results) {
        g.writeStartObject();
        g.writeStringField("Id", r.id());
        g.writeStringField("Label", r.label());
        g.writeFieldName("Timestamps");
        g.writeStartArray();
        for (Instant t : r.timestamps()) {
          g.writeTag(1); // Smithy RPC v2 CBOR: timestamps are tag 1, epoch seconds
          g.writeNumber((double) t.getEpochSecond());
        }
        g.writeEndArray();
        g.writeFieldName("Values");
        g.writeStartArray();
        for (Double v : r.values()) {
          g.writeNumber(v);
        }
        g.writeEndArray();
        g.writeStringField("StatusCode", "Complete");
        g.writeFieldName("Messages");
        g.writeStartArray();
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeFieldName("Messages");
      g.writeStartArray();
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static SimResponse cbor(int status, byte[] body) {
    return SimResponse.of(status, "application/cbor", body)
        .withHeader("smithy-protocol", "rpc-v2-cbor");
  }

  /** An RPC v2 CBOR error: the shape name in {@code __type}, the message in {@code message}. */
  static SimResponse error(SimError e) {
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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CBORGenerator g = FACTORY.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("__type", "com.amazonaws.cloudwatch#" + code);
      g.writeStringField("message", String.valueOf(e.getMessage()));
      g.writeEndObject();
    } catch (IOException io) {
      throw new UncheckedIOException(io);
    }
    return cbor(status, bytes.toByteArray());
  }
}
