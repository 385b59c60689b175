/* dag-json-strict.c — a strict RFC 8259 JSON checker: one pass, no
 * recursion, every limit enforced as the text is read.
 *
 * json-glib is tolerant (comments, single quotes, hexadecimal numbers,
 * duplicate keys of which the last wins, a second root value, "\u0000"
 * ending a string) and recursive, so a crafted file could pass it as
 * something other than what it says, or overflow the stack.  This checker
 * runs first; json-glib then only ever sees small, strict JSON. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dag-json-strict.h"
#include "dag-validate.h"

G_DEFINE_QUARK (dag-json-strict-error-quark, dag_json_strict_error)

/* Objects with more members than this get a hash set for their keys; the
 * organisation file's have fewer, and a linear search is faster there. */
#define LINEAR_KEYS 16

typedef enum {
  FRAME_OBJECT,
  FRAME_ARRAY,
} FrameKind;

typedef struct {
  FrameKind   kind;
  guint       index;        /* array: the current element; object: members */
  gsize       keys_start;   /* object: its keys in Reader.keys */
  gsize       key;          /* object: the current key in Reader.keys */
  gboolean    has_key;      /* object: key is set (a value is being read) */
  GHashTable *set;          /* object with more than LINEAR_KEYS members */
} Frame;

typedef struct {
  const char          *data;
  gsize                length;
  gsize                pos;
  guint                line;
  gsize                line_start;
  GArray              *frames;      /* of Frame */
  GString             *keys;        /* keys of the open objects, each nul-ended */
  GString             *key;         /* the key being read */
  const DagJsonLimits *limits;
} Reader;

/* ---- errors ------------------------------------------------------------- */

/* Line and column (in characters, as an editor shows them) of pos, which
 * may lie before the current line: a missing "," is reported at the value
 * it should follow. */
static void
position (const Reader *r,
          gsize         pos,
          guint        *line,
          guint        *column)
{
  gsize line_start = r->line_start;

  *line = r->line;
  if (pos < line_start)
    {
      for (gsize i = pos; i < r->line_start; i++)
        if (r->data[i] == '\n')
          (*line)--;
      line_start = pos;
      while (line_start > 0 && r->data[line_start - 1] != '\n')
        line_start--;
    }
  *column = 1;
  /* Continuation bytes (10xxxxxx) do not start a character. */
  for (gsize i = line_start; i < pos && i < r->length; i++)
    if (((guchar) r->data[i] & 0xC0) != 0x80)
      (*column)++;
}

static gboolean fail_at (Reader *r, gsize pos, GError **error, DagJsonStrictError code,
                         const char *format, ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail_at (Reader              *r,
         gsize                pos,
         GError             **error,
         DagJsonStrictError   code,
         const char          *format,
         ...)
{
  va_list args;
  g_autofree char *reason = NULL;
  guint line, column;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  position (r, pos, &line, &column);
  g_set_error (error, DAG_JSON_STRICT_ERROR, code, _("line %u, column %u: %s"), line, column, reason);
  return FALSE;
}

/* A key as it may appear in a message: one that could be a BSN (eight or
 * nine digits or more) is not repeated. */
static void
append_key (GString    *path,
            const char *key)
{
  gsize n = strlen (key);

  if (path->len > 0)
    g_string_append_c (path, '.');
  if (n >= 8 && strspn (key, "0123456789") == n)
    g_string_append (path, "…");
  else
    g_string_append (path, key);
}

/* The JSON path of the value being read ("participants[3].name"); while a
 * field name is read, its object has no key yet and the path is the
 * object's. */
static char *
current_path (const Reader *r)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < r->frames->len; i++)
    {
      const Frame *f = &g_array_index (r->frames, Frame, i);

      if (f->kind == FRAME_ARRAY)
        g_string_append_printf (path, "[%u]", f->index);
      else if (f->has_key)
        append_key (path, r->keys->str + f->key);
    }
  return g_string_free (path, FALSE);
}

static gboolean fail_path (Reader *r, gsize pos, GError **error, DagJsonStrictError code,
                           const char *format, ...) G_GNUC_PRINTF (5, 6);

/* An error in a string: named by its path, or by its place when the path
 * is empty (a string at the root, or a field name of the root object). */
static gboolean
fail_path (Reader              *r,
           gsize                pos,
           GError             **error,
           DagJsonStrictError   code,
           const char          *format,
           ...)
{
  va_list args;
  g_autofree char *reason = NULL;
  g_autofree char *path = current_path (r);
  guint line, column;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  position (r, pos, &line, &column);
  if (*path)
    g_set_error (error, DAG_JSON_STRICT_ERROR, code, "%s: %s", path, reason);
  else
    g_set_error (error, DAG_JSON_STRICT_ERROR, code, _("line %u, column %u: %s"), line, column, reason);
  return FALSE;
}

/* ---- strings ------------------------------------------------------------ */

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* Reads the string whose opening quote is at r->pos; leaves r->pos after
 * the closing quote.  A field name (key != NULL) is decoded into key for
 * the duplicate check; a value is only checked. */
static gboolean
read_string (Reader   *r,
             GString  *key,
             GError  **error)
{
  guint max = key ? r->limits->max_key_chars : r->limits->max_string_chars;
  gboolean in_key = key != NULL;
  guint chars = 0;
  gsize start = r->pos;

  r->pos++;
  for (;;)
    {
      gsize at = r->pos;
      gunichar c;
      DagTextChar kind;

      if (r->pos >= r->length)
        return fail_at (r, start, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                        "%s", _("a text is not closed with “\"”"));
      c = (guchar) r->data[r->pos];
      if (c == '"')
        {
          r->pos++;
          return TRUE;
        }
      if (c == '\\')
        {
          const char *p;
          int u;

          if (r->pos + 1 >= r->length)
            return fail_at (r, start, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                            "%s", _("a text is not closed with “\"”"));
          p = r->data + r->pos + 1;
          switch (*p)
            {
            case '"': case '\\': case '/':
              c = (guchar) *p;
              r->pos += 2;
              break;
            case 'b': c = '\b'; r->pos += 2; break;
            case 'f': c = '\f'; r->pos += 2; break;
            case 'n': c = '\n'; r->pos += 2; break;
            case 'r': c = '\r'; r->pos += 2; break;
            case 't': c = '\t'; r->pos += 2; break;
            case 'u':
              if (r->pos + 6 > r->length || (u = hex4 (p + 1)) < 0)
                return fail_at (r, at, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                                "%s", _("“\\u” must be followed by four hexadecimal digits"));
              r->pos += 6;
              c = u;
              if (u >= 0xDC00 && u <= 0xDFFF)
                return fail_path (r, at, error, DAG_JSON_STRICT_ERROR_ENCODING,
                                  _("contains a lone surrogate (\\u%04X)"), (guint) u);
              if (u >= 0xD800 && u <= 0xDBFF)
                {
                  int low;

                  if (r->pos + 6 > r->length || r->data[r->pos] != '\\' || r->data[r->pos + 1] != 'u' ||
                      (low = hex4 (r->data + r->pos + 2)) < 0xDC00 || low > 0xDFFF)
                    return fail_path (r, at, error, DAG_JSON_STRICT_ERROR_ENCODING,
                                      _("contains a lone surrogate (\\u%04X)"), (guint) u);
                  r->pos += 6;
                  c = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                }
              break;
            default:
              return fail_at (r, at, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                              "%s", _("“\\” must be followed by one of \" \\ / b f n r t u"));
            }
        }
      else if (c < 0x80)
        r->pos++;
      else
        {
          gunichar v = g_utf8_get_char_validated (r->data + r->pos, r->length - r->pos);

          if (v == (gunichar) -1 || v == (gunichar) -2)
            return fail_at (r, at, error, DAG_JSON_STRICT_ERROR_ENCODING,
                            "%s", _("the file is not UTF-8 text"));
          c = v;
          r->pos = g_utf8_next_char (r->data + r->pos) - r->data;
        }

      /* Controls drive a terminal, direction marks turn a text around on
       * screen, separators break a line where none may be, and U+FFFE/FFFF
       * are not allowed in XML: the same rule as every editor's
       * (dag_validate_text). */
      kind = dag_text_char_class (c);
      if (kind == DAG_TEXT_CHAR_CONTROL && in_key)
        return fail_path (r, at, error, DAG_JSON_STRICT_ERROR_CONTROL,
                          _("a field name contains a control character (U+%04X)"), (guint) c);
      if (kind != DAG_TEXT_CHAR_OK && in_key)
        return fail_path (r, at, error, DAG_JSON_STRICT_ERROR_CONTROL,
                          _("a field name contains a character that is not allowed (U+%04X)"), (guint) c);
      if (kind != DAG_TEXT_CHAR_OK)
        {
          g_autofree char *reason = dag_text_char_describe (kind, c);

          return fail_path (r, at, error, DAG_JSON_STRICT_ERROR_CONTROL, "%s", reason);
        }
      if (++chars > max)
        return in_key
          ? fail_path (r, start, error, DAG_JSON_STRICT_ERROR_TOO_LONG,
                       _("a field name is longer than %u characters"), max)
          : fail_path (r, start, error, DAG_JSON_STRICT_ERROR_TOO_LONG,
                       _("is longer than %u characters"), max);
      if (key)
        g_string_append_unichar (key, c);
    }
}

/* ---- numbers and words -------------------------------------------------- */

static gboolean
is_digit (Reader *r,
          gsize   pos)
{
  return pos < r->length && g_ascii_isdigit (r->data[pos]);
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static gboolean
read_number (Reader  *r,
             GError **error)
{
  gsize start = r->pos;
  gsize p = r->pos;

  if (p < r->length && r->data[p] == '-')
    p++;
  if (!is_digit (r, p))
    return fail_at (r, start, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                    "%s", _("a number must start with a digit or “-”"));
  if (r->data[p] == '0')
    {
      p++;
      if (p < r->length && (g_ascii_isalnum (r->data[p])) && r->data[p] != 'e' && r->data[p] != 'E')
        return fail_at (r, start, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                        "%s", _("a number must be decimal, without leading zeros"));
    }
  else
    while (is_digit (r, p))
      p++;
  if (p < r->length && r->data[p] == '.')
    {
      p++;
      if (!is_digit (r, p))
        return fail_at (r, start, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                        "%s", _("a decimal point must be followed by a digit"));
      while (is_digit (r, p))
        p++;
    }
  if (p < r->length && (r->data[p] == 'e' || r->data[p] == 'E'))
    {
      p++;
      if (p < r->length && (r->data[p] == '+' || r->data[p] == '-'))
        p++;
      if (!is_digit (r, p))
        return fail_at (r, start, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                        "%s", _("an exponent must have digits"));
      while (is_digit (r, p))
        p++;
    }
  if (p - start > r->limits->max_number_chars)
    return fail_at (r, start, error, DAG_JSON_STRICT_ERROR_TOO_LARGE,
                    _("a number is longer than %u characters"), r->limits->max_number_chars);
  r->pos = p;
  return TRUE;
}

static gboolean
read_word (Reader  *r,
           GError **error)
{
  static const char *const words[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);

      if (r->length - r->pos >= n && memcmp (r->data + r->pos, words[i], n) == 0 &&
          !(r->pos + n < r->length && g_ascii_isalnum (r->data[r->pos + n])))
        {
          r->pos += n;
          return TRUE;
        }
    }
  if (r->data[r->pos] == 'N' || r->data[r->pos] == 'I')
    return fail_at (r, r->pos, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                    "%s", _("NaN and Infinity are not JSON numbers"));
  return fail_at (r, r->pos, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                  "%s", _("a value must be an object, array, text in “\"”, number, true, false or null"));
}

/* ---- structure ---------------------------------------------------------- */

static void
skip_space (Reader *r)
{
  while (r->pos < r->length)
    {
      char c = r->data[r->pos];

      if (c == '\n')
        {
          r->line++;
          r->line_start = r->pos + 1;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        return;
      r->pos++;
    }
}

/* What a character that starts no token is, said so that a person knows
 * what to change. */
static gboolean
fail_unexpected (Reader     *r,
                 GError    **error,
                 const char *expected)
{
  char c;

  if (r->pos >= r->length)
    return fail_at (r, r->pos, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                    _("the file ends where %s was expected"), expected);
  c = r->data[r->pos];
  if (c == '/')
    return fail_at (r, r->pos, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                    "%s", _("comments are not allowed in JSON"));
  if (c == '\'')
    return fail_at (r, r->pos, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                    "%s", _("text must be in double quotes (\"), not single quotes"));
  return fail_at (r, r->pos, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                  _("expected %s"), expected);
}

static gboolean
check_duplicate (Reader  *r,
                 Frame   *f,
                 gsize    key_pos,
                 GError **error)
{
  const char *key = r->key->str;
  gsize offset = r->keys->len;

  if (f->set == NULL)
    {
      const char *k = r->keys->str + f->keys_start;
      const char *end = r->keys->str + r->keys->len;

      for (; k < end; k += strlen (k) + 1)
        if (strcmp (k, key) == 0)
          goto duplicate;
    }
  else if (g_hash_table_contains (f->set, key))
    goto duplicate;

  g_string_append_len (r->keys, key, r->key->len + 1);
  f->key = offset;
  f->has_key = TRUE;
  f->index++;
  if (f->set)
    g_hash_table_add (f->set, g_strdup (key));
  else if (f->index > LINEAR_KEYS)
    {
      const char *k = r->keys->str + f->keys_start;
      const char *end = r->keys->str + r->keys->len;

      f->set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (; k < end; k += strlen (k) + 1)
        g_hash_table_add (f->set, g_strdup (k));
    }
  return TRUE;

duplicate:
  /* Name the field itself: the path ends in the repeated key. */
  g_string_append_len (r->keys, key, r->key->len + 1);
  f->key = offset;
  f->has_key = TRUE;
  return fail_path (r, key_pos, error, DAG_JSON_STRICT_ERROR_DUPLICATE_KEY,
                    "%s", _("is given twice in the same object"));
}

static void
pop_frame (Reader *r)
{
  Frame *f = &g_array_index (r->frames, Frame, r->frames->len - 1);

  if (f->kind == FRAME_OBJECT)
    g_string_truncate (r->keys, f->keys_start);
  g_clear_pointer (&f->set, g_hash_table_unref);
  g_array_set_size (r->frames, r->frames->len - 1);
}

static void
clear_frame (gpointer data)
{
  Frame *f = data;

  g_clear_pointer (&f->set, g_hash_table_unref);
}

typedef enum {
  WANT_VALUE,            /* a value (after ":", "," in an array, or at the root) */
  WANT_VALUE_OR_CLOSE,   /* after "[" */
  WANT_KEY,              /* after "," in an object */
  WANT_KEY_OR_CLOSE,     /* after "{" */
  WANT_COLON,
  WANT_COMMA_OR_CLOSE,   /* after a value in an array or object */
} Want;

static gboolean
check (Reader  *r,
       GError **error)
{
  Want want = WANT_VALUE;
  gsize last_value = 0;   /* where the last value ended (its last byte) */

  for (;;)
    {
      Frame *top;
      char c;

      skip_space (r);
      top = r->frames->len ? &g_array_index (r->frames, Frame, r->frames->len - 1) : NULL;

      if (want == WANT_COMMA_OR_CLOSE && top == NULL)
        {
          if (r->pos < r->length)
            return fail_at (r, r->pos, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                            "%s", _("the file goes on after the end of the JSON value"));
          return TRUE;
        }
      c = r->pos < r->length ? r->data[r->pos] : '\0';

      switch (want)
        {
        case WANT_COMMA_OR_CLOSE:
          if (c == ',')
            {
              r->pos++;
              if (top->kind == FRAME_ARRAY)
                {
                  top->index++;
                  want = WANT_VALUE;
                }
              else
                {
                  top->has_key = FALSE;
                  want = WANT_KEY;
                }
              continue;
            }
          if ((c == ']' && top->kind == FRAME_ARRAY) || (c == '}' && top->kind == FRAME_OBJECT))
            {
              last_value = r->pos++;
              pop_frame (r);
              continue;
            }
          /* A separator is missing: point at the value it should follow,
           * as json-glib does, since that is where one adds it. */
          if (r->pos < r->length && c != '/' && c != '\'')
            return fail_at (r, last_value, error, DAG_JSON_STRICT_ERROR_SYNTAX, "%s",
                            top->kind == FRAME_ARRAY ? _("expected “,” or “]” after this value")
                                                     : _("expected “,” or “}” after this value"));
          return fail_unexpected (r, error, top->kind == FRAME_ARRAY ? _("“,” or “]”") : _("“,” or “}”"));

        case WANT_KEY_OR_CLOSE:
          if (c == '}')
            {
              last_value = r->pos++;
              pop_frame (r);
              want = WANT_COMMA_OR_CLOSE;
              continue;
            }
          G_GNUC_FALLTHROUGH;
        case WANT_KEY:
          if (c != '"')
            return fail_unexpected (r, error, _("a field name in “\"”"));
          {
            gsize key_pos = r->pos;

            g_string_truncate (r->key, 0);
            if (!read_string (r, r->key, error) ||
                !check_duplicate (r, top, key_pos, error))
              return FALSE;
          }
          want = WANT_COLON;
          continue;

        case WANT_COLON:
          if (c != ':')
            return fail_unexpected (r, error, "“:”");
          r->pos++;
          want = WANT_VALUE;
          continue;

        case WANT_VALUE_OR_CLOSE:
          if (c == ']')
            {
              last_value = r->pos++;
              pop_frame (r);
              want = WANT_COMMA_OR_CLOSE;
              continue;
            }
          G_GNUC_FALLTHROUGH;
        case WANT_VALUE:
        default:
          if (c == '{' || c == '[')
            {
              Frame f = { c == '{' ? FRAME_OBJECT : FRAME_ARRAY, 0, r->keys->len, 0, FALSE, NULL };

              if (r->frames->len >= r->limits->max_depth)
                {
                  g_set_error (error, DAG_JSON_STRICT_ERROR, DAG_JSON_STRICT_ERROR_TOO_LARGE,
                               _("line %u: the data is nested more than %u levels deep"),
                               r->line, r->limits->max_depth);
                  return FALSE;
                }
              r->pos++;
              g_array_append_val (r->frames, f);
              want = c == '{' ? WANT_KEY_OR_CLOSE : WANT_VALUE_OR_CLOSE;
              continue;
            }
          if (c == '"')
            {
              if (!read_string (r, NULL, error))
                return FALSE;
            }
          else if (c == '-' || g_ascii_isdigit (c))
            {
              if (!read_number (r, error))
                return FALSE;
            }
          else if (c == '+')
            return fail_at (r, r->pos, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                            "%s", _("a number must not start with “+”"));
          else if (c == '.')
            return fail_at (r, r->pos, error, DAG_JSON_STRICT_ERROR_SYNTAX,
                            "%s", _("a number must start with a digit or “-”"));
          else if (g_ascii_isalpha (c))
            {
              if (!read_word (r, error))
                return FALSE;
            }
          else
            return fail_unexpected (r, error, _("a value"));
          last_value = r->pos - 1;
          want = WANT_COMMA_OR_CLOSE;
          continue;
        }
    }
}

gboolean
dag_json_strict_check (const char          *data,
                       gsize                length,
                       const DagJsonLimits *limits,
                       gsize               *start,
                       GError             **error)
{
  Reader r = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (limits != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length > limits->max_bytes)
    {
      g_set_error (error, DAG_JSON_STRICT_ERROR, DAG_JSON_STRICT_ERROR_TOO_LARGE,
                   _("the file is larger than %u MB"), (guint) (limits->max_bytes / (1024 * 1024)));
      return FALSE;
    }
  r.data = data;
  r.length = length;
  r.line = 1;
  r.limits = limits;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    r.pos = r.line_start = 3;
  if (start)
    *start = r.pos;

  skip_space (&r);
  if (r.pos >= r.length)
    {
      g_set_error_literal (error, DAG_JSON_STRICT_ERROR, DAG_JSON_STRICT_ERROR_SYNTAX,
                           _("the file holds no JSON value"));
      return FALSE;
    }

  r.frames = g_array_sized_new (FALSE, FALSE, sizeof (Frame), 16);
  g_array_set_clear_func (r.frames, clear_frame);
  r.keys = g_string_sized_new (256);
  r.key = g_string_sized_new (64);
  ok = check (&r, error);
  g_array_unref (r.frames);
  g_string_free (r.keys, TRUE);
  g_string_free (r.key, TRUE);
  return ok;
}
