/* dag-staff-view.c — the Staff view: the groups of one location over the
 * weekday dagdelen with the staff they need (from the care load), the staff
 * assigned and what the staffing rules find, a staff member's week, and
 * assigning staff one store transaction at a time, with undo. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-rules.h"
#include "dag-history.h"
#include "dag-store-staffing.h"
#include "dag-slot-grid.h"
#include "dag-staff-view.h"

/* The view shows the weekday mornings and afternoons: the dagdelen groups
 * meet on (evenings and Saturdays have no group work in DOMAIN.md). */
#define N_SHOWN_DAYS  DAG_SLOT_GRID_DAYS
#define N_SHOWN_PARTS DAG_SLOT_GRID_PARTS

/* One assignment made or taken back, for undo and redo. */
typedef struct {
  int      staff;
  int      group;
  int      slot;
  gboolean add;
} Change;

/* One group slot of the grid. */
typedef struct {
  int        group;
  int        slot;
  GtkWidget *button;     /* GtkMenuButton, NULL when the group does not meet */
  int        need;
  char      *problems;   /* findings, one a line; NULL when none */
  char      *shown;      /* what the button shows, to rebuild only changes */
} Cell;

static void
cell_clear (gpointer p)
{
  g_free (((Cell *) p)->problems);
  g_free (((Cell *) p)->shown);
}

struct _DagStaffView
{
  AdwBin           parent_instance;

  DagStore        *store;
  DagOrg          *org;            /* owned by the window */
  int              location;
  int              staff;
  GArray          *cells;          /* of Cell, of the shown location */
  char            *contract_text;

  /* template widgets */
  AdwToastOverlay *toast_overlay;  /* the child */
  GtkDropDown     *location_dropdown;
  GtkDropDown     *staff_dropdown;
  GtkLabel        *summary_label;
  GtkGrid         *grid;
  GtkLabel        *contract_label;
  GtkBox          *week_box;
};

G_DEFINE_FINAL_TYPE (DagStaffView, dag_staff_view, ADW_TYPE_BIN)

static void refresh (DagStaffView *self);

static const char *
qualification_name (DagQualification q)
{
  switch (q)
    {
    case DAG_QUAL_HBO:
      return _("HBO");
    case DAG_QUAL_MBO:
      return _("MBO");
    case DAG_QUAL_VOLUNTEER:
    default:
      return _("Volunteer");
    }
}

static const char *
qualification_class (DagQualification q)
{
  return q == DAG_QUAL_HBO ? "hbo" : q == DAG_QUAL_MBO ? "mbo" : "volunteer";
}

/* What a finding says in a cell, in a few words (the tooltip has it all). */
static const char *
finding_short (const DagFinding *f)
{
  if (g_str_equal (f->rule, DAG_RULE_STAFF_SHORTAGE))
    return _("Too few staff");
  if (g_str_equal (f->rule, DAG_RULE_STAFF_DUO))
    return _("Needs HBO and MBO");
  if (g_str_equal (f->rule, DAG_RULE_STAFF_HBO))
    return _("Needs an HBO");
  if (g_str_equal (f->rule, DAG_RULE_STAFF_UNAVAILABLE))
    return _("Staff unavailable");
  if (g_str_equal (f->rule, DAG_RULE_STAFF_DOUBLE))
    return _("Staff booked twice");
  if (g_str_equal (f->rule, DAG_RULE_STAFF_CONTRACT))
    return _("Over contract");
  return _("Plan problem");
}

static Cell *
find_cell (DagStaffView *self,
           int           group,
           int           slot)
{
  for (guint i = 0; self->cells && i < self->cells->len; i++)
    {
      Cell *c = DAG_AT (self->cells, Cell, i);
      if (c->group == group && c->slot == slot)
        return c;
    }
  return NULL;
}

static int
find_staffing (const DagOrg *org,
               int           staff,
               int           group,
               int           slot)
{
  for (guint i = 0; i < org->staffing->len; i++)
    {
      const DagStaffing *s = DAG_AT (org->staffing, DagStaffing, i);
      if (s->staff == staff && s->group == group && s->slot == slot)
        return (int) i;
    }
  return -1;
}

/* ---- changing the staffing ---------------------------------------------- */

/* Makes org->staffing hold (add) or not hold the assignment, one row in
 * one store transaction; on error nothing changes. */
static gboolean
apply (DagStaffView *self,
       const Change *c,
       gboolean      add,
       GError      **error)
{
  int at = find_staffing (self->org, c->staff, c->group, c->slot);
  DagStaffing entry = { c->staff, c->group, c->slot };

  if ((at >= 0) == add)
    return TRUE;
  if (!dag_store_set_staffing (self->store, DAG_AT (self->org->staff, DagStaff, c->staff)->id,
                               DAG_AT (self->org->groups, DagGroup, c->group)->id, c->slot, add, error))
    return FALSE;
  /* The store keeps its rows in this order too: a new one comes last. */
  if (add)
    g_array_append_val (self->org->staffing, entry);
  else
    g_array_remove_index (self->org->staffing, at);
  return TRUE;
}

/* A change on the window's undo stack. */
typedef struct {
  DagStaffView *view;   /* the stack is cleared before the view goes */
  Change        change;
} Step;

/* Undo and redo show the location of the change, so one sees it. */
static gboolean
step_apply (gpointer  data,
            gboolean  undo,
            GError  **error)
{
  Step *step = data;
  DagStaffView *self = step->view;
  const Change *c = &step->change;
  int location = DAG_AT (self->org->groups, DagGroup, c->group)->location;

  if (location != self->location && location >= 0)
    dag_staff_view_set_location (self, location);
  if (!apply (self, c, undo ? !c->add : c->add, error))
    return FALSE;
  refresh (self);
  return TRUE;
}

/* "Assign Jan Bakker to Atelier, Monday morning". */
static char *
change_label (DagStaffView *self,
              const Change *c)
{
  const char *staff = DAG_AT (self->org->staff, DagStaff, c->staff)->name;
  const char *group = DAG_AT (self->org->groups, DagGroup, c->group)->name;
  const char *slot = dag_slot_label (c->slot);

  if (c->add)
    /* Translators: staff member, group, dagdeel. */
    return g_strdup_printf (_("Assign %s to %s, %s"), staff, group, slot);
  /* Translators: staff member, group, dagdeel. */
  return g_strdup_printf (_("Take %s off %s, %s"), staff, group, slot);
}

/* ---- the popover of a cell ---------------------------------------------- */

static void
staff_toggled_cb (GtkCheckButton *check,
                  DagStaffView   *self)
{
  int staff = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "staff"));
  int gs = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "group-slot"));
  g_autoptr(GError) error = NULL;
  gboolean assigned;

  assigned = self->org != NULL &&
             find_staffing (self->org, staff, gs / DAG_N_SLOTS, gs % DAG_N_SLOTS) >= 0;
  if (assigned == gtk_check_button_get_active (check))
    return;
  if (!dag_staff_view_toggle (self, staff, gs / DAG_N_SLOTS, gs % DAG_N_SLOTS, &error))
    {
      g_autofree char *title = g_strdup_printf (_("The staffing could not be saved: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      g_signal_handlers_block_by_func (check, staff_toggled_cb, self);
      gtk_check_button_set_active (check, assigned);
      g_signal_handlers_unblock_by_func (check, staff_toggled_cb, self);
    }
}

/* Built each time the popover opens: who can work in the slot and is not
 * busy in another group then, with whoever is assigned here ticked. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  DagStaffView *self = DAG_STAFF_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (button), DAG_TYPE_STAFF_VIEW));
  int gs = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "group-slot"));
  int group = gs / DAG_N_SLOTS, slot = gs % DAG_N_SLOTS;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree guint8 *busy = NULL;
  guint shown = 0;

  if (self == NULL || self->org == NULL)
    return;
  busy = g_new0 (guint8, self->org->staff->len + 1);
  for (guint i = 0; i < self->org->staffing->len; i++)
    {
      const DagStaffing *s = DAG_AT (self->org->staffing, DagStaffing, i);
      if (s->slot == slot && s->group != group && s->staff >= 0 && (guint) s->staff < self->org->staff->len)
        busy[s->staff] = 1;
    }
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL,
                                               "label", _("Staff available"),
                                               "xalign", 0.0f,
                                               "css-classes", (const char *[]) { "heading", NULL },
                                               NULL));
  for (guint i = 0; i < self->org->staff->len; i++)
    {
      const DagStaff *st = DAG_AT (self->org->staff, DagStaff, i);
      gboolean here = find_staffing (self->org, (int) i, group, slot) >= 0;
      g_autofree char *label = NULL;
      GtkWidget *check;

      if (!here && (busy[i] || !(st->available & DAG_SLOT_BIT (slot))))
        continue;
      /* TRANSLATORS: a staff member's name and qualification (HBO, MBO) */
      label = g_strdup_printf (_("%s (%s)"), st->name, qualification_name (st->qualification));
      check = gtk_check_button_new_with_label (label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), here);
      g_object_set_data (G_OBJECT (check), "staff", GINT_TO_POINTER ((int) i));
      g_object_set_data (G_OBJECT (check), "group-slot", GINT_TO_POINTER (gs));
      g_signal_connect_object (check, "toggled", G_CALLBACK (staff_toggled_cb), self, 0);
      gtk_box_append (GTK_BOX (box), check);
      shown++;
    }
  if (shown == 0)
    gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL,
                                                 "label", _("No staff member is free then"),
                                                 "css-classes", (const char *[]) { "dim-label", NULL },
                                                 NULL));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 400);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  gtk_menu_button_set_popover (button, popover);
}

/* ---- showing ------------------------------------------------------------ */

static GtkWidget *
badge (const char *text,
       const char *klass)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "staff-badge");
  gtk_widget_add_css_class (label, klass);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

/* The load of each shown group slot, as dag_rules_check counts it for the
 * standing week: each planned participant at the level of their first
 * indication of a product the group takes (else their first indication;
 * without any, one whole staff member). */
static void
compute_needs (DagStaffView *self,
               int          *need)
{
  const DagOrg *org = self->org;
  guint np = org->participants->len, ni = org->indications->len, ng = org->groups->len;
  guint unit = dag_rules_load_unit (&org->settings);
  g_autofree guint *start = g_new0 (guint, np + 2);
  g_autofree guint *list = g_new (guint, ni + 1);
  g_autofree guint *fill = NULL;
  g_autofree guint *load = g_new0 (guint, ng * DAG_N_SLOTS + 1);
  g_autofree guint *count = g_new0 (guint, ng * DAG_N_SLOTS + 1);
  g_autofree guint8 *high = g_new0 (guint8, ng * DAG_N_SLOTS + 1);

  for (guint i = 0; i < ni; i++)
    {
      int p = DAG_AT (org->indications, DagIndication, i)->participant;
      if (p >= 0 && (guint) p < np)
        start[p + 1]++;
    }
  for (guint p = 0; p < np; p++)
    start[p + 1] += start[p];
  fill = g_memdup2 (start, sizeof (guint) * (np + 1));
  for (guint i = 0; i < ni; i++)
    {
      int p = DAG_AT (org->indications, DagIndication, i)->participant;
      if (p >= 0 && (guint) p < np)
        list[fill[p]++] = i;
    }

  for (guint e = 0; e < org->plan->len; e++)
    {
      const DagPlanEntry *pe = DAG_AT (org->plan, DagPlanEntry, e);
      const DagGroup *g;
      int level = -1;
      guint gs;

      if (pe->group < 0 || (guint) pe->group >= ng || pe->slot < 0 || pe->slot >= DAG_N_SLOTS ||
          pe->participant < 0 || (guint) pe->participant >= np)
        continue;
      g = DAG_AT (org->groups, DagGroup, pe->group);
      if (g->location != self->location)
        continue;
      gs = pe->group * DAG_N_SLOTS + pe->slot;
      for (guint k = start[pe->participant]; k < start[pe->participant + 1] && level < 0; k++)
        {
          const DagIndication *in = DAG_AT (org->indications, DagIndication, list[k]);
          if (dag_rules_is_day_activity (org, in) &&
              dag_rules_group_takes (g, dag_rules_indication_product (org, in)))
            level = in->level;
        }
      if (level < 0 && start[pe->participant] < start[pe->participant + 1])
        level = DAG_AT (org->indications, DagIndication, list[start[pe->participant]])->level;
      count[gs]++;
      if (level < 0)
        load[gs] += unit;
      else
        {
          load[gs] += dag_rules_share (&org->settings, unit, level);
          high[gs] |= dag_rules_needs_hbo (&org->settings, level);
        }
    }
  for (guint i = 0; i < self->cells->len; i++)
    {
      Cell *c = DAG_AT (self->cells, Cell, i);
      guint gs = c->group * DAG_N_SLOTS + c->slot;
      DagStaffNeed n;

      dag_rules_staff_need (unit, load[gs], count[gs], high[gs], &n);
      need[i] = n.total;
      /* Whether a lead is marked: the duo rule applies. */
      need[self->cells->len + i] = n.total >= 2;
    }
}

static void
show_week (DagStaffView *self)
{
  GtkWidget *child;
  const DagStaff *st;
  int used = 0, max;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->week_box))) != NULL)
    gtk_box_remove (self->week_box, child);
  g_clear_pointer (&self->contract_text, g_free);
  if (self->org == NULL || self->staff < 0 || (guint) self->staff >= self->org->staff->len)
    {
      gtk_label_set_text (self->contract_label, "");
      return;
    }
  st = DAG_AT (self->org->staff, DagStaff, self->staff);
  for (guint i = 0; i < self->org->staffing->len; i++)
    if (DAG_AT (self->org->staffing, DagStaffing, i)->staff == self->staff)
      used++;
  max = dag_rules_staff_max_slots (&self->org->settings, st);
  /* TRANSLATORS: contract use of a staff member, e.g. "6 of 8 dagdelen" */
  self->contract_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d of %d dagdeel", "%d of %d dagdelen", max),
                                         used, max);
  {
    g_autofree char *text = g_strdup_printf ("%s · %s", qualification_name (st->qualification), self->contract_text);
    gtk_label_set_text (self->contract_label, text);
  }
  gtk_widget_remove_css_class (GTK_WIDGET (self->contract_label), "error");
  if (used > max)
    gtk_widget_add_css_class (GTK_WIDGET (self->contract_label), "error");

  for (int day = 0; day < N_SHOWN_DAYS; day++)
    {
      GtkWidget *col = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_box_append (GTK_BOX (col), g_object_new (GTK_TYPE_LABEL, "label", dag_slot_grid_day_name (day), "xalign", 0.0f,
                                                   "css-classes", (const char *[]) { "heading", NULL }, NULL));
      for (int part = 0; part < N_SHOWN_PARTS; part++)
        {
          int slot = DAG_SLOT (day, part);
          g_autoptr(GString) text = g_string_new (NULL);
          GtkWidget *label;

          for (guint i = 0; i < self->org->staffing->len; i++)
            {
              const DagStaffing *s = DAG_AT (self->org->staffing, DagStaffing, i);
              if (s->staff == self->staff && s->slot == slot && s->group >= 0 &&
                  (guint) s->group < self->org->groups->len)
                {
                  const DagGroup *g = DAG_AT (self->org->groups, DagGroup, s->group);
                  const char *loc = g->location >= 0 && (guint) g->location < self->org->locations->len
                                    ? DAG_AT (self->org->locations, DagLocation, g->location)->name : "";
                  if (text->len)
                    g_string_append (text, ", ");
                  if (g->location == self->location)
                    g_string_append (text, g->name);
                  else
                    /* TRANSLATORS: a group and its location */
                    g_string_append_printf (text, _("%s at %s"), g->name, loc);
                }
            }
          label = g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "wrap", TRUE, NULL);
          if (text->len)
            {
              g_autofree char *line = g_strdup_printf ("%s: %s", dag_slot_grid_part_name (part), text->str);
              gtk_label_set_text (GTK_LABEL (label), line);
            }
          else
            {
              g_autofree char *line = g_strdup_printf ("%s: —", dag_slot_grid_part_name (part));
              gtk_label_set_text (GTK_LABEL (label), line);
              gtk_widget_add_css_class (label, "dim-label");
            }
          gtk_box_append (GTK_BOX (col), label);
        }
      gtk_box_append (self->week_box, col);
    }
}

/* Fills every cell anew from org: needs, assigned staff, findings. */
static void
refresh (DagStaffView *self)
{
  g_autoptr(GArray) findings = NULL;
  g_autofree int *need = NULL;
  guint n_problems = 0;
  gint64 t0 = g_get_monotonic_time ();

  if (self->org == NULL || self->cells == NULL)
    return;
  /* Only the shown location's cells: the other locations' rules are
   * another location's business (and most of the work). */
  {
    g_autofree int *shown = g_new (int, self->cells->len + 1);

    for (guint i = 0; i < self->cells->len; i++)
      {
        const Cell *c = DAG_AT (self->cells, Cell, i);

        shown[i] = c->group * DAG_N_SLOTS + c->slot;
      }
    findings = dag_rules_check_cells (self->org, DAG_DATE_NONE, shown, self->cells->len);
  }
  g_debug ("Staff view: %u cells checked in %.1f ms", self->cells->len, (g_get_monotonic_time () - t0) / 1000.0);
  need = g_new0 (int, 2 * self->cells->len + 1);
  compute_needs (self, need);

  for (guint i = 0; i < self->cells->len; i++)
    {
      Cell *c = DAG_AT (self->cells, Cell, i);
      GtkWidget *box, *label;
      g_autoptr(GString) problems = g_string_new (NULL);
      g_autoptr(GString) shown = g_string_new (NULL);
      gboolean error = FALSE, warning = FALSE, lead_marked = FALSE;
      g_autofree char *need_text = NULL;

      g_clear_pointer (&c->problems, g_free);
      c->need = need[i];
      if (c->button == NULL)
        continue;

      /* What the cell would show; a cell that shows it already is left as
       * it is, so that one assignment redraws one or two cells. */
      g_string_append_printf (shown, "%d %d|", c->need, need[self->cells->len + i]);
      for (guint k = 0; k < self->org->staffing->len; k++)
        {
          const DagStaffing *s = DAG_AT (self->org->staffing, DagStaffing, k);

          if (s->group == c->group && s->slot == c->slot)
            g_string_append_printf (shown, "%d,", s->staff);
        }
      for (guint k = 0; k < findings->len; k++)
        {
          const DagFinding *f = &g_array_index (findings, DagFinding, k);

          if (f->group != c->group || f->slot != c->slot)
            continue;
          if (problems->len)
            g_string_append_c (problems, '\n');
          g_string_append (problems, f->message);
          error |= f->severity == DAG_SEVERITY_ERROR;
          warning |= f->severity == DAG_SEVERITY_WARNING;
          n_problems++;
        }
      g_string_append_printf (shown, "|%s", problems->str);
      if (problems->len)
        c->problems = g_strdup (problems->str);
      if (g_strcmp0 (c->shown, shown->str) == 0)
        continue;
      g_free (c->shown);
      c->shown = g_string_free (g_steal_pointer (&shown), FALSE);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      /* A menu button centres its child; every cell reads from the top left. */
      gtk_widget_set_halign (box, GTK_ALIGN_FILL);
      gtk_widget_set_hexpand (box, TRUE);
      gtk_widget_set_valign (box, GTK_ALIGN_START);
      if (c->need > 0)
        need_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d needed", "%d needed", c->need), c->need);
      else
        need_text = g_strdup (_("No one planned"));
      label = g_object_new (GTK_TYPE_LABEL, "label", need_text, "xalign", 0.0f,
                            "css-classes", (const char *[]) { "caption", "dim-label", NULL }, NULL);
      gtk_box_append (GTK_BOX (box), label);

      for (guint k = 0; k < self->org->staffing->len; k++)
        {
          const DagStaffing *s = DAG_AT (self->org->staffing, DagStaffing, k);
          const DagStaff *st;
          GtkWidget *row;

          if (s->group != c->group || s->slot != c->slot || s->staff < 0 ||
              (guint) s->staff >= self->org->staff->len)
            continue;
          st = DAG_AT (self->org->staff, DagStaff, s->staff);
          /* The name on a line of its own: cells are narrow. */
          gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "label", st->name, "xalign", 0.0f,
                                                       "ellipsize", PANGO_ELLIPSIZE_END,
                                                       "width-chars", 8, "max-width-chars", 14,
                                                       "css-classes", (const char *[]) { "staff-name", NULL },
                                                       NULL));
          row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
          gtk_box_append (GTK_BOX (row), badge (qualification_name (st->qualification),
                                                qualification_class (st->qualification)));
          /* The lead (regie) is the HBO member where the duo rule holds. */
          if (need[self->cells->len + i] && !lead_marked && st->qualification == DAG_QUAL_HBO)
            {
              gtk_box_append (GTK_BOX (row), badge (_("Lead"), "lead"));
              lead_marked = TRUE;
            }
          gtk_box_append (GTK_BOX (box), row);
        }

      for (guint k = 0; k < findings->len; k++)
        {
          const DagFinding *f = &g_array_index (findings, DagFinding, k);

          if (f->group != c->group || f->slot != c->slot)
            continue;
          label = g_object_new (GTK_TYPE_LABEL, "label", finding_short (f), "xalign", 0.0f,
                                "wrap", TRUE, "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                "width-chars", 8, "max-width-chars", 12, NULL);
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, f->severity == DAG_SEVERITY_ERROR ? "error" : "warning");
          gtk_box_append (GTK_BOX (box), label);
        }
      gtk_menu_button_set_child (GTK_MENU_BUTTON (c->button), box);
      gtk_widget_remove_css_class (c->button, "error");
      gtk_widget_remove_css_class (c->button, "warning");
      if (error)
        gtk_widget_add_css_class (c->button, "error");
      else if (warning)
        gtk_widget_add_css_class (c->button, "warning");
      gtk_widget_set_tooltip_text (c->button, c->problems);
    }

  if (n_problems == 0)
    gtk_label_set_text (self->summary_label, _("No staffing problems at this location"));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem at this location",
                                                            "%u problems at this location", n_problems),
                                               n_problems);
      gtk_label_set_text (self->summary_label, text);
    }
  show_week (self);
  g_debug ("Staff view refreshed in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
}

/* Lays out the grid of the shown location: headers, one row per group. */
static void
build_grid (DagStaffView *self)
{
  int row = DAG_SLOT_GRID_FIRST_ROW;

  g_array_set_size (self->cells, 0);
  dag_slot_grid_reset (self->grid);
  if (self->org == NULL || self->location < 0)
    return;

  for (guint g = 0; g < self->org->groups->len; g++)
    {
      const DagGroup *gr = DAG_AT (self->org->groups, DagGroup, g);

      if (gr->location != self->location)
        continue;
      dag_slot_grid_add_group (self->grid, gr->name, row, 16);
      for (int day = 0; day < N_SHOWN_DAYS; day++)
        for (int part = 0; part < N_SHOWN_PARTS; part++)
          {
            Cell cell = { (int) g, DAG_SLOT (day, part), NULL, 0, NULL };
            int column = 1 + day * N_SHOWN_PARTS + part;

            if (gr->slots & DAG_SLOT_BIT (cell.slot))
              {
                cell.button = gtk_menu_button_new ();
                gtk_widget_add_css_class (cell.button, "staff-cell");
                gtk_widget_set_hexpand (cell.button, TRUE);
                gtk_widget_set_valign (cell.button, GTK_ALIGN_FILL);
                g_object_set_data (G_OBJECT (cell.button), "group-slot",
                                   GINT_TO_POINTER ((int) g * DAG_N_SLOTS + cell.slot));
                gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (cell.button), create_popup_cb, NULL, NULL);
                gtk_grid_attach (self->grid, cell.button, column, row, 1, 1);
              }
            else
              gtk_grid_attach (self->grid, g_object_new (GTK_TYPE_LABEL, "label", "—",
                                                         "css-classes", (const char *[]) { "dim-label", NULL },
                                                         NULL),
                               column, row, 1, 1);
            g_array_append_val (self->cells, cell);
          }
      row++;
    }
  refresh (self);
}

static void
location_selected_cb (DagStaffView *self)
{
  guint selected = gtk_drop_down_get_selected (self->location_dropdown);
  int location = selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected;

  if (location == self->location)
    return;
  self->location = location;
  build_grid (self);
}

static void
staff_selected_cb (DagStaffView *self)
{
  guint selected = gtk_drop_down_get_selected (self->staff_dropdown);

  self->staff = selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected;
  show_week (self);
}

/* ---- GObject ------------------------------------------------------------ */

static void
dag_staff_view_dispose (GObject *object)
{
  DagStaffView *self = DAG_STAFF_VIEW (object);

  g_clear_object (&self->store);
  self->org = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), DAG_TYPE_STAFF_VIEW);
  G_OBJECT_CLASS (dag_staff_view_parent_class)->dispose (object);
}

static void
dag_staff_view_finalize (GObject *object)
{
  DagStaffView *self = DAG_STAFF_VIEW (object);

  g_clear_pointer (&self->cells, g_array_unref);
  g_free (self->contract_text);
  G_OBJECT_CLASS (dag_staff_view_parent_class)->finalize (object);
}

static void
dag_staff_view_class_init (DagStaffViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dag_staff_view_dispose;
  object_class->finalize = dag_staff_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dagritme/Dagritme/dag-staff-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, location_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, staff_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, grid);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, contract_label);
  gtk_widget_class_bind_template_child (widget_class, DagStaffView, week_box);
  gtk_widget_class_bind_template_callback (widget_class, location_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, staff_selected_cb);
}

static const char css[] =
  ".staff-cell > button { padding: 4px 6px; }\n"
  ".staff-cell label.staff-name { font-weight: normal; }\n"
  ".staff-cell.error > button { background-color: alpha(@error_color, 0.12); }\n"
  ".staff-cell.warning > button { background-color: alpha(@warning_color, 0.12); }\n"
  ".staff-badge { font-size: 0.75em; font-weight: bold; border-radius: 4px; padding: 0 4px; }\n"
  ".staff-badge.hbo { background-color: alpha(@accent_bg_color, 0.25); }\n"
  ".staff-badge.mbo { background-color: alpha(@success_color, 0.25); }\n"
  ".staff-badge.volunteer { background-color: alpha(currentColor, 0.1); }\n"
  ".staff-badge.lead { background-color: alpha(@warning_color, 0.35); }\n";

static void
dag_staff_view_init (DagStaffView *self)
{
  static gsize css_loaded = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not a bound template child: AdwBin unparents its child itself. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->location = -1;
  self->staff = -1;
  self->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (self->cells, cell_clear);
  if (g_once_init_enter (&css_loaded))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider, css, -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_unref (provider);
      g_once_init_leave (&css_loaded, 1);
    }
}

/* ---- public ------------------------------------------------------------- */

void
dag_staff_view_set_org (DagStaffView *self,
                        DagStore     *store,
                        DagOrg       *org)
{
  g_autoptr(GtkStringList) locations = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) staff = gtk_string_list_new (NULL);
  /* The search of the staff dropdown matches the names. */
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  int location = -1, staff_member = -1;

  g_return_if_fail (DAG_IS_STAFF_VIEW (self));

  /* The same organisation again (its records were edited in place): shows
   * it anew where it was, and its steps on the undo stack still hold. */
  if (org != NULL && org == self->org)
    {
      location = self->location;
      staff_member = self->staff;
    }
  else if (dag_history_for_widget (GTK_WIDGET (self)) != NULL)
    dag_history_forget (dag_history_for_widget (GTK_WIDGET (self)), self);
  g_set_object (&self->store, store);
  self->org = org;
  self->location = -1;
  self->staff = -1;
  if (org != NULL)
    {
      for (guint i = 0; i < org->locations->len; i++)
        gtk_string_list_append (locations, DAG_AT (org->locations, DagLocation, i)->name);
      for (guint i = 0; i < org->staff->len; i++)
        gtk_string_list_append (staff, DAG_AT (org->staff, DagStaff, i)->name);
    }
  gtk_drop_down_set_expression (self->staff_dropdown, expression);
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (staff));
  gtk_drop_down_set_model (self->location_dropdown, G_LIST_MODEL (locations));
  /* Setting the model selects the first item and shows its grid and week. */
  if (location >= 0 && (guint) location < org->locations->len)
    gtk_drop_down_set_selected (self->location_dropdown, (guint) location);
  if (staff_member >= 0 && (guint) staff_member < org->staff->len)
    gtk_drop_down_set_selected (self->staff_dropdown, (guint) staff_member);
  location_selected_cb (self);
  staff_selected_cb (self);
}

void
dag_staff_view_set_location (DagStaffView *self,
                             int           location)
{
  g_return_if_fail (DAG_IS_STAFF_VIEW (self));
  g_return_if_fail (self->org != NULL && location >= 0 && (guint) location < self->org->locations->len);
  gtk_drop_down_set_selected (self->location_dropdown, (guint) location);
}

void
dag_staff_view_set_staff (DagStaffView *self,
                          int           staff)
{
  g_return_if_fail (DAG_IS_STAFF_VIEW (self));
  g_return_if_fail (self->org != NULL && staff >= 0 && (guint) staff < self->org->staff->len);
  gtk_drop_down_set_selected (self->staff_dropdown, (guint) staff);
}

GtkWidget *
dag_staff_view_get_cell (DagStaffView *self,
                         int           group,
                         int           slot)
{
  Cell *c;

  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), NULL);
  c = find_cell (self, group, slot);
  return c ? c->button : NULL;
}

int
dag_staff_view_get_need (DagStaffView *self,
                         int           group,
                         int           slot)
{
  Cell *c;

  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), -1);
  c = find_cell (self, group, slot);
  return c && c->button ? c->need : -1;
}

const char *
dag_staff_view_get_problems (DagStaffView *self,
                             int           group,
                             int           slot)
{
  Cell *c;

  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), NULL);
  c = find_cell (self, group, slot);
  return c ? c->problems : NULL;
}

const char *
dag_staff_view_get_contract_text (DagStaffView *self)
{
  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), NULL);
  return self->contract_text;
}

gboolean
dag_staff_view_toggle (DagStaffView *self,
                       int           staff,
                       int           group,
                       int           slot,
                       GError      **error)
{
  Change c = { staff, group, slot, FALSE };
  DagHistory *history;

  g_return_val_if_fail (DAG_IS_STAFF_VIEW (self), FALSE);
  g_return_val_if_fail (self->org != NULL && self->store != NULL, FALSE);
  g_return_val_if_fail (staff >= 0 && (guint) staff < self->org->staff->len, FALSE);
  g_return_val_if_fail (group >= 0 && (guint) group < self->org->groups->len, FALSE);
  g_return_val_if_fail (slot >= 0 && slot < DAG_N_SLOTS, FALSE);

  c.add = find_staffing (self->org, staff, group, slot) < 0;
  if (!apply (self, &c, c.add, error))
    return FALSE;
  history = dag_history_for_widget (GTK_WIDGET (self));
  if (history != NULL)
    {
      Step *step = g_new0 (Step, 1);
      g_autofree char *label = change_label (self, &c);

      step->view = self;
      step->change = c;
      dag_history_push (history, self, label, "staff", step_apply, step, g_free);
    }
  refresh (self);
  return TRUE;
}
