/** Soft Token devices, activation, push login with number matching, offline codes and suspension (DESIGN.md section 4). */
package org.khlang.softtoken;
