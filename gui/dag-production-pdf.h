/* dag-production-pdf.h — a month's production report as a PDF: per
 * municipality and product the indications, units and amount, the totals,
 * and the problems counted by kind. */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "dag-org.h"
#include "export/dag-production.h"

G_BEGIN_DECLS

typedef struct _DagProductionPdf DagProductionPdf;

/* Takes what the report shows (its own copies: org and production may go
 * afterwards). */
DagProductionPdf *dag_production_pdf_new         (const DagOrg        *org,
                                                  const DagProduction *production);
void              dag_production_pdf_free        (DagProductionPdf *self);
/* Writes the report as an A4 landscape PDF to path, atomically, mode
 * 0600; n_pages (may be NULL) receives the number of pages.  Safe on a
 * worker thread. */
gboolean          dag_production_pdf_write       (DagProductionPdf *self,
                                                  const char       *path,
                                                  int              *n_pages,
                                                  GError          **error);
/* Page (0-based) as an image at scale pixels per point (for previews). */
cairo_surface_t  *dag_production_pdf_render_page (DagProductionPdf *self,
                                                  int               page,
                                                  double            scale);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagProductionPdf, dag_production_pdf_free)

G_END_DECLS
