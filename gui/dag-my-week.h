/* dag-my-week.h — a begeleider's own week, as the Staff view's "My Week"
 * page shows it: a column per weekday with its date, the groups of each
 * dagdeel with their times and co-workers, and the driving runs. */

#pragma once

#include <gtk/gtk.h>

#include "dag-schedule.h"

G_BEGIN_DECLS

/* Empties box (horizontal) and fills it with a column per weekday of the
 * week of monday (Monday to Friday, and Saturday when staff works or
 * drives then) for staff (an index into org->staff), from schedule (of
 * org: which staffing applies on each date, with absences, holidays and
 * one-off changes) and org->runs (the runs staff drives).  today gets a
 * mark.  Returns what the columns say, a line per heading, dagdeel and
 * run (for tests), newly allocated. */
char *dag_my_week_fill (GtkBox       *box,
                        const DagOrg *org,
                        DagSchedule  *schedule,
                        int           staff,
                        DagDate       monday,
                        DagDate       today);

G_END_DECLS
