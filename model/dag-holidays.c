/* dag-holidays.c — Dutch public holidays from the Easter date and fixed days. */

#include "config.h"

#include "dag-holidays.h"

DagDate
dag_easter_sunday (int year)
{
  /* The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
  int a = year % 19;
  int b = year / 100, c = year % 100;
  int d = b / 4, e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = ((h + l - 7 * m + 114) % 31) + 1;

  return dag_date_from_ymd (year, month, day);
}

gboolean
dag_holiday_check (const DagSettings *settings,
                   DagDate            date,
                   const char       **name)
{
  int y, m, d;
  const char *found = NULL;

  dag_date_to_ymd (date, &y, &m, &d);

  if (m == 1 && d == 1)
    found = "Nieuwjaarsdag";
  else if (m == 12 && d == 25)
    found = "Eerste Kerstdag";
  else if (m == 12 && d == 26)
    found = "Tweede Kerstdag";
  else if (m == 4 && (d == 26 || d == 27))
    {
      /* Koningsdag is 27 April, or the 26th when the 27th is a Sunday. */
      DagDate the27th = dag_date_from_ymd (y, 4, 27);
      gboolean sunday = dag_date_weekday (the27th) == 6;
      if ((d == 27 && !sunday) || (d == 26 && sunday))
        found = "Koningsdag";
    }
  else if (m == 5 && d == 5 && settings != NULL && settings->holiday_liberation_day)
    found = "Bevrijdingsdag";

  if (found == NULL && m >= 3 && m <= 6)
    {
      DagDate easter = dag_easter_sunday (y);
      int offset = (int) date - (int) easter;

      switch (offset)
        {
        case -2:
          if (settings != NULL && settings->holiday_good_friday)
            found = "Goede Vrijdag";
          break;
        case 0:  found = "Eerste Paasdag"; break;
        case 1:  found = "Tweede Paasdag"; break;
        case 39: found = "Hemelvaartsdag"; break;
        case 49: found = "Eerste Pinksterdag"; break;
        case 50: found = "Tweede Pinksterdag"; break;
        default: break;
        }
    }

  if (name)
    *name = found;
  return found != NULL;
}
