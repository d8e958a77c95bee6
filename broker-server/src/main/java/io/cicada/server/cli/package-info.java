/**
 * The {@code cicada} command line: {@code cicada broker} starts a broker from the configuration file, environment and
 * flags and runs it until the process is told to stop. Later issues add more subcommands here.
 */
package io.cicada.server.cli;
