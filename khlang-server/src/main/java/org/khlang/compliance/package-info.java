/**
 * Internal audit's compliance reports (R14): they read every other module (identity, authority, Soft Token, money,
 * lost phones, the audit chain) and change nothing. A module of its own so that the audit log stays at the bottom
 * of the dependency graph.
 */
package org.khlang.compliance;
