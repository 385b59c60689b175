/* dag-date-popover.h — a calendar for a date field: a button beside the
 * field that opens a month to pick a day from, written into the field the
 * way date fields show dates (DD-MM-YYYY). */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Gives entry (an AdwEntryRow or a GtkEntry) a calendar button and returns
 * it.  On an AdwEntryRow the button is added as a suffix; for a GtkEntry
 * the caller places it (dag_date_popover_wrap does).  The calendar opens
 * on the date typed (dag_date_parse_human), or today; picking a day writes
 * it with dag_date_format_human and closes the popover.  The button is
 * owned by the widget tree it is placed in. */
GtkWidget     *dag_date_popover_attach     (GtkWidget *entry);
/* A GtkEntry and its calendar button side by side, linked; entry is
 * expanded.  The returned box is floating. */
GtkWidget     *dag_date_popover_wrap       (GtkWidget *entry);
/* The calendar button dag_date_popover_attach gave entry, or NULL. */
GtkMenuButton *dag_date_popover_get_button (GtkWidget *entry);
/* The calendar of button (from dag_date_popover_get_button). */
GtkCalendar   *dag_date_popover_get_calendar (GtkMenuButton *button);

G_END_DECLS
