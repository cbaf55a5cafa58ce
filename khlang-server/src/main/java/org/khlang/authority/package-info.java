/** Agencies, registrar offices, provinces and the rights people hold per agency. */
package org.khlang.authority;
