package dev.bluegreen.cloudsim.cloudwatch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.bluegreen.cloudsim.core.SimError;
import dev.bluegreen.cloudsim.http.SimResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The two wire formats CloudWatch clients speak, each the same document model with its own
 * encoding: the shapes (MetricDataQueries in, MetricDataResults out, {@code __type} and {@code
 * message} in errors) are the same, only the bytes and the timestamps differ.
 */
enum CloudWatchWire {
  /**
   * Smithy RPC v2 CBOR, what AWS SDK v2 2.57.x sends: timestamps are CBOR tag 1 with epoch seconds
   * and every response carries {@code smithy-protocol: rpc-v2-cbor}.
   */
  RPC_V2_CBOR(new CBORMapper(), "application/cbor", "CBOR") {
    @Override
    void writeTimestamp(JsonGenerator g, Instant t) throws IOException {
      ((CBORGenerator) g).writeTag(1);
      g.writeNumber((double) t.getEpochSecond());
    }

    @Override
    SimResponse response(int status, byte[] body) {
      return super.response(status, body).withHeader("smithy-protocol", "rpc-v2-cbor");
    }
  },

  /**
   * AWS JSON 1.0, what the AWS CLI and other SDKs send ({@code X-Amz-Target:
   * GraniteServiceVersion20100801.<Operation>}): timestamps are epoch seconds as JSON numbers.
   */
  AWS_JSON_1_0(new ObjectMapper(), "application/x-amz-json-1.0", "JSON") {
    @Override
    void writeTimestamp(JsonGenerator g, Instant t) throws IOException {
      g.writeNumber(t.getEpochSecond());
    }
  };

  private final ObjectMapper mapper;
  private final String contentType;
  private final String format;

  CloudWatchWire(ObjectMapper mapper, String contentType, String format) {
    this.mapper = mapper;
    this.contentType = contentType;
    this.format = format;
  }

  abstract void writeTimestamp(JsonGenerator g, Instant t) throws IOException;

  SimResponse response(int status, byte[] body) {
    return SimResponse.of(status, contentType, body);
  }

  JsonNode read(byte[] body) {
    if (body.length == 0) {
      throw SimError.explicit("MissingRequiredParameterException", 400, "Empty request body");
    }
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      throw SimError.explicit(
          "SerializationException", 400, "Could not parse the " + format + " request body");
    }
  }

  /** GetMetricData's output. */
  SimResponse results(List<CloudWatchApi.Result> results) {
    return write(
        200,
        g -> {
          g.writeFieldName("MetricDataResults");
          g.writeStartArray();
          for (CloudWatchApi.Result r : results) {
            g.writeStartObject();
            g.writeStringField("Id", r.id());
            g.writeStringField("Label", r.label());
            g.writeFieldName("Timestamps");
            g.writeStartArray();
            for (Instant t : r.timestamps()) {
              writeTimestamp(g, t);
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
        });
  }

  /**
   * CloudWatch's awsQuery error codes of its modeled errors. CloudWatch is "awsQueryCompatible":
   * JSON clients such as botocore read the code from {@code x-amzn-query-error} to raise the
   * modeled exception (without it the AWS CLI names only a generic ClientError).
   */
  private static final Map<String, String> QUERY_ERRORS =
      Map.of(
          "InvalidParameterValueException", "InvalidParameterValue;Sender",
          "MissingRequiredParameterException", "MissingParameter;Sender",
          "LimitExceededFault", "LimitExceeded;Sender",
          "ResourceNotFoundException", "ResourceNotFoundException;Sender",
          "InternalServiceFault", "InternalServiceError;Receiver");

  /** An error: the shape name in {@code __type}, the message in {@code message}. */
  SimResponse error(int status, String code, String message) {
    SimResponse response =
        write(
            status,
            g -> {
              g.writeStringField("__type", "com.amazonaws.cloudwatch#" + code);
              g.writeStringField("message", message);
            });
    String queryError = QUERY_ERRORS.get(code);
    return queryError == null ? response : response.withHeader("x-amzn-query-error", queryError);
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private SimResponse write(int status, Fields fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonFactory factory = mapper.getFactory();
    try (JsonGenerator g = factory.createGenerator(bytes)) {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return response(status, bytes.toByteArray());
  }
}
