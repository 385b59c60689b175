/* dag-print.h — what the printed and PDF pages share: text drawn with
 * Pango at 72 dpi (one unit is one point), the footer with page number and
 * print date, amounts in euros, and writing a paginated document to a PDF
 * file atomically. */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "dag-org.h"

G_BEGIN_DECLS

/* A4 landscape, in points. */
#define DAG_PRINT_A4_LONG   841.89
#define DAG_PRINT_A4_SHORT  595.28
/* The margin of a PDF page (a printer's imageable area has its own). */
#define DAG_PRINT_PDF_MARGIN 28.35

typedef enum {
  DAG_PRINT_LEFT     = 0,
  DAG_PRINT_RIGHT    = 1 << 0,
  DAG_PRINT_CENTER   = 1 << 1,
  DAG_PRINT_BOLD     = 1 << 2,
  DAG_PRINT_ITALIC   = 1 << 3,
  DAG_PRINT_STRIKE   = 1 << 4,
  DAG_PRINT_WRAP     = 1 << 5,  /* wrap instead of ellipsizing */
} DagPrintFlags;

/* A paginated document: paginate lays it out for pages of width × height
 * points (cr may be used to measure) and returns the number of pages;
 * draw_page draws page (0-based) with the origin at the top left of the
 * printable area. */
typedef int  (*DagPrintPaginateFunc) (gpointer doc,
                                      cairo_t *cr,
                                      double   width,
                                      double   height);
typedef void (*DagPrintDrawFunc)     (gpointer doc,
                                      cairo_t *cr,
                                      int      page);

/* Draws text at x, y (top) within width, in a sans font of size points;
 * returns the height used.  width <= 0 means no limit. */
double   dag_print_text      (cairo_t       *cr,
                              double         x,
                              double         y,
                              double         width,
                              double         size,
                              DagPrintFlags  flags,
                              const char    *text);
/* The height text would take, without drawing it. */
double   dag_print_text_height (cairo_t       *cr,
                                double         width,
                                double         size,
                                DagPrintFlags  flags,
                                const char    *text);
/* The width text takes on one line. */
double   dag_print_text_width (cairo_t       *cr,
                               double         size,
                               DagPrintFlags  flags,
                               const char    *text);
/* The footer: "Page 2 of 3" at the right, "Printed 23 November 2026
 * 08:30" (printed, local time) and note at the left, along the bottom
 * edge of a width × height area.  Returns the height it takes. */
double   dag_print_footer    (cairo_t    *cr,
                              double      width,
                              double      height,
                              int         page,
                              int         n_pages,
                              GDateTime  *printed,
                              const char *note);
/* The height dag_print_footer() takes. */
double   dag_print_footer_height (void);

/* Cents as "€ 1,234.50" with the language's separators (newly
 * allocated; integer arithmetic only). */
char    *dag_print_format_euros (gint64 cents);

/* Writes data to path atomically (a temp file in the same folder, then
 * rename), readable by the owner only; a missing or read-only folder is
 * named in the error, and nothing is left behind. */
gboolean dag_print_save_file (const char  *path,
                              const char  *data,
                              gsize        length,
                              GError     **error);
/* Checks that dir is a folder this process may write into. */
/* Writes the calendar of the record of kind with id to the .ics file path
 * as "dagritme export ical" does: the organisation as stored in the
 * database (a connection of its own, so it may run on a worker thread
 * while the window keeps its own), the default range, SEQUENCE kept in
 * the store (the UIDs and unchanged events stay the same), and an atomic
 * owner-only file. */
gboolean dag_print_save_calendar (const char  *database,
                                  DagKind      kind,
                                  const char  *id,
                                  const char  *path,
                                  GError     **error);

gboolean dag_print_check_folder (const char  *dir,
                                 GError     **error);

/* Lays out doc on A4 landscape pages with DAG_PRINT_PDF_MARGIN, draws every
 * page into a PDF in memory and writes it to path atomically (a temp file
 * in the same folder, then rename), readable by the owner only.
 * n_pages (may be NULL) receives the number of pages. */
gboolean dag_print_write_pdf (const char           *path,
                              DagPrintPaginateFunc  paginate,
                              DagPrintDrawFunc      draw_page,
                              gpointer              doc,
                              int                  *n_pages,
                              GError              **error);

/* Renders page of doc (A4 landscape, with the PDF margin, white paper) to
 * a new image surface at scale pixels per point; for previews and tests. */
cairo_surface_t *dag_print_render_page (DagPrintPaginateFunc paginate,
                                        DagPrintDrawFunc     draw_page,
                                        gpointer             doc,
                                        int                  page,
                                        double               scale);

G_END_DECLS
