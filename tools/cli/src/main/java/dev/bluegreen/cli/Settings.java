package dev.bluegreen.cli;

import java.net.URI;
import java.util.Map;

/**
 * Where the API is and who calls it, resolved from the command line, the environment and the
 * configuration file, in that order of precedence.
 *
 * @param api the orchestrator's base URI
 * @param token the bearer token sent as {@code Authorization}, or null for none
 * @param actor who asks, sent as {@code X-Actor} and recorded in the audit log
 */
public record Settings(URI api, String token, String actor) {

  /** The API of a local run ({@code bin/run-local}). */
  public static final String DEFAULT_API = "http://localhost:8080";

  /** Environment variable naming the API. */
  public static final String ENV_API = "BLUEGREEN_API";

  /** Environment variable holding the token. */
  public static final String ENV_TOKEN = "BLUEGREEN_TOKEN";

  /** Environment variable naming the actor. */
  public static final String ENV_ACTOR = "BLUEGREEN_ACTOR";

  /** Never print the token, not even by accident. */
  @Override
  public String toString() {
    return "Settings[api="
        + api
        + ", token="
        + (token == null ? "none" : "<set>")
        + ", actor="
        + actor
        + "]";
  }

  /**
   * Resolves the settings.
   *
   * @param apiOption {@code --api}, or null
   * @param env the environment
   * @param file the configuration file
   * @param userName the operating system's user, the actor when nothing else names one
   * @throws IllegalArgumentException when the API is not an http(s) URL
   */
  public static Settings resolve(
      String apiOption, Map<String, String> env, ConfigFile file, String userName) {
    String api = first(apiOption, env.get(ENV_API), file.get("api"), DEFAULT_API);
    String token = first(env.get(ENV_TOKEN), file.get("token"));
    String actor = first(env.get(ENV_ACTOR), file.get("actor"), userName);
    return new Settings(parseApi(api), token, actor);
  }

  static URI parseApi(String api) {
    String trimmed = api.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the API URL '" + api + "' is not a URL");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "the API URL '" + api + "' must be http:// or https:// with a host");
    }
    return uri;
  }

  private static String first(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isBlank()) {
        return c.strip();
      }
    }
    return null;
  }
}
