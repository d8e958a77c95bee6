/** {@code cicada pub}: publish messages, as {@code mosquitto_pub}. */
package io.cicada.cli.pub;
