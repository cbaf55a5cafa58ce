/** Identity proofing over OpenID Connect against the provider that proves citizen IDs (R7, design.md section 5). */
package org.khlang.proofing;
