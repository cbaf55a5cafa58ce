/** The proofing screens and the OpenID Connect callback. */
package org.khlang.proofing.web;
