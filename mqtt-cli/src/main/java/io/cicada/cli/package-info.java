/**
 * Cicada's command-line MQTT tools: {@code cicada pub}, {@code sub}, {@code rr} (flag-compatible with Mosquitto's
 * clients where sensible) and {@code cicada bench}. {@link io.cicada.cli.CicadaTools} lists the commands for the
 * {@code cicada} launcher and runs them on their own.
 */
package io.cicada.cli;
