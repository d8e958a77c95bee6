/** {@code cicada sub}: subscribe and print messages, as {@code mosquitto_sub}, and the output format it shares. */
package io.cicada.cli.sub;
