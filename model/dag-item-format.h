/* dag-item-format.h — how the list items write dates and volumes for people
 * to read, and fold text for searching (shared by the dag-*-item types). */

#pragma once

#include <glib.h>

#include "dag-org.h"

G_BEGIN_DECLS

/* "12 Apr 1958" in the user's language; "—" for DAG_DATE_NONE.  Newly
 * allocated. */
char *dag_item_format_date     (DagDate date);
/* A date as a sentence writes it: "2026-11-02" in English, "02-11-2026"
 * in Dutch.  Newly allocated. */
char *dag_date_format_message  (DagDate date);
/* "4 per week", "2–4 per week", "8 per month", "40 in total".  Newly
 * allocated. */
char *dag_item_format_volume   (int units, int min_units, DagVolumePer per);
/* text folded for searching: lower case, without accents ("Çelik" →
 * "celik").  Newly allocated. */
char *dag_item_fold_for_search (const char *text);

/* A date as people type it, always day-month-year: "8-2-1950",
 * "08/02/1950", "08.02.1950", "8 februari 1950", "8 Feb 1950", or ISO
 * "1950-02-08".  The year has four digits: "8-2-50" is refused, as it
 * could be 1950 or 2050.  Returns FALSE for text that is no existing date
 * ("31-02-2026").  The JSON files and the command line keep ISO only
 * (dag_date_parse). */
gboolean    dag_date_parse_human  (const char *text,
                                   DagDate    *date);
/* Writes "08-02-1950" into buf (DAG_DATE_BUF bytes), "" for
 * DAG_DATE_NONE, and returns buf: the form date fields show. */
const char *dag_date_format_human (DagDate     date,
                                   char       *buf);

/* "12,345.67" with the locale's thousands separator and decimal mark
 * ("12.345,67" in Dutch), "−" before a negative amount.  Newly
 * allocated. */
char *dag_format_amount (gint64 cents);
/* "€ 12,345.67", "€ 12.345,67" in Dutch.  Newly allocated. */
char *dag_format_euros  (gint64 cents);
/* A count with the same thousands separator: "1,234", "1.234" in Dutch;
 * "−" before a negative one.  Newly allocated. */
char *dag_format_count  (gint64 n);

G_END_DECLS
