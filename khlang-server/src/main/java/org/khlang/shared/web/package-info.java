/** Web conventions shared by every module: problem details, locale, layout model. */
package org.khlang.shared.web;
