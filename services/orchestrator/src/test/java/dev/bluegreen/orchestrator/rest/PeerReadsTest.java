package dev.bluegreen.orchestrator.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads this instance cannot answer go to the other instances, which answer from their stores. */
class PeerReadsTest {

  private HttpServer peer;
  private URI peerUri;

  /** Another instance that owns upgrade "theirs" and knows nothing else. */
  @BeforeEach
  void startPeer() throws IOException {
    peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    Map<String, String> answers =
        Map.of(
            "/upgrades/theirs?scope=local",
            "{\"id\":\"theirs\",\"cluster\":\"orders-prod\",\"state\":\"SHIFTING\",\"stepIndex\":2}",
            "/upgrades?scope=local&cluster=orders-prod",
            "[{\"id\":\"theirs\",\"cluster\":\"orders-prod\",\"state\":\"SHIFTING\"}]");
    peer.createContext(
        "/",
        exchange -> {
          String body = answers.get(exchange.getRequestURI().toString());
          byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    peer.start();
    peerUri = URI.create("http://127.0.0.1:" + peer.getAddress().getPort());
  }

  @AfterEach
  void stopPeer() {
    peer.stop(0);
  }

  @Test
  void upgradeOwnedByAnotherInstance_isReadFromIt() {
    PeerReads reads = new PeerReads(() -> List.of(peerUri));
    UpgradeView view = reads.first("/upgrades/theirs?scope=local", UpgradeView.class).orElseThrow();
    assertEquals("SHIFTING", view.state().name());
    assertEquals(2, view.stepIndex());
  }

  @Test
  void upgradeNobodyHas_isEmpty() {
    PeerReads reads = new PeerReads(() -> List.of(peerUri));
    assertTrue(reads.first("/upgrades/nobodys?scope=local", UpgradeView.class).isEmpty());
  }

  @Test
  void listsFromEveryInstance_areConcatenated() {
    PeerReads reads = new PeerReads(() -> List.of(peerUri));
    List<UpgradeView> views =
        reads.all(
            "/upgrades?scope=local&cluster=orders-prod", new TypeReference<List<UpgradeView>>() {});
    assertEquals(List.of("theirs"), views.stream().map(UpgradeView::id).toList());
  }

  @Test
  void unreachableInstance_isA503WhenNobodyElseHadTheUpgrade() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    PeerReads reads = new PeerReads(() -> List.of(URI.create("http://127.0.0.1:" + closed)));
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () -> reads.first("/upgrades/x?scope=local", UpgradeView.class));
    assertEquals(503, e.problem().status());
  }

  @Test
  void withoutPeers_everyReadIsLocal() {
    PeerReads reads = new PeerReads(List::of);
    assertTrue(reads.first("/upgrades/theirs?scope=local", UpgradeView.class).isEmpty());
    assertTrue(
        reads.all("/upgrades?scope=local", new TypeReference<List<UpgradeView>>() {}).isEmpty());
  }
}
