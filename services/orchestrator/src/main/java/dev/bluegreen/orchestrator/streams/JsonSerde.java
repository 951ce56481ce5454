package dev.bluegreen.orchestrator.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.CloudEventCodec;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde for the orchestrator's own state-store values, with the contracts' JSON mapping. */
public final class JsonSerde<T> implements Serde<T> {

  private static final ObjectMapper JSON = CloudEventCodec.newObjectMapper();
  private final Class<T> type;

  public JsonSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return JSON.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new SerializationException("cannot write " + type.getSimpleName(), e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return JSON.readValue(bytes, type);
      } catch (IOException e) {
        throw new SerializationException("cannot read " + type.getSimpleName(), e);
      }
    };
  }
}
