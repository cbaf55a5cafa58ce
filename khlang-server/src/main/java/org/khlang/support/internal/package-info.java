/** JDBC implementation of lost-device reports and notices, and the replacement policy for the Soft Token. */
package org.khlang.support.internal;
