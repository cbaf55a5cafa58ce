/** The device API (called by authenticators) and the enrolment screens. */
package org.khlang.softtoken.web;
