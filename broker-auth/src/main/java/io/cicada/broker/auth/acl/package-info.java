/**
 * Mosquitto-compatible ACL files: {@code user}, {@code topic} and {@code pattern} lines with {@code %u} and
 * {@code %c}, deny winning over grants, and the {@link io.cicada.broker.auth.Authorizer} that asks them.
 */
package io.cicada.broker.auth.acl;
