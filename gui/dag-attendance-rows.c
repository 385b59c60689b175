/* dag-attendance-rows.c — the rows of the Attendance view: the widgets of
 * a session (name, status toggles, hours or reason, its menu of changes)
 * and of a heading (dagdeel and group, its completeness and "All
 * Present"), made by the list's factory and shared by both, and the keys
 * of the list. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "dag-attendance.h"
#include "dag-attendance-view-private.h"
#include "dag-validate.h"

typedef struct {
  DagAttendanceView *view;         /* the factory's, which the view keeps */
  GtkLabel          *name;
  GtkLabel          *group;
  GtkLabel          *part;
  GtkWidget         *toggle_box;
  GtkToggleButton   *toggles[3];
  GtkEntry          *reason;
  GtkEntry          *hours;
  GtkLabel          *note;
  GtkMenuButton     *menu;
  GtkWidget         *present;      /* a heading's "All Present" */
  int                menu_kind;    /* the _dag_attendance_row_kind() of the menu, -1 none */
  GtkListItem       *list_item;
  DagAttendanceItem *item;
  gulong             notify_id;
  gboolean           updating;
} RowWidgets;

static void row_menu_shown_cb (GtkWidget *popover, RowWidgets *w);

/* Selects the row at position of the shown list (headings counted). */
static void
select_shown (DagAttendanceView *self,
              guint              position)
{
  gtk_single_selection_set_selected (self->selection, position);
}

const char *
_dag_attendance_part_label (int part)
{
  switch (part)
    {
    case DAG_PART_AM:
      return C_("dagdeel", "Morning");
    case DAG_PART_PM:
      return C_("dagdeel", "Afternoon");
    default:
      return C_("dagdeel", "Evening");
    }
}

/* A heading: "Morning · Atelier", its completeness and "All Present";
 * the same widgets as a session's (rows are recycled between both). */
static void
row_show_heading (RowWidgets *w)
{
  DagAttendanceItem *item = w->item;
  gboolean expected = item->state == DAG_SESSION_ON;
  gboolean future = !dag_validate_attendance (DAG_ATTEND_PRESENT, w->view->date, dag_date_today (), NULL);
  g_autofree char *count = NULL;

  gtk_widget_set_margin_top (gtk_widget_get_parent (GTK_WIDGET (w->name)), 12);
  gtk_label_set_text (w->name, item->name);
  gtk_label_set_ellipsize (w->name, PANGO_ELLIPSIZE_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (w->name), "heading");
  gtk_widget_remove_css_class (GTK_WIDGET (w->name), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (w->part), FALSE);
  gtk_widget_set_visible (w->toggle_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (w->note), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (w->hours), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (w->reason), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (w->menu), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (w->group), expected);
  gtk_widget_set_visible (w->present, expected);
  if (!expected)
    return;
  if (item->n_registered == item->n_expected)
    /* Translators: a group heading's completeness in the Attendance view. */
    count = g_strdup_printf (ngettext ("All %u registered", "All %u registered", item->n_expected), item->n_expected);
  else
    /* Translators: a group heading's completeness, "7 of 9 registered". */
    count = g_strdup_printf (ngettext ("%u of %u registered", "%u of %u registered", item->n_expected),
                             item->n_registered, item->n_expected);
  gtk_label_set_text (w->group, count);
  if (item->n_registered == item->n_expected)
    gtk_widget_add_css_class (GTK_WIDGET (w->group), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (w->group), "success");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (w->present), "(ii)", item->part, item->group_index);
  gtk_widget_set_sensitive (w->present, item->n_registered < item->n_expected && !future);
  gtk_widget_set_tooltip_text (w->present,
                               future ? _("Nobody can be present on a day still to come")
                               : _("Mark everyone of this group who is not registered yet as present (A)"));
}

static void
row_show_status (RowWidgets *w)
{
  /* The registered status also in colour, not only as a pressed button. */
  static const char * const classes[] = { "success", "warning", "error" };

  gboolean on = w->item->state == DAG_SESSION_ON;

  if (w->item->header)
    {
      row_show_heading (w);
      return;
    }
  gtk_widget_set_margin_top (gtk_widget_get_parent (GTK_WIDGET (w->name)), 3);
  gtk_widget_remove_css_class (GTK_WIDGET (w->name), "heading");
  gtk_widget_remove_css_class (GTK_WIDGET (w->group), "success");
  gtk_label_set_ellipsize (w->name, PANGO_ELLIPSIZE_END);
  gtk_widget_set_visible (w->present, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (w->menu), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (w->group), TRUE);
  gtk_label_set_text (w->name, w->item->name);
  /* Under its heading a session needs neither group nor dagdeel, but an
   * extra dagdeel says so; who is not expected is listed across groups. */
  if (on)
    gtk_label_set_text (w->group, w->item->extra ? C_("attendance row", "extra dagdeel") : "");
  else
    gtk_label_set_text (w->group, w->item->group);
  gtk_label_set_width_chars (w->group, on ? 14 : 24);
  gtk_widget_set_visible (GTK_WIDGET (w->part), !on);
  gtk_label_set_text (w->part, _dag_attendance_part_label (w->item->part));
  /* Absent or cancelled: not expected, nothing to register; the row says
   * why instead. */
  gtk_widget_set_visible (w->toggle_box, on);
  gtk_widget_set_visible (GTK_WIDGET (w->note), !on);
  gtk_label_set_text (w->note, w->item->note != NULL ? w->item->note : "");
  if (w->item->state == DAG_SESSION_ABSENT)
    gtk_widget_add_css_class (GTK_WIDGET (w->note), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (w->note), "warning");
  if (on)
    gtk_widget_remove_css_class (GTK_WIDGET (w->name), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (w->name), "dim-label");
  /* The menu is made when it is opened: row_menu_create_cb(). */
  w->updating = TRUE;
  for (int s = 0; s < 3; s++)
    {
      gtk_toggle_button_set_active (w->toggles[s], w->item->status == s);
      if (w->item->status == s)
        gtk_widget_add_css_class (GTK_WIDGET (w->toggles[s]), classes[s]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (w->toggles[s]), classes[s]);
    }
  /* A group keeps one button active; with none registered all are off. */
  gtk_widget_set_visible (GTK_WIDGET (w->reason), on && w->item->status == DAG_ATTEND_CANCELLED);
  gtk_editable_set_text (GTK_EDITABLE (w->reason), w->item->reason ? w->item->reason : "");
  gtk_widget_set_visible (GTK_WIDGET (w->hours), on && w->item->status == DAG_ATTEND_PRESENT);
  if (w->item->minutes >= 0)
    {
      g_autofree char *hours = g_strdup_printf ("%d:%02d", w->item->minutes / 60, w->item->minutes % 60);

      gtk_editable_set_text (GTK_EDITABLE (w->hours), hours);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (w->hours), "");
  w->updating = FALSE;
}

/* The menu of the row's kind, made when it is about to open: a popover
 * menu is a handful of widgets, and making one for every row shown took
 * most of the time of showing the first day.  A new popover only when the
 * kind of row changed since. */
static void
row_menu_create_cb (GtkMenuButton *button,
                    gpointer       user_data)
{
  RowWidgets *w = user_data;
  GtkPopover *popover;
  int kind;

  if (w->item == NULL || w->item->header)
    return;
  kind = _dag_attendance_row_kind (w->item);
  if (kind == w->menu_kind)
    return;
  gtk_menu_button_set_menu_model (w->menu, w->view->row_menus[kind]);
  popover = gtk_menu_button_get_popover (w->menu);
  if (popover != NULL)
    g_signal_connect (popover, "show", G_CALLBACK (row_menu_shown_cb), w);
  w->menu_kind = kind;
}

/* Opening a row's menu selects the row: its actions are about it. */
static void
row_menu_shown_cb (GtkWidget  *popover,
                   RowWidgets *w)
{
  if (w->list_item != NULL && w->item != NULL)
    select_shown (w->view, gtk_list_item_get_position (w->list_item));
}

static void
toggled_cb (GtkToggleButton *button,
            RowWidgets      *w)
{
  DagAttendanceView *self;
  int status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "status"));

  if (w->updating || w->item == NULL || !gtk_toggle_button_get_active (button))
    return;
  self = DAG_ATTENDANCE_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (button), DAG_TYPE_ATTENDANCE_VIEW));
  _dag_attendance_view_change_item (self, w->item, status, -1, NULL);
}

static void
reason_activate_cb (GtkEntry   *entry,
                    RowWidgets *w)
{
  DagAttendanceView *self;

  if (w->item == NULL)
    return;
  self = DAG_ATTENDANCE_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (entry), DAG_TYPE_ATTENDANCE_VIEW));
  _dag_attendance_view_change_item (self, w->item, DAG_ATTEND_CANCELLED, -1, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* A reason typed and left without Enter is kept too. */
static void
reason_leave_cb (GtkEventControllerFocus *controller,
                 RowWidgets              *w)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *view = gtk_widget_get_ancestor (entry, DAG_TYPE_ATTENDANCE_VIEW);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  /* Not while the row is recycled or the view goes away. */
  if (w->item == NULL || view == NULL || w->updating || DAG_ATTENDANCE_VIEW (view)->store == NULL
      || w->item->status != DAG_ATTEND_CANCELLED || g_strcmp0 (text, w->item->reason ? w->item->reason : "") == 0)
    return;
  _dag_attendance_view_change_item (DAG_ATTENDANCE_VIEW (view), w->item, DAG_ATTEND_CANCELLED, -1, text);
}

/* "3:30", "3.5" or "3,5" hours, or nothing (-1); at most a day. */
static gboolean
parse_hours (const char *text,
             int        *minutes)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  char *end = NULL;
  double hours;
  int h, m;

  if (*t == '\0')
    {
      *minutes = -1;
      return TRUE;
    }
  if (strchr (t, ':') != NULL)
    {
      char rest;

      if (sscanf (t, "%d:%d%c", &h, &m, &rest) != 2 || h < 0 || m < 0 || m > 59 || h * 60 + m > 24 * 60)
        return FALSE;
      *minutes = h * 60 + m;
      return TRUE;
    }
  g_strdelimit (t, ",", '.');
  hours = g_ascii_strtod (t, &end);
  if (end == t || *end != '\0' || !(hours >= 0 && hours <= 24))
    return FALSE;
  *minutes = (int) (hours * 60 + 0.5);
  return TRUE;
}

static void
hours_activate_cb (GtkEntry   *entry,
                   RowWidgets *w)
{
  DagAttendanceView *self;
  int minutes;

  if (w->item == NULL)
    return;
  self = DAG_ATTENDANCE_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (entry), DAG_TYPE_ATTENDANCE_VIEW));
  if (!parse_hours (gtk_editable_get_text (GTK_EDITABLE (entry)), &minutes))
    {
      _dag_attendance_view_show_toast (self, _("Hours must be a number like 3.5 or 3:30, at most 24"));
      return;
    }
  select_shown (self, gtk_list_item_get_position (w->list_item));
  gtk_widget_activate_action (GTK_WIDGET (self), "attendance.set-minutes", "i", minutes);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  static const char *labels[3];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  RowWidgets *w = g_new0 (RowWidgets, 1);

  w->view = user_data;
  /* No mnemonics: every row has these buttons; the keys 1/2/3 and p/c/n
   * set the selected row's status. */
  labels[0] = _("Present");
  labels[1] = _("Cancelled");
  /* Translators: an attendance status, a button in each row. */
  labels[2] = C_("attendance status", "No-show");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  w->name = GTK_LABEL (gtk_label_new (NULL));
  w->group = GTK_LABEL (gtk_label_new (NULL));
  w->part = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->name, 0);
  gtk_label_set_xalign (w->group, 0);
  gtk_label_set_xalign (w->part, 0);
  gtk_label_set_width_chars (w->name, 24);
  /* Room for "Creatief atelier (extra)": the columns stay aligned. */
  gtk_label_set_width_chars (w->group, 24);
  gtk_label_set_max_width_chars (w->group, 24);
  gtk_label_set_width_chars (w->part, 10);
  gtk_label_set_ellipsize (w->name, PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (w->group, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (w->group), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (w->part), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->name));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->part));

  gtk_widget_add_css_class (linked, "linked");
  gtk_widget_set_valign (linked, GTK_ALIGN_CENTER);
  for (int s = 0; s < 3; s++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (labels[s]);

      /* Arrow keys move between rows, not between these buttons; the
       * keys 1, 2 and 3 do what they do. */
      gtk_widget_set_focusable (toggle, FALSE);
      g_object_set_data (G_OBJECT (toggle), "status", GINT_TO_POINTER (s));
      if (s > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), w->toggles[0]);
      w->toggles[s] = GTK_TOGGLE_BUTTON (toggle);
      g_signal_connect (toggle, "toggled", G_CALLBACK (toggled_cb), w);
      gtk_box_append (GTK_BOX (linked), toggle);
    }
  gtk_box_append (GTK_BOX (box), linked);
  w->toggle_box = linked;

  w->note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->note, 0);
  gtk_label_set_ellipsize (w->note, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (w->note), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (w->note), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->note));

  w->hours = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (w->hours, _("Hours"));
  gtk_editable_set_width_chars (GTK_EDITABLE (w->hours), 6);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (w->hours), 6);
  gtk_widget_set_tooltip_text (GTK_WIDGET (w->hours), _("Hours attended, like 3:30 or 3.5; Enter saves"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->hours), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Hours attended"), -1);
  g_signal_connect (w->hours, "activate", G_CALLBACK (hours_activate_cb), w);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->hours));

  w->reason = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (w->reason, _("Reason for cancelling"));
  gtk_widget_set_hexpand (GTK_WIDGET (w->reason), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for cancelling"), -1);
  g_signal_connect (w->reason, "activate", G_CALLBACK (reason_activate_cb), w);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect (focus, "leave", G_CALLBACK (reason_leave_cb), w);
    gtk_widget_add_controller (GTK_WIDGET (w->reason), focus);
  }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->reason));

  /* The changes of this row's date: report absent, cancel, swap, … */
  w->menu = GTK_MENU_BUTTON (gtk_menu_button_new ());
  w->menu_kind = -1;
  gtk_menu_button_set_create_popup_func (w->menu, row_menu_create_cb, w, NULL);
  gtk_menu_button_set_icon_name (w->menu, "view-more-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (w->menu), "flat");
  gtk_widget_set_valign (GTK_WIDGET (w->menu), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (w->menu), GTK_ALIGN_END);
  gtk_widget_set_hexpand (GTK_WIDGET (w->menu), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (w->menu), _("Changes for This Date"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->menu));

  /* Only in a heading: the group present, then the exceptions. */
  w->present = gtk_button_new_with_label (_("All Present"));
  /* The target before the name: GTK checks the parameter type at once. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (w->present), "(ii)", -1, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (w->present), "attendance.group-present");
  gtk_widget_set_valign (w->present, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (w->present, GTK_ALIGN_END);
  gtk_widget_set_hexpand (w->present, TRUE);
  gtk_widget_set_visible (w->present, FALSE);
  gtk_box_append (GTK_BOX (box), w->present);

  g_object_set_data_full (G_OBJECT (box), "row-widgets", w, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  DagAttendanceItem *item = gtk_list_item_get_item (list_item);
  RowWidgets *w = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "row-widgets");

  w->item = item;
  w->list_item = list_item;
  w->notify_id = g_signal_connect_swapped (item, "notify::status", G_CALLBACK (row_show_status), w);
  row_show_status (w);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  RowWidgets *w = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), "row-widgets");

  if (w->item != NULL)
    g_clear_signal_handler (&w->notify_id, w->item);
  w->item = NULL;
}

/* Pops up the menu of the selected row, when its row is shown. */
static gboolean
open_selected_menu (DagAttendanceView *self)
{
  DagAttendanceItem *item = _dag_attendance_view_get_selected (self);

  if (item == NULL)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_widget_get_first_child (child);
      RowWidgets *w = box != NULL ? g_object_get_data (G_OBJECT (box), "row-widgets") : NULL;

      if (w != NULL && w->item == item)
        {
          gtk_menu_button_popup (w->menu);
          return TRUE;
        }
    }
  return FALSE;
}

/* 1/2/3 or p/c/n set the status of the selected row, Delete clears it;
 * a marks the selected row's group present, as do 1 and p on a heading.
 * The reason entry gets these keys first, so typing there is not
 * taken for a status. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DagAttendanceView     *self)
{
  int status;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  /* The Menu key or Shift+F10 opens the selected row's menu of changes. */
  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    return open_selected_menu (self);
  if (keyval == GDK_KEY_a || keyval == GDK_KEY_A)
    return gtk_widget_activate_action (GTK_WIDGET (self), "attendance.all-present", NULL);
  if (_dag_attendance_view_get_selected (self) == NULL)
    {
      DagAttendanceItem *heading = gtk_single_selection_get_selected_item (self->selection);

      if (heading == NULL)
        return FALSE;
      if (keyval == GDK_KEY_1 || keyval == GDK_KEY_KP_1 || keyval == GDK_KEY_p || keyval == GDK_KEY_P)
        return gtk_widget_activate_action (GTK_WIDGET (self), "attendance.all-present", NULL);
      return FALSE;
    }
  switch (keyval)
    {
    case GDK_KEY_1: case GDK_KEY_KP_1: case GDK_KEY_p: case GDK_KEY_P:
      status = DAG_ATTEND_PRESENT;
      break;
    case GDK_KEY_2: case GDK_KEY_KP_2: case GDK_KEY_c: case GDK_KEY_C:
      status = DAG_ATTEND_CANCELLED;
      break;
    case GDK_KEY_3: case GDK_KEY_KP_3: case GDK_KEY_n: case GDK_KEY_N:
      status = DAG_ATTEND_NO_SHOW;
      break;
    case GDK_KEY_Delete: case GDK_KEY_KP_Delete: case GDK_KEY_BackSpace:
      status = -1;
      break;
    default:
      return FALSE;
    }
  return gtk_widget_activate_action (GTK_WIDGET (self), "attendance.set-status", "i", status);
}

/* The list's rows and keys. */
void
_dag_attendance_rows_init (DagAttendanceView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
}
