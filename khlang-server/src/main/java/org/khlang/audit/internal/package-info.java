/** JDBC implementation of the audit chain. */
package org.khlang.audit.internal;
