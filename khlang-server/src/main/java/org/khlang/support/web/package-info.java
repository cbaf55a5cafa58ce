/** The lost-phone page (no sign-in), the Contact Center console, and the head's and registrar's letter screens. */
package org.khlang.support.web;
