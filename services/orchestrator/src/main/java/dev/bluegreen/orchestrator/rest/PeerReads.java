package dev.bluegreen.orchestrator.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.CloudEventCodec;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Reads from the other instances of the orchestrator. An upgrade's by-id entry and audit trail live
 * with the partition of its cluster, which may belong to another instance; a read this instance
 * cannot answer from its own stores is asked of every other instance ({@code ?scope=local}, so they
 * do not ask further). Instances find each other through Kafka Streams' metadata, which needs
 * {@code quarkus.kafka-streams.application-server} (host:port of this instance's HTTP server); when
 * it is not set, there are no peers and every read is local.
 */
@ApplicationScoped
public class PeerReads {

  /** Query parameter value that keeps a read on the instance that receives it. */
  public static final String LOCAL = "local";

  private static final Logger LOG = Logger.getLogger(PeerReads.class);
  private static final ObjectMapper JSON = CloudEventCodec.newObjectMapper();

  private final Supplier<List<URI>> peers;
  private final Supplier<String> bearer;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Inject
  public PeerReads(
      KafkaStreams streams,
      @ConfigProperty(name = "quarkus.kafka-streams.application-server")
          Optional<String> applicationServer,
      Instance<JsonWebToken> callersToken) {
    this(() -> peersFromMetadata(streams, applicationServer), () -> rawToken(callersToken));
  }

  PeerReads(Supplier<List<URI>> peers) {
    this(peers, () -> null);
  }

  /**
   * @param bearer the caller's bearer token, forwarded to the peer: it checks it and shows the
   *     caller only what they may see, as this instance does
   */
  PeerReads(Supplier<List<URI>> peers, Supplier<String> bearer) {
    this.peers = peers;
    this.bearer = bearer;
  }

  private static String rawToken(Instance<JsonWebToken> token) {
    if (!Arc.container().requestContext().isActive() || !token.isResolvable()) {
      return null;
    }
    return token.get().getRawToken();
  }

  private static List<URI> peersFromMetadata(KafkaStreams streams, Optional<String> self) {
    if (self.isEmpty() || self.get().isBlank()) {
      return List.of();
    }
    HostInfo me = HostInfo.buildFromEndpoint(self.get());
    return streams.metadataForAllStreamsClients().stream()
        .map(StreamsMetadata::hostInfo)
        .filter(h -> h.port() > 0 && !h.equals(me))
        .distinct()
        .map(h -> URI.create("http://" + h.host() + ":" + h.port()))
        .toList();
  }

  /**
   * The first answer any peer has for {@code path} (which must carry {@code scope=local}); empty
   * when every peer answered 404.
   *
   * @throws ProblemException 503 when nobody had it but some peer could not be asked
   */
  public <T> Optional<T> first(String path, Class<T> type) {
    String failure = null;
    for (URI peer : peers.get()) {
      try {
        HttpResponse<byte[]> r = get(peer.resolve(path));
        if (r.statusCode() == 200) {
          return Optional.of(JSON.readValue(r.body(), type));
        }
        if (r.statusCode() != 404) {
          failure = peer + " answered " + r.statusCode();
        }
      } catch (IOException e) {
        failure = peer + ": " + e;
      }
    }
    if (failure != null) {
      throw ProblemException.unavailable(
          "another orchestrator instance could not be asked: " + failure);
    }
    return Optional.empty();
  }

  /**
   * Every peer's answer to {@code path} (a JSON list), concatenated; unreachable peers are logged.
   */
  public <T> List<T> all(String path, TypeReference<List<T>> type) {
    List<T> out = new ArrayList<>();
    for (URI peer : peers.get()) {
      try {
        HttpResponse<byte[]> r = get(peer.resolve(path));
        if (r.statusCode() == 200) {
          out.addAll(JSON.readValue(r.body(), type));
        } else {
          LOG.warnf(
              "peer %s answered %d to %s; its upgrades are missing", peer, r.statusCode(), path);
        }
      } catch (IOException e) {
        LOG.warnf("peer %s could not be asked %s (%s); its upgrades are missing", peer, path, e);
      }
    }
    return out;
  }

  private HttpResponse<byte[]> get(URI uri) throws IOException {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
      String token = bearer.get();
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
