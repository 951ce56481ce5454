package dev.bluegreen.issuer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A real OIDC issuer for the local run and tests: it serves the discovery document ({@code
 * /.well-known/openid-configuration}) and its public key ({@code /jwks}) over HTTP on the loopback
 * interface, and signs tokens for the demo users. It has no login and no token endpoint: whoever
 * holds the key file mints tokens ({@code bin/token}), which is what a local run needs and nothing
 * more. A real deployment points the orchestrator at a real IdP instead (docs/security.md).
 */
public final class LocalIssuer implements AutoCloseable {

  /** The audience the orchestrator expects by default ({@code quarkus.oidc.token.audience}). */
  public static final String AUDIENCE = "bluegreen-api";

  /** How long a token lives by default. */
  public static final Duration LIFETIME = Duration.ofHours(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String url;
  private final SigningKey key;
  private final TokenSigner signer;
  private final Clock clock;

  private LocalIssuer(HttpServer server, SigningKey key, Clock clock, String url) {
    this.server = server;
    this.key = key;
    this.signer = new TokenSigner(key);
    this.clock = clock;
    this.url = url != null ? url : issuerUrl(server.getAddress().getPort());
    server.createContext("/.well-known/openid-configuration", ex -> json(ex, discovery()));
    server.createContext("/jwks", ex -> json(ex, Map.of("keys", List.of(key.publicJwk()))));
    server.createContext("/", ex -> answer(ex, 404, "{\"error\":\"not found\"}"));
  }

  /** Starts an issuer on {@code port} of the loopback interface (0: any free port). */
  public static LocalIssuer start(int port, SigningKey key) {
    return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), key, null);
  }

  /**
   * Starts an issuer listening on {@code address}, known to its clients as {@code url} (null: this
   * machine's {@code http://localhost:<port>}), e.g. {@code http://issuer:8090} in a container
   * network.
   */
  public static LocalIssuer start(InetSocketAddress address, SigningKey key, String url) {
    try {
      HttpServer server = HttpServer.create(address, 16);
      server.setExecutor(
          Executors.newFixedThreadPool(
              2,
              r -> {
                Thread t = new Thread(r, "local-issuer");
                t.setDaemon(true);
                return t;
              }));
      LocalIssuer issuer = new LocalIssuer(server, key, Clock.systemUTC(), url);
      server.start();
      return issuer;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local issuer on " + address, e);
    }
  }

  /** The issuer URL ({@code iss}) of an issuer on {@code port} of this machine. */
  public static String issuerUrl(int port) {
    return "http://localhost:" + port;
  }

  /** This issuer's URL: {@code quarkus.oidc.auth-server-url} and every token's {@code iss}. */
  public String url() {
    return url;
  }

  public SigningKey key() {
    return key;
  }

  /** A signed token for {@code user} with the groups of the demo directory. */
  public String token(String user) {
    return signer.sign(spec(user));
  }

  /** A signed token for {@code user} with exactly {@code groups}. */
  public String token(String user, List<String> groups) {
    return signer.sign(spec(user).withGroups(groups));
  }

  /** Signs {@code spec} with this issuer's key. */
  public String sign(TokenSpec spec) {
    return signer.sign(spec);
  }

  /** What a token for {@code user} says by default: this issuer, the API's audience, an hour. */
  public TokenSpec spec(String user) {
    return spec(url, user, clock);
  }

  static TokenSpec spec(String issuer, String user, Clock clock) {
    return new TokenSpec(
        issuer,
        user,
        AUDIENCE,
        DemoUsers.groups(user).orElse(List.of()),
        clock.instant(),
        LIFETIME,
        Map.of());
  }

  private Map<String, Object> discovery() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", url);
    doc.put("jwks_uri", url + "/jwks");
    doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
    doc.put("subject_types_supported", List.of("public"));
    doc.put("response_types_supported", List.of("id_token"));
    doc.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "groups"));
    return doc;
  }

  private static void json(HttpExchange exchange, Object body) throws IOException {
    try {
      answer(exchange, 200, JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      answer(exchange, 500, "{}");
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
