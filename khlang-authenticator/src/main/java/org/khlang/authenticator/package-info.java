/** Reference Soft Token authenticator: device key, signed proofs and decisions, offline codes, and a command line. */
package org.khlang.authenticator;
