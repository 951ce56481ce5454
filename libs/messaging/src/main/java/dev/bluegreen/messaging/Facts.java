package dev.bluegreen.messaging;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.Fact;
import java.time.Clock;

/** Publishes the facts that answer one command, each caused by it and correlated to its upgrade. */
public final class Facts {

  private final CloudEvent<? extends Command> command;
  private final EventSink sink;
  private final String source;
  private final Clock clock;

  Facts(CloudEvent<? extends Command> command, EventSink sink, String source, Clock clock) {
    this.command = command;
    this.sink = sink;
    this.source = source;
    this.clock = clock;
  }

  /** Publishes a fact caused by the command; returns once the broker has it. */
  public void publish(Fact fact) {
    sink.publish(CloudEvent.causedBy(command, source, fact, clock.instant()));
  }
}
