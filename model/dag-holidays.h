/* dag-holidays.h — Dutch public holidays, computed (never typed in). */

#pragma once

#include "dag-org.h"

G_BEGIN_DECLS

/* Easter Sunday of year (Gregorian calendar). */
DagDate  dag_easter_sunday (int year);

/* Whether date is a public holiday on which no sessions, runs or production
 * happen.  Goede Vrijdag and Bevrijdingsdag count only when the settings say
 * so.  name, when not NULL, receives the Dutch name (static string). */
gboolean dag_holiday_check (const DagSettings *settings,
                            DagDate            date,
                            const char       **name);

G_END_DECLS
