package dev.bluegreen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The orchestrator's REST API over {@link HttpClient}: every request carries the token (when there
 * is one) and the actor; every failure becomes a {@link CliFailure} with one readable line.
 */
public final class ApiClient {

  /** How long to wait for a connection. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * How long to wait for an answer. A POST waits for the state machine's decision, which the
   * orchestrator itself bounds (decision-timeout, 60 s by default), so this is longer.
   */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

  private final Settings settings;
  private final HttpClient http;

  public ApiClient(Settings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /** An HTTP answer as received. */
  public record Answer(int status, String contentType, String body) {

    /** Whether the status is 2xx. */
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** The API's base URI. */
  public String base() {
    return settings.api().toString();
  }

  /** GETs {@code path} (with its query) and returns the answer, whatever its status. */
  public Answer get(String path) {
    return send(request(path).GET().build());
  }

  /** POSTs {@code json} to {@code path} and returns the answer, whatever its status. */
  public Answer post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build());
  }

  /** PUTs {@code json} to {@code path} and returns the answer, whatever its status. */
  public Answer put(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build());
  }

  /** DELETEs {@code path} and returns the answer, whatever its status. */
  public Answer delete(String path) {
    return send(request(path).DELETE().build());
  }

  /** GETs {@code path}; a 2xx answer's JSON, or {@link CliFailure.ApiRefused}. */
  public JsonNode getJson(String path) {
    return Json.parse(expectOk(get(path)).body());
  }

  /** The answer if it is 2xx, else {@link CliFailure.ApiRefused} with the problem's line. */
  public static Answer expectOk(Answer answer) {
    if (!answer.ok()) {
      throw new CliFailure.ApiRefused(
          answer.status(), Problems.describe(answer.status(), answer.contentType(), answer.body()));
    }
    return answer;
  }

  /** {@code /a/b?c=d}: path segments and query values encoded, null query values left out. */
  public static String path(List<String> segments, Map<String, String> query) {
    StringBuilder out = new StringBuilder();
    for (String segment : segments) {
      out.append('/').append(encode(segment));
    }
    char sep = '?';
    for (Map.Entry<String, String> q : query.entrySet()) {
      if (q.getValue() != null && !q.getValue().isBlank()) {
        out.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
        sep = '&';
      }
    }
    return out.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(settings.api().resolve(settings.api().getPath() + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json, application/problem+json, text/*;q=0.5");
    if (settings.token() != null) {
      // The API does not check it yet; it will, and then nothing here changes.
      builder.header("Authorization", "Bearer " + settings.token());
    }
    if (settings.actor() != null) {
      builder.header("X-Actor", settings.actor());
    }
    return builder;
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (HttpTimeoutException e) {
      throw new CliFailure.ApiUnreachable(
          "the API at " + base() + " did not answer within " + timeoutOf(e));
    } catch (ConnectException e) {
      throw new CliFailure.ApiUnreachable(
          "cannot reach the API at " + base() + " (is bin/run-local running?)");
    } catch (IOException e) {
      throw new CliFailure.ApiUnreachable(
          "cannot reach the API at "
              + base()
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.GAVE_UP, "interrupted");
    }
  }

  private static String timeoutOf(HttpTimeoutException e) {
    return e instanceof java.net.http.HttpConnectTimeoutException
        ? CONNECT_TIMEOUT.toSeconds() + " s (connecting)"
        : REQUEST_TIMEOUT.toSeconds() + " s";
  }
}
