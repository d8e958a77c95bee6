package io.cicada.spec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The normative statements of the MQTT specification that a test checks, by their identifiers without brackets:
 * {@code @Spec({"MQTT-3.3.1-4", "MQTT-4.8.2-3"})}. Statement numbers are those of MQTT 5.0 unless the identifier ends
 * in {@code @3.1.1} ({@code "MQTT-3.1.2-24@3.1.1"}). {@code docs/conformance.md} is generated from these annotations
 * (see {@code ConformanceMatrixTest}), so the matrix cannot drift from the tests.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Spec {
    /** Statement identifiers such as {@code MQTT-3.1.2-29}. */
    String[] value();
}
