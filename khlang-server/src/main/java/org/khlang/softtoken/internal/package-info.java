/** Persistence, signature verification and secrets of the Soft Token module. */
package org.khlang.softtoken.internal;
