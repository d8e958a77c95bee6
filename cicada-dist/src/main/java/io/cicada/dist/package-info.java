/**
 * The distribution: {@link io.cicada.dist.CicadaLauncher}, the main class behind {@code bin/cicada}, and the build of
 * {@code cicada-VERSION.tar.gz}.
 */
package io.cicada.dist;
