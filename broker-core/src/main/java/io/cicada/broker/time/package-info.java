/** Time for the core: the {@link io.cicada.broker.time.Timers} port and the {@code cicada-timer} thread. A leaf. */
package io.cicada.broker.time;
