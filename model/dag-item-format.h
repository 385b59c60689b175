/* dag-item-format.h — how the list items write dates and volumes for people
 * to read, and fold text for searching (shared by the dag-*-item types). */

#pragma once

#include <glib.h>

#include "dag-org.h"

G_BEGIN_DECLS

/* "12 Apr 1958" in the user's language; "—" for DAG_DATE_NONE.  Newly
 * allocated. */
char *dag_item_format_date     (DagDate date);
/* "4 per week", "2–4 per week", "8 per month", "40 in total".  Newly
 * allocated. */
char *dag_item_format_volume   (int units, int min_units, DagVolumePer per);
/* text folded for searching: lower case, without accents ("Çelik" →
 * "celik").  Newly allocated. */
char *dag_item_fold_for_search (const char *text);

G_END_DECLS
