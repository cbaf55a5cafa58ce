/** Assembles the compliance report from the other modules' read-only APIs. */
package org.khlang.compliance.internal;
