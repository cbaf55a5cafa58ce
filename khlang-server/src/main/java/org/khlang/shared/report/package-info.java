/** Reports as tables: on screen, as XLSX (Apache POI) and as PDF printed by Chromium, which shapes Thai correctly. */
package org.khlang.shared.report;
