/** Demo data for development mode: agencies, registrars and users listed in the README. */
package org.khlang.demo;
