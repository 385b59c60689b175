/* dag-date-popover.c — a calendar button for a date field: one GtkCalendar
 * in a GtkPopover under a GtkMenuButton, bound to the field's text. */

#include "config.h"

#include <glib/gi18n.h>

#include "dag-date-popover.h"
#include "dag-item-format.h"

#define BUTTON_KEY "dag-date-popover-button"

static void
calendar_day_selected_cb (GtkCalendar *calendar,
                          GtkEditable *entry)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  char buf[DAG_DATE_BUF];

  dag_date_format_human (dag_date_from_ymd (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                            g_date_time_get_day_of_month (dt)), buf);
  gtk_editable_set_text (entry, buf);
  gtk_editable_set_position (entry, -1);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* The calendar opens on the date typed, or today; showing it is no pick
 * (month changes by its arrows emit no "day-selected" either). */
static void
calendar_map_cb (GtkWidget   *calendar,
                 GtkEditable *entry)
{
  DagDate date = DAG_DATE_NONE;
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (!dag_date_parse_human (gtk_editable_get_text (entry), &date))
    date = dag_date_today ();
  dag_date_to_ymd (date, &y, &m, &d);
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  g_signal_handlers_block_by_func (calendar, calendar_day_selected_cb, entry);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), dt);
  g_signal_handlers_unblock_by_func (calendar, calendar_day_selected_cb, entry);
}

GtkWidget *
dag_date_popover_attach (GtkWidget *entry)
{
  GtkWidget *button, *popover, *calendar;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (entry) || GTK_IS_ENTRY (entry), NULL);

  calendar = gtk_calendar_new ();
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), entry, 0);
  g_signal_connect_object (calendar, "map", G_CALLBACK (calendar_map_cb), entry, 0);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Date"), -1);
  g_object_set_data (G_OBJECT (entry), BUTTON_KEY, button);
  if (ADW_IS_ENTRY_ROW (entry))
    {
      gtk_widget_add_css_class (button, "flat");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), button);
    }
  return button;
}

GtkWidget *
dag_date_popover_wrap (GtkWidget *entry)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  g_return_val_if_fail (GTK_IS_ENTRY (entry), NULL);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), dag_date_popover_attach (entry));
  return box;
}

GtkMenuButton *
dag_date_popover_get_button (GtkWidget *entry)
{
  g_return_val_if_fail (GTK_IS_WIDGET (entry), NULL);
  return g_object_get_data (G_OBJECT (entry), BUTTON_KEY);
}

GtkCalendar *
dag_date_popover_get_calendar (GtkMenuButton *button)
{
  GtkPopover *popover;

  g_return_val_if_fail (GTK_IS_MENU_BUTTON (button), NULL);
  popover = gtk_menu_button_get_popover (button);
  return popover != NULL ? GTK_CALENDAR (gtk_popover_get_child (popover)) : NULL;
}
