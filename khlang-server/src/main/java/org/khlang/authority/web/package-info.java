/** Registrar screens and API for agencies. */
package org.khlang.authority.web;
