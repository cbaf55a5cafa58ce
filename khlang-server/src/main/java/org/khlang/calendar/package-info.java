/** Thai business days, official holidays and Buddhist-era dates. */
package org.khlang.calendar;
