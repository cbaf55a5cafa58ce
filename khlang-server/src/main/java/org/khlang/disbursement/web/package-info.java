/** Screens and the REST API for recorders, approvers and report readers, with idempotent money commands. */
package org.khlang.disbursement.web;
