/**
 * Cicada's command-line MQTT tools: {@code cicada pub}, {@code sub}, {@code rr} (flag-compatible with Mosquitto's
 * clients where sensible), {@code cicada bench}, {@code cicada ctl} (the admin API) and {@code cicada passwd} (password
 * files). {@link io.cicada.cli.CicadaTools} lists the commands for the
 * {@code cicada} launcher and runs them on their own.
 */
package io.cicada.cli;
