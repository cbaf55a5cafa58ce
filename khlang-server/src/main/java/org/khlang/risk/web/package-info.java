/** The risk inbox of heads and internal audit, the release of a hold on the head's phone, the registrar's summary. */
package org.khlang.risk.web;
