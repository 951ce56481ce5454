package dev.bluegreen.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code CloudSim} field of a {@code @QuarkusTest} that {@link CloudSimTestResource} fills
 * with its running simulator, for set-up the service's API does not cover and for assertions.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectCloudSim {}
