package dev.bluegreen.messaging;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.TraceContext;
import java.time.Clock;

/** Publishes the facts that answer one command, each caused by it and correlated to its upgrade. */
public final class Facts {

  private final CloudEvent<? extends Command> command;
  private final EventSink sink;
  private final String source;
  private final Clock clock;
  private final TraceContext handling;

  /**
   * @param handling the span handling the command, which the facts name as their parent; null when
   *     nothing is traced (each fact then gets a child context of the command's, by hand)
   */
  Facts(
      CloudEvent<? extends Command> command,
      EventSink sink,
      String source,
      Clock clock,
      TraceContext handling) {
    this.command = command;
    this.sink = sink;
    this.source = source;
    this.clock = clock;
    this.handling = handling;
  }

  /** Publishes a fact caused by the command; returns once the broker has it. */
  public void publish(Fact fact) {
    CloudEvent<Fact> event = CloudEvent.causedBy(command, source, fact, clock.instant());
    sink.publish(handling == null ? event : event.withTrace(handling));
  }
}
