/**
 * The runnable AuthPlane server: {@code authserver serve} wires core, the JDBC adapters and the
 * servlet endpoints into two embedded Jetty servers (public and admin), {@code authserver admin}
 * is the admin CLI, and {@code authserver demo} plays the seed's story end to end.
 */
package dev.authplane.examples.authserver;
