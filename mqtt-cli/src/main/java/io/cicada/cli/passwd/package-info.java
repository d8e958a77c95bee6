/** {@code cicada passwd}: password files in Mosquitto's format, edited with the broker's own password-file API. */
package io.cicada.cli.passwd;
