/** Persistence of proofing results and the development identity provider. */
package org.khlang.proofing.internal;
