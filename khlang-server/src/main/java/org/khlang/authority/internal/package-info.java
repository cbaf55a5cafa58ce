/** JDBC persistence and CSV import for agencies and rights. */
package org.khlang.authority.internal;
