package dev.bluegreen.orchestrator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error into an {@code application/problem+json} answer; client mistakes are 4xx. */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  static Response respond(Problem problem) {
    String body;
    try {
      body = JSON.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      body = "{\"status\":" + problem.status() + "}";
    }
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(body).build();
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    return respond(e.problem());
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e) {
    return respond(fromJson(e));
  }

  /** A JSON error in a request body: 400 naming the field where it happened. */
  static Problem fromJson(JsonProcessingException e) {
    String field = null;
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      field =
          m.getPath().stream()
              .map(
                  r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining())
              .replaceFirst("^\\.", "");
    }
    String detail =
        e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u
            ? "unknown field '" + u.getPropertyName() + "'"
            : e.getOriginalMessage();
    return Problem.of(400, "malformed-request", "Malformed request", detail, field);
  }

  @ServerExceptionMapper
  public Response storeNotReady(InvalidStateStoreException e) {
    return respond(
        Problem.of(
            503,
            "unavailable",
            "Temporarily unavailable",
            "the upgrade state is not queryable yet (Kafka Streams is starting or rebalancing)",
            null));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    return respond(
        Problem.of(
            status,
            "http-" + status,
            Response.Status.fromStatusCode(status) == null
                ? "HTTP " + status
                : Response.Status.fromStatusCode(status).getReasonPhrase(),
            e.getMessage(),
            null));
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    LOG.error("unexpected error", e);
    return respond(
        Problem.of(500, "internal", "Internal error", "an unexpected error occurred", null));
  }
}
