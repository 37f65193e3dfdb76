/**
 * The peer of the token-endpoint benchmark: Spring Authorization Server 7.0 on embedded Jetty,
 * without Spring Boot (a plain Spring Security filter chain with the authorization server's
 * configurer in an {@code AnnotationConfigWebApplicationContext}), configured like AuthPlane's
 * benchmark server: ES256, the same bcrypt cost, clients with the same scopes, a durable H2 file
 * store for clients and issued authorizations, a pool of 10 connections.
 */
package dev.authplane.benchmarks.sas;
