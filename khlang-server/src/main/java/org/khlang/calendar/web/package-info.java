/** The administrator's holiday screen. */
package org.khlang.calendar.web;
