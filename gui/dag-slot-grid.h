/* dag-slot-grid.h — the groups × dagdelen grid that the Week plan and Staff
 * views share: day and dagdeel headings, group names, column numbers. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Monday–Friday, morning and afternoon. */
#define DAG_SLOT_GRID_DAYS  5
#define DAG_SLOT_GRID_PARTS 2

/* The grid column of a day and part (column 0 holds the group names). */
#define DAG_SLOT_GRID_COLUMN(day, part) (1 + (day) * DAG_SLOT_GRID_PARTS + (part))
/* The first grid row below the headings. */
#define DAG_SLOT_GRID_FIRST_ROW 2

/* Translated names; "" outside the grid's days. */
const char *dag_slot_grid_day_name  (int day);
const char *dag_slot_grid_part_name (int part);

/* Removes every child, then adds the day and dagdeel headings. */
void        dag_slot_grid_reset     (GtkGrid *grid);
/* Puts note (a holiday's name, "Closed") under the heading of day and
 * dims the day's headings; NULL takes it away. */
void        dag_slot_grid_set_day_note (GtkGrid    *grid,
                                        int         day,
                                        const char *note);
/* Adds a group's name at the start of row. */
void        dag_slot_grid_add_group (GtkGrid    *grid,
                                     const char *name,
                                     int         row,
                                     int         max_width_chars);

G_END_DECLS
