/* dag-org-import.c — reads an organisation file (INTERFACES.md §1) with
 * json-glib and checks every field, id and reference, so that an import
 * either yields a complete, consistent DagOrg or one clear error.
 *
 * Optional fields and their defaults (everything else is required):
 *   settings                      the whole object; each field defaults to
 *                                 DOMAIN.md: slot_minutes 240,
 *                                 max_ride_minutes 30, early_arrival_minutes
 *                                 30, road_factor 1.3, speed_kmh 40,
 *                                 hbo_from_level 3, min_unit_fraction 0.75,
 *                                 levels 1 licht 8, 2 midden 6, 3 zwaar 5,
 *                                 4 intensief 3
 *   settings.holiday_good_friday, settings.holiday_liberation_day   false
 *   settings.ride_factor          none (the ride rule's factor is off)
 *   settings.ride_extra_minutes, .boarding_minutes,
 *   .boarding_wheelchair_minutes  0
 *   contracts[].noshow_billable   false (DOMAIN.md: not billable)
 *   contracts[].products[].staffel                                  []
 *   contracts[].products[].category, .unit_code, .staffel[].code    none
 *                                 (iWmo codes; a WMO323 needs them)
 *   locations[].closures          []
 *   staff[].driver                false
 *   staff[].email                 none (null is the same)
 *   vehicles[].hours              none (available all day)
 *   participants[].lat, .lon      none (both or neither)
 *   participants[].transport      "own"
 *   participants[].wheelchair     false
 *   participants[].unavailable, .preferred_days                     []
 *   indications[].volume.min_units none (only with "per": "week")
 *   plan, staffing, absences, attendance, runs                      []
 *   absences[].reason, attendance[].reason                          none
 *   attendance[].hours            not registered
 *   runs[].driver                 null (an external driver)
 *   declarations                  []
 *   declarations[].sent           null (not sent yet)
 *   declarations[].lines[].corrects, .response                      null
 * An optional field given as null counts as absent.
 *
 * The file is first checked as strict RFC 8259 JSON (dag-json-strict.c):
 * no comments, single quotes, hexadecimal, NaN or trailing values; no
 * field given twice in one object; no control character (U+0000–U+001F,
 * U+007F–U+009F, raw or escaped), direction mark or embedding (U+061C,
 * U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), line or paragraph
 * separator (U+2028, U+2029) nor U+FFFE/U+FFFF in any string.
 * Limits, each an error that names the place:
 *   the file                      at most 256 MB, nested at most 32 deep
 *   field names                   at most 64 characters
 *   numbers                       at most 40 characters of text; each
 *                                 field's range is checked where it is read
 *   text fields, in characters:   names (every "name")              200
 *                                 addresses ("address")             300
 *                                 reasons ("reason")                500
 *                                 e-mail addresses ("email")        254
 *                                 every other string (ids, codes,
 *                                 references, dates, enums,
 *                                 allocation numbers, units)         64
 *
 * What is checked here is what makes the data meaningful (types, ids,
 * references, dates, times, slots, volumes, money, and the keys the store
 * cannot hold twice; a BSN belongs to one participant only).  Planning rules (a full group, a level outside a
 * group's range) are the rules module's business, not import errors. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dag-json-strict.h"
#include "dag-org-import.h"
#include "dag-store-edit.h"
#include "dag-record-check.h"
#include "dag-validate.h"

G_DEFINE_QUARK (dag-import-error-quark, dag_import_error)

typedef struct {
  DagOrg     *org;
  GHashTable *ids[DAG_N_KINDS];     /* id → index + 1 */
  GHashTable *products;             /* product names of all contracts */
  GHashTable *bsns;                 /* BSN → participant index + 1 */
} Import;

typedef struct {
  JsonObject *obj;
  const char *path;                 /* "participants[12]", "" for the root */
} Obj;

/* What a getter found: an error (set), nothing (an optional field that is
 * absent or null), or a value. */
typedef enum {
  GOT_ERROR,
  GOT_NONE,
  GOT_VALUE,
} Got;

static const char *const section_names[DAG_N_KINDS] = {
  "municipalities", "contracts", "locations", "groups", "staff",
  "vehicles", "participants", "indications", "runs",
};

/* ---- errors ------------------------------------------------------------- */

static char *
join (const char *path,
      const char *key)
{
  /* No key: the message is about the object at path itself. */
  if (key == NULL)
    return g_strdup (path);
  return *path ? g_strdup_printf ("%s.%s", path, key) : g_strdup (key);
}

static char *
join_index (const char *path,
            const char *key,
            guint       index)
{
  return *path ? g_strdup_printf ("%s.%s[%u]", path, key, index)
               : g_strdup_printf ("%s[%u]", key, index);
}

static gboolean
fail (GError        **error,
      DagImportError  code,
      const char     *path,
      const char     *reason)
{
  if (path && *path)
    g_set_error (error, DAG_IMPORT_ERROR, code, "%s: %s", path, reason);
  else
    g_set_error_literal (error, DAG_IMPORT_ERROR, code, reason);
  return FALSE;
}

static gboolean
fail_at (GError        **error,
         DagImportError  code,
         const char     *path,
         const char     *key,
         const char     *reason)
{
  g_autofree char *full = join (path, key);

  return fail (error, code, full, reason);
}

static gboolean fail_fmt (GError **error, DagImportError code, const char *path,
                          const char *key, const char *format, ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail_fmt (GError        **error,
          DagImportError  code,
          const char     *path,
          const char     *key,
          const char     *format,
          ...)
{
  va_list args;
  g_autofree char *reason = NULL;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  if (key)
    return fail_at (error, code, path, key, reason);
  return fail (error, code, path, reason);
}

/* The checks the record editor makes too, with the JSON path in front. */
static gboolean
fail_check (GError     **error,
            const Obj   *o,
            const char  *field,
            GError      *reason)
{
  return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, field, reason->message);
}

/* ---- typed members ------------------------------------------------------ */

static gboolean
check_keys (const Obj         *o,
            const char *const *allowed,
            GError           **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  g_autoptr(GList) members = NULL;
  gboolean all_known = TRUE;

  /* The common case without allocating; the file's order only to name
   * the first unknown field. */
  json_object_iter_init (&iter, o->obj);
  while (all_known && json_object_iter_next (&iter, &name, &node))
    all_known = g_strv_contains (allowed, name);
  if (all_known)
    return TRUE;
  members = json_object_get_members (o->obj);
  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return fail_at (error, DAG_IMPORT_ERROR_UNKNOWN_FIELD, o->path, l->data,
                      _("is not a known field"));
  return TRUE;
}

static Got
get_member (const Obj   *o,
            const char  *key,
            gboolean     required,
            JsonNode   **node,
            GError     **error)
{
  *node = json_object_get_member (o->obj, key);
  if (*node == NULL || JSON_NODE_HOLDS_NULL (*node))
    {
      if (!required)
        return GOT_NONE;
      if (*node == NULL)
        fail_at (error, DAG_IMPORT_ERROR_MISSING_FIELD, o->path, key, _("is missing"));
      else
        fail_at (error, DAG_IMPORT_ERROR_TYPE, o->path, key, _("must not be null"));
      return GOT_ERROR;
    }
  return GOT_VALUE;
}

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* The longest text a field may hold, in characters (see the top of this
 * file); the strict reader already refused anything over MAX_STRING. */
#define MAX_STRING 500

static const struct {
  const char *key;
  guint       max;
} text_caps[] = {
  { "name", 200 },
  { "address", 300 },
  { "reason", 500 },
  { "email", 254 },
};

static guint
text_cap (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_caps); i++)
    if (strcmp (key, text_caps[i].key) == 0)
      return text_caps[i].max;
  return 64;
}

static gboolean
too_long (const char *text,
          guint       max)
{
  gsize bytes = strlen (text);

  /* Bytes bound characters from above: most texts need no counting. */
  return bytes > max && g_utf8_strlen (text, bytes) > (glong) max;
}

static Got
get_string (const Obj   *o,
            const char  *key,
            gboolean     required,
            const char **out,
            GError     **error)
{
  JsonNode *node;
  Got got = get_member (o, key, required, &node, error);

  if (got != GOT_VALUE)
    return got;
  if (!node_is (node, G_TYPE_STRING))
    {
      fail_at (error, DAG_IMPORT_ERROR_TYPE, o->path, key, _("must be a string"));
      return GOT_ERROR;
    }
  *out = json_node_get_string (node);
  if (too_long (*out, text_cap (key)))
    {
      fail_fmt (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key,
                _("is longer than %u characters"), text_cap (key));
      return GOT_ERROR;
    }
  return GOT_VALUE;
}

/* A required string that is not empty or only spaces, copied. */
static gboolean
get_text (const Obj   *o,
          const char  *key,
          char       **out,
          GError     **error)
{
  const char *s = NULL;
  const char *p;

  if (get_string (o, key, TRUE, &s, error) != GOT_VALUE)
    return FALSE;
  for (p = s; g_ascii_isspace (*p); p++)
    ;
  if (*p == '\0')
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key, _("must not be empty"));
  g_free (*out);
  *out = g_strdup (s);
  return TRUE;
}

/* An optional string, copied into *out (left alone when absent). */
static gboolean
get_optional_text (const Obj   *o,
                   const char  *key,
                   char       **out,
                   GError     **error)
{
  const char *s = NULL;

  switch (get_string (o, key, FALSE, &s, error))
    {
    case GOT_ERROR:
      return FALSE;
    case GOT_VALUE:
      g_free (*out);
      *out = g_strdup (s);
      return TRUE;
    case GOT_NONE:
    default:
      return TRUE;
    }
}

static Got
get_int64 (const Obj  *o,
           const char *key,
           gboolean    required,
           gint64     *out,
           GError    **error)
{
  JsonNode *node;
  Got got = get_member (o, key, required, &node, error);

  if (got != GOT_VALUE)
    return got;
  if (!node_is (node, G_TYPE_INT64))
    {
      fail_at (error, DAG_IMPORT_ERROR_TYPE, o->path, key, _("must be a whole number"));
      return GOT_ERROR;
    }
  *out = json_node_get_int (node);
  return GOT_VALUE;
}

static Got
get_int (const Obj  *o,
         const char *key,
         gboolean    required,
         int         min,
         int         max,
         int        *out,
         GError    **error)
{
  gint64 v = 0;
  Got got = get_int64 (o, key, required, &v, error);

  if (got != GOT_VALUE)
    return got;
  if (v < min)
    {
      fail_fmt (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key, _("must be at least %d"), min);
      return GOT_ERROR;
    }
  if (v > max)
    {
      fail_fmt (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key, _("must be at most %d"), max);
      return GOT_ERROR;
    }
  *out = (int) v;
  return GOT_VALUE;
}

static gboolean
get_cents (const Obj  *o,
           const char *key,
           gint64     *out,
           GError    **error)
{
  g_autoptr(GError) local = NULL;

  if (get_int64 (o, key, TRUE, out, error) != GOT_VALUE)
    return FALSE;
  if (!dag_validate_cents (*out, &local))
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key, local->message);
  return TRUE;
}

static Got
get_number (const Obj  *o,
            const char *key,
            gboolean    required,
            double     *out,
            GError    **error)
{
  JsonNode *node;
  Got got = get_member (o, key, required, &node, error);

  if (got != GOT_VALUE)
    return got;
  if (node_is (node, G_TYPE_INT64))
    *out = (double) json_node_get_int (node);
  else if (node_is (node, G_TYPE_DOUBLE))
    *out = json_node_get_double (node);
  else
    {
      fail_at (error, DAG_IMPORT_ERROR_TYPE, o->path, key, _("must be a number"));
      return GOT_ERROR;
    }
  /* 1e400 parses as infinity, which no export could write back. */
  if (!isfinite (*out))
    {
      fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key, _("is too large"));
      return GOT_ERROR;
    }
  return GOT_VALUE;
}

/* An optional number that must be more than 0. */
static gboolean
get_positive (const Obj  *o,
              const char *key,
              double     *out,
              GError    **error)
{
  double v = 0;
  Got got = get_number (o, key, FALSE, &v, error);

  if (got == GOT_ERROR)
    return FALSE;
  if (got == GOT_VALUE)
    {
      if (!(v > 0))
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key, _("must be more than 0"));
      *out = v;
    }
  return TRUE;
}

static Got
get_bool (const Obj  *o,
          const char *key,
          gboolean    required,
          gboolean   *out,
          GError    **error)
{
  JsonNode *node;
  Got got = get_member (o, key, required, &node, error);

  if (got != GOT_VALUE)
    return got;
  if (!node_is (node, G_TYPE_BOOLEAN))
    {
      fail_at (error, DAG_IMPORT_ERROR_TYPE, o->path, key, _("must be true or false"));
      return GOT_ERROR;
    }
  *out = json_node_get_boolean (node);
  return GOT_VALUE;
}

static Got
get_array (const Obj   *o,
           const char  *key,
           gboolean     required,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node;
  Got got = get_member (o, key, required, &node, error);

  if (got != GOT_VALUE)
    return got;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail_at (error, DAG_IMPORT_ERROR_TYPE, o->path, key, _("must be an array"));
      return GOT_ERROR;
    }
  *out = json_node_get_array (node);
  return GOT_VALUE;
}

/* child->path is allocated into *path_out. */
static Got
get_object (const Obj   *o,
            const char  *key,
            gboolean     required,
            Obj         *child,
            char       **path_out,
            GError     **error)
{
  JsonNode *node;
  Got got = get_member (o, key, required, &node, error);

  if (got != GOT_VALUE)
    return got;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail_at (error, DAG_IMPORT_ERROR_TYPE, o->path, key, _("must be an object"));
      return GOT_ERROR;
    }
  *path_out = join (o->path, key);
  child->obj = json_node_get_object (node);
  child->path = *path_out;
  return GOT_VALUE;
}

/* Element i of an array of objects; *path_out is "key[i]". */
static gboolean
element_object (JsonArray  *array,
                guint       i,
                const char *array_path,
                Obj        *out,
                char      **path_out,
                GError    **error)
{
  JsonNode *node = json_array_get_element (array, i);
  gsize n = strlen (array_path);
  char digits[16];
  int d = 0;

  /* "array_path[i]" without printf: this runs for every record, and
   * realloc keeps the block when the size does not change. */
  do
    digits[d++] = '0' + i % 10;
  while ((i /= 10) > 0);
  *path_out = g_realloc (*path_out, n + d + 3);
  memcpy (*path_out, array_path, n);
  (*path_out)[n++] = '[';
  while (d > 0)
    (*path_out)[n++] = digits[--d];
  (*path_out)[n++] = ']';
  (*path_out)[n] = '\0';
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, DAG_IMPORT_ERROR_TYPE, *path_out, _("must be an object"));
  out->obj = json_node_get_object (node);
  out->path = *path_out;
  return TRUE;
}

/* Element i of an array of strings. */
static const char *
element_string (JsonArray  *array,
                guint       i,
                const char *path,
                const char *key,
                GError    **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!node_is (node, G_TYPE_STRING))
    {
      g_autofree char *p = join_index (path, key, i);
      fail (error, DAG_IMPORT_ERROR_TYPE, p, _("must be a string"));
      return NULL;
    }
  /* Slots, days, dates, times and product names: all short. */
  if (too_long (json_node_get_string (node), 64))
    {
      g_autofree char *p = join_index (path, key, i);

      fail_fmt (error, DAG_IMPORT_ERROR_INVALID_VALUE, p, NULL, _("is longer than %u characters"), 64);
      return NULL;
    }
  return json_node_get_string (node);
}

static char *
quoted_list (const char *const *names,
             int                n)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, "“%s”", names[i]);
    }
  return g_string_free (s, FALSE);
}

static Got
get_enum (const Obj         *o,
          const char        *key,
          gboolean           required,
          const char *const *names,
          int                n,
          int               *out,
          GError           **error)
{
  const char *s = NULL;
  Got got = get_string (o, key, required, &s, error);
  g_autofree char *list = NULL;

  if (got != GOT_VALUE)
    return got;
  for (int i = 0; i < n; i++)
    if (strcmp (s, names[i]) == 0)
      {
        *out = i;
        return GOT_VALUE;
      }
  list = quoted_list (names, n);
  fail_fmt (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key, _("must be one of %s"), list);
  return GOT_ERROR;
}

static gboolean
get_date (const Obj  *o,
          const char *key,
          DagDate    *out,
          GError    **error)
{
  const char *s = NULL;
  g_autoptr(GError) local = NULL;

  if (get_string (o, key, TRUE, &s, error) != GOT_VALUE)
    return FALSE;
  if (!dag_validate_date (s, out, &local))
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key, local->message);
  return TRUE;
}

static gboolean
check_time (const char *text,
            const char *path,
            int        *out,
            GError    **error)
{
  g_autoptr(GError) local = NULL;

  if (!dag_validate_time (text, out, &local))
    return fail (error, DAG_IMPORT_ERROR_INVALID_VALUE, path, local->message);
  return TRUE;
}

static gboolean
get_time (const Obj  *o,
          const char *key,
          int        *out,
          GError    **error)
{
  const char *s = NULL;
  g_autofree char *path = NULL;

  if (get_string (o, key, TRUE, &s, error) != GOT_VALUE)
    return FALSE;
  path = join (o->path, key);
  return check_time (s, path, out, error);
}

static gboolean
get_slot (const Obj  *o,
          const char *key,
          int        *out,
          GError    **error)
{
  const char *s = NULL;
  g_autoptr(GError) local = NULL;

  if (get_string (o, key, TRUE, &s, error) != GOT_VALUE)
    return FALSE;
  if (!dag_validate_slot (s, out, &local))
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key, local->message);
  return TRUE;
}

/* An array of slot names as a mask.  When parts is given, only slots of
 * those parts of the day are allowed (a group runs only when its location
 * is open). */
static gboolean
get_slot_mask (const Obj      *o,
               const char     *key,
               gboolean        required,
               const gboolean *parts,
               DagSlotMask    *out,
               GError        **error)
{
  JsonArray *array = NULL;
  Got got = get_array (o, key, required, &array, error);
  int where[DAG_N_SLOTS];

  if (got == GOT_ERROR)
    return FALSE;
  *out = 0;
  if (got == GOT_NONE)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = element_string (array, i, o->path, key, error);
      int slot;
      g_autoptr(GError) local = NULL;
      g_autofree char *path = NULL;

      if (s == NULL)
        return FALSE;
      path = join_index (o->path, key, i);
      if (!dag_validate_slot (s, &slot, &local))
        return fail (error, DAG_IMPORT_ERROR_INVALID_VALUE, path, local->message);
      if (*out & DAG_SLOT_BIT (slot))
        {
          g_autofree char *first = join_index (o->path, key, where[slot]);
          return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, path, NULL, _("repeats %s"), first);
        }
      if (parts && !parts[DAG_SLOT_PART (slot)])
        return fail (error, DAG_IMPORT_ERROR_INVALID_VALUE, path,
                     _("is a part of the day in which the location is not open"));
      *out |= DAG_SLOT_BIT (slot);
      where[slot] = i;
    }
  return TRUE;
}

static gboolean
get_day_mask (const Obj  *o,
              const char *key,
              guint8     *out,
              GError    **error)
{
  JsonArray *array = NULL;
  Got got = get_array (o, key, FALSE, &array, error);
  int where[DAG_N_DAYS];

  if (got == GOT_ERROR)
    return FALSE;
  *out = 0;
  if (got == GOT_NONE)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = element_string (array, i, o->path, key, error);
      int day;
      g_autofree char *path = NULL;

      if (s == NULL)
        return FALSE;
      path = join_index (o->path, key, i);
      if (!dag_day_parse (s, &day))
        return fail (error, DAG_IMPORT_ERROR_INVALID_VALUE, path,
                     _("must be a day: “mon”, “tue”, “wed”, “thu”, “fri” or “sat”"));
      if (*out & (1u << day))
        {
          g_autofree char *first = join_index (o->path, key, where[day]);
          return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, path, NULL, _("repeats %s"), first);
        }
      *out |= 1u << day;
      where[day] = i;
    }
  return TRUE;
}

/* ---- ids and references ------------------------------------------------- */

/* Reads the id (or municipality code) of a record and registers it. */
static gboolean
get_record_id (Import     *imp,
               const Obj  *o,
               const char *key,
               DagKind     kind,
               guint       index,
               char      **out,
               GError    **error)
{
  const char *s = NULL;
  g_autoptr(GError) local = NULL;
  gpointer first;

  if (get_string (o, key, TRUE, &s, error) != GOT_VALUE)
    return FALSE;
  if (kind == DAG_KIND_MUNICIPALITY ? !dag_validate_municipality_code (s, &local)
                                    : !dag_validate_id (s, &local))
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key, local->message);
  first = g_hash_table_lookup (imp->ids[kind], s);
  if (first)
    {
      g_autofree char *other = g_strdup_printf ("%s[%d]", section_names[kind], GPOINTER_TO_INT (first) - 1);
      return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, o->path, key,
                       kind == DAG_KIND_MUNICIPALITY ? _("repeats the code of %s") : _("repeats the id of %s"),
                       other);
    }
  *out = g_strdup (s);
  g_hash_table_insert (imp->ids[kind], *out, GINT_TO_POINTER (index + 1));
  return TRUE;
}

/* A reference is quoted in a message to help find it, unless it could be
 * a BSN (eight or nine digits: some files use the BSN as an id). */
static gboolean
may_quote (const char *value)
{
  gsize n = strlen (value);
  gsize digits = strspn (value, "0123456789");

  return !(digits == n && n >= 8) && n <= 64;
}

static gboolean
resolve (Import     *imp,
         DagKind     kind,
         const char *id,
         const char *path,
         int        *out,
         GError    **error)
{
  gpointer found = g_hash_table_lookup (imp->ids[kind], id);

  if (found == NULL && !may_quote (id))
    return fail_fmt (error, DAG_IMPORT_ERROR_DANGLING_REFERENCE, path, NULL,
                     _("is not an id in “%s”"), section_names[kind]);
  if (found == NULL)
    return fail_fmt (error, DAG_IMPORT_ERROR_DANGLING_REFERENCE, path, NULL,
                     kind == DAG_KIND_MUNICIPALITY ? _("“%s” is not a code in “%s”")
                                                   : _("“%s” is not an id in “%s”"),
                     id, section_names[kind]);
  *out = GPOINTER_TO_INT (found) - 1;
  return TRUE;
}

static gboolean
get_ref (Import     *imp,
         const Obj  *o,
         const char *key,
         DagKind     kind,
         int        *out,
         GError    **error)
{
  const char *s = NULL;
  g_autofree char *path = NULL;

  if (get_string (o, key, TRUE, &s, error) != GOT_VALUE)
    return FALSE;
  path = join (o->path, key);
  return resolve (imp, kind, s, path, out, error);
}

static gboolean
check_level (Import     *imp,
             const Obj  *o,
             const char *key,
             int         level,
             GError    **error)
{
  if (dag_org_find_level (imp->org, level) == NULL)
    return fail_at (error, DAG_IMPORT_ERROR_DANGLING_REFERENCE, o->path, key,
                    _("is not a level in “settings.levels”"));
  return TRUE;
}

/* Walks the elements of a section array: *array is NULL when the optional
 * section is absent. */
static gboolean
get_section (const Obj   *root,
             const char  *key,
             gboolean     required,
             JsonArray  **array,
             GError     **error)
{
  *array = NULL;
  return get_array (root, key, required, array, error) != GOT_ERROR;
}

static guint
array_length (JsonArray *array)
{
  return array ? json_array_get_length (array) : 0;
}

/* ---- sections ----------------------------------------------------------- */

static int
compare_level (gconstpointer a,
               gconstpointer b)
{
  return ((const DagLevel *) a)->level - ((const DagLevel *) b)->level;
}

static int
compare_staffel (gconstpointer a,
                 gconstpointer b)
{
  return ((const DagStaffel *) a)->from_unit - ((const DagStaffel *) b)->from_unit;
}

static int
compare_date (gconstpointer a,
              gconstpointer b)
{
  DagDate x = *(const DagDate *) a, y = *(const DagDate *) b;

  return x < y ? -1 : x > y;
}

static gboolean
read_organisation (Import    *imp,
                   const Obj *root,
                   GError   **error)
{
  static const char *const keys[] = { "name", "agb_code", NULL };
  Obj o;
  g_autofree char *path = NULL;
  g_autoptr(GError) local = NULL;
  const char *field = NULL;

  if (get_object (root, "organisation", TRUE, &o, &path, error) != GOT_VALUE)
    return FALSE;
  if (!check_keys (&o, keys, error) ||
      !get_text (&o, "name", &imp->org->name, error) ||
      !get_text (&o, "agb_code", &imp->org->agb_code, error))
    return FALSE;
  if (!dag_record_check_organisation (imp->org->name, imp->org->agb_code, &field, &local))
    return fail_check (error, &o, field, local);
  return TRUE;
}

static gboolean
read_levels (Import    *imp,
             const Obj *settings,
             GError   **error)
{
  static const char *const keys[] = { "level", "name", "ratio", NULL };
  GArray *levels = imp->org->settings.levels;
  JsonArray *array = NULL;
  g_autofree char *array_path = join (settings->path, "levels");
  g_autofree char *path = NULL;
  g_autoptr(GError) local = NULL;
  const char *field = NULL;
  Got got = get_array (settings, "levels", FALSE, &array, error);

  if (got != GOT_VALUE)
    return got != GOT_ERROR;
  if (json_array_get_length (array) == 0)
    return fail (error, DAG_IMPORT_ERROR_INVALID_VALUE, array_path, _("must list at least one level"));
  g_array_set_size (levels, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Obj o;
      DagLevel *l;

      if (!element_object (array, i, array_path, &o, &path, error) ||
          !check_keys (&o, keys, error))
        return FALSE;
      g_array_set_size (levels, i + 1);
      l = DAG_AT (levels, DagLevel, i);
      if (get_int (&o, "level", TRUE, 1, 99, &l->level, error) != GOT_VALUE ||
          !get_text (&o, "name", &l->name, error) ||
          get_int (&o, "ratio", TRUE, 1, 100, &l->ratio, error) != GOT_VALUE)
        return FALSE;
      if (!dag_record_check_level (l, &field, &local))
        return fail_check (error, &o, field, local);
      for (guint j = 0; j < i; j++)
        if (DAG_AT (levels, DagLevel, j)->level == l->level)
          {
            g_autofree char *first = g_strdup_printf ("%s[%u].level", array_path, j);
            return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, o.path, "level", _("repeats %s"), first);
          }
    }
  g_array_sort (levels, compare_level);
  return TRUE;
}

static gboolean
read_settings (Import    *imp,
               const Obj *root,
               GError   **error)
{
  static const char *const keys[] = {
    "slot_minutes", "max_ride_minutes", "early_arrival_minutes", "road_factor",
    "speed_kmh", "hbo_from_level", "min_unit_fraction", "holiday_good_friday",
    "holiday_liberation_day", "ride_factor", "ride_extra_minutes", "boarding_minutes",
    "boarding_wheelchair_minutes", "levels", NULL
  };
  DagSettings *s = &imp->org->settings;
  Obj o;
  g_autofree char *path = NULL;
  Got got = get_object (root, "settings", FALSE, &o, &path, error);
  double fraction = s->min_unit_fraction;
  double ride_factor = s->ride_factor;

  if (got != GOT_VALUE)
    return got != GOT_ERROR;
  if (!check_keys (&o, keys, error) ||
      get_int (&o, "slot_minutes", FALSE, 1, 24 * 60, &s->slot_minutes, error) == GOT_ERROR ||
      get_int (&o, "max_ride_minutes", FALSE, 1, 24 * 60, &s->max_ride_minutes, error) == GOT_ERROR ||
      get_int (&o, "early_arrival_minutes", FALSE, 0, 24 * 60, &s->early_arrival_minutes, error) == GOT_ERROR ||
      !get_positive (&o, "road_factor", &s->road_factor, error) ||
      !get_positive (&o, "speed_kmh", &s->speed_kmh, error) ||
      get_int (&o, "hbo_from_level", FALSE, 1, 99, &s->hbo_from_level, error) == GOT_ERROR ||
      get_number (&o, "min_unit_fraction", FALSE, &fraction, error) == GOT_ERROR)
    return FALSE;
  if (!(fraction > 0 && fraction <= 1))
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "min_unit_fraction",
                    _("must be more than 0 and at most 1"));
  s->min_unit_fraction = fraction;
  if (get_bool (&o, "holiday_good_friday", FALSE, &s->holiday_good_friday, error) == GOT_ERROR ||
      get_bool (&o, "holiday_liberation_day", FALSE, &s->holiday_liberation_day, error) == GOT_ERROR)
    return FALSE;
  /* Absent means the factor is off (0); given, a ride may not be shorter
   * than the direct one, and ten times it is already no limit. */
  got = get_number (&o, "ride_factor", FALSE, &ride_factor, error);
  if (got == GOT_ERROR)
    return FALSE;
  if (got == GOT_VALUE && !(ride_factor >= 1))
    return fail_fmt (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "ride_factor", _("must be at least %d"), 1);
  if (got == GOT_VALUE && ride_factor > 10)
    return fail_fmt (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "ride_factor", _("must be at most %d"), 10);
  s->ride_factor = ride_factor;
  if (get_int (&o, "ride_extra_minutes", FALSE, 0, 600, &s->ride_extra_minutes, error) == GOT_ERROR ||
      get_int (&o, "boarding_minutes", FALSE, 0, 60, &s->boarding_minutes, error) == GOT_ERROR ||
      get_int (&o, "boarding_wheelchair_minutes", FALSE, 0, 60, &s->boarding_wheelchair_minutes, error) == GOT_ERROR)
    return FALSE;
  return read_levels (imp, &o, error);
}

static gboolean
read_municipalities (Import    *imp,
                     const Obj *root,
                     GError   **error)
{
  static const char *const keys[] = { "code", "name", NULL };
  JsonArray *array;
  g_autofree char *path = NULL;
  g_autoptr(GError) local = NULL;
  const char *field = NULL;

  if (!get_section (root, "municipalities", TRUE, &array, error))
    return FALSE;
  g_array_set_size (imp->org->municipalities, array_length (array));
  for (guint i = 0; i < array_length (array); i++)
    {
      DagMunicipality *m = DAG_AT (imp->org->municipalities, DagMunicipality, i);
      Obj o;

      if (!element_object (array, i, "municipalities", &o, &path, error) ||
          !check_keys (&o, keys, error) ||
          !get_record_id (imp, &o, "code", DAG_KIND_MUNICIPALITY, i, &m->code, error) ||
          !get_text (&o, "name", &m->name, error))
        return FALSE;
      if (!dag_record_check_municipality (m, &field, &local))
        return fail_check (error, &o, field, local);
    }
  return TRUE;
}

typedef enum {
  IWMO_TWO_DIGITS,      /* a product category or unit code: "07", "16" */
  IWMO_PRODUCT_CODE,    /* 1 to 5 letters and digits: "04A03" */
} IwmoCode;

/* An optional iWmo code into out (DAG_IWMO_CODE_SIZE), "" when absent. */
static gboolean
get_iwmo_code (const Obj  *o,
               const char *key,
               IwmoCode    kind,
               char       *out,
               GError    **error)
{
  const char *s = NULL;
  Got got = get_string (o, key, FALSE, &s, error);
  gsize n;

  out[0] = '\0';
  if (got != GOT_VALUE)
    return got != GOT_ERROR;
  n = strlen (s);
  if (kind == IWMO_TWO_DIGITS)
    {
      if (n != 2 || !g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1]))
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key,
                        _("must be an iWmo code of two digits, like “07”"));
    }
  else
    {
      gboolean ok = n >= 1 && n <= 5;

      for (gsize i = 0; ok && i < n; i++)
        ok = g_ascii_isalnum (s[i]);
      if (!ok)
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key,
                        _("must be an iWmo product code of 1 to 5 letters and digits, like “04A03”"));
    }
  g_strlcpy (out, s, DAG_IWMO_CODE_SIZE);
  return TRUE;
}

static gboolean
read_staffel (const Obj  *product,
              DagProduct *p,
              GError    **error)
{
  static const char *const keys[] = { "from_unit", "tariff_cents", "code", NULL };
  JsonArray *array = NULL;
  g_autofree char *array_path = join (product->path, "staffel");
  g_autofree char *path = NULL;
  Got got = get_array (product, "staffel", FALSE, &array, error);

  if (got != GOT_VALUE)
    return got != GOT_ERROR;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Obj o;
      DagStaffel st = { 0 };

      if (!element_object (array, i, array_path, &o, &path, error) ||
          !check_keys (&o, keys, error) ||
          get_int (&o, "from_unit", TRUE, 2, 100000, &st.from_unit, error) != GOT_VALUE ||
          !get_cents (&o, "tariff_cents", &st.tariff_cents, error) ||
          !get_iwmo_code (&o, "code", IWMO_PRODUCT_CODE, st.code, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (DAG_AT (p->staffel, DagStaffel, j)->from_unit == st.from_unit)
          {
            g_autofree char *first = g_strdup_printf ("%s[%u].from_unit", array_path, j);
            return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, o.path, "from_unit", _("repeats %s"), first);
          }
      g_array_append_val (p->staffel, st);
    }
  g_array_sort (p->staffel, compare_staffel);
  return TRUE;
}

static gboolean
read_products (Import      *imp,
               const Obj   *contract,
               DagContract *c,
               GError     **error)
{
  static const char *const keys[] = {
    "product", "code", "name", "unit", "tariff_cents", "staffel", "category", "unit_code", NULL
  };
  JsonArray *array = NULL;
  g_autofree char *array_path = join (contract->path, "products");
  g_autofree char *path = NULL;

  if (get_array (contract, "products", TRUE, &array, error) != GOT_VALUE)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Obj o;
      DagProduct *p;

      if (!element_object (array, i, array_path, &o, &path, error) ||
          !check_keys (&o, keys, error))
        return FALSE;
      p = dag_contract_add_product (c);
      if (!get_text (&o, "product", &p->product, error))
        return FALSE;
      if (dag_validate_id (p->product, NULL) == FALSE)
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "product",
                        _("must be a product name without spaces, like “M3”"));
      for (guint j = 0; j < i; j++)
        if (strcmp (DAG_AT (c->products, DagProduct, j)->product, p->product) == 0)
          {
            g_autofree char *first = g_strdup_printf ("%s[%u].product", array_path, j);
            return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, o.path, "product", _("repeats %s"), first);
          }
      if (!get_text (&o, "code", &p->code, error) ||
          !get_text (&o, "name", &p->name, error) ||
          !get_text (&o, "unit", &p->unit, error) ||
          !get_cents (&o, "tariff_cents", &p->tariff_cents, error) ||
          !get_iwmo_code (&o, "category", IWMO_TWO_DIGITS, p->category, error) ||
          !get_iwmo_code (&o, "unit_code", IWMO_TWO_DIGITS, p->unit_code, error) ||
          !read_staffel (&o, p, error))
        return FALSE;
      g_hash_table_add (imp->products, p->product);
    }
  return TRUE;
}

static gboolean
read_contracts (Import    *imp,
                const Obj *root,
                GError   **error)
{
  static const char *const keys[] = { "id", "municipality", "noshow_billable", "products", NULL };
  JsonArray *array;
  g_autofree char *path = NULL;

  if (!get_section (root, "contracts", TRUE, &array, error))
    return FALSE;
  for (guint i = 0; i < array_length (array); i++)
    {
      Obj o;
      DagContract *c;
      const char *field = NULL;
      g_autoptr(GError) local = NULL;

      if (!element_object (array, i, "contracts", &o, &path, error) ||
          !check_keys (&o, keys, error))
        return FALSE;
      c = dag_org_add_contract (imp->org);
      if (!get_record_id (imp, &o, "id", DAG_KIND_CONTRACT, i, &c->id, error) ||
          !get_ref (imp, &o, "municipality", DAG_KIND_MUNICIPALITY, &c->municipality, error) ||
          get_bool (&o, "noshow_billable", FALSE, &c->noshow_billable, error) == GOT_ERROR ||
          !read_products (imp, &o, c, error))
        return FALSE;
      if (!dag_record_check_contract (imp->org, c, &field, &local))
        return fail_check (error, &o, field, local);
    }
  return TRUE;
}

static gboolean
read_coordinates (const Obj *o,
                  gboolean   required,
                  gboolean  *has,
                  double    *lat,
                  double    *lon,
                  GError   **error)
{
  g_autoptr(GError) local = NULL;
  Got got_lat = get_number (o, "lat", required, lat, error);
  Got got_lon;

  if (got_lat == GOT_ERROR)
    return FALSE;
  got_lon = get_number (o, "lon", required, lon, error);
  if (got_lon == GOT_ERROR)
    return FALSE;
  if (got_lat != got_lon)
    return fail_at (error, DAG_IMPORT_ERROR_MISSING_FIELD, o->path, got_lat == GOT_NONE ? "lat" : "lon",
                    _("is missing (“lat” and “lon” go together)"));
  *has = got_lat == GOT_VALUE;
  if (*has && !dag_validate_coordinates (*lat, *lon, &local))
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path,
                    *lat >= -90 && *lat <= 90 ? "lon" : "lat", local->message);
  return TRUE;
}

static gboolean
read_location_slots (const Obj   *location,
                     DagLocation *l,
                     GError     **error)
{
  static const char *const keys[] = { "am", "pm", "ev", NULL };
  Obj o;
  g_autofree char *path = NULL;

  if (get_object (location, "slots", TRUE, &o, &path, error) != GOT_VALUE ||
      !check_keys (&o, keys, error))
    return FALSE;
  for (int part = 0; part < DAG_N_PARTS; part++)
    {
      const char *name = dag_part_name (part);
      JsonArray *pair = NULL;
      const char *start, *end;
      g_autofree char *start_path = NULL;
      g_autofree char *end_path = NULL;
      Got got = get_array (&o, name, FALSE, &pair, error);

      if (got == GOT_ERROR)
        return FALSE;
      if (got == GOT_NONE)
        continue;
      if (json_array_get_length (pair) != 2)
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, name,
                        _("must be two times: the start and the end"));
      if ((start = element_string (pair, 0, o.path, name, error)) == NULL ||
          (end = element_string (pair, 1, o.path, name, error)) == NULL)
        return FALSE;
      start_path = join_index (o.path, name, 0);
      end_path = join_index (o.path, name, 1);
      if (!check_time (start, start_path, &l->part_start[part], error) ||
          !check_time (end, end_path, &l->part_end[part], error))
        return FALSE;
      l->has_part[part] = TRUE;
    }
  /* The order of the times is dag_record_check_location()'s business. */
  return TRUE;
}

static gboolean
read_closures (const Obj   *location,
               DagLocation *l,
               GError     **error)
{
  JsonArray *array = NULL;
  g_autoptr(GHashTable) seen = NULL;
  Got got = get_array (location, "closures", FALSE, &array, error);

  if (got != GOT_VALUE)
    return got != GOT_ERROR;
  seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = element_string (array, i, location->path, "closures", error);
      g_autofree char *path = NULL;
      g_autoptr(GError) local = NULL;
      DagDate d;
      gpointer first;

      if (s == NULL)
        return FALSE;
      path = join_index (location->path, "closures", i);
      if (!dag_validate_date (s, &d, &local))
        return fail (error, DAG_IMPORT_ERROR_INVALID_VALUE, path, local->message);
      if ((first = g_hash_table_lookup (seen, GUINT_TO_POINTER (d))))
        {
          g_autofree char *other = join_index (location->path, "closures", GPOINTER_TO_UINT (first) - 1);
          return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, path, NULL, _("repeats %s"), other);
        }
      g_hash_table_insert (seen, GUINT_TO_POINTER (d), GUINT_TO_POINTER (i + 1));
      g_array_append_val (l->closures, d);
    }
  g_array_sort (l->closures, compare_date);
  return TRUE;
}

static gboolean
read_locations (Import    *imp,
                const Obj *root,
                GError   **error)
{
  static const char *const keys[] = { "id", "name", "address", "lat", "lon", "slots", "closures", NULL };
  JsonArray *array;
  g_autofree char *path = NULL;

  if (!get_section (root, "locations", TRUE, &array, error))
    return FALSE;
  for (guint i = 0; i < array_length (array); i++)
    {
      Obj o;
      DagLocation *l;
      gboolean has;
      const char *field = NULL;
      g_autoptr(GError) local = NULL;

      if (!element_object (array, i, "locations", &o, &path, error) ||
          !check_keys (&o, keys, error))
        return FALSE;
      l = dag_org_add_location (imp->org);
      if (!get_record_id (imp, &o, "id", DAG_KIND_LOCATION, i, &l->id, error) ||
          !get_text (&o, "name", &l->name, error) ||
          !get_text (&o, "address", &l->address, error) ||
          !read_coordinates (&o, TRUE, &has, &l->lat, &l->lon, error) ||
          !read_location_slots (&o, l, error) ||
          !read_closures (&o, l, error))
        return FALSE;
      if (!dag_record_check_location (l, &field, &local))
        return fail_check (error, &o, field, local);
    }
  return TRUE;
}

static gboolean
read_group_products (Import    *imp,
                     const Obj *group,
                     DagGroup  *g,
                     GError   **error)
{
  JsonArray *array = NULL;

  if (get_array (group, "products", TRUE, &array, error) != GOT_VALUE)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = element_string (array, i, group->path, "products", error);
      g_autofree char *path = NULL;

      if (s == NULL)
        return FALSE;
      /* A group may take a product no contract buys yet (INTERFACES.md's own
       * example has such a group): product names are free, like ids. */
      path = join_index (group->path, "products", i);
      if (*s == '\0')
        return fail (error, DAG_IMPORT_ERROR_INVALID_VALUE, path, _("must not be empty"));
      for (guint j = 0; j < i; j++)
        if (strcmp (g_ptr_array_index (g->products, j), s) == 0)
          {
            g_autofree char *first = join_index (group->path, "products", j);
            return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, path, NULL, _("repeats %s"), first);
          }
      g_ptr_array_add (g->products, g_strdup (s));
    }
  return TRUE;
}

static gboolean
read_groups (Import    *imp,
             const Obj *root,
             GError   **error)
{
  static const char *const keys[] = {
    "id", "location", "name", "products", "min_level", "max_level", "capacity", "slots", NULL
  };
  JsonArray *array;
  g_autofree char *path = NULL;

  if (!get_section (root, "groups", TRUE, &array, error))
    return FALSE;
  for (guint i = 0; i < array_length (array); i++)
    {
      Obj o;
      DagGroup *g;
      const DagLocation *l;
      const char *field = NULL;
      g_autoptr(GError) local = NULL;

      if (!element_object (array, i, "groups", &o, &path, error) ||
          !check_keys (&o, keys, error))
        return FALSE;
      g = dag_org_add_group (imp->org);
      if (!get_record_id (imp, &o, "id", DAG_KIND_GROUP, i, &g->id, error) ||
          !get_ref (imp, &o, "location", DAG_KIND_LOCATION, &g->location, error) ||
          !get_text (&o, "name", &g->name, error) ||
          !read_group_products (imp, &o, g, error) ||
          get_int (&o, "min_level", TRUE, G_MININT, G_MAXINT, &g->min_level, error) != GOT_VALUE ||
          get_int (&o, "max_level", TRUE, G_MININT, G_MAXINT, &g->max_level, error) != GOT_VALUE)
        return FALSE;
      l = DAG_AT (imp->org->locations, DagLocation, g->location);
      if (get_int (&o, "capacity", TRUE, G_MININT, G_MAXINT, &g->capacity, error) != GOT_VALUE ||
          !get_slot_mask (&o, "slots", TRUE, l->has_part, &g->slots, error))
        return FALSE;
      if (!dag_record_check_group (imp->org, g, &field, &local))
        return fail_check (error, &o, field, local);
    }
  return TRUE;
}

static gboolean
read_staff (Import    *imp,
            const Obj *root,
            GError   **error)
{
  static const char *const keys[] = {
    "id", "name", "qualification", "contract_hours", "available", "driver", "email", NULL
  };
  static const char *const qualifications[] = { "HBO", "MBO", "volunteer" };
  JsonArray *array;
  g_autofree char *path = NULL;

  if (!get_section (root, "staff", TRUE, &array, error))
    return FALSE;
  g_array_set_size (imp->org->staff, array_length (array));
  for (guint i = 0; i < array_length (array); i++)
    {
      DagStaff *s = DAG_AT (imp->org->staff, DagStaff, i);
      Obj o;
      int q = 0;
      const char *field = NULL;
      g_autoptr(GError) local = NULL;

      if (!element_object (array, i, "staff", &o, &path, error) ||
          !check_keys (&o, keys, error) ||
          !get_record_id (imp, &o, "id", DAG_KIND_STAFF, i, &s->id, error) ||
          !get_text (&o, "name", &s->name, error) ||
          get_enum (&o, "qualification", TRUE, qualifications, G_N_ELEMENTS (qualifications), &q, error) != GOT_VALUE ||
          get_int (&o, "contract_hours", TRUE, G_MININT, G_MAXINT, &s->contract_hours, error) != GOT_VALUE ||
          !get_slot_mask (&o, "available", TRUE, NULL, &s->available, error) ||
          get_bool (&o, "driver", FALSE, &s->driver, error) == GOT_ERROR ||
          !get_optional_text (&o, "email", &s->email, error))
        return FALSE;
      s->qualification = q;
      if (!dag_record_check_staff (s, &field, &local))
        return fail_check (error, &o, field, local);
    }
  return TRUE;
}

/* "hours": ["07:30", "18:00"], when the vehicle leaves home and when it is
 * back.  "00:00" and "24:00" (as the end only) are the whole day's edges,
 * which the vehicle stores as 0, no limit. */
static gboolean
read_vehicle_hours (const Obj  *o,
                    DagVehicle *v,
                    GError    **error)
{
  JsonArray *pair = NULL;
  const char *from, *until;
  g_autofree char *from_path = NULL;
  g_autofree char *until_path = NULL;
  int until_minutes;
  Got got = get_array (o, "hours", FALSE, &pair, error);

  if (got != GOT_VALUE)
    return got != GOT_ERROR;
  if (json_array_get_length (pair) != 2)
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, "hours",
                    _("must be two times: the start and the end"));
  if ((from = element_string (pair, 0, o->path, "hours", error)) == NULL ||
      (until = element_string (pair, 1, o->path, "hours", error)) == NULL)
    return FALSE;
  from_path = join_index (o->path, "hours", 0);
  until_path = join_index (o->path, "hours", 1);
  if (!check_time (from, from_path, &v->available_from, error))
    return FALSE;
  if (strcmp (until, "24:00") == 0)
    until_minutes = 24 * 60;
  else if (!check_time (until, until_path, &until_minutes, error))
    return FALSE;
  if (until_minutes <= v->available_from)
    return fail (error, DAG_IMPORT_ERROR_INVALID_VALUE, until_path, _("must be later than the start"));
  v->available_until = until_minutes < 24 * 60 ? until_minutes : 0;
  return TRUE;
}

static gboolean
read_vehicles (Import    *imp,
               const Obj *root,
               GError   **error)
{
  static const char *const keys[] = {
    "id", "name", "seats", "wheelchair_places", "location", "cost_per_km_cents", "hours", NULL
  };
  JsonArray *array;
  g_autofree char *path = NULL;

  if (!get_section (root, "vehicles", TRUE, &array, error))
    return FALSE;
  g_array_set_size (imp->org->vehicles, array_length (array));
  for (guint i = 0; i < array_length (array); i++)
    {
      DagVehicle *v = DAG_AT (imp->org->vehicles, DagVehicle, i);
      Obj o;
      const char *field = NULL;
      g_autoptr(GError) local = NULL;

      if (!element_object (array, i, "vehicles", &o, &path, error) ||
          !check_keys (&o, keys, error) ||
          !get_record_id (imp, &o, "id", DAG_KIND_VEHICLE, i, &v->id, error) ||
          !get_text (&o, "name", &v->name, error) ||
          get_int (&o, "seats", TRUE, G_MININT, G_MAXINT, &v->seats, error) != GOT_VALUE ||
          get_int (&o, "wheelchair_places", TRUE, G_MININT, G_MAXINT, &v->wheelchair_places, error) != GOT_VALUE ||
          !get_ref (imp, &o, "location", DAG_KIND_LOCATION, &v->location, error) ||
          get_int64 (&o, "cost_per_km_cents", TRUE, &v->cost_per_km_cents, error) != GOT_VALUE ||
          !read_vehicle_hours (&o, v, error))
        return FALSE;
      if (!dag_record_check_vehicle (imp->org, v, &field, &local))
        return fail_check (error, &o, field, local);
    }
  return TRUE;
}

static gboolean
read_participants (Import    *imp,
                   const Obj *root,
                   GError   **error)
{
  static const char *const keys[] = {
    "id", "name", "birth_date", "bsn", "address", "lat", "lon", "municipality",
    "transport", "wheelchair", "unavailable", "preferred_days", NULL
  };
  static const char *const transports[] = { "own", "bus" };
  JsonArray *array;
  g_autofree char *path = NULL;

  if (!get_section (root, "participants", TRUE, &array, error))
    return FALSE;
  g_array_set_size (imp->org->participants, array_length (array));
  for (guint i = 0; i < array_length (array); i++)
    {
      DagParticipant *p = DAG_AT (imp->org->participants, DagParticipant, i);
      Obj o;
      const char *bsn = NULL;
      int transport = DAG_TRANSPORT_OWN;
      g_autoptr(GError) local = NULL;
      gpointer first;

      if (!element_object (array, i, "participants", &o, &path, error) ||
          !check_keys (&o, keys, error) ||
          !get_record_id (imp, &o, "id", DAG_KIND_PARTICIPANT, i, &p->id, error) ||
          !get_text (&o, "name", &p->name, error) ||
          !get_date (&o, "birth_date", &p->birth_date, error) ||
          get_string (&o, "bsn", TRUE, &bsn, error) != GOT_VALUE)
        return FALSE;
      if (p->birth_date > dag_date_today ())
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "birth_date", _("lies in the future"));
      /* The reason only: a BSN never appears in a message. */
      if (!dag_validate_bsn (bsn, &local))
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "bsn", local->message);
      p->bsn = g_strdup (bsn);
      if ((first = g_hash_table_lookup (imp->bsns, p->bsn)))
        {
          g_autofree char *other = g_strdup_printf ("participants[%d].bsn", GPOINTER_TO_INT (first) - 1);
          return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, o.path, "bsn",
                           _("is the same BSN as %s"), other);
        }
      g_hash_table_insert (imp->bsns, p->bsn, GINT_TO_POINTER (i + 1));
      if (!get_text (&o, "address", &p->address, error) ||
          !read_coordinates (&o, FALSE, &p->has_coords, &p->lat, &p->lon, error) ||
          !get_ref (imp, &o, "municipality", DAG_KIND_MUNICIPALITY, &p->municipality, error) ||
          get_enum (&o, "transport", FALSE, transports, G_N_ELEMENTS (transports), &transport, error) == GOT_ERROR ||
          get_bool (&o, "wheelchair", FALSE, &p->wheelchair, error) == GOT_ERROR ||
          !get_slot_mask (&o, "unavailable", FALSE, NULL, &p->unavailable, error) ||
          !get_day_mask (&o, "preferred_days", &p->preferred_days, error))
        return FALSE;
      p->transport = transport;
      if (!p->has_coords)
        p->lat = p->lon = 0;
    }
  return TRUE;
}

static gboolean
read_volume (const Obj     *indication,
             DagIndication *ind,
             GError       **error)
{
  static const char *const keys[] = { "units", "per", "min_units", NULL };
  static const char *const pers[] = { "week", "month", "period" };
  Obj o;
  g_autofree char *path = NULL;
  int per = DAG_PER_WEEK;
  g_autoptr(GError) local = NULL;
  Got got;

  if (get_object (indication, "volume", TRUE, &o, &path, error) != GOT_VALUE ||
      !check_keys (&o, keys, error) ||
      get_int (&o, "units", TRUE, G_MININT, G_MAXINT, &ind->units, error) != GOT_VALUE ||
      get_enum (&o, "per", TRUE, pers, G_N_ELEMENTS (pers), &per, error) != GOT_VALUE)
    return FALSE;
  ind->per = per;
  if (!dag_validate_volume (ind->units, ind->per, &local))
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "units", local->message);
  ind->min_units = -1;
  got = get_int (&o, "min_units", FALSE, 0, ind->units, &ind->min_units, error);
  if (got == GOT_ERROR)
    return FALSE;
  if (got == GOT_VALUE && !dag_validate_volume_band (ind->units, ind->per, ind->min_units, &local))
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "min_units", local->message);
  return TRUE;
}

static gboolean
read_indications (Import    *imp,
                  const Obj *root,
                  GError   **error)
{
  static const char *const keys[] = {
    "id", "participant", "contract", "product", "level", "allocation_number",
    "start", "end", "volume", NULL
  };
  JsonArray *array;
  g_autofree char *path = NULL;

  if (!get_section (root, "indications", TRUE, &array, error))
    return FALSE;
  g_array_set_size (imp->org->indications, array_length (array));
  for (guint i = 0; i < array_length (array); i++)
    {
      DagIndication *ind = DAG_AT (imp->org->indications, DagIndication, i);
      const DagContract *c;
      const char *product = NULL;
      Obj o;
      g_autoptr(GError) local = NULL;

      ind->min_units = -1;
      if (!element_object (array, i, "indications", &o, &path, error) ||
          !check_keys (&o, keys, error) ||
          !get_record_id (imp, &o, "id", DAG_KIND_INDICATION, i, &ind->id, error) ||
          !get_ref (imp, &o, "participant", DAG_KIND_PARTICIPANT, &ind->participant, error) ||
          !get_ref (imp, &o, "contract", DAG_KIND_CONTRACT, &ind->contract, error) ||
          get_string (&o, "product", TRUE, &product, error) != GOT_VALUE)
        return FALSE;
      c = DAG_AT (imp->org->contracts, DagContract, ind->contract);
      ind->product = dag_contract_find_product (c, product);
      if (ind->product < 0)
        return may_quote (product)
               ? fail_fmt (error, DAG_IMPORT_ERROR_DANGLING_REFERENCE, o.path, "product",
                           _("“%s” is not a product of contract “%s”"), product, c->id)
               : fail_fmt (error, DAG_IMPORT_ERROR_DANGLING_REFERENCE, o.path, "product",
                           _("is not a product of contract “%s”"), c->id);
      if (get_int (&o, "level", TRUE, 1, 99, &ind->level, error) != GOT_VALUE ||
          !check_level (imp, &o, "level", ind->level, error) ||
          !get_text (&o, "allocation_number", &ind->allocation_number, error) ||
          !get_date (&o, "start", &ind->start, error) ||
          !get_date (&o, "end", &ind->end, error))
        return FALSE;
      if (!dag_validate_period (ind->start, ind->end, &local))
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "end", local->message);
      if (!read_volume (&o, ind, error))
        return FALSE;
    }
  return TRUE;
}

/* A group slot entry of plan or staffing: the slot must be one the group
 * runs, and who (participant or staff index) may be there only once. */
static gboolean
check_group_slot (const Obj  *o,
                  const DagGroup *g,
                  int         slot,
                  GError    **error)
{
  if (!(g->slots & DAG_SLOT_BIT (slot)))
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, "slot",
                    _("is not a slot in which the group runs"));
  return TRUE;
}

/* An optional date (absent or null: DAG_DATE_NONE). */
static gboolean
get_optional_date (const Obj  *o,
                   const char *key,
                   DagDate    *out,
                   GError    **error)
{
  JsonNode *node;

  *out = DAG_DATE_NONE;
  switch (get_member (o, key, FALSE, &node, error))
    {
    case GOT_ERROR:
      return FALSE;
    case GOT_NONE:
      return TRUE;
    case GOT_VALUE:
    default:
      return get_date (o, key, out, error);
    }
}

/* from (a Monday) and until (a Sunday, not before from) of a dated entry. */
static gboolean
get_dates (const Obj *o,
           DagDate   *from,
           DagDate   *until,
           GError   **error)
{
  if (!get_optional_date (o, "from", from, error) ||
      !get_optional_date (o, "until", until, error))
    return FALSE;
  if (*from != DAG_DATE_NONE && dag_date_weekday (*from) != 0)
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, "from",
                    _("must be a Monday: a plan changes from the start of a week"));
  if (*until != DAG_DATE_NONE && dag_date_weekday (*until) != 6)
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, "until",
                    _("must be a Sunday: a plan ends at the end of a week"));
  if (*from != DAG_DATE_NONE && *until != DAG_DATE_NONE && *until < *from)
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, "until",
                    _("must not lie before “from”"));
  return TRUE;
}

static int
compare_dated (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  GArray *entries = user_data;
  const DagPlanEntry *ea = DAG_AT (entries, DagPlanEntry, *(const guint *) a);
  const DagPlanEntry *eb = DAG_AT (entries, DagPlanEntry, *(const guint *) b);

  if (ea->participant != eb->participant)
    return ea->participant < eb->participant ? -1 : 1;
  if (ea->slot != eb->slot)
    return ea->slot < eb->slot ? -1 : 1;
  if (ea->from != eb->from)
    return ea->from < eb->from ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* Nobody is planned twice in one slot in the same week: entries of one
 * person and slot must not overlap in time.  Plan entries and staffing
 * entries share one layout (who, group, slot, from, until). */
static gboolean
check_overlaps (GArray     *entries,
                const char *section,
                gboolean    staffing,
                GError    **error)
{
  g_autofree guint *order = g_new (guint, entries->len + 1);

  for (guint i = 0; i < entries->len; i++)
    order[i] = i;
  g_qsort_with_data (order, entries->len, sizeof (guint), compare_dated, entries);
  for (guint k = 1; k < entries->len; k++)
    {
      const DagPlanEntry *a = DAG_AT (entries, DagPlanEntry, order[k - 1]);
      const DagPlanEntry *b = DAG_AT (entries, DagPlanEntry, order[k]);

      if (a->participant == b->participant && a->slot == b->slot &&
          (a->until == DAG_DATE_NONE || b->from == DAG_DATE_NONE || a->until >= b->from))
        {
          guint later = MAX (order[k - 1], order[k]), earlier = MIN (order[k - 1], order[k]);
          g_autofree char *path = g_strdup_printf ("%s[%u]", section, later);
          g_autofree char *other = g_strdup_printf ("%s[%u]", section, earlier);

          return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, path, NULL,
                           staffing ? _("puts the staff member in this slot a second time (also at %s)")
                                    : _("plans the participant a second time in this slot (also at %s)"),
                           other);
        }
    }
  return TRUE;
}

/* The plan (staffing FALSE) or the staffing: who (a participant or a staff
 * member) works in which group in which slot.  The two sections differ only
 * in who. */
static gboolean
read_group_slots (Import    *imp,
                  const Obj *root,
                  gboolean   staffing,
                  GError   **error)
{
  static const char *const plan_keys[] = { "participant", "group", "slot", "from", "until", NULL };
  static const char *const staffing_keys[] = { "staff", "group", "slot", "from", "until", NULL };
  const char *section = staffing ? "staffing" : "plan";
  GArray *entries = staffing ? imp->org->staffing : imp->org->plan;
  JsonArray *array;
  g_autofree char *path = NULL;

  if (!get_section (root, section, FALSE, &array, error))
    return FALSE;
  g_array_set_size (entries, array_length (array));
  for (guint i = 0; i < array_length (array); i++)
    {
      int *who, *group, *slot;
      DagDate *from, *until;
      Obj o;

      if (staffing)
        {
          DagStaffing *e = DAG_AT (entries, DagStaffing, i);
          who = &e->staff, group = &e->group, slot = &e->slot, from = &e->from, until = &e->until;
        }
      else
        {
          DagPlanEntry *e = DAG_AT (entries, DagPlanEntry, i);
          who = &e->participant, group = &e->group, slot = &e->slot, from = &e->from, until = &e->until;
        }
      if (!element_object (array, i, section, &o, &path, error) ||
          !check_keys (&o, staffing ? staffing_keys : plan_keys, error) ||
          !get_ref (imp, &o, staffing ? "staff" : "participant",
                    staffing ? DAG_KIND_STAFF : DAG_KIND_PARTICIPANT, who, error) ||
          !get_ref (imp, &o, "group", DAG_KIND_GROUP, group, error) ||
          !get_slot (&o, "slot", slot, error) ||
          !check_group_slot (&o, DAG_AT (imp->org->groups, DagGroup, *group), *slot, error) ||
          !get_dates (&o, from, until, error))
        return FALSE;
    }
  return check_overlaps (entries, section, staffing, error);
}

/* One-off changes for a date: an extra dagdeel ("add", with a group) or a
 * cancelled one ("cancel"), of a participant or a staff member. */
static gboolean
read_one_offs (Import    *imp,
               const Obj *root,
               GError   **error)
{
  static const char *const keys[] = { "participant", "staff", "date", "slot", "change", "group",
                                      "reason", NULL };
  static const char *const parts[] = { "am", "pm", "ev" };
  static const char *const kinds[] = { "add", "cancel" };
  JsonArray *array;
  g_autofree char *path = NULL;

  if (!get_section (root, "changes", FALSE, &array, error))
    return FALSE;
  g_array_set_size (imp->org->one_offs, array_length (array));
  for (guint i = 0; i < array_length (array); i++)
    {
      DagOneOff *c = DAG_AT (imp->org->one_offs, DagOneOff, i);
      gboolean has_participant, has_staff;
      int part = 0, kind = 0, day;
      Obj o;

      c->participant = c->staff = c->group = -1;
      if (!element_object (array, i, "changes", &o, &path, error) ||
          !check_keys (&o, keys, error))
        return FALSE;
      has_participant = json_object_has_member (o.obj, "participant");
      has_staff = json_object_has_member (o.obj, "staff");
      if (has_participant == has_staff)
        return fail_at (error, DAG_IMPORT_ERROR_MISSING_FIELD, o.path, NULL,
                        _("must name either a participant or a staff member"));
      if ((has_participant && !get_ref (imp, &o, "participant", DAG_KIND_PARTICIPANT, &c->participant, error)) ||
          (has_staff && !get_ref (imp, &o, "staff", DAG_KIND_STAFF, &c->staff, error)) ||
          !get_date (&o, "date", &c->date, error) ||
          get_enum (&o, "slot", TRUE, parts, G_N_ELEMENTS (parts), &part, error) != GOT_VALUE ||
          get_enum (&o, "change", TRUE, kinds, G_N_ELEMENTS (kinds), &kind, error) != GOT_VALUE)
        return FALSE;
      c->part = part;
      c->kind = kind == 0 ? DAG_ONE_OFF_ADD : DAG_ONE_OFF_CANCEL;
      day = dag_date_weekday (c->date);
      if (day >= DAG_N_DAYS)
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "date",
                        _("is a Sunday: no group runs then"));
      if (c->kind == DAG_ONE_OFF_ADD || json_object_has_member (o.obj, "group"))
        {
          if (!get_ref (imp, &o, "group", DAG_KIND_GROUP, &c->group, error))
            return FALSE;
          if (!(DAG_AT (imp->org->groups, DagGroup, c->group)->slots & DAG_SLOT_BIT (DAG_SLOT (day, part))))
            return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "group",
                            _("does not run on that day and dagdeel"));
        }
      if (!get_optional_text (&o, "reason", &c->reason, error))
        return FALSE;
    }
  return TRUE;
}

G_STATIC_ASSERT (sizeof (DagAbsence) == sizeof (DagStaffAbsence));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagAbsence, from) == G_STRUCT_OFFSET (DagStaffAbsence, from));
G_STATIC_ASSERT (G_STRUCT_OFFSET (DagAbsence, reason) == G_STRUCT_OFFSET (DagStaffAbsence, reason));

/* The absences of participants ("absences") or of staff
 * ("staff_absences"): the same fields but for whose absence it is. */
static gboolean
read_absence_section (Import     *imp,
                      const Obj  *root,
                      const char *section,
                      const char *who,
                      DagKind     kind,
                      GArray     *absences,
                      GError    **error)
{
  const char *const keys[] = { who, "from", "to", "reason", NULL };
  JsonArray *array;
  g_autofree char *path = NULL;

  if (!get_section (root, section, FALSE, &array, error))
    return FALSE;
  g_array_set_size (absences, array_length (array));
  for (guint i = 0; i < array_length (array); i++)
    {
      /* DagAbsence and DagStaffAbsence share their layout. */
      DagAbsence *a = DAG_AT (absences, DagAbsence, i);
      Obj o;
      g_autoptr(GError) local = NULL;

      if (!element_object (array, i, section, &o, &path, error) ||
          !check_keys (&o, keys, error) ||
          !get_ref (imp, &o, who, kind, &a->participant, error) ||
          !get_date (&o, "from", &a->from, error) ||
          !get_date (&o, "to", &a->to, error))
        return FALSE;
      if (!dag_validate_period (a->from, a->to, &local))
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "to", local->message);
      if (!get_optional_text (&o, "reason", &a->reason, error))
        return FALSE;
    }
  return TRUE;
}

/* g_int64_hash only folds the two halves together, which puts most
 * (participant, date, part) keys of a month into a few thousand buckets. */
static guint
attendance_key_hash (gconstpointer key)
{
  guint64 v = *(const guint64 *) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  return (guint) (v >> 32);
}

static gboolean
read_attendance (Import    *imp,
                 const Obj *root,
                 GError   **error)
{
  static const char *const keys[] = { "participant", "date", "slot", "status", "hours", "reason", NULL };
  static const char *const parts[] = { "am", "pm", "ev" };
  static const char *const statuses[] = { "present", "cancelled", "no_show" };
  JsonArray *array;
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree gint64 *keys_of = NULL;

  if (!get_section (root, "attendance", FALSE, &array, error))
    return FALSE;
  /* Keys live in one block so the table can point at them. */
  keys_of = g_new (gint64, array_length (array) + 1);
  seen = g_hash_table_new (attendance_key_hash, g_int64_equal);
  g_array_set_size (imp->org->attendance, array_length (array));
  for (guint i = 0; i < array_length (array); i++)
    {
      DagAttendance *a = DAG_AT (imp->org->attendance, DagAttendance, i);
      Obj o;
      int part = 0, status = 0;
      double hours = 0;
      Got got;
      gpointer first;

      a->minutes = -1;
      if (!element_object (array, i, "attendance", &o, &path, error) ||
          !check_keys (&o, keys, error) ||
          !get_ref (imp, &o, "participant", DAG_KIND_PARTICIPANT, &a->participant, error) ||
          !get_date (&o, "date", &a->date, error) ||
          get_enum (&o, "slot", TRUE, parts, G_N_ELEMENTS (parts), &part, error) != GOT_VALUE ||
          get_enum (&o, "status", TRUE, statuses, G_N_ELEMENTS (statuses), &status, error) != GOT_VALUE)
        return FALSE;
      a->part = part;
      a->status = status;
      keys_of[i] = ((gint64) a->participant << 32) | ((gint64) a->date << 2) | part;
      if ((first = g_hash_table_lookup (seen, &keys_of[i])))
        {
          g_autofree char *other = g_strdup_printf ("attendance[%d]", GPOINTER_TO_INT (first) - 1);
          return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, o.path, NULL,
                           _("registers this participant, date and slot a second time (also at %s)"),
                           other);
        }
      g_hash_table_insert (seen, &keys_of[i], GUINT_TO_POINTER (i + 1));
      got = get_number (&o, "hours", FALSE, &hours, error);
      if (got == GOT_ERROR)
        return FALSE;
      if (got == GOT_VALUE)
        {
          if (!(hours >= 0 && hours <= 24))
            return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "hours",
                            _("must lie between 0 and 24"));
          a->minutes = (int) lround (hours * 60);
        }
      if (!get_optional_text (&o, "reason", &a->reason, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_stops (Import    *imp,
            const Obj *run,
            DagRun    *r,
            GError   **error)
{
  static const char *const keys[] = { "participant", "time", NULL };
  JsonArray *array = NULL;
  g_autofree char *array_path = join (run->path, "stops");
  g_autofree char *path = NULL;

  if (get_array (run, "stops", TRUE, &array, error) != GOT_VALUE)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      Obj o;
      DagStop stop = { 0 };

      if (!element_object (array, i, array_path, &o, &path, error) ||
          !check_keys (&o, keys, error) ||
          !get_ref (imp, &o, "participant", DAG_KIND_PARTICIPANT, &stop.participant, error) ||
          !get_time (&o, "time", &stop.time, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (DAG_AT (r->stops, DagStop, j)->participant == stop.participant)
          {
            g_autofree char *first = g_strdup_printf ("%s[%u].participant", array_path, j);
            return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, o.path, "participant", _("repeats %s"), first);
          }
      g_array_append_val (r->stops, stop);
    }
  return TRUE;
}

static gboolean
read_runs (Import    *imp,
           const Obj *root,
           GError   **error)
{
  static const char *const keys[] = {
    "id", "date", "vehicle", "driver", "location", "direction", "stops", "arrive", "depart", NULL
  };
  static const char *const directions[] = { "to", "from" };
  JsonArray *array;
  g_autofree char *path = NULL;

  if (!get_section (root, "runs", FALSE, &array, error))
    return FALSE;
  for (guint i = 0; i < array_length (array); i++)
    {
      Obj o;
      DagRun *r;
      const char *driver = NULL;
      int direction = 0;
      Got got;
      const char *time_key, *other_key;

      if (!element_object (array, i, "runs", &o, &path, error) ||
          !check_keys (&o, keys, error))
        return FALSE;
      r = dag_org_add_run (imp->org);
      r->driver = -1;
      if (!get_record_id (imp, &o, "id", DAG_KIND_RUN, i, &r->id, error) ||
          !get_date (&o, "date", &r->date, error) ||
          !get_ref (imp, &o, "vehicle", DAG_KIND_VEHICLE, &r->vehicle, error) ||
          (got = get_string (&o, "driver", FALSE, &driver, error)) == GOT_ERROR)
        return FALSE;
      if (got == GOT_VALUE)
        {
          g_autofree char *driver_path = join (o.path, "driver");
          if (!resolve (imp, DAG_KIND_STAFF, driver, driver_path, &r->driver, error))
            return FALSE;
        }
      if (!get_ref (imp, &o, "location", DAG_KIND_LOCATION, &r->location, error) ||
          get_enum (&o, "direction", TRUE, directions, G_N_ELEMENTS (directions), &direction, error) != GOT_VALUE)
        return FALSE;
      r->direction = direction;
      time_key = r->direction == DAG_DIRECTION_TO ? "arrive" : "depart";
      other_key = r->direction == DAG_DIRECTION_TO ? "depart" : "arrive";
      if (json_object_has_member (o.obj, other_key))
        return fail_fmt (error, DAG_IMPORT_ERROR_UNKNOWN_FIELD, o.path, other_key,
                         _("does not belong to a run with direction “%s”; use “%s”"),
                         directions[direction], time_key);
      if (!read_stops (imp, &o, r, error) ||
          !get_time (&o, time_key, &r->time, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- declarations ------------------------------------------------------- */

/* Where a line with a reference was read, to name it in messages and to
 * see what a correction points at. */
typedef struct {
  guint declaration;
  guint line;
  char  debit_credit;
} LineAt;

/* "YYYY-MM" as the first day of that month. */
static gboolean
get_month (const Obj  *o,
           const char *key,
           DagDate    *out,
           GError    **error)
{
  const char *s = NULL;
  int year, month;

  if (get_string (o, key, TRUE, &s, error) != GOT_VALUE)
    return FALSE;
  if (strlen (s) != 7 || s[4] != '-' || strspn (s, "0123456789") != 4 ||
      !g_ascii_isdigit (s[5]) || !g_ascii_isdigit (s[6]))
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key, _("must be a month written YYYY-MM"));
  year = atoi (s);
  month = (s[5] - '0') * 10 + (s[6] - '0');
  *out = dag_date_from_ymd (year, month, 1);
  if (*out == DAG_DATE_NONE)
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, key, _("must be a month written YYYY-MM"));
  return TRUE;
}

static gboolean
only_alnum (const char *s)
{
  for (; *s; s++)
    if (!g_ascii_isalnum (*s))
      return FALSE;
  return TRUE;
}

static gboolean
read_response (const Obj          *line,
               DagDeclarationLine *l,
               GError            **error)
{
  static const char *const keys[] = { "code", "accepted", NULL };
  Obj o;
  g_autofree char *path = NULL;
  const char *code = NULL;
  Got got = get_object (line, "response", FALSE, &o, &path, error);

  if (got != GOT_VALUE)
    return got != GOT_ERROR;
  if (!check_keys (&o, keys, error) ||
      get_string (&o, "code", TRUE, &code, error) != GOT_VALUE)
    return FALSE;
  if (strlen (code) != 4 || strspn (code, "0123456789") != 4)
    return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "code",
                    _("must be a return code of four digits, like “0200”"));
  if (get_bool (&o, "accepted", TRUE, &l->response_accepted, error) != GOT_VALUE)
    return FALSE;
  l->response_code = g_strdup (code);
  l->has_response = TRUE;
  return TRUE;
}

/* The corrects of line (a reference read before it), and that a credit
 * line names the debit line it takes back (iWmo TR323). */
static gboolean
read_corrects (const Obj          *o,
               DagDeclarationLine *l,
               GHashTable         *references,
               GError            **error)
{
  const char *corrects = NULL;
  const LineAt *at;
  Got got = get_string (o, "corrects", FALSE, &corrects, error);

  if (got == GOT_ERROR)
    return FALSE;
  if (got == GOT_NONE)
    {
      if (l->debit_credit == 'C')
        return fail_at (error, DAG_IMPORT_ERROR_MISSING_FIELD, o->path, "corrects",
                        _("must name the debit line that this credit line takes back (iWmo rule TR323)"));
      return TRUE;
    }
  /* Lines are registered once read, so only earlier ones are found. */
  at = g_hash_table_lookup (references, corrects);
  if (at == NULL)
    return fail_at (error, DAG_IMPORT_ERROR_DANGLING_REFERENCE, o->path, "corrects",
                    _("is not the reference of an earlier line"));
  if (at->debit_credit != 'D')
    {
      g_autofree char *other = g_strdup_printf ("declarations[%u].lines[%u]", at->declaration, at->line);
      return fail_fmt (error, DAG_IMPORT_ERROR_INVALID_VALUE, o->path, "corrects",
                       _("names the credit line %s: only a debit line can be corrected"), other);
    }
  l->corrects = g_strdup (corrects);
  return TRUE;
}

static gboolean
read_declaration_lines (Import         *imp,
                        const Obj      *declaration,
                        guint           di,
                        DagDeclaration *d,
                        GHashTable     *references,
                        GError        **error)
{
  static const char *const keys[] = {
    "reference", "indication", "product_code", "period_start", "period_end", "units",
    "tariff_cents", "amount_cents", "debit_credit", "corrects", "response", NULL
  };
  static const char *const sides[] = { "D", "C" };
  JsonArray *array = NULL;
  g_autofree char *array_path = join (declaration->path, "lines");
  g_autofree char *path = NULL;
  int year, month;
  DagDate last;

  if (get_array (declaration, "lines", TRUE, &array, error) != GOT_VALUE)
    return FALSE;
  if (json_array_get_length (array) == 0)
    return fail (error, DAG_IMPORT_ERROR_INVALID_VALUE, array_path, _("must list at least one line"));
  dag_date_to_ymd (d->month, &year, &month, NULL);
  last = dag_date_from_ymd (year, month, dag_date_days_in_month (year, month));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      DagDeclarationLine *l;
      const DagIndication *ind;
      const char *reference = NULL;
      const LineAt *first;
      LineAt *at;
      Obj o;
      int side = 0;
      g_autoptr(GError) local = NULL;

      if (!element_object (array, i, array_path, &o, &path, error) ||
          !check_keys (&o, keys, error))
        return FALSE;
      g_array_set_size (d->lines, i + 1);
      l = DAG_AT (d->lines, DagDeclarationLine, i);
      l->indication = -1;
      if (get_string (&o, "reference", TRUE, &reference, error) != GOT_VALUE)
        return FALSE;
      if (!dag_validate_id (reference, NULL) || strlen (reference) > 20)
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "reference",
                        _("must be 1 to 20 characters without spaces (iWmo ReferentieNummer)"));
      if ((first = g_hash_table_lookup (references, reference)))
        {
          g_autofree char *other = g_strdup_printf ("declarations[%u].lines[%u].reference",
                                                    first->declaration, first->line);
          return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, o.path, "reference", _("repeats %s"), other);
        }
      l->reference = g_strdup (reference);
      if (!get_ref (imp, &o, "indication", DAG_KIND_INDICATION, &l->indication, error))
        return FALSE;
      ind = DAG_AT (imp->org->indications, DagIndication, l->indication);
      if (DAG_AT (imp->org->contracts, DagContract, ind->contract)->municipality != d->municipality)
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "indication",
                        _("falls under a contract of another municipality than the declaration’s"));
      if (!get_text (&o, "product_code", &l->product_code, error) ||
          !get_date (&o, "period_start", &l->period_start, error) ||
          !get_date (&o, "period_end", &l->period_end, error))
        return FALSE;
      if (l->period_start < d->month || l->period_start > last)
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "period_start",
                        _("must lie in the month of the declaration"));
      if (l->period_end < d->month || l->period_end > last)
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "period_end",
                        _("must lie in the month of the declaration"));
      if (!dag_validate_period (l->period_start, l->period_end, &local))
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "period_end", local->message);
      if (get_int (&o, "units", TRUE, 0, 99999999, &l->units, error) != GOT_VALUE ||
          !get_cents (&o, "tariff_cents", &l->tariff_cents, error) ||
          get_int64 (&o, "amount_cents", TRUE, &l->amount_cents, error) != GOT_VALUE)
        return FALSE;
      /* Both factors are bounded, so the product fits. */
      if (l->amount_cents != l->units * l->tariff_cents)
        {
          char expected[32];

          g_snprintf (expected, sizeof expected, "%" G_GINT64_FORMAT, l->units * l->tariff_cents);
          return fail_fmt (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "amount_cents",
                           /* Translators: %s is the amount in cents that units × tariff_cents gives */
                           _("must be units × tariff_cents = %s: iWmo requires a line’s amount to be "
                             "its volume times its tariff (rule TR346)"), expected);
        }
      if (get_enum (&o, "debit_credit", TRUE, sides, G_N_ELEMENTS (sides), &side, error) != GOT_VALUE)
        return FALSE;
      l->debit_credit = side == 0 ? 'D' : 'C';
      if (!read_corrects (&o, l, references, error) ||
          !read_response (&o, l, error))
        return FALSE;
      at = g_new (LineAt, 1);
      at->declaration = di;
      at->line = i;
      at->debit_credit = l->debit_credit;
      g_hash_table_insert (references, l->reference, at);
    }
  return TRUE;
}

static gboolean
read_declarations (Import    *imp,
                   const Obj *root,
                   GError   **error)
{
  static const char *const keys[] = { "number", "municipality", "month", "written", "sent", "lines", NULL };
  JsonArray *array;
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  /* reference → LineAt, over the whole file (TR314: unique for ever). */
  g_autoptr(GHashTable) references = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (!get_section (root, "declarations", FALSE, &array, error))
    return FALSE;
  for (guint i = 0; i < array_length (array); i++)
    {
      DagDeclaration *d;
      const char *number = NULL;
      gpointer first;
      Obj o;

      if (!element_object (array, i, "declarations", &o, &path, error) ||
          !check_keys (&o, keys, error))
        return FALSE;
      d = dag_org_add_declaration (imp->org);
      if (get_string (&o, "number", TRUE, &number, error) != GOT_VALUE)
        return FALSE;
      if (strlen (number) < 1 || strlen (number) > 12 || !only_alnum (number))
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "number",
                        _("must be 1 to 12 letters and digits (iWmo DeclaratieNummer)"));
      if ((first = g_hash_table_lookup (numbers, number)))
        {
          g_autofree char *other = g_strdup_printf ("declarations[%d].number", GPOINTER_TO_INT (first) - 1);
          return fail_fmt (error, DAG_IMPORT_ERROR_DUPLICATE_ID, o.path, "number", _("repeats %s"), other);
        }
      d->number = g_strdup (number);
      g_hash_table_insert (numbers, d->number, GINT_TO_POINTER (i + 1));
      if (!get_ref (imp, &o, "municipality", DAG_KIND_MUNICIPALITY, &d->municipality, error) ||
          !get_month (&o, "month", &d->month, error) ||
          !get_date (&o, "written", &d->written, error) ||
          !get_optional_date (&o, "sent", &d->sent, error))
        return FALSE;
      if (d->sent != DAG_DATE_NONE && d->sent < d->written)
        return fail_at (error, DAG_IMPORT_ERROR_INVALID_VALUE, o.path, "sent",
                        _("must not lie before “written”"));
      if (!read_declaration_lines (imp, &o, i, d, references, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- entry points ------------------------------------------------------- */

/* json-glib quotes the token it stumbled on ("unexpected string constant
 * \"111222333\"").  That token may be a BSN, so every quoted token longer
 * than one character is left out; `,' and `}' stay. */
static char *
without_tokens (const char *reason)
{
  GString *s = g_string_new (NULL);

  for (const char *p = reason; *p; p++)
    {
      char close = *p == '`' ? '\'' : *p == '"' ? '"' : '\0';
      const char *end = close ? strchr (p + 1, close) : NULL;

      if (end && end - p > 2)
        {
          /* Also the space before the token. */
          if (s->len > 0 && s->str[s->len - 1] == ' ')
            g_string_truncate (s, s->len - 1);
          p = end;
          continue;
        }
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

static gboolean
syntax_error (const GError *parse_error,
              GError      **error)
{
  const char *message = parse_error->message;
  unsigned line = 0, column = 0;
  int consumed = 0;
  const char *colon;

  /* json-glib says "<data>:LINE:COLUMN: Parse error: reason"; say it as a
   * person reads it. */
  colon = g_str_has_prefix (message, "<data>:") ? message + strlen ("<data>:") : NULL;
  if (colon && sscanf (colon, "%u:%u:%n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      const char *reason = colon + consumed;
      const char *inner = strstr (reason, ": ");
      g_autofree char *clean = NULL;

      if (inner)
        reason = inner + 2;
      while (*reason == ' ')
        reason++;
      clean = without_tokens (reason);
      g_set_error (error, DAG_IMPORT_ERROR, DAG_IMPORT_ERROR_SYNTAX,
                   _("line %u, column %u: %s"), line, column, clean);
    }
  else
    {
      g_autofree char *clean = without_tokens (message);

      g_set_error (error, DAG_IMPORT_ERROR, DAG_IMPORT_ERROR_SYNTAX,
                   _("not valid JSON: %s"), clean);
    }
  return FALSE;
}

static gboolean
read_root (Import    *imp,
           JsonNode  *node,
           GError   **error)
{
  static const char *const keys[] = {
    "format", "version", "organisation", "settings", "municipalities", "contracts",
    "locations", "groups", "staff", "vehicles", "participants", "indications",
    "plan", "staffing", "absences", "staff_absences", "changes", "attendance", "runs",
    "declarations", NULL
  };
  Obj root = { NULL, "" };
  const char *format = NULL;
  gint64 version = 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, node == NULL ? DAG_IMPORT_ERROR_SYNTAX : DAG_IMPORT_ERROR_TYPE, "",
                 _("the file does not hold a JSON object"));
  root.obj = json_node_get_object (node);
  /* Format and version first: another kind of file should be told so,
   * not be given a list of unknown fields. */
  if (get_string (&root, "format", TRUE, &format, error) != GOT_VALUE)
    return FALSE;
  if (strcmp (format, "dagritme-organisation") != 0)
    return fail (error, DAG_IMPORT_ERROR_INVALID_VALUE, "format",
                 _("must be “dagritme-organisation”: this is not an organisation file"));
  if (get_int64 (&root, "version", TRUE, &version, error) != GOT_VALUE)
    return FALSE;
  if (version != 1)
    return fail (error, DAG_IMPORT_ERROR_INVALID_VALUE, "version",
                 _("must be 1: this program reads version 1 of the organisation file"));

  return check_keys (&root, keys, error) &&
         read_organisation (imp, &root, error) &&
         read_settings (imp, &root, error) &&
         read_municipalities (imp, &root, error) &&
         read_contracts (imp, &root, error) &&
         read_locations (imp, &root, error) &&
         read_groups (imp, &root, error) &&
         read_staff (imp, &root, error) &&
         read_vehicles (imp, &root, error) &&
         read_participants (imp, &root, error) &&
         read_indications (imp, &root, error) &&
         read_group_slots (imp, &root, FALSE, error) &&
         read_group_slots (imp, &root, TRUE, error) &&
         read_absence_section (imp, &root, "absences", "participant", DAG_KIND_PARTICIPANT,
                               imp->org->absences, error) &&
         read_absence_section (imp, &root, "staff_absences", "staff", DAG_KIND_STAFF,
                               imp->org->staff_absences, error) &&
         read_one_offs (imp, &root, error) &&
         read_attendance (imp, &root, error) &&
         read_runs (imp, &root, error) &&
         read_declarations (imp, &root, error);
}

/* Limits of the strict reader (documented at the top of this file).  The
 * organisation file nests six levels deep and a 20,000-participant
 * organisation takes some 52 MB. */
static const DagJsonLimits limits = {
  .max_bytes = 256 * 1024 * 1024,
  .max_depth = 32,
  .max_string_chars = MAX_STRING,
  .max_key_chars = 64,
  .max_number_chars = 40,
};

static gboolean
strict_check (const char  *data,
              gsize        length,
              gsize       *start,
              GError     **error)
{
  g_autoptr(GError) local = NULL;
  DagImportError code;

  if (dag_json_strict_check (data, length, &limits, start, &local))
    return TRUE;
  switch ((DagJsonStrictError) local->code)
    {
    case DAG_JSON_STRICT_ERROR_DUPLICATE_KEY:
      code = DAG_IMPORT_ERROR_DUPLICATE_ID;
      break;
    case DAG_JSON_STRICT_ERROR_CONTROL:
    case DAG_JSON_STRICT_ERROR_TOO_LONG:
      code = DAG_IMPORT_ERROR_INVALID_VALUE;
      break;
    case DAG_JSON_STRICT_ERROR_SYNTAX:
    case DAG_JSON_STRICT_ERROR_ENCODING:
    case DAG_JSON_STRICT_ERROR_TOO_LARGE:
    default:
      code = DAG_IMPORT_ERROR_SYNTAX;
      break;
    }
  g_set_error_literal (error, DAG_IMPORT_ERROR, code, local->message);
  return FALSE;
}

DagOrg *
dag_org_import_json (const char *data,
                     gsize       length,
                     GError    **error)
{
  /* Immutable nodes parse faster, and the import only reads them. */
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(DagOrg) org = NULL;
  Import imp = { 0 };
  gsize start;
  gboolean ok;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == (gsize) -1)
    length = strlen (data);
  /* Only white space: no object, as json-glib would have said. */
  for (start = 0; start < length && g_ascii_isspace (data[start]); start++)
    ;
  if (start == length)
    {
      g_set_error_literal (error, DAG_IMPORT_ERROR, DAG_IMPORT_ERROR_SYNTAX,
                           _("the file does not hold a JSON object"));
      return NULL;
    }
  /* json-glib is tolerant and recursive: it only gets what the strict
   * reader passed, after a byte order mark if there was one. */
  if (!strict_check (data, length, &start, error))
    return NULL;
  if (!json_parser_load_from_data (parser, data + start, (gssize) (length - start), &parse_error))
    {
      syntax_error (parse_error, error);
      return NULL;
    }

  org = dag_org_new ();
  imp.org = org;
  for (int k = 0; k < DAG_N_KINDS; k++)
    imp.ids[k] = g_hash_table_new (g_str_hash, g_str_equal);
  imp.products = g_hash_table_new (g_str_hash, g_str_equal);
  imp.bsns = g_hash_table_new (g_str_hash, g_str_equal);

  ok = read_root (&imp, json_parser_get_root (parser), error);

  for (int k = 0; k < DAG_N_KINDS; k++)
    g_hash_table_unref (imp.ids[k]);
  g_hash_table_unref (imp.products);
  g_hash_table_unref (imp.bsns);
  if (!ok)
    return NULL;
  dag_org_invalidate_index (org);
  return g_steal_pointer (&org);
}

DagOrg *
dag_org_import_file (const char *path,
                     GError    **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return dag_org_import_json (data, length, error);
}
