/** Khlang: the application root; each direct sub-package is one module of DESIGN.md section 3. */
package org.khlang;
