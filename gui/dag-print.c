/* dag-print.c — text, footer, euros and the PDF writer that the week plan
 * print and the production PDF share. */

#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "dag-item-format.h"
#include "dag-store.h"
#include "export/dag-ical.h"
#include "dag-print.h"

static const cairo_user_data_key_t context_key;

/* One Pango context per cairo context, at 72 dpi so that a font size in
 * points is that many units, and without hinting so that a page measures
 * the same on paper, in a PDF and in a preview. */
static PangoContext *
context_for (cairo_t *cr)
{
  PangoContext *context = cairo_get_user_data (cr, &context_key);

  if (context == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      context = pango_cairo_create_context (cr);
      pango_cairo_context_set_resolution (context, 72);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (context, options);
      cairo_font_options_destroy (options);
      cairo_set_user_data (cr, &context_key, context, g_object_unref);
    }
  pango_cairo_update_context (cr, context);
  return context;
}

static PangoLayout *
layout_new (cairo_t       *cr,
            double         width,
            double         size,
            DagPrintFlags  flags,
            const char    *text)
{
  PangoLayout *layout = pango_layout_new (context_for (cr));
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (flags & DAG_PRINT_BOLD)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  if (flags & DAG_PRINT_ITALIC)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, font);
  if (flags & DAG_PRINT_STRIKE)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      if (flags & DAG_PRINT_WRAP)
        pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      else
        pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  if (flags & DAG_PRINT_RIGHT)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  else if (flags & DAG_PRINT_CENTER)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The size of text laid out as dag_print_text() would. */
static void
measure (cairo_t       *cr,
         double         width,
         double         size,
         DagPrintFlags  flags,
         const char    *text,
         double        *text_width,
         double        *text_height)
{
  g_autoptr(PangoLayout) layout = layout_new (cr, width, size, flags, text);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  *text_width = (double) w / PANGO_SCALE;
  *text_height = (double) h / PANGO_SCALE;
}

double
dag_print_text_height (cairo_t       *cr,
                       double         width,
                       double         size,
                       DagPrintFlags  flags,
                       const char    *text)
{
  double w, h;

  measure (cr, width, size, flags, text, &w, &h);
  return h;
}

double
dag_print_text_width (cairo_t       *cr,
                      double         size,
                      DagPrintFlags  flags,
                      const char    *text)
{
  double w, h;

  measure (cr, 0, size, flags, text, &w, &h);
  return w;
}

double
dag_print_text (cairo_t       *cr,
                double         x,
                double         y,
                double         width,
                double         size,
                DagPrintFlags  flags,
                const char    *text)
{
  g_autoptr(PangoLayout) layout = layout_new (cr, width, size, flags, text);
  int w, h;

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

#define FOOTER_SIZE 7.0

double
dag_print_footer_height (void)
{
  return 14;
}

double
dag_print_footer (cairo_t    *cr,
                  double      width,
                  double      height,
                  int         page,
                  int         n_pages,
                  GDateTime  *printed,
                  const char *note)
{
  /* Translators: the print date in a page's footer, see
   * g_date_time_format(). */
  g_autofree char *date = g_date_time_format (printed, _("%-d %B %Y %H:%M"));
  /* Translators: %s is the date and time of printing. */
  g_autofree char *left = g_strdup_printf (_("Printed %s"), date);
  /* Translators: the page number in a page's footer. */
  g_autofree char *right = g_strdup_printf (_("Page %d of %d"), page + 1, n_pages);
  double y = height - dag_print_footer_height () + 4;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, y - 2);
  cairo_line_to (cr, width, y - 2);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  if (note != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s · %s", left, note);

      dag_print_text (cr, 0, y, width * 0.8, FOOTER_SIZE, DAG_PRINT_LEFT, both);
    }
  else
    dag_print_text (cr, 0, y, width * 0.8, FOOTER_SIZE, DAG_PRINT_LEFT, left);
  dag_print_text (cr, width * 0.8, y, width * 0.2, FOOTER_SIZE, DAG_PRINT_RIGHT, right);
  cairo_restore (cr);
  return dag_print_footer_height ();
}

char *
dag_print_format_euros (gint64 cents)
{
  return dag_format_euros (cents);
}

/* ---- files -------------------------------------------------------------- */

gboolean
dag_print_check_folder (const char  *dir,
                        GError     **error)
{
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The folder “%s” does not exist"), dir);
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The folder “%s” cannot be written to"), dir);
      return FALSE;
    }
  return TRUE;
}

gboolean
dag_print_save_file (const char  *path,
                     const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* Said plainly up front rather than as the temp file's failure. */
  if (!dag_print_check_folder (dir, error))
    return FALSE;
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* ---- PDF ---------------------------------------------------------------- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static int
lay_out (cairo_t              *cr,
         DagPrintPaginateFunc  paginate,
         gpointer              doc)
{
  return paginate (doc, cr, DAG_PRINT_A4_LONG - 2 * DAG_PRINT_PDF_MARGIN,
                   DAG_PRINT_A4_SHORT - 2 * DAG_PRINT_PDF_MARGIN);
}

gboolean
dag_print_write_pdf (const char           *path,
                     DagPrintPaginateFunc  paginate,
                     DagPrintDrawFunc      draw_page,
                     gpointer              doc,
                     int                  *n_pages,
                     GError              **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int pages;

  g_return_val_if_fail (path != NULL, FALSE);

  /* In memory first: a failing disk leaves no half PDF, and the file is
   * then replaced in one rename. */
  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, DAG_PRINT_A4_LONG, DAG_PRINT_A4_SHORT);
  cr = cairo_create (surface);
  pages = MAX (lay_out (cr, paginate, doc), 1);
  for (int page = 0; page < pages; page++)
    {
      cairo_save (cr);
      cairo_translate (cr, DAG_PRINT_PDF_MARGIN, DAG_PRINT_PDF_MARGIN);
      draw_page (doc, cr, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The PDF could not be made: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (!dag_print_save_file (path, (const char *) bytes->data, bytes->len, error))
    return FALSE;
  if (n_pages != NULL)
    *n_pages = pages;
  return TRUE;
}

cairo_surface_t *
dag_print_render_page (DagPrintPaginateFunc paginate,
                       DagPrintDrawFunc     draw_page,
                       gpointer             doc,
                       int                  page,
                       double               scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                         (int) (DAG_PRINT_A4_LONG * scale),
                                                         (int) (DAG_PRINT_A4_SHORT * scale));
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  if (page < lay_out (cr, paginate, doc))
    {
      cairo_translate (cr, DAG_PRINT_PDF_MARGIN, DAG_PRINT_PDF_MARGIN);
      draw_page (doc, cr, page);
    }
  cairo_destroy (cr);
  return surface;
}

gboolean
dag_print_save_calendar (const char  *database,
                         DagKind      kind,
                         const char  *id,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(DagStore) store = dag_store_open (database, error);
  g_autoptr(DagOrg) org = store ? dag_store_load (store, error) : NULL;
  g_autoptr(DagIcalExport) export = org ? dag_ical_export_new (org, DAG_DATE_NONE, DAG_DATE_NONE, error) : NULL;
  g_autofree char *text = NULL;
  gsize length;

  if (export == NULL || dag_ical_export_add (export, kind, id, error) < 0 ||
      !dag_ical_export_build (export, store, -1, error))
    return FALSE;
  text = dag_ical_export_render (export, 0, &length);
  return dag_print_save_file (path, text, length, error);
}
