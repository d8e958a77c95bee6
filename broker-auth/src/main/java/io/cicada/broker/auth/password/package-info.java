/**
 * Mosquitto-compatible password files: parsing and checking the {@code $6$}, {@code $7$} and {@code $argon2id$}
 * hashes that {@code mosquitto_passwd} writes, and editing entries for {@code cicada passwd}.
 */
package io.cicada.broker.auth.password;
