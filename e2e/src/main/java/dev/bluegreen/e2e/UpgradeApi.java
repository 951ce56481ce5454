package dev.bluegreen.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.issuer.DemoUsers;
import dev.bluegreen.issuer.LocalIssuer;
import dev.bluegreen.testkit.Deadline;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The orchestrator's REST API as an SRE uses it: request, watch, approve, control; each call with a
 * bearer token for one user of the platform's issuer ({@link #as} switches user).
 */
public final class UpgradeApi {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A token is minted again once it is this old (tokens live an hour). */
  private static final Duration TOKEN_REFRESH = Duration.ofMinutes(30);

  private final ObjectMapper json = new ObjectMapper();
  private final URI base;
  private final LocalIssuer issuer;
  private final String user;
  private String token;
  private Instant tokenMinted = Instant.MIN;

  /** The API at {@code base} as alice, the platform admin, with tokens from {@code issuer}. */
  public UpgradeApi(URI base, LocalIssuer issuer) {
    this(base, issuer, DemoUsers.ALICE);
  }

  private UpgradeApi(URI base, LocalIssuer issuer, String user) {
    this.base = base;
    this.issuer = issuer;
    this.user = user;
  }

  /** The same API as {@code user} (a demo user of libs/issuer, e.g. paul or petra). */
  public UpgradeApi as(String user) {
    return new UpgradeApi(base, issuer, user);
  }

  /** Who this API calls as. */
  public String user() {
    return user;
  }

  private synchronized String bearer() {
    Instant now = Instant.now();
    if (token == null || tokenMinted.plus(TOKEN_REFRESH).isBefore(now)) {
      token = issuer.token(user);
      tokenMinted = now;
    }
    return "Bearer " + token;
  }

  /** An HTTP answer: status and parsed JSON body (null when empty). */
  public record Answer(int status, JsonNode body) {}

  public Answer post(String path, String body) {
    return sendJson("POST", path, body);
  }

  public Answer put(String path, String body) {
    return sendJson("PUT", path, body);
  }

  private Answer sendJson(String method, String path, String body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .header("Authorization", bearer())
            .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body))
            .build());
  }

  public Answer get(String path) {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).header("Authorization", bearer()).GET().build());
  }

  /** Waits until the orchestrator's state store answers (Kafka Streams is RUNNING). */
  public void awaitQueryable(Duration within) {
    Deadline deadline = Deadline.in(within);
    while (get("/upgrades").status() != 200) {
      deadline.check("the orchestrator's GET /upgrades to answer 200 (Kafka Streams running)");
      deadline.pause();
    }
  }

  /** Requests an upgrade and returns its id; fails unless the answer is 202. */
  public String requestUpgrade(String body) {
    Answer answer = post("/upgrades", body);
    if (answer.status() != 202) {
      throw new AssertionError("POST /upgrades answered " + answer.status() + ": " + answer.body());
    }
    return answer.body().path("id").asText();
  }

  /**
   * Sends a control action (approve, pause, resume, promote, cancel, rollback) and expects 202.
   * Tries again while the API answers 503 (Kafka Streams rebalancing, e.g. after a restart).
   */
  public void control(String id, String action, String reason) {
    Deadline deadline = Deadline.in(Duration.ofSeconds(90));
    while (true) {
      Answer answer = post("/upgrades/" + id + "/" + action, "{\"reason\":\"" + reason + "\"}");
      if (answer.status() == 202) {
        return;
      }
      if (answer.status() != 503) {
        throw new AssertionError(
            action + " of " + id + " answered " + answer.status() + ": " + answer.body());
      }
      deadline.check(action + " of " + id + " to be accepted; last answer " + answer.body());
      deadline.pause();
    }
  }

  /** The audit trail of an upgrade (GET /upgrades/{id}/events), in order. */
  public List<JsonNode> auditTrail(String id) {
    Answer answer = get("/upgrades/" + id + "/events");
    if (answer.status() != 200) {
      throw new AssertionError("GET /upgrades/" + id + "/events answered " + answer.status());
    }
    List<JsonNode> lines = new ArrayList<>();
    answer.body().forEach(lines::add);
    return lines;
  }

  /** The upgrade as GET /upgrades/{id} shows it. */
  public JsonNode upgrade(String id) {
    Answer answer = get("/upgrades/" + id);
    if (answer.status() != 200) {
      throw new AssertionError(
          "GET /upgrades/" + id + " answered " + answer.status() + ": " + answer.body());
    }
    return answer.body();
  }

  /**
   * Waits until the upgrade reaches one of {@code states}, approving every gate it waits at when
   * {@code approveGates} is set. Returns the upgrade as last seen.
   */
  public JsonNode awaitState(String id, Set<String> states, boolean approveGates, Duration within) {
    Deadline deadline = Deadline.in(within);
    JsonNode last = null;
    while (true) {
      Answer answer = get("/upgrades/" + id);
      if (answer.status() == 503) {
        // Kafka Streams is (re)balancing: the API says so and a client tries again shortly.
        deadline.check("upgrade " + id + " to be readable again; last seen " + last);
        deadline.pause();
        continue;
      }
      if (answer.status() != 200) {
        throw new AssertionError(
            "GET /upgrades/" + id + " answered " + answer.status() + ": " + answer.body());
      }
      last = answer.body();
      String state = last.path("state").asText();
      if (states.contains(state)) {
        return last;
      }
      if (approveGates && state.startsWith("AWAITING_") && state.endsWith("_APPROVAL")) {
        post("/upgrades/" + id + "/approve", "{\"reason\":\"e2e approves\"}");
      }
      deadline.check("upgrade " + id + " to reach " + states + "; last seen " + last);
      deadline.pause();
    }
  }

  /**
   * Waits until every upgrade in {@code ids} reaches one of {@code states}, watching them all at
   * once (so a gate of one is approved while another still works). Returns each as last seen.
   */
  public Map<String, JsonNode> awaitStates(
      Collection<String> ids, Set<String> states, boolean approveGates, Duration within) {
    Deadline deadline = Deadline.in(within);
    Map<String, JsonNode> ended = new LinkedHashMap<>();
    Map<String, JsonNode> last = new LinkedHashMap<>();
    while (ended.size() < ids.size()) {
      for (String id : ids) {
        if (ended.containsKey(id)) {
          continue;
        }
        Answer answer = get("/upgrades/" + id);
        if (answer.status() != 200) {
          continue; // 503 while Kafka Streams rebalances; anything else shows in the deadline
        }
        String state = answer.body().path("state").asText();
        last.put(id, answer.body());
        if (states.contains(state)) {
          ended.put(id, answer.body());
        } else if (approveGates && state.startsWith("AWAITING_") && state.endsWith("_APPROVAL")) {
          post("/upgrades/" + id + "/approve", "{\"reason\":\"e2e approves\"}");
        }
      }
      deadline.check("upgrades " + ids + " to reach " + states + "; last seen " + last);
      deadline.pause();
    }
    return ended;
  }

  // ------------------------------------------------------------------------------ campaigns

  /** Creates a campaign (a plan with {@code dryRun}) and returns its id; fails unless 202. */
  public String createCampaign(String body, boolean dryRun) {
    Answer answer = post("/campaigns" + (dryRun ? "?dryRun=true" : ""), body);
    if (answer.status() != 202) {
      throw new AssertionError(
          "POST /campaigns answered " + answer.status() + ": " + answer.body());
    }
    return answer.body().path("campaign").path("campaignId").asText();
  }

  /** The campaign as GET /campaigns/{id} shows it. */
  public JsonNode campaign(String id) {
    Answer answer = get("/campaigns/" + id);
    if (answer.status() != 200) {
      throw new AssertionError(
          "GET /campaigns/" + id + " answered " + answer.status() + ": " + answer.body());
    }
    return answer.body();
  }

  /** Waits until the campaign reaches one of {@code statuses}; returns it as last seen. */
  public JsonNode awaitCampaign(String id, Set<String> statuses, Duration within) {
    Deadline deadline = Deadline.in(within);
    JsonNode last = null;
    while (true) {
      Answer answer = get("/campaigns/" + id);
      if (answer.status() == 200) {
        last = answer.body();
        if (statuses.contains(last.path("status").asText())) {
          return last;
        }
      }
      deadline.check("campaign " + id + " to reach " + statuses + "; last seen " + last);
      deadline.pause();
    }
  }

  /** The status of one member of a campaign as last seen. */
  public static String memberStatus(JsonNode campaign, String member) {
    for (JsonNode wave : campaign.path("waves")) {
      for (JsonNode m : wave.path("members")) {
        if (m.path("cluster").asText().equals(member)) {
          return m.path("status").asText();
        }
      }
    }
    throw new AssertionError(member + " is not a member of " + campaign);
  }

  /** One member of a campaign as last seen. */
  public static JsonNode member(JsonNode campaign, String member) {
    for (JsonNode wave : campaign.path("waves")) {
      for (JsonNode m : wave.path("members")) {
        if (m.path("cluster").asText().equals(member)) {
          return m;
        }
      }
    }
    throw new AssertionError(member + " is not a member of " + campaign);
  }

  private Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Answer(
          response.statusCode(), body == null || body.isBlank() ? null : json.readTree(body));
    } catch (IOException e) {
      throw new AssertionError("cannot reach the API at " + base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
