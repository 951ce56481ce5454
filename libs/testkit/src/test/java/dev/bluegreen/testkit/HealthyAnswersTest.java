package dev.bluegreen.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.EventType;
import dev.bluegreen.contracts.EventTypes;
import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.AnalysisCompleted;
import dev.bluegreen.contracts.events.RunAnalysis;
import dev.bluegreen.contracts.events.Verdict;
import dev.bluegreen.schemas.EventSchemas;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command in the catalog has a healthy answer, and the answer answers that command. */
class HealthyAnswersTest {

  private static final ObjectMapper JSON = CloudEventCodec.newObjectMapper();
  private static final EventSchemas SCHEMAS = new EventSchemas();

  static Stream<EventType<?>> commands() {
    return EventTypes.ALL.stream().filter(t -> Command.class.isAssignableFrom(t.javaType()));
  }

  /** The command of the schema's example: a valid instance of every command there is. */
  private static Command example(EventType<?> type) throws Exception {
    String path =
        EventSchemas.EXAMPLES_PATH + EventSchemas.exampleFileName(type.name(), type.majorVersion());
    return (Command) JSON.treeToValue(SCHEMAS.readResource(path).orElseThrow(), type.javaType());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommand_hasAHealthyAnswer_thatAnswersIt(EventType<?> type) throws Exception {
    Command command = example(type);
    Fact answer = HealthyAnswers.to(command);
    assertEquals(command.commandId(), answer.commandId());
    assertEquals(command.upgradeId(), answer.upgradeId());
    assertEquals(command.cluster(), answer.cluster());
    assertEquals(Topics.FACTS, EventTypes.of(answer.getClass()).topic());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void anAnalysisEndsWithTheVerdictAskedFor(EventType<?> type) throws Exception {
    if (example(type) instanceof RunAnalysis analysis) {
      Fact answer = HealthyAnswers.to(analysis, Verdict.FAILED);
      assertEquals(Verdict.FAILED, ((AnalysisCompleted) answer).verdict());
    }
  }
}
