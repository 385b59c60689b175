/* dag-travel.c — travel times between homes and locations: imported matrix
 * first, great-circle estimate as the fallback, and the matrix CSV parser. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dag-travel.h"

G_DEFINE_QUARK (dag-travel-error-quark, dag_travel_error)

#define EARTH_RADIUS_KM 6371.0

typedef struct {
  double minutes;
  double km;
} Pair;

struct _DagTravel
{
  DagOrg     *org;
  guint       n_locations;
  guint       n_places;
  double     *lat;          /* radians */
  double     *lon;          /* radians */
  double     *cos_lat;      /* kept: the planner asks for millions of pairs */
  gboolean   *has_coords;
  GHashTable *pairs;        /* guint64 (from << 32 | to) → Pair */
  double      road_factor;
  double      speed_kmh;
};

static void
clear_entry (gpointer p)
{
  DagTravelEntry *e = p;

  g_free (e->from_id);
  g_free (e->to_id);
}

GArray *
dag_travel_entries_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (DagTravelEntry));

  g_array_set_clear_func (a, clear_entry);
  return a;
}

double
dag_travel_great_circle_km (double lat1,
                            double lon1,
                            double lat2,
                            double lon2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * EARTH_RADIUS_KM * asin (MIN (1.0, sqrt (a)));
}

/* The place of an id: locations first, then participants; -1 when unknown. */
static int
place_of_id (DagOrg     *org,
             const char *id)
{
  int i = dag_org_lookup (org, DAG_KIND_LOCATION, id);

  if (i >= 0)
    return i;
  i = dag_org_lookup (org, DAG_KIND_PARTICIPANT, id);
  if (i >= 0)
    return (int) org->locations->len + i;
  return -1;
}

static guint64
pair_key (int from,
          int to)
{
  return ((guint64) (guint32) from << 32) | (guint32) to;
}

DagTravel *
dag_travel_new (DagOrg       *org,
                const GArray *entries)
{
  DagTravel *self;

  g_return_val_if_fail (org != NULL, NULL);

  self = g_new0 (DagTravel, 1);
  self->org = org;
  self->n_locations = org->locations->len;
  self->n_places = org->locations->len + org->participants->len;
  self->lat = g_new0 (double, self->n_places);
  self->lon = g_new0 (double, self->n_places);
  self->has_coords = g_new0 (gboolean, self->n_places);
  self->cos_lat = g_new0 (double, self->n_places);
  self->road_factor = org->settings.road_factor > 0 ? org->settings.road_factor : 1.3;
  self->speed_kmh = org->settings.speed_kmh > 0 ? org->settings.speed_kmh : 40;
  self->pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint l = 0; l < org->locations->len; l++)
    {
      const DagLocation *loc = DAG_AT (org->locations, DagLocation, l);

      self->lat[l] = loc->lat * G_PI / 180;
      self->lon[l] = loc->lon * G_PI / 180;
      self->has_coords[l] = TRUE;
    }
  for (guint p = 0; p < org->participants->len; p++)
    {
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, p);
      guint place = self->n_locations + p;

      self->lat[place] = pa->lat * G_PI / 180;
      self->lon[place] = pa->lon * G_PI / 180;
      self->has_coords[place] = pa->has_coords;
    }
  for (guint i = 0; i < self->n_places; i++)
    self->cos_lat[i] = cos (self->lat[i]);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const DagTravelEntry *e = &g_array_index (entries, DagTravelEntry, i);
      int from = place_of_id (org, e->from_id), to = place_of_id (org, e->to_id);
      guint64 *key;
      Pair *value;

      if (from < 0 || to < 0)
        continue;
      key = g_new (guint64, 1);
      *key = pair_key (from, to);
      value = g_new (Pair, 1);
      value->minutes = e->minutes;
      value->km = e->km;
      g_hash_table_replace (self->pairs, key, value);
    }
  return self;
}

void
dag_travel_free (DagTravel *self)
{
  if (self == NULL)
    return;
  g_free (self->lat);
  g_free (self->lon);
  g_free (self->has_coords);
  g_free (self->cos_lat);
  g_hash_table_unref (self->pairs);
  g_free (self);
}

int
dag_travel_place_location (const DagTravel *self,
                           int              location)
{
  g_return_val_if_fail (self != NULL, -1);
  return location;
}

int
dag_travel_place_participant (const DagTravel *self,
                              int              participant)
{
  g_return_val_if_fail (self != NULL, -1);
  return (int) self->n_locations + participant;
}

gboolean
dag_travel_place_has_coords (const DagTravel *self,
                             int              place)
{
  g_return_val_if_fail (self != NULL && place >= 0 && (guint) place < self->n_places, FALSE);
  return self->has_coords[place];
}

guint
dag_travel_get_n_imported (const DagTravel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return g_hash_table_size (self->pairs);
}

gboolean
dag_travel_get (const DagTravel *self,
                int              from,
                int              to,
                double          *minutes,
                double          *km)
{
  double d = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (from >= 0 && (guint) from < self->n_places, FALSE);
  g_return_val_if_fail (to >= 0 && (guint) to < self->n_places, FALSE);

  if (g_hash_table_size (self->pairs) > 0)
    {
      guint64 key = pair_key (from, to);
      const Pair *pair = g_hash_table_lookup (self->pairs, &key);

      if (pair != NULL)
        {
          if (minutes)
            *minutes = pair->minutes;
          if (km)
            *km = pair->km;
          return TRUE;
        }
    }

  if (from != to && self->has_coords[from] && self->has_coords[to])
    {
      /* dag_travel_great_circle_km() with the cosines kept per place. */
      double sp = sin ((self->lat[to] - self->lat[from]) / 2);
      double sl = sin ((self->lon[to] - self->lon[from]) / 2);
      double a = sp * sp + self->cos_lat[from] * self->cos_lat[to] * sl * sl;

      d = 2 * EARTH_RADIUS_KM * asin (MIN (1.0, sqrt (a))) * self->road_factor;
    }
  if (km)
    *km = d;
  if (minutes)
    *minutes = d / self->speed_kmh * 60.0;
  return FALSE;
}

/* ---- CSV ---------------------------------------------------------------- */

static const char *const columns[] = { "from_id", "to_id", "minutes", "km" };

/* Splits one CSV record (RFC 4180 quotes, no newlines inside quotes) into
 * fields; returns NULL when a quote is not closed. */
static GPtrArray *
split_record (const char *line)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *c = line;

  for (;;)
    {
      if (*c == '"')
        {
          c++;
          for (;;)
            {
              if (*c == '\0')
                {
                  g_string_free (field, TRUE);
                  g_ptr_array_unref (fields);
                  return NULL;
                }
              if (*c == '"' && c[1] == '"')
                {
                  g_string_append_c (field, '"');
                  c += 2;
                }
              else if (*c == '"')
                {
                  c++;
                  break;
                }
              else
                g_string_append_c (field, *c++);
            }
        }
      while (*c != '\0' && *c != ',')
        g_string_append_c (field, *c++);
      g_ptr_array_add (fields, g_strdup (g_strstrip (field->str)));
      g_string_truncate (field, 0);
      if (*c == '\0')
        break;
      c++;
    }
  g_string_free (field, TRUE);
  return fields;
}

/* The documented ranges of an imported pair: no ride in a day's transport
 * takes ten hours, and no home lies 1,000 km from its location.  Larger
 * values are typing errors, and 1e300 minutes once overflowed to a
 * negative ride time. */
#define MAX_MINUTES 600
#define MAX_KM 1000

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end = NULL;
  double v;

  /* Only plain decimal numbers: strtod also reads hexadecimal, "inf" and
   * "nan". */
  if (*text == '\0' || text[strspn (text, "0123456789.eE+-")] != '\0')
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

GArray *
dag_travel_parse_csv (const char  *text,
                      gsize        length,
                      DagOrg      *org,
                      GError     **error)
{
  g_autoptr(GArray) entries = dag_travel_entries_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean header = FALSE;

  g_return_val_if_fail (text != NULL && org != NULL, NULL);

  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error_literal (error, DAG_TRAVEL_ERROR, DAG_TRAVEL_ERROR_PARSE,
                           _("The travel-time file is not valid UTF-8 text"));
      return NULL;
    }
  copy = g_strndup (text, length);
  lines = g_strsplit (copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      g_autoptr(GPtrArray) fields = NULL;
      DagTravelEntry e = { 0 };
      guint line_no = i + 1;
      char *key;

      g_strchomp (line);
      if (i == 0 && g_str_has_prefix (line, "\xEF\xBB\xBF"))
        line += 3;
      if (*line == '\0')
        continue;
      fields = split_record (line);
      if (fields == NULL)
        {
          g_set_error (error, DAG_TRAVEL_ERROR, DAG_TRAVEL_ERROR_PARSE,
                       _("line %u: a quoted field is not closed"), line_no);
          return NULL;
        }

      if (!header)
        {
          if (fields->len != G_N_ELEMENTS (columns))
            {
              g_set_error (error, DAG_TRAVEL_ERROR, DAG_TRAVEL_ERROR_PARSE,
                           _("line %u: the header must be “from_id,to_id,minutes,km”"), line_no);
              return NULL;
            }
          for (guint k = 0; k < fields->len; k++)
            if (strcmp (g_ptr_array_index (fields, k), columns[k]) != 0)
              {
                g_set_error (error, DAG_TRAVEL_ERROR, DAG_TRAVEL_ERROR_PARSE,
                             _("line %u, column %u: expected the header “%s”"),
                             line_no, k + 1, columns[k]);
                return NULL;
              }
          header = TRUE;
          continue;
        }

      if (fields->len != G_N_ELEMENTS (columns))
        {
          g_set_error (error, DAG_TRAVEL_ERROR, DAG_TRAVEL_ERROR_PARSE,
                       _("line %u: expected 4 fields, found %u"), line_no, fields->len);
          return NULL;
        }
      for (guint k = 0; k < 2; k++)
        {
          const char *id = g_ptr_array_index (fields, k);

          if (*id == '\0')
            {
              g_set_error (error, DAG_TRAVEL_ERROR, DAG_TRAVEL_ERROR_INVALID,
                           _("line %u, column %s: must not be empty"), line_no, columns[k]);
              return NULL;
            }
          if (place_of_id (org, id) < 0)
            {
              g_set_error (error, DAG_TRAVEL_ERROR, DAG_TRAVEL_ERROR_UNKNOWN_ID,
                           _("line %u, column %s: no participant or location has this id"),
                           line_no, columns[k]);
              return NULL;
            }
        }
      for (guint k = 2; k < 4; k++)
        {
          double v;

          int max = k == 2 ? MAX_MINUTES : MAX_KM;

          if (!parse_number (g_ptr_array_index (fields, k), &v) || v < 0)
            {
              g_set_error (error, DAG_TRAVEL_ERROR, DAG_TRAVEL_ERROR_INVALID,
                           _("line %u, column %s: must be a number ≥ 0"), line_no, columns[k]);
              return NULL;
            }
          if (v > max)
            {
              g_set_error (error, DAG_TRAVEL_ERROR, DAG_TRAVEL_ERROR_INVALID,
                           _("line %u, column %s: must be at most %d"), line_no, columns[k], max);
              return NULL;
            }
          if (k == 2)
            e.minutes = v;
          else
            e.km = v;
        }
      key = g_strconcat (g_ptr_array_index (fields, 0), "\n", g_ptr_array_index (fields, 1), NULL);
      if (!g_hash_table_add (seen, key))
        {
          g_set_error (error, DAG_TRAVEL_ERROR, DAG_TRAVEL_ERROR_INVALID,
                       _("line %u: this from_id and to_id pair was given before"), line_no);
          return NULL;
        }
      e.from_id = g_strdup (g_ptr_array_index (fields, 0));
      e.to_id = g_strdup (g_ptr_array_index (fields, 1));
      g_array_append_val (entries, e);
    }

  if (!header)
    {
      g_set_error_literal (error, DAG_TRAVEL_ERROR, DAG_TRAVEL_ERROR_PARSE,
                           _("The travel-time file is empty; it needs the header “from_id,to_id,minutes,km”"));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Whether location l lies within the ride-time limit of the participant's
 * home both ways, driven alone (minutes rounded up, as the run planner
 * counts them); unknown coordinates do not exclude it (the run planner
 * reports them). */
gboolean
dag_travel_within_ride (const DagTravel *travel,
                        int              participant,
                        int              l,
                        int              max_ride)
{
  int home = dag_travel_place_participant (travel, participant);
  int at = dag_travel_place_location (travel, l);
  double to = 0, from = 0;

  if (!dag_travel_place_has_coords (travel, home) || !dag_travel_place_has_coords (travel, at))
    return TRUE;
  dag_travel_get (travel, home, at, &to, NULL);
  dag_travel_get (travel, at, home, &from, NULL);
  return (int) ceil (to - 1e-9) <= max_ride && (int) ceil (from - 1e-9) <= max_ride;
}
