/**
 * Test doubles shared by every module's tests (test scope only, never shipped): {@link
 * dev.authplane.testsupport.MutableClock}, {@link dev.authplane.testsupport.TestTimes} and {@link
 * dev.authplane.testsupport.Concurrently}. Port contract suites, fixtures and forwarding or failing
 * stores live in core's test-jar, the adapter kit (see authplane-core/README.md).
 */
package dev.authplane.testsupport;
