/** People, user accounts, passwords, login and the issuing of credentials (R1-R4, R9). */
package org.khlang.identity;
