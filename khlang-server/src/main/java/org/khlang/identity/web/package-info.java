/** Login, account and registrar screens and API for people and credentials. */
package org.khlang.identity.web;
