/* dag-week-print.h — the week plan of one location and one week on paper
 * or as a PDF, for the wall: groups × Monday–Friday morning/afternoon with
 * occupancy, participants (transport marked), staff (HBO/MBO, lead) and
 * the holidays and closures; never a BSN, level or health data. */

#pragma once

#include <gtk/gtk.h>

#include "dag-org.h"

G_BEGIN_DECLS

typedef struct _DagWeekPrint DagWeekPrint;

/* Takes what the sheet shows from org (location is an index into
 * org->locations; monday the Monday of the week): the sheet keeps its own
 * copies, so org may change or go afterwards. */
DagWeekPrint *dag_week_print_new        (const DagOrg *org,
                                         int           location,
                                         DagDate       monday);
void          dag_week_print_free       (DagWeekPrint *self);
/* Lays the sheet out on pages of width × height points; returns the
 * number of pages (groups that do not fit go to the next page). */
int           dag_week_print_paginate   (DagWeekPrint *self,
                                         cairo_t      *cr,
                                         double        width,
                                         double        height);
/* Draws page (after dag_week_print_paginate()). */
void          dag_week_print_draw_page  (DagWeekPrint *self,
                                         cairo_t      *cr,
                                         int          page);
/* Page (0-based) as an image at scale pixels per point, laid out on A4
 * landscape with the PDF's margin (for previews). */
cairo_surface_t *dag_week_print_render_page (DagWeekPrint *self,
                                             int           page,
                                             double        scale);
/* The title line, "Week 48, 23–27 November 2026". */
const char   *dag_week_print_get_week_title (DagWeekPrint *self);

/* Writes the sheet as an A4 landscape PDF to path (atomically, mode
 * 0600); n_pages (may be NULL) receives the number of pages. */
gboolean      dag_week_print_write_pdf  (DagWeekPrint *self,
                                         const char   *path,
                                         int          *n_pages,
                                         GError      **error);
gboolean      dag_week_print_to_pdf     (const DagOrg *org,
                                         int           location,
                                         DagDate       monday,
                                         const char   *path,
                                         GError      **error);

/* A print operation for the sheet (A4 landscape, units in points), not
 * yet run; the caller owns it. */
GtkPrintOperation *dag_week_print_operation_new (const DagOrg *org,
                                                 int           location,
                                                 DagDate       monday);
/* Shows the system print dialog and prints the sheet; errors are shown
 * in a dialog on parent. */
void          dag_week_print_run        (GtkWindow    *parent,
                                         const DagOrg *org,
                                         int           location,
                                         DagDate       monday);
/* "week-plan-2026-W48-L1.pdf" (newly allocated). */
char         *dag_week_print_file_name  (const DagOrg *org,
                                         int           location,
                                         DagDate       monday);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagWeekPrint, dag_week_print_free)

G_END_DECLS
