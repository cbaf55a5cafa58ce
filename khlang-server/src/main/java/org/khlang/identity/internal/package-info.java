/** Persistence, password policy and authentication internals of the identity module. */
package org.khlang.identity.internal;
