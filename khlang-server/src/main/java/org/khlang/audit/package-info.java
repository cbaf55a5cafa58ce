/** Hash-chained, append-only audit log and its verification (R14). */
package org.khlang.audit;
