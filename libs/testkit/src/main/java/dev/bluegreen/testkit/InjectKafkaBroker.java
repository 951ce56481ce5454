package dev.bluegreen.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link KafkaBroker} field of a {@code @QuarkusTest} that {@link KafkaBrokerTestResource}
 * fills with its broker, so a test can stop and restart it ({@link KafkaBroker#stopBroker()}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectKafkaBroker {}
