/* dag-json-strict.h — checks that a text is strict RFC 8259 JSON, within
 * limits, before a tolerant parser (json-glib) ever sees it. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DAG_JSON_STRICT_ERROR (dag_json_strict_error_quark ())

/* Every message is "JSON.path: reason" when the fault is in a string or a
 * field name ("participants[3].name: contains a control character
 * (U+0001)"), else "line L, column C: reason".  A message never repeats
 * the contents of a string value. */
typedef enum {
  DAG_JSON_STRICT_ERROR_SYNTAX,        /* not RFC 8259 JSON */
  DAG_JSON_STRICT_ERROR_ENCODING,      /* not UTF-8, or a lone surrogate */
  DAG_JSON_STRICT_ERROR_TOO_LARGE,     /* the text, its nesting, or a number */
  DAG_JSON_STRICT_ERROR_DUPLICATE_KEY, /* a field given twice in one object */
  DAG_JSON_STRICT_ERROR_CONTROL,       /* a control, direction mark, separator or non-character */
  DAG_JSON_STRICT_ERROR_TOO_LONG,      /* a string or field name */
} DagJsonStrictError;

typedef struct {
  gsize max_bytes;          /* the whole text */
  guint max_depth;          /* arrays and objects inside each other */
  guint max_string_chars;   /* any string value, in characters */
  guint max_key_chars;      /* any field name, in characters */
  guint max_number_chars;   /* the text of a number */
} DagJsonLimits;

GQuark   dag_json_strict_error_quark (void);

/* Checks length bytes of data (which need not be nul-terminated) in one
 * pass without recursion.  Refused: comments, single quotes, hexadecimal,
 * NaN, Infinity, a leading + or 0, anything after the root value, a field
 * given twice in one object, invalid UTF-8, lone surrogates, control
 * characters (U+0000–U+001F, U+007F–U+009F, raw or escaped), the
 * direction marks and embeddings (U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069), the line and paragraph separators (U+2028, U+2029) and
 * the non-characters U+FFFE and U+FFFF in any string (as
 * dag_text_char_class() refuses them), and whatever exceeds
 * limits.  A UTF-8 byte order mark at the start is allowed; *start (may be
 * NULL) is set to the offset of the JSON text after it.  An empty text
 * (only white space) is an error with code SYNTAX. */
gboolean dag_json_strict_check       (const char          *data,
                                      gsize                length,
                                      const DagJsonLimits *limits,
                                      gsize               *start,
                                      GError             **error);

G_END_DECLS
