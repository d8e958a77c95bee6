/** {@code cicada ctl}: the admin HTTP API from the command line, as tables or JSON. */
package io.cicada.cli.ctl;
