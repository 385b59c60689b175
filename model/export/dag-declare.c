/* dag-declare.c — declares a month to the municipalities as iWmo 3.2
 * WMO323 messages: the lines from the month's production and the ledger,
 * the XML, its local check, the files, and the ledger entries. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "dag-declare.h"
#include "dag-iwmo-check.h"

G_DEFINE_QUARK (dag-declare-error-quark, dag_declare_error)

#define NS_BASIS    "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
#define NS_WMO323   "http://www.istandaarden.nl/iwmo/3_2/wmo323/schema"
#define XSD_VERSION "1.0.0"

/* LDT_Nummer: a ToewijzingNummer is an integer of at most 9 digits. */
#define MAX_ALLOCATION_NUMBER G_GUINT64_CONSTANT (999999999)

/* Suffixes that tell the declarations of one municipality and month apart
 * after the first ("D0202202604", "D02022026041", …): DeclaratieNummer
 * holds at most 12 letters and digits (TR333). */
static const char number_suffixes[] =
  "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* ---- the ledger --------------------------------------------------------- */

static void
clear_line (gpointer p)
{
  DagDeclarationLine *l = p;

  g_free (l->reference);
  g_free (l->product_code);
  g_free (l->corrects);
  g_free (l->response_code);
}

static DagDeclaration *
declaration_new (void)
{
  DagDeclaration *d = g_new0 (DagDeclaration, 1);

  d->municipality = -1;
  d->lines = g_array_new (FALSE, TRUE, sizeof (DagDeclarationLine));
  g_array_set_clear_func (d->lines, clear_line);
  return d;
}

static void
declaration_free (DagDeclaration *d)
{
  if (d == NULL)
    return;
  g_free (d->number);
  g_clear_pointer (&d->lines, g_array_unref);
  g_free (d);
}

gint64
dag_declaration_total_cents (const DagDeclaration *declaration)
{
  gint64 total = 0;

  g_return_val_if_fail (declaration != NULL, 0);

  for (guint i = 0; i < declaration->lines->len; i++)
    {
      const DagDeclarationLine *l = DAG_AT (declaration->lines, DagDeclarationLine, i);
      total += l->debit_credit == 'C' ? -l->amount_cents : l->amount_cents;
    }
  return total;
}

/* ---- what a line needs -------------------------------------------------- */

static const DagProduct *
indication_product (const DagOrg        *org,
                    const DagIndication *ind)
{
  const DagContract *c;

  if (ind->contract < 0 || (guint) ind->contract >= org->contracts->len)
    return NULL;
  c = DAG_AT (org->contracts, DagContract, ind->contract);
  if (ind->product < 0 || (guint) ind->product >= c->products->len)
    return NULL;
  return DAG_AT (c->products, DagProduct, ind->product);
}

/* The allocation number as the integer of the WMO301 (LDT_Nummer), without
 * leading zeros, into out (16 bytes); FALSE when it is not one. */
static gboolean
allocation_digits (const char *text,
                   char       *out)
{
  guint64 value = 0;

  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *c = text; *c; c++)
    {
      if (!g_ascii_isdigit (*c))
        return FALSE;
      value = value * 10 + (guint64) (*c - '0');
      if (value > MAX_ALLOCATION_NUMBER)
        return FALSE;
    }
  g_snprintf (out, 16, "%" G_GUINT64_FORMAT, value);
  return TRUE;
}

static gboolean
all_digits (const char *text,
            gsize       n)
{
  if (text == NULL || strlen (text) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
product_code_ok (const char *code)
{
  gsize n = code ? strlen (code) : 0;

  if (n < 1 || n > 5)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (code[i]))
      return FALSE;
  return TRUE;
}

/* One tier of a staffel in a month: its units, tariff and product code. */
typedef struct {
  int         units;
  gint64      tariff_cents;
  const char *code;
} Tier;

/* Splits a month's units of product into the tiers of its staffel as
 * dag_production_price() prices them (units 1 … from_unit − 1 at the
 * tariff in force, then the tier's): each becomes a line of its own with
 * the tier's code, so that every line's amount is volume × tariff
 * (TR346).  tiers holds staffel length + 1; returns how many have units. */
static guint
split_tiers (const DagProduct *product,
             int               units,
             Tier             *tiers)
{
  gint64 tariff = product->tariff_cents;
  const char *code = product->code;
  int unit = 1;   /* the first unit not yet in a tier */
  guint n = 0;

  for (guint i = 0; product->staffel != NULL && i < product->staffel->len && unit <= units; i++)
    {
      const DagStaffel *st = DAG_AT (product->staffel, DagStaffel, i);
      int last = MIN (units, st->from_unit - 1);

      if (last >= unit)
        {
          tiers[n++] = (Tier) { last - unit + 1, tariff, code };
          unit = last + 1;
        }
      tariff = st->tariff_cents;
      code = st->code;
    }
  if (units >= unit)
    tiers[n++] = (Tier) { units - unit + 1, tariff, code };
  return n;
}

/* ---- what can not be declared ------------------------------------------ */

typedef struct {
  const DagOrg *org;
  GPtrArray    *problems;   /* of char *, in the order found */
  GHashTable   *seen;       /* keys of the records already named */
} Problems;

static gboolean
first_time (Problems   *pr,
            char       *key)   /* taken */
{
  if (g_hash_table_contains (pr->seen, key))
    {
      g_free (key);
      return FALSE;
    }
  g_hash_table_add (pr->seen, key);
  return TRUE;
}

static void
check_product (Problems         *pr,
               int               contract,
               const DagProduct *p)
{
  const DagContract *c = DAG_AT (pr->org->contracts, DagContract, contract);

  if (!first_time (pr, g_strdup_printf ("p%d/%s", contract, p->product)))
    return;
  if (!product_code_ok (p->code))
    g_ptr_array_add (pr->problems,
                     g_strdup_printf (_("contract %s, product %s: the product code “%s” is not 1 to 5 letters and digits"),
                                      c->id, p->product, p->code ? p->code : ""));
  if (!all_digits (p->category, 2))
    g_ptr_array_add (pr->problems,
                     g_strdup_printf (_("contract %s, product %s: no iWmo product category (“category”, e.g. “07”)"),
                                      c->id, p->product));
  if (!all_digits (p->unit_code, 2))
    g_ptr_array_add (pr->problems,
                     g_strdup_printf (_("contract %s, product %s: no iWmo unit code (“unit_code”, e.g. “16”)"),
                                      c->id, p->product));
  for (guint i = 0; p->staffel != NULL && i < p->staffel->len; i++)
    {
      const DagStaffel *st = DAG_AT (p->staffel, DagStaffel, i);

      if (st->code[0] == '\0')
        g_ptr_array_add (pr->problems,
                         g_strdup_printf (_("contract %s, product %s: the staffel tier from unit %d has no product code (“staffel[].code”)"),
                                          c->id, p->product, st->from_unit));
      else if (!product_code_ok (st->code))
        g_ptr_array_add (pr->problems,
                         g_strdup_printf (_("contract %s, product %s: the product code “%s” of the staffel tier from unit %d is not 1 to 5 letters and digits"),
                                          c->id, p->product, st->code, st->from_unit));
    }
}

/* Names the indication, and its contract product, when a line of it can
 * not be declared. */
static void
check_indication (Problems *pr,
                  int       indication)
{
  const DagIndication *ind = DAG_AT (pr->org->indications, DagIndication, indication);
  const DagParticipant *pa = DAG_AT (pr->org->participants, DagParticipant, ind->participant);
  const DagProduct *p = indication_product (pr->org, ind);
  char digits[16];

  if (!first_time (pr, g_strdup_printf ("i%d", indication)))
    return;
  if (!allocation_digits (ind->allocation_number, digits))
    g_ptr_array_add (pr->problems,
                     g_strdup_printf (_("indication %s (participant %s): the allocation number “%s” is not a number of at most 9 digits, as the WMO301 gives it"),
                                      ind->id, pa->id, ind->allocation_number ? ind->allocation_number : ""));
  if (p == NULL)
    g_ptr_array_add (pr->problems,
                     g_strdup_printf (_("indication %s (participant %s): its product is not in its contract"),
                                      ind->id, pa->id));
  else
    check_product (pr, ind->contract, p);
}

/* ---- the lines of one municipality -------------------------------------- */

/* A line of the month as it would be declared now. */
typedef struct {
  int         indication;
  int         participant;
  const char *code;           /* the product code (a tier's) */
  DagDate     start, end;
  int         units;
  gint64      tariff_cents;
} Want;

/* A line of the new message, before it has its reference. */
typedef struct {
  DagDeclarationLine line;
  const char        *bsn;
  guint              seq;
} Out;

static int
compare_outs (gconstpointer a,
              gconstpointer b)
{
  const Out *x = a, *y = b;
  int r = strcmp (x->bsn, y->bsn);

  if (r == 0)
    r = strcmp (x->line.product_code, y->line.product_code);
  if (r == 0 && x->line.period_start != y->line.period_start)
    r = x->line.period_start < y->line.period_start ? -1 : 1;
  /* A credit before the debit that takes its place. */
  if (r == 0 && x->line.debit_credit != y->line.debit_credit)
    r = x->line.debit_credit == 'C' ? -1 : 1;
  if (r == 0)
    r = (x->seq > y->seq) - (x->seq < y->seq);
  return r;
}

static void
clear_out (gpointer p)
{
  clear_line (&((Out *) p)->line);
}

static void
add_debit (GArray       *outs,
           const DagOrg *org,
           const Want   *w)
{
  Out o = { 0 };

  o.line.indication = w->indication;
  o.line.product_code = g_strdup (w->code);
  o.line.period_start = w->start;
  o.line.period_end = w->end;
  o.line.units = w->units;
  o.line.tariff_cents = w->tariff_cents;
  o.line.amount_cents = (gint64) w->units * w->tariff_cents;
  o.line.debit_credit = 'D';
  o.bsn = DAG_AT (org->participants, DagParticipant, w->participant)->bsn;
  o.seq = outs->len;
  g_array_append_val (outs, o);
}

/* A credit line that takes back old (TR323: VorigReferentieNummer). */
static void
add_credit (GArray                   *outs,
            const DagOrg             *org,
            const DagDeclarationLine *old)
{
  const DagIndication *ind = DAG_AT (org->indications, DagIndication, old->indication);
  Out o = { 0 };

  o.line.indication = old->indication;
  o.line.product_code = g_strdup (old->product_code);
  o.line.period_start = old->period_start;
  o.line.period_end = old->period_end;
  o.line.units = old->units;
  o.line.tariff_cents = old->tariff_cents;
  o.line.amount_cents = old->amount_cents;
  o.line.debit_credit = 'C';
  o.line.corrects = g_strdup (old->reference);
  o.bsn = DAG_AT (org->participants, DagParticipant, ind->participant)->bsn;
  o.seq = outs->len;
  g_array_append_val (outs, o);
}

/* The lines that stand for municipality m and the month after what was
 * sent: debit lines not taken back by a credit line.  A line the
 * municipality rejected (WMO325) did not happen: a rejected debit does not
 * stand, a rejected credit took nothing back. */
static GPtrArray *
standing_lines (GPtrArray *sent)
{
  g_autoptr(GHashTable) by_reference = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) debits = g_ptr_array_new ();
  GPtrArray *standing = g_ptr_array_new ();

  for (guint i = 0; i < sent->len; i++)
    {
      const DagDeclaration *d = g_ptr_array_index (sent, i);

      for (guint j = 0; j < d->lines->len; j++)
        {
          DagDeclarationLine *l = DAG_AT (d->lines, DagDeclarationLine, j);

          if (l->has_response && !l->response_accepted)
            continue;
          if (l->debit_credit == 'D')
            {
              g_ptr_array_add (debits, l);
              g_hash_table_insert (by_reference, l->reference, l);
            }
          else if (l->corrects != NULL)
            g_hash_table_remove (by_reference, l->corrects);
        }
    }
  for (guint i = 0; i < debits->len; i++)
    {
      DagDeclarationLine *l = g_ptr_array_index (debits, i);

      if (g_hash_table_lookup (by_reference, l->reference) == l)
        g_ptr_array_add (standing, l);
    }
  return standing;
}

static char *
line_key (int         indication,
          const char *code)
{
  return g_strdup_printf ("%d\x1f%s", indication, code ? code : "");
}

static gboolean
want_equals (const Want               *w,
             const DagDeclarationLine *l)
{
  return w->units == l->units && w->tariff_cents == l->tariff_cents &&
         w->start == l->period_start && w->end == l->period_end;
}

/* The lines of the new message (of Out): every wanted line as a debit when
 * nothing was sent; after a sent declaration only the differences, a
 * credit for each standing line that changed or went and a debit for each
 * new value. */
static GArray *
municipality_lines (const DagOrg *org,
                    GArray       *wants,
                    GPtrArray    *sent)
{
  GArray *outs = g_array_sized_new (FALSE, TRUE, sizeof (Out), wants->len);

  g_array_set_clear_func (outs, clear_out);
  if (sent->len == 0)
    {
      for (guint i = 0; i < wants->len; i++)
        add_debit (outs, org, DAG_AT (wants, Want, i));
    }
  else
    {
      g_autoptr(GPtrArray) standing = standing_lines (sent);
      g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < standing->len; i++)
        {
          const DagDeclarationLine *l = g_ptr_array_index (standing, i);
          char *key = line_key (l->indication, l->product_code);

          if (g_hash_table_contains (by_key, key))
            g_free (key);   /* a second line of the same key is taken back below */
          else
            g_hash_table_insert (by_key, key, (gpointer) l);
        }
      for (guint i = 0; i < wants->len; i++)
        {
          const Want *w = DAG_AT (wants, Want, i);
          g_autofree char *key = line_key (w->indication, w->code);
          const DagDeclarationLine *old = g_hash_table_lookup (by_key, key);

          if (old != NULL && !g_hash_table_contains (used, old))
            {
              g_hash_table_add (used, (gpointer) old);
              if (want_equals (w, old))
                continue;
              add_credit (outs, org, old);
            }
          add_debit (outs, org, w);
        }
      for (guint i = 0; i < standing->len; i++)
        {
          const DagDeclarationLine *l = g_ptr_array_index (standing, i);

          if (!g_hash_table_contains (used, l))
            add_credit (outs, org, l);
        }
    }
  g_array_sort (outs, compare_outs);
  return outs;
}

/* ---- numbers and references --------------------------------------------- */

/* The next free reference number: references are "R" and 12 digits, one
 * more than any in the ledger, so never one that was sent (TR314). */
static guint64
first_free_reference (const DagOrg *org)
{
  guint64 highest = 0;

  for (guint i = 0; i < org->declarations->len; i++)
    {
      const DagDeclaration *d = DAG_AT (org->declarations, DagDeclaration, i);

      for (guint j = 0; j < d->lines->len; j++)
        {
          const char *r = DAG_AT (d->lines, DagDeclarationLine, j)->reference;
          gsize n = r ? strlen (r) : 0;
          gboolean digits = n >= 2 && n <= 20 && r[0] == 'R';

          for (gsize k = 1; digits && k < n; k++)
            digits = g_ascii_isdigit (r[k]);
          if (digits)
            highest = MAX (highest, g_ascii_strtoull (r + 1, NULL, 10));
        }
    }
  return highest + 1;
}

/* "D" + municipality code + YYYYMM for the first declaration of that
 * municipality and month, then with a suffix past any used (a replaced
 * unsent declaration is still in the ledger when this runs, so a number
 * never comes back). */
static char *
declaration_number (const DagOrg *org,
                    const char   *code,
                    int           year,
                    int           month,
                    GError      **error)
{
  g_autofree char *base = g_strdup_printf ("D%s%04d%02d", code, year, month);
  gsize n = strlen (base);
  int highest = -2;   /* -2: unused; -1: base used; else index of the suffix */

  for (guint i = 0; i < org->declarations->len; i++)
    {
      const char *number = DAG_AT (org->declarations, DagDeclaration, i)->number;
      const char *at;

      if (number == NULL || strncmp (number, base, n) != 0)
        continue;
      if (number[n] == '\0')
        highest = MAX (highest, -1);
      else if (number[n + 1] == '\0' && (at = strchr (number_suffixes, number[n])) != NULL)
        highest = MAX (highest, (int) (at - number_suffixes));
    }
  if (highest == -2)
    return g_steal_pointer (&base);
  if (highest + 1 >= (int) strlen (number_suffixes) || n + 1 > 12)
    {
      g_set_error (error, DAG_DECLARE_ERROR, DAG_DECLARE_ERROR_NOT_DECLARABLE,
                   _("Municipality %s has too many declarations for %04d-%02d"), code, year, month);
      return NULL;
    }
  return g_strdup_printf ("%s%c", base, number_suffixes[highest + 1]);
}

/* ---- the XML ------------------------------------------------------------ */

/* XML 1.0 §2.2: tab, newline, carriage return, and U+0020–U+D7FF,
 * U+E000–U+FFFD, U+10000–U+10FFFF.  A control character in a text (an
 * allocation number with U+0001) would make the message invalid. */
static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  const char *c = text;

  if (strpbrk (text, "&<>\"'") == NULL)
    {
      gboolean plain = TRUE;

      for (const guchar *b = (const guchar *) text; *b && plain; b++)
        plain = *b >= 0x20 && *b < 0x80;
      if (plain)
        {
          g_string_append (out, text);
          return;
        }
    }
  while (*c)
    {
      gunichar u = g_utf8_get_char_validated (c, -1);

      if (u == (gunichar) -1 || u == (gunichar) -2)
        {
          /* Not UTF-8: one byte becomes U+FFFD. */
          g_string_append (out, "\xEF\xBF\xBD");
          c++;
          continue;
        }
      switch (u)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&apos;"); break;
        default:
          if (is_xml_char (u))
            g_string_append_len (out, c, g_utf8_next_char (c) - c);
          else
            g_string_append (out, "\xEF\xBF\xBD");
          break;
        }
      c = g_utf8_next_char (c);
    }
}

static void
element (GString    *out,
         const char *indent,
         const char *name,     /* with its prefix: "wmo323:Bsn" */
         const char *text)
{
  g_string_append (out, indent);
  g_string_append_c (out, '<');
  g_string_append (out, name);
  g_string_append_c (out, '>');
  append_escaped (out, text);
  g_string_append (out, "</");
  g_string_append (out, name);
  g_string_append (out, ">\n");
}

static void
element_int (GString    *out,
             const char *indent,
             const char *name,
             gint64      value)
{
  char buf[24];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  element (out, indent, name, buf);
}

static void
period (GString    *out,
        const char *indent,
        const char *name,
        DagDate     start,
        DagDate     end)
{
  char a[DAG_DATE_BUF], b[DAG_DATE_BUF];

  g_string_append_printf (out, "%s<%s>\n%s  <iwmo:Begindatum>%s</iwmo:Begindatum>\n"
                          "%s  <iwmo:Einddatum>%s</iwmo:Einddatum>\n%s</%s>\n",
                          indent, name, indent, dag_date_format (start, a),
                          indent, dag_date_format (end, b), indent, name);
}

static void
prestatie (GString                  *out,
           const DagOrg             *org,
           const DagDeclarationLine *l)
{
  const DagIndication *ind = DAG_AT (org->indications, DagIndication, l->indication);
  const DagProduct *p = indication_product (org, ind);
  const char *in = "            ";
  char allocation[16], side[2] = { l->debit_credit, '\0' };

  if (!allocation_digits (ind->allocation_number, allocation))
    g_strlcpy (allocation, ind->allocation_number, sizeof allocation);   /* checked before */

  g_string_append (out, "          <wmo323:Prestatie>\n");
  g_string_append (out, "            <wmo323:ProductReferentie>\n");
  element (out, "              ", "iwmo:ReferentieNummer", l->reference);
  if (l->corrects != NULL)
    element (out, "              ", "iwmo:VorigReferentieNummer", l->corrects);
  g_string_append (out, "            </wmo323:ProductReferentie>\n");
  element (out, in, "wmo323:ToewijzingNummer", allocation);
  element (out, in, "wmo323:ProductCategorie", p->category);
  element (out, in, "wmo323:ProductCode", l->product_code);
  period (out, in, "wmo323:ProductPeriode", l->period_start, l->period_end);
  element_int (out, in, "wmo323:GeleverdVolume", l->units);
  element (out, in, "wmo323:Eenheid", p->unit_code);
  element_int (out, in, "wmo323:ProductTarief", l->tariff_cents);
  g_string_append (out, "            <wmo323:IngediendBedrag>\n");
  element_int (out, "              ", "iwmo:Bedrag", l->amount_cents);
  element (out, "              ", "iwmo:DebetCredit", side);
  g_string_append (out, "            </wmo323:IngediendBedrag>\n");
  g_string_append (out, "          </wmo323:Prestatie>\n");
}

/* The WMO323 of declaration d (its lines sorted by BSN): one Client per
 * BSN, one Prestatie per line. */
static char *
message_xml (const DagOrg         *org,
             const DagDeclaration *d,
             int                   year,
             int                   month,
             gint64                total,
             gsize                *length)
{
  const DagMunicipality *m = DAG_AT (org->municipalities, DagMunicipality, d->municipality);
  GString *out = g_string_sized_new (2048 + d->lines->len * 900);
  char written[DAG_DATE_BUF];
  const char *client = NULL;

  dag_date_format (d->written, written);
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<wmo323:Bericht xmlns:iwmo=\"" NS_BASIS "\" xmlns:wmo323=\"" NS_WMO323 "\">\n"
                        "  <wmo323:Header>\n"
                        "    <wmo323:BerichtCode>484</wmo323:BerichtCode>\n"
                        "    <wmo323:BerichtVersie>3</wmo323:BerichtVersie>\n"
                        "    <wmo323:BerichtSubversie>2</wmo323:BerichtSubversie>\n");
  element (out, "    ", "wmo323:Afzender", org->agb_code ? org->agb_code : "");
  element (out, "    ", "wmo323:Ontvanger", m->code);
  g_string_append (out, "    <wmo323:BerichtIdentificatie>\n");
  element (out, "      ", "iwmo:Identificatie", d->number);
  element (out, "      ", "iwmo:Dagtekening", written);
  g_string_append (out, "    </wmo323:BerichtIdentificatie>\n"
                        "    <wmo323:XsdVersie>\n"
                        "      <iwmo:BasisschemaXsdVersie>" XSD_VERSION "</iwmo:BasisschemaXsdVersie>\n"
                        "      <iwmo:BerichtXsdVersie>" XSD_VERSION "</iwmo:BerichtXsdVersie>\n"
                        "    </wmo323:XsdVersie>\n"
                        "  </wmo323:Header>\n"
                        "  <wmo323:Declaratie>\n");
  element (out, "    ", "wmo323:DeclaratieNummer", d->number);
  period (out, "    ", "wmo323:DeclaratiePeriode", d->month,
          dag_date_from_ymd (year, month, dag_date_days_in_month (year, month)));
  element (out, "    ", "wmo323:DeclaratieDagtekening", written);
  g_string_append (out, "    <wmo323:TotaalIngediendBedrag>\n");
  element_int (out, "      ", "iwmo:TotaalBedrag", total < 0 ? -total : total);
  element (out, "      ", "iwmo:DebetCredit", total < 0 ? "C" : "D");
  g_string_append (out, "    </wmo323:TotaalIngediendBedrag>\n"
                        "    <wmo323:Clienten>\n");
  for (guint i = 0; i < d->lines->len; i++)
    {
      const DagDeclarationLine *l = DAG_AT (d->lines, DagDeclarationLine, i);
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, l->indication);
      const char *bsn = DAG_AT (org->participants, DagParticipant, ind->participant)->bsn;

      if (client == NULL || strcmp (client, bsn) != 0)
        {
          if (client != NULL)
            g_string_append (out, "        </wmo323:Prestaties>\n"
                                  "      </wmo323:Client>\n");
          g_string_append (out, "      <wmo323:Client>\n");
          element (out, "        ", "wmo323:Bsn", bsn);
          g_string_append (out, "        <wmo323:Prestaties>\n");
          client = bsn;
        }
      prestatie (out, org, l);
    }
  if (client != NULL)
    g_string_append (out, "        </wmo323:Prestaties>\n"
                          "      </wmo323:Client>\n");
  g_string_append (out, "    </wmo323:Clienten>\n"
                        "  </wmo323:Declaratie>\n"
                        "</wmo323:Bericht>\n");
  *length = out->len;
  return g_string_free (out, FALSE);
}

/* ---- the month ---------------------------------------------------------- */

static void
message_free (gpointer p)
{
  DagDeclareMessage *msg = p;

  declaration_free (msg->declaration);
  g_free (msg->replaces);
  g_free (msg->file_name);
  g_free (msg->xml);
  g_clear_pointer (&msg->findings, g_ptr_array_unref);
  g_free (msg);
}

void
dag_declare_result_free (DagDeclareResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->messages);
  g_ptr_array_unref (result->unchanged);
  g_ptr_array_unref (result->withdrawn);
  g_free (result);
}

static DagDeclareResult *
result_new (int year,
            int month)
{
  DagDeclareResult *result = g_new0 (DagDeclareResult, 1);

  result->year = year;
  result->month = month;
  result->messages = g_ptr_array_new_with_free_func (message_free);
  result->unchanged = g_ptr_array_new_with_free_func (g_free);
  result->withdrawn = g_ptr_array_new_with_free_func (g_free);
  return result;
}

/* What the month holds for one municipality. */
typedef struct {
  int        municipality;
  GArray    *wants;     /* of Want */
  GPtrArray *sent;      /* of DagDeclaration *, of the month, sent, in ledger order */
  GPtrArray *unsent;    /* same, not sent */
  GArray    *outs;      /* of Out */
} Month;

static void
month_clear (gpointer p)
{
  Month *mo = p;

  g_clear_pointer (&mo->wants, g_array_unref);
  g_clear_pointer (&mo->sent, g_ptr_array_unref);
  g_clear_pointer (&mo->unsent, g_ptr_array_unref);
  g_clear_pointer (&mo->outs, g_array_unref);
}

static int
compare_months (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const DagOrg *org = user_data;
  const Month *x = a, *y = b;

  return strcmp (DAG_AT (org->municipalities, DagMunicipality, x->municipality)->code,
                 DAG_AT (org->municipalities, DagMunicipality, y->municipality)->code);
}

static Month *
month_of (GArray *months,
          int    *slot,     /* per municipality its Month, or -1 */
          int     municipality)
{
  if (slot[municipality] < 0)
    {
      Month mo = { municipality, g_array_new (FALSE, TRUE, sizeof (Want)),
                   g_ptr_array_new (), g_ptr_array_new (), NULL };

      slot[municipality] = months->len;
      g_array_append_val (months, mo);
    }
  return DAG_AT (months, Month, slot[municipality]);
}

/* The wanted lines of production, per municipality, a staffel's tiers
 * split; and the ledger's declarations of the month. */
static GArray *
collect_months (const DagOrg        *org,
                const DagProduction *production,
                int                  municipality,
                DagDate              first)
{
  guint n = org->municipalities->len;
  g_autofree int *slot = g_new (int, n);
  GArray *months = g_array_new (FALSE, TRUE, sizeof (Month));

  g_array_set_clear_func (months, month_clear);
  for (guint m = 0; m < n; m++)
    slot[m] = -1;


  for (guint i = 0; i < production->lines->len; i++)
    {
      const DagProductionLine *l = DAG_AT (production->lines, DagProductionLine, i);
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, l->indication);
      const DagProduct *p = indication_product (org, ind);
      g_autofree Tier *tiers = NULL;
      guint n_tiers;
      Month *mo;

      if ((municipality >= 0 && l->municipality != municipality) || l->units <= 0)
        continue;
      mo = month_of (months, slot, l->municipality);
      if (p == NULL)
        {
          /* Named by check_indication(); never written. */
          Want w = { l->indication, l->participant, "", l->period_start, l->period_end, l->units, 0 };
          g_array_append_val (mo->wants, w);
          continue;
        }
      tiers = g_new (Tier, (p->staffel ? p->staffel->len : 0) + 1);
      n_tiers = split_tiers (p, l->units, tiers);
      for (guint t = 0; t < n_tiers; t++)
        {
          Want w = { l->indication, l->participant, tiers[t].code, l->period_start, l->period_end,
                     tiers[t].units, tiers[t].tariff_cents };
          g_array_append_val (mo->wants, w);
        }
    }
  for (guint i = 0; i < org->declarations->len; i++)
    {
      const DagDeclaration *d = DAG_AT (org->declarations, DagDeclaration, i);
      Month *mo;

      if (d->month != first || d->municipality < 0 ||
          (municipality >= 0 && d->municipality != municipality))
        continue;
      mo = month_of (months, slot, d->municipality);
      g_ptr_array_add (d->sent != DAG_DATE_NONE ? mo->sent : mo->unsent, (gpointer) d);
    }

  g_array_sort_with_data (months, compare_months, (gpointer) org);
  return months;
}

static void
check_organisation (Problems *pr,
                    GArray   *months)
{
  const DagOrg *org = pr->org;

  if (!all_digits (org->agb_code, 8))
    g_ptr_array_add (pr->problems,
                     g_strdup_printf (_("the organisation’s AGB code “%s” is not 8 digits"),
                                      org->agb_code ? org->agb_code : ""));
  for (guint i = 0; i < months->len; i++)
    {
      const Month *mo = DAG_AT (months, Month, i);
      const DagMunicipality *m = DAG_AT (org->municipalities, DagMunicipality, mo->municipality);

      if (mo->outs->len > 0 && !all_digits (m->code, 4))
        g_ptr_array_add (pr->problems,
                         g_strdup_printf (_("municipality %s (%s): the code is not 4 digits"), m->code, m->name));
      for (guint j = 0; j < mo->outs->len; j++)
        check_indication (pr, DAG_AT (mo->outs, Out, j)->line.indication);
    }
}

static DagDeclareMessage *
build_message (const DagOrg *org,
               Month        *mo,
               int           year,
               int           month,
               DagDate       today,
               guint64      *next_reference,
               GError      **error)
{
  const DagMunicipality *m = DAG_AT (org->municipalities, DagMunicipality, mo->municipality);
  DagDeclareMessage *msg;
  DagDeclaration *d;
  g_autofree char *number = declaration_number (org, m->code, year, month, error);
  gint64 total = 0;

  if (number == NULL)
    return NULL;
  msg = g_new0 (DagDeclareMessage, 1);
  msg->municipality = mo->municipality;
  d = msg->declaration = declaration_new ();
  d->number = g_steal_pointer (&number);
  d->municipality = mo->municipality;
  d->month = dag_date_from_ymd (year, month, 1);
  d->written = today;
  g_array_set_size (d->lines, mo->outs->len);
  for (guint i = 0; i < mo->outs->len; i++)
    {
      Out *o = DAG_AT (mo->outs, Out, i);
      DagDeclarationLine *l = DAG_AT (d->lines, DagDeclarationLine, i);

      /* Move the line over; the Out keeps nothing to free. */
      *l = o->line;
      memset (&o->line, 0, sizeof o->line);
      l->reference = g_strdup_printf ("R%012" G_GUINT64_FORMAT, (*next_reference)++);
      if (l->debit_credit == 'C')
        {
          total -= l->amount_cents;
          msg->n_credit++;
        }
      else
        {
          total += l->amount_cents;
          msg->n_debit++;
        }
    }
  msg->total_cents = total;
  if (mo->unsent->len > 0)
    msg->replaces = g_strdup (((DagDeclaration *) g_ptr_array_index (mo->unsent, mo->unsent->len - 1))->number);
  msg->file_name = g_strdup_printf ("WMO323-%s-%04d-%02d-%s.xml", m->code, year, month, d->number);
  msg->xml = message_xml (org, d, year, month, total, &msg->length);
  msg->findings = dag_iwmo_check_wmo323 (msg->xml, msg->length, org, error);
  if (msg->findings == NULL)
    {
      message_free (msg);
      return NULL;
    }
  return msg;
}

DagDeclareResult *
dag_declare_month (const DagOrg        *org,
                   const DagProduction *production,
                   int                  municipality,
                   DagDate              today,
                   GError             **error)
{
  g_autoptr(DagDeclareResult) result = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Problems pr = { org, problems, seen };
  DagDate first;
  guint64 next_reference;

  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (production != NULL, NULL);
  g_return_val_if_fail (municipality >= -1 && municipality < (int) org->municipalities->len, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  first = dag_date_from_ymd (production->year, production->month, 1);
  result = result_new (production->year, production->month);
  months = collect_months (org, production, municipality, first);

  for (guint i = 0; i < months->len; i++)
    {
      Month *mo = DAG_AT (months, Month, i);
      mo->outs = municipality_lines (org, mo->wants, mo->sent);
    }

  /* Nothing of the month is written when any line can not be declared:
   * name every record at fault at once, so that one round of fixes does. */
  check_organisation (&pr, months);
  if (problems->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (problems, NULL);
      list = g_strjoinv ("\n  ", (char **) problems->pdata);
      g_set_error (error, DAG_DECLARE_ERROR, DAG_DECLARE_ERROR_NOT_DECLARABLE,
                   _("%04d-%02d can not be declared; nothing was written:\n  %s"),
                   production->year, production->month, list);
      return NULL;
    }

  next_reference = first_free_reference (org);
  for (guint i = 0; i < months->len; i++)
    {
      Month *mo = DAG_AT (months, Month, i);
      DagDeclareMessage *msg;

      if (mo->outs->len == 0)
        {
          if (mo->sent->len > 0)
            g_ptr_array_add (result->unchanged,
                             g_strdup (DAG_AT (org->municipalities, DagMunicipality, mo->municipality)->code));
          for (guint j = 0; j < mo->unsent->len; j++)
            g_ptr_array_add (result->withdrawn,
                             g_strdup (((DagDeclaration *) g_ptr_array_index (mo->unsent, j))->number));
          continue;
        }
      msg = build_message (org, mo, production->year, production->month, today, &next_reference, error);
      if (msg == NULL)
        return NULL;
      g_ptr_array_add (result->messages, msg);
    }
  return g_steal_pointer (&result);
}

/* ---- writing ------------------------------------------------------------ */

/* Writes data to a new temp file (mode 0600) beside the final name;
 * returns its path. */
static char *
write_temp (const char *folder,
            const char *name,
            const char *data,
            gsize       length,
            GError    **error)
{
  g_autofree char *template = g_strdup_printf ("%s/.%s.XXXXXX", folder, name);
  int fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);
  gsize done = 0;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write in the folder “%s”: %s"), folder, g_strerror (saved));
      return NULL;
    }
  while (done < length)
    {
      gssize n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;

          close (fd);
          g_unlink (template);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Cannot write “%s”: %s"), name, g_strerror (saved));
          return NULL;
        }
      done += n;
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      int saved = errno;

      g_unlink (template);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), name, g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&template);
}

gboolean
dag_declare_result_write (const DagDeclareResult *result,
                          const char             *folder,
                          GError                **error)
{
  g_autoptr(GPtrArray) temps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) finals = g_ptr_array_new_with_free_func (g_free);
  gboolean created;
  guint renamed = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  if (result->messages->len == 0)
    return TRUE;
  created = !g_file_test (folder, G_FILE_TEST_EXISTS);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create the folder “%s”: %s"), folder, g_strerror (saved));
      return FALSE;
    }
  /* All or none: every file goes to a temp file first, and only when all
   * are written are they renamed into place. */
  for (guint i = 0; ok && i < result->messages->len; i++)
    {
      const DagDeclareMessage *msg = g_ptr_array_index (result->messages, i);
      char *temp = write_temp (folder, msg->file_name, msg->xml, msg->length, error);

      if (temp == NULL)
        ok = FALSE;
      else
        {
          g_ptr_array_add (temps, temp);
          g_ptr_array_add (finals, g_build_filename (folder, msg->file_name, NULL));
        }
    }
  for (; ok && renamed < temps->len; renamed++)
    if (g_rename (g_ptr_array_index (temps, renamed), g_ptr_array_index (finals, renamed)) != 0)
      {
        int saved = errno;
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _("Cannot write “%s”: %s"), (char *) g_ptr_array_index (finals, renamed),
                     g_strerror (saved));
        ok = FALSE;
        break;
      }
  if (!ok)
    {
      for (guint i = 0; i < temps->len; i++)
        g_unlink (g_ptr_array_index (i < renamed ? finals : temps, i));
      if (created)
        g_rmdir (folder);
      return FALSE;
    }
  return TRUE;
}

/* ---- the ledger --------------------------------------------------------- */

static void
remove_unsent (DagOrg     *org,
               int         municipality,
               DagDate     month,
               const char *number)   /* or NULL for any */
{
  for (guint i = org->declarations->len; i-- > 0;)
    {
      const DagDeclaration *d = DAG_AT (org->declarations, DagDeclaration, i);

      if (d->sent == DAG_DATE_NONE &&
          (number != NULL ? g_strcmp0 (d->number, number) == 0
                          : d->municipality == municipality && d->month == month))
        g_array_remove_index (org->declarations, i);
    }
}

void
dag_declare_result_apply (DagDeclareResult *result,
                          DagOrg           *org)
{
  DagDate month;

  g_return_if_fail (result != NULL);
  g_return_if_fail (org != NULL);

  month = dag_date_from_ymd (result->year, result->month, 1);
  for (guint i = 0; i < result->messages->len; i++)
    {
      DagDeclareMessage *msg = g_ptr_array_index (result->messages, i);

      if (msg->declaration == NULL)
        continue;
      remove_unsent (org, msg->municipality, month, NULL);
      /* The struct is copied in; its strings and lines now belong to org. */
      g_array_append_val (org->declarations, *msg->declaration);
      g_clear_pointer (&msg->declaration, g_free);
    }
  for (guint i = 0; i < result->withdrawn->len; i++)
    remove_unsent (org, -1, DAG_DATE_NONE, g_ptr_array_index (result->withdrawn, i));
}

gboolean
dag_declaration_mark_sent (DagOrg     *org,
                           const char *number,
                           DagDate     date,
                           GError    **error)
{
  g_return_val_if_fail (org != NULL, FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  for (guint i = 0; i < org->declarations->len; i++)
    {
      DagDeclaration *d = DAG_AT (org->declarations, DagDeclaration, i);
      char buf[DAG_DATE_BUF];

      if (g_strcmp0 (d->number, number) != 0)
        continue;
      if (d->sent != DAG_DATE_NONE)
        {
          g_set_error (error, DAG_DECLARE_ERROR, DAG_DECLARE_ERROR_ALREADY_SENT,
                       _("Declaration %s was already sent on %s"), number, dag_date_format (d->sent, buf));
          return FALSE;
        }
      if (date < d->written)
        {
          g_set_error (error, DAG_DECLARE_ERROR, DAG_DECLARE_ERROR_INVALID,
                       _("Declaration %s was written on %s; it can not have been sent before"),
                       number, dag_date_format (d->written, buf));
          return FALSE;
        }
      d->sent = date;
      return TRUE;
    }
  g_set_error (error, DAG_DECLARE_ERROR, DAG_DECLARE_ERROR_NOT_FOUND,
               _("There is no declaration %s"), number);
  return FALSE;
}
