package dev.bluegreen.deployer.messaging;

import dev.bluegreen.deployer.DeployerHandler;
import dev.bluegreen.messaging.CommandInbox;
import dev.bluegreen.messaging.EventSink;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The deployer's command topic, through the shared inbox (decode, dedupe, dead-letter). */
@ApplicationScoped
public class DeployerCommands {
  @Inject EventSink sink;
  @Inject DeployerHandler handler;
  private CommandInbox inbox;

  @PostConstruct
  void init() {
    inbox = new CommandInbox("deployer", handler, sink, Clock.systemUTC(), 10_000);
  }

  @Incoming("commands")
  @Blocking(value = CommandInbox.WORKERS, ordered = false)
  public void onCommand(ConsumerRecord<String, byte[]> record) {
    inbox.receive(record);
  }
}
