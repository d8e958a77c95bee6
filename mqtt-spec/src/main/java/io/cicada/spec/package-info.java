/** The {@link io.cicada.spec.Spec} annotation: which normative MQTT statements a test checks. */
package io.cicada.spec;
