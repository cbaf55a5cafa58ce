/** Lost-device reports and the head's letters (R12), notices, and later the help channels (R15). */
package org.khlang.support;
