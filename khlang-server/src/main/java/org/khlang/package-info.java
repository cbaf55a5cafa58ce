/** Khlang: the application root; each direct sub-package is one module of design.md section 3. */
package org.khlang;
