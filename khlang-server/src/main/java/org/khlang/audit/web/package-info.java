/** Audit verification screen and API for administrators and auditors. */
package org.khlang.audit.web;
