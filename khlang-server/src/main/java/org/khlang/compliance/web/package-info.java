/** The compliance report screen for internal auditors. */
package org.khlang.compliance.web;
