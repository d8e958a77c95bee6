/**
 * The server's configuration: one YAML file (every key documented in {@code conf/cicada.yaml}), then {@code
 * CICADA_<KEY>} environment variables, then command-line flags, each layer overriding the one before, validated so that
 * an unknown key or a bad value stops start-up with the file, line and what was expected.
 */
package io.cicada.server.config;
