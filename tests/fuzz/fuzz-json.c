/* fuzz-json.c — fuzz target for the organisation file's readers: the
 * strict checker, then the whole import.  Whatever the strict checker
 * passes, json-glib must parse too (else the two disagree on what JSON
 * is), and an imported organisation must export and import again. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdint.h>
#include <stdlib.h>

#include "dag-json-strict.h"
#include "dag-org-export.h"
#include "dag-org-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const DagJsonLimits limits = { 1024 * 1024, 32, 500, 64, 40 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) org = NULL;
  gsize start = 0;

  if (dag_json_strict_check ((const char *) data, size, &limits, &start, &error))
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) parse_error = NULL;

      if (!json_parser_load_from_data (parser, (const char *) data + start, (gssize) (size - start), &parse_error))
        {
          g_printerr ("strict JSON that json-glib refuses: %s\n", parse_error->message);
          abort ();
        }
    }
  else if (error->message == NULL || !g_utf8_validate (error->message, -1, NULL))
    abort ();
  g_clear_error (&error);

  org = dag_org_import_json ((const char *) data, size, &error);
  if (org == NULL)
    {
      /* Every refusal is a message a person can read: UTF-8, no control
       * characters from the file. */
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      for (const char *c = error->message; *c; c++)
        if ((guchar) *c < 0x20)
          abort ();
    }
  else
    {
      g_autofree char *text = dag_org_export_json (org, NULL);
      g_autoptr(DagOrg) again = dag_org_import_json (text, strlen (text), &error);
      g_autofree char *text2 = NULL;

      if (again == NULL)
        {
          g_printerr ("an imported organisation does not import again: %s\n", error->message);
          abort ();
        }
      text2 = dag_org_export_json (again, NULL);
      if (strcmp (text, text2) != 0)
        abort ();
    }
  return 0;
}
