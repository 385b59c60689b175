/* dag-planner-mip.c — writes the week planning problem with its staffing as
 * an exact integer program and reads a solver's solution back as a plan.
 *
 * The model stands apart from the planner (its Problem, candidates and
 * heuristics): it is built from the organisation with the rules module's
 * functions, so that it can serve as the reference the planner is measured
 * against.  Following PLANNER.md it stays small by counting:
 *
 *   y_u      binary, unit u = (participant, dagdeel, indication) comes;
 *   n_c,g    integer, how many units of class c are in group g, where a
 *            class is the units of one dagdeel with the same level and the
 *            same set of groups they may attend (any whole solution splits
 *            back into persons: everyone of a class fits every group of it);
 *   h_g,s    HBO and m_g,s MBO staff counts per group slot, d_g,s binary
 *            "two or more" (then at least one of each);
 *   w_k,s    binary, paid staff member k works dagdeel s.
 *
 * Staffing per group slot is counted, not assigned: no rule ties a person
 * to a group within a dagdeel, so any staff who work a dagdeel can fill its
 * counts.  Taking exactly ceil(load) staff where one would do with more is
 * never needed, so requiring "h + m ≥ 2 ⇒ h, m ≥ 1" on the counts (rather
 * than on the need) loses no plan. */

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "dag-planner-mip.h"
#include "dag-rules.h"
#include "dag-schedule.h"
#include "dag-travel.h"

typedef struct {
  int participant;
  int slot;
  int indication;
  int klass;
} Unit;

typedef struct {
  int    index;             /* in DagPlannerMip.classes */
  int    slot;
  int    level;
  guint  share;
  gboolean high;
  int   *groups;            /* ascending */
  int    n_groups;
  int    n_units;
} Class;

struct _DagPlannerMip {
  DagOrg     *org;          /* the week's copy (plan and staffing of that week) */
  DagDate     week;
  guint       unit;         /* load unit */
  GArray     *units;        /* of Unit */
  GPtrArray  *classes;      /* of Class * */
  /* Per group slot g * DAG_N_SLOTS + s: the classes that may use it (CSR). */
  int        *gs_start;
  int        *gs_class;
  int        *gs_bound;     /* most staff a group slot can need */
  guint       columns, rows;
};

static void
class_free (gpointer data)
{
  Class *c = data;

  g_free (c->groups);
  g_free (c);
}

/* Per participant, whether a transport indication is valid on some day of
 * the week: only then does the provider's bus bring them. */
static gboolean *
transport_indicated (const DagOrg *org,
                     DagDate       monday)
{
  gboolean *ok = g_new0 (gboolean, org->participants->len + 1);

  for (guint i = 0; i < org->indications->len; i++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, i);

      if (ind->participant < 0 || (guint) ind->participant >= org->participants->len ||
          ind->contract < 0 || (guint) ind->contract >= org->contracts->len)
        continue;
      if (ind->start > monday + DAG_N_DAYS - 1 || ind->end < monday)
        continue;
      if (dag_rules_indication_product (org, ind) != NULL && !dag_rules_is_day_activity (org, ind))
        ok[ind->participant] = TRUE;
    }
  return ok;
}

static guint
class_hash (gconstpointer key)
{
  const Class *c = key;
  guint h = (guint) c->slot * 31u + (guint) c->level;

  for (int i = 0; i < c->n_groups; i++)
    h = h * 1000003u + (guint) c->groups[i];
  return h;
}

static gboolean
class_equal (gconstpointer a,
             gconstpointer b)
{
  const Class *x = a, *y = b;

  return x->slot == y->slot && x->level == y->level && x->n_groups == y->n_groups &&
         memcmp (x->groups, y->groups, sizeof (int) * x->n_groups) == 0;
}

DagPlannerMip *
dag_planner_mip_new (const DagOrg *org,
                     DagDate       week)
{
  DagPlannerMip *self;
  guint np, ng;
  int nl, max_ride;
  g_autoptr(DagSchedule) schedule = NULL;
  g_autoptr(DagTravel) travel = NULL;
  g_autoptr(GHashTable) class_of = NULL;
  g_autofree gboolean *vervoer = NULL;
  g_autofree guint8 *reach = NULL;
  g_autofree int *inds = NULL;
  g_autofree int *groups = NULL;
  g_autofree int *n_per_ind = NULL;

  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (week != DAG_DATE_NONE, NULL);

  self = g_new0 (DagPlannerMip, 1);
  self->week = dag_rules_week_start (week);
  self->org = dag_org_for_week (org, self->week);
  org = self->org;
  np = org->participants->len;
  ng = org->groups->len;
  nl = org->locations->len;
  max_ride = org->settings.max_ride_minutes > 0 ? org->settings.max_ride_minutes : 30;
  self->unit = dag_rules_load_unit (&org->settings);
  self->units = g_array_new (FALSE, FALSE, sizeof (Unit));
  self->classes = g_ptr_array_new_with_free_func (class_free);
  schedule = dag_schedule_new (org);
  /* Only read: DagTravel keeps org but never changes it. */
  travel = dag_travel_new ((DagOrg *) org, NULL);
  class_of = g_hash_table_new (class_hash, class_equal);
  vervoer = transport_indicated (org, self->week);
  reach = g_new (guint8, nl + 1);
  inds = g_new (int, ng + 1);
  groups = g_new (int, ng + 1);
  n_per_ind = g_new (int, ng + 1);

  for (guint p = 0; p < np; p++)
    {
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, p);
      gboolean bus = pa->transport == DAG_TRANSPORT_BUS && vervoer[p];

      /* 0 unknown, 1 within the ride-time limit, 2 beyond it. */
      memset (reach, 0, nl + 1);
      for (int s = 0; s < DAG_N_SLOTS; s++)
        {
          DagDate date = self->week + DAG_SLOT_DAY (s);
          int n = 0;

          if (pa->unavailable & DAG_SLOT_BIT (s))
            continue;
          /* The groups they may attend this dagdeel and the indication
           * each would fall under. */
          for (guint g = 0; g < ng; g++)
            {
              const DagGroup *gr = DAG_AT (org->groups, DagGroup, g);
              const DagIndication *ind;
              int i;

              if (!(gr->slots & DAG_SLOT_BIT (s)) || gr->capacity <= 0)
                continue;
              i = dag_schedule_indication_for (schedule, p, g, date);
              if (i < 0)
                continue;
              ind = DAG_AT (org->indications, DagIndication, i);
              if (!dag_rules_is_day_activity (org, ind) ||
                  !dag_rules_group_takes (gr, dag_rules_indication_product (org, ind)) ||
                  !dag_rules_group_level_fits (gr, ind->level))
                continue;
              if (bus && gr->location >= 0 && gr->location < nl)
                {
                  if (reach[gr->location] == 0)
                    reach[gr->location] = dag_travel_within_ride (travel, p, gr->location, max_ride) ? 1 : 2;
                  if (reach[gr->location] == 2)
                    continue;
                }
              inds[n] = i;
              groups[n] = g;
              n++;
            }
          /* One unit per indication (usually one), its class by the groups. */
          for (int k = 0; k < n; k++)
            {
              const DagIndication *ind;
              Class key = { 0 }, *c;
              Unit u;
              gboolean first = TRUE;
              int m = 0;

              for (int j = 0; j < k; j++)
                first &= inds[j] != inds[k];
              if (!first)
                continue;
              for (int j = k; j < n; j++)
                if (inds[j] == inds[k])
                  n_per_ind[m++] = groups[j];
              ind = DAG_AT (org->indications, DagIndication, inds[k]);
              key.slot = s;
              key.level = ind->level;
              key.groups = n_per_ind;
              key.n_groups = m;
              c = g_hash_table_lookup (class_of, &key);
              if (c == NULL)
                {
                  c = g_new0 (Class, 1);
                  c->index = self->classes->len;
                  c->slot = s;
                  c->level = ind->level;
                  c->share = dag_rules_share (&org->settings, self->unit, ind->level);
                  c->high = dag_rules_needs_hbo (&org->settings, ind->level);
                  c->groups = g_memdup2 (n_per_ind, sizeof (int) * m);
                  c->n_groups = m;
                  g_ptr_array_add (self->classes, c);
                  g_hash_table_add (class_of, c);
                }
              c->n_units++;
              u.participant = p;
              u.slot = s;
              u.indication = inds[k];
              u.klass = c->index;
              g_array_append_val (self->units, u);
            }
        }
    }

  /* The classes of every group slot. */
  self->gs_start = g_new0 (int, ng * DAG_N_SLOTS + 2);
  for (guint ci = 0; ci < self->classes->len; ci++)
    {
      const Class *c = g_ptr_array_index (self->classes, ci);
      for (int j = 0; j < c->n_groups; j++)
        self->gs_start[c->groups[j] * DAG_N_SLOTS + c->slot + 1]++;
    }
  for (guint gs = 0; gs < ng * DAG_N_SLOTS; gs++)
    self->gs_start[gs + 1] += self->gs_start[gs];
  self->gs_class = g_new (int, self->gs_start[ng * DAG_N_SLOTS] + 1);
  self->gs_bound = g_new0 (int, ng * DAG_N_SLOTS + 1);
  {
    g_autofree int *fill = g_memdup2 (self->gs_start, sizeof (int) * (ng * DAG_N_SLOTS + 1));
    for (guint ci = 0; ci < self->classes->len; ci++)
      {
        const Class *c = g_ptr_array_index (self->classes, ci);
        for (int j = 0; j < c->n_groups; j++)
          {
            int gs = c->groups[j] * DAG_N_SLOTS + c->slot;
            const DagGroup *gr = DAG_AT (org->groups, DagGroup, c->groups[j]);
            guint most = (guint) gr->capacity * c->share;

            self->gs_class[fill[gs]++] = ci;
            /* At least 2, so the duo can always be written. */
            self->gs_bound[gs] = MAX (self->gs_bound[gs], (int) MAX ((most + self->unit - 1) / self->unit, 2));
          }
      }
  }
  return self;
}

void
dag_planner_mip_free (DagPlannerMip *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->units, g_array_unref);
  g_clear_pointer (&self->classes, g_ptr_array_unref);
  g_free (self->gs_start);
  g_free (self->gs_class);
  g_free (self->gs_bound);
  dag_org_free (self->org);
  g_free (self);
}

/* ---- writing ------------------------------------------------------------ */

typedef struct {
  GString *s;
  int      terms;
} Row;

static void
row_begin (Row        *r,
           const char *fmt,
           ...) G_GNUC_PRINTF (2, 3);

static void
row_begin (Row        *r,
           const char *fmt,
           ...)
{
  va_list ap;

  g_string_append_c (r->s, ' ');
  va_start (ap, fmt);
  g_string_append_vprintf (r->s, fmt, ap);
  va_end (ap);
  g_string_append_c (r->s, ':');
  r->terms = 0;
}

static void
term (Row        *r,
      gint64      coef,
      const char *fmt,
      ...) G_GNUC_PRINTF (3, 4);

static void
term (Row        *r,
      gint64      coef,
      const char *fmt,
      ...)
{
  va_list ap;

  /* Short lines: some readers limit their length. */
  if (++r->terms % 8 == 0)
    g_string_append (r->s, "\n   ");
  g_string_append_printf (r->s, " %c %" G_GINT64_FORMAT " ", coef < 0 ? '-' : '+', coef < 0 ? -coef : coef);
  va_start (ap, fmt);
  g_string_append_vprintf (r->s, fmt, ap);
  va_end (ap);
}

static gboolean
is_paid (const DagStaff *st)
{
  return st->qualification == DAG_QUAL_HBO || st->qualification == DAG_QUAL_MBO;
}

char *
dag_planner_mip_write (DagPlannerMip *self,
                       gboolean       relax)
{
  const DagOrg *org = self->org;
  guint ng = org->groups->len, ns = org->staff->len, ni = org->indications->len;
  GString *s = g_string_new (NULL);
  Row r = { s, 0 };
  g_autofree int *per_ind = g_new0 (int, ni + 1);
  g_autoptr(GString) ints = g_string_new (NULL);
  g_autoptr(GString) bounds = g_string_new (NULL);
  guint columns = 0, rows = 0;

  g_string_append_printf (s, "\\ Dagritme week plan with staffing: %u units, %u classes\nMaximize\n obj:",
                          self->units->len, self->classes->len);
  for (guint u = 0; u < self->units->len; u++)
    term (&r, 1, "y%u", u);
  if (self->units->len == 0)
    g_string_append (s, " 0 y_none");
  g_string_append (s, "\nSubject To\n");

  /* One group a dagdeel: units of one participant and dagdeel are
   * adjacent, one per indication. */
  for (guint u = 0; u < self->units->len; )
    {
      const Unit *a = DAG_AT (self->units, Unit, u);
      guint v = u + 1;

      while (v < self->units->len && DAG_AT (self->units, Unit, v)->participant == a->participant &&
             DAG_AT (self->units, Unit, v)->slot == a->slot)
        v++;
      if (v - u > 1)
        {
          row_begin (&r, "one%u", u);
          for (guint k = u; k < v; k++)
            term (&r, 1, "y%u", k);
          g_string_append (s, " <= 1\n");
          rows++;
        }
      u = v;
    }

  /* Weekly volume per indication. */
  for (guint u = 0; u < self->units->len; u++)
    per_ind[DAG_AT (self->units, Unit, u)->indication]++;
  for (guint i = 0; i < ni; i++)
    {
      int max, min;

      if (per_ind[i] == 0)
        continue;
      dag_rules_weekly_volume (DAG_AT (org->indications, DagIndication, i), &max, &min);
      if (per_ind[i] <= max)
        continue;
      row_begin (&r, "vol%u", i);
      for (guint u = 0; u < self->units->len; u++)
        if ((guint) DAG_AT (self->units, Unit, u)->indication == i)
          term (&r, 1, "y%u", u);
      g_string_append_printf (s, " <= %d\n", MAX (max, 0));
      rows++;
    }

  /* Classes: the units that come are spread over the class's groups. */
  {
    g_autofree guint *first = g_new (guint, self->classes->len + 1);
    g_autofree guint *next = g_new (guint, self->units->len + 1);

    for (guint c = 0; c < self->classes->len; c++)
      first[c] = G_MAXUINT;
    for (guint u = self->units->len; u-- > 0; )
      {
        int c = DAG_AT (self->units, Unit, u)->klass;
        next[u] = first[c];
        first[c] = u;
      }
    for (guint ci = 0; ci < self->classes->len; ci++)
      {
        const Class *c = g_ptr_array_index (self->classes, ci);

        row_begin (&r, "cls%u", ci);
        for (guint u = first[ci]; u != G_MAXUINT; u = next[u])
          term (&r, 1, "y%u", u);
        for (int j = 0; j < c->n_groups; j++)
          term (&r, -1, "n%u_%d", ci, c->groups[j]);
        g_string_append (s, " = 0\n");
        rows++;
      }
  }

  /* Group slots: capacity, care load, anyone → staff, HBO presence, duo. */
  for (guint g = 0; g < ng; g++)
    for (int sl = 0; sl < DAG_N_SLOTS; sl++)
      {
        int gs = g * DAG_N_SLOTS + sl;
        int cap = DAG_AT (org->groups, DagGroup, g)->capacity;
        gboolean any_high = FALSE;

        if (self->gs_start[gs] == self->gs_start[gs + 1])
          continue;
        row_begin (&r, "cap%d", gs);
        for (int k = self->gs_start[gs]; k < self->gs_start[gs + 1]; k++)
          term (&r, 1, "n%d_%u", self->gs_class[k], g);
        g_string_append_printf (s, " <= %d\n", cap);

        row_begin (&r, "load%d", gs);
        for (int k = self->gs_start[gs]; k < self->gs_start[gs + 1]; k++)
          {
            const Class *c = g_ptr_array_index (self->classes, self->gs_class[k]);
            term (&r, c->share, "n%d_%u", self->gs_class[k], g);
            any_high |= c->high;
          }
        term (&r, -(gint64) self->unit, "h%d", gs);
        term (&r, -(gint64) self->unit, "m%d", gs);
        g_string_append (s, " <= 0\n");

        row_begin (&r, "open%d", gs);
        for (int k = self->gs_start[gs]; k < self->gs_start[gs + 1]; k++)
          term (&r, 1, "n%d_%u", self->gs_class[k], g);
        term (&r, -cap, "h%d", gs);
        term (&r, -cap, "m%d", gs);
        g_string_append (s, " <= 0\n");
        rows += 3;

        if (any_high)
          {
            row_begin (&r, "hbo%d", gs);
            for (int k = self->gs_start[gs]; k < self->gs_start[gs + 1]; k++)
              if (((const Class *) g_ptr_array_index (self->classes, self->gs_class[k]))->high)
                term (&r, 1, "n%d_%u", self->gs_class[k], g);
            term (&r, -cap, "h%d", gs);
            g_string_append (s, " <= 0\n");
            rows++;
          }

        /* h + m ≥ 2 only with d = 1, and d = 1 needs one of each. */
        g_string_append_printf (s, " duo%d: h%d + m%d - %d d%d <= 1\n", gs, gs, gs, self->gs_bound[gs] - 1, gs);
        g_string_append_printf (s, " duoh%d: h%d - d%d >= 0\n", gs, gs, gs);
        g_string_append_printf (s, " duom%d: m%d - d%d >= 0\n", gs, gs, gs);
        rows += 3;

        for (int k = self->gs_start[gs]; k < self->gs_start[gs + 1]; k++)
          {
            const Class *c = g_ptr_array_index (self->classes, self->gs_class[k]);
            g_string_append_printf (bounds, " 0 <= n%d_%u <= %d\n", self->gs_class[k], g, MIN (cap, c->n_units));
            g_string_append_printf (ints, " n%d_%u\n", self->gs_class[k], g);
            columns++;
          }
        g_string_append_printf (bounds, " 0 <= h%d <= %d\n 0 <= m%d <= %d\n 0 <= d%d <= 1\n",
                                gs, self->gs_bound[gs], gs, self->gs_bound[gs], gs);
        g_string_append_printf (ints, " h%d\n m%d\n d%d\n", gs, gs, gs);
        columns += 3;
      }

  /* Staff of each qualification who work a dagdeel fill its counts. */
  for (int sl = 0; sl < DAG_N_SLOTS; sl++)
    for (int q = DAG_QUAL_HBO; q <= DAG_QUAL_MBO; q++)
      {
        gboolean any = FALSE;

        for (guint g = 0; g < ng && !any; g++)
          {
            int gs = g * DAG_N_SLOTS + sl;
            any = self->gs_start[gs] < self->gs_start[gs + 1];
          }
        if (!any)
          continue;
        row_begin (&r, "%s%d", q == DAG_QUAL_HBO ? "sh" : "sm", sl);
        for (guint g = 0; g < ng; g++)
          {
            int gs = g * DAG_N_SLOTS + sl;
            if (self->gs_start[gs] < self->gs_start[gs + 1])
              term (&r, 1, "%c%d", q == DAG_QUAL_HBO ? 'h' : 'm', gs);
          }
        for (guint k = 0; k < ns; k++)
          {
            const DagStaff *st = DAG_AT (org->staff, DagStaff, k);
            if ((int) st->qualification == q && (st->available & DAG_SLOT_BIT (sl)))
              term (&r, -1, "w%u_%d", k, sl);
          }
        g_string_append (s, " <= 0\n");
        rows++;
      }

  /* Contracts. */
  for (guint k = 0; k < ns; k++)
    {
      const DagStaff *st = DAG_AT (org->staff, DagStaff, k);
      int max = dag_rules_staff_max_slots (&org->settings, st);
      int avail = 0;

      if (!is_paid (st))
        continue;
      for (int sl = 0; sl < DAG_N_SLOTS; sl++)
        if (st->available & DAG_SLOT_BIT (sl))
          {
            g_string_append_printf (bounds, " 0 <= w%u_%d <= 1\n", k, sl);
            g_string_append_printf (ints, " w%u_%d\n", k, sl);
            columns++;
            avail++;
          }
      if (avail <= max || avail == 0)
        continue;
      row_begin (&r, "ctr%u", k);
      for (int sl = 0; sl < DAG_N_SLOTS; sl++)
        if (st->available & DAG_SLOT_BIT (sl))
          term (&r, 1, "w%u_%d", k, sl);
      g_string_append_printf (s, " <= %d\n", MAX (max, 0));
      rows++;
    }

  g_string_append (s, "Bounds\n");
  for (guint u = 0; u < self->units->len; u++)
    {
      g_string_append_printf (s, " 0 <= y%u <= 1\n", u);
      g_string_append_printf (ints, " y%u\n", u);
      columns++;
    }
  if (self->units->len == 0)
    g_string_append (s, " y_none = 0\n");
  g_string_append_len (s, bounds->str, bounds->len);
  if (!relax && ints->len > 0)
    {
      g_string_append (s, "General\n");
      g_string_append_len (s, ints->str, ints->len);
    }
  g_string_append (s, "End\n");
  self->columns = columns;
  self->rows = rows;
  return g_string_free (s, FALSE);
}

void
dag_planner_mip_size (DagPlannerMip *self,
                      guint         *columns,
                      guint         *rows)
{
  if (columns)
    *columns = self->columns;
  if (rows)
    *rows = self->rows;
}

/* ---- reading a solution ------------------------------------------------- */

gboolean
dag_planner_mip_read_solution (DagPlannerMip *self,
                               const char    *text,
                               GArray        *plan,
                               GArray        *staffing,
                               GError       **error)
{
  const DagOrg *org = self->org;
  guint ng = org->groups->len, ns = org->staff->len, nu = self->units->len;
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree guint8 *y = g_new0 (guint8, nu + 1);
  g_autoptr(GHashTable) n = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree int *h = g_new0 (int, ng * DAG_N_SLOTS + 1);
  g_autofree int *m = g_new0 (int, ng * DAG_N_SLOTS + 1);
  g_autofree guint8 *w = g_new0 (guint8, ns * DAG_N_SLOTS + 1);

  if (lines[0] == NULL || strstr (lines[0], "objective value") == NULL ||
      g_str_has_prefix (lines[0], "Infeasible"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "not a solution: %s", lines[0] ? lines[0] : "(empty)");
      return FALSE;
    }
  for (guint li = 1; lines[li] != NULL; li++)
    {
      g_auto(GStrv) tok = g_strsplit_set (g_strstrip (lines[li]), " \t", -1);
      const char *name = NULL, *value = NULL;
      long v;
      int k = 0;

      /* "index name value reduced-cost", "**" before infeasible ones. */
      for (int t = 0; tok[t] != NULL; t++)
        {
          if (tok[t][0] == '\0' || strcmp (tok[t], "**") == 0)
            continue;
          if (k == 1)
            name = tok[t];
          else if (k == 2)
            value = tok[t];
          k++;
        }
      if (name == NULL || value == NULL)
        continue;
      v = lround (g_ascii_strtod (value, NULL));
      if (v == 0)
        continue;
      if (name[0] == 'y' && g_ascii_isdigit (name[1]))
        {
          guint64 u = g_ascii_strtoull (name + 1, NULL, 10);
          if (u < nu)
            y[u] = v > 0;
        }
      else if (name[0] == 'n')
        g_hash_table_insert (n, g_strdup (name), GINT_TO_POINTER ((int) v));
      else if ((name[0] == 'h' || name[0] == 'm') && g_ascii_isdigit (name[1]))
        {
          guint64 gs = g_ascii_strtoull (name + 1, NULL, 10);
          if (gs < ng * DAG_N_SLOTS)
            (name[0] == 'h' ? h : m)[gs] = (int) v;
        }
      else if (name[0] == 'w')
        {
          char *end = NULL;
          guint64 k2 = g_ascii_strtoull (name + 1, &end, 10);
          if (end != NULL && *end == '_' && k2 < ns)
            {
              guint64 sl = g_ascii_strtoull (end + 1, NULL, 10);
              if (sl < DAG_N_SLOTS)
                w[k2 * DAG_N_SLOTS + sl] = v > 0;
            }
        }
    }

  /* Persons of a class go to its groups in the counted numbers. */
  {
    g_autofree guint *first = g_new (guint, self->classes->len + 1);
    g_autofree guint *next = g_new (guint, nu + 1);

    for (guint c = 0; c < self->classes->len; c++)
      first[c] = G_MAXUINT;
    for (guint u = nu; u-- > 0; )
      if (y[u])
        {
          int c = DAG_AT (self->units, Unit, u)->klass;
          next[u] = first[c];
          first[c] = u;
        }
    for (guint ci = 0; ci < self->classes->len; ci++)
      {
        const Class *c = g_ptr_array_index (self->classes, ci);
        guint u = first[ci];

        for (int j = 0; j < c->n_groups; j++)
          {
            g_autofree char *key = g_strdup_printf ("n%u_%d", ci, c->groups[j]);
            int count = GPOINTER_TO_INT (g_hash_table_lookup (n, key));

            for (; count > 0; count--)
              {
                const Unit *un;
                DagPlanEntry e = { 0 };

                if (u == G_MAXUINT)
                  {
                    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 "class %u has more places than participants", ci);
                    return FALSE;
                  }
                un = DAG_AT (self->units, Unit, u);
                e.participant = un->participant;
                e.group = c->groups[j];
                e.slot = un->slot;
                e.from = e.until = DAG_DATE_NONE;
                g_array_append_val (plan, e);
                u = next[u];
              }
          }
        if (u != G_MAXUINT)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         "class %u has participants without a place", ci);
            return FALSE;
          }
      }
  }

  /* The staff who work a dagdeel fill its counts, in staff order. */
  for (int sl = 0; sl < DAG_N_SLOTS; sl++)
    for (int q = DAG_QUAL_HBO; q <= DAG_QUAL_MBO; q++)
      {
        guint k = 0;

        for (guint g = 0; g < ng; g++)
          {
            int gs = g * DAG_N_SLOTS + sl;
            int want = q == DAG_QUAL_HBO ? h[gs] : m[gs];

            for (; want > 0; want--)
              {
                DagStaffing e = { 0 };

                while (k < ns && !(w[k * DAG_N_SLOTS + sl] &&
                                   (int) DAG_AT (org->staff, DagStaff, k)->qualification == q))
                  k++;
                if (k == ns)
                  {
                    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 "dagdeel %d has more %s positions than staff", sl,
                                 q == DAG_QUAL_HBO ? "HBO" : "MBO");
                    return FALSE;
                  }
                e.staff = k++;
                e.group = g;
                e.slot = sl;
                e.from = e.until = DAG_DATE_NONE;
                g_array_append_val (staffing, e);
              }
          }
      }
  return TRUE;
}
