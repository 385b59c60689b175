/* test-iwmo-check.c — the local check of iWmo messages: the published
 * examples against the schemas the program carries, and each technical
 * rule of the WMO323 on a mutation of the example that breaks only it. */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "dag-iwmo-check.h"

/* The BSNs of the published examples: never in a finding. */
static const char *example_bsns[] = { "999900006", "999900018" };

static char *
iwmo_path (const char *relative)
{
  const char *dir = g_getenv ("DAG_IWMO_DIR");

  if (dir == NULL)
    return g_build_filename (SOURCE_DIR, "..", "shared", "data", "iwmo", relative, NULL);
  return g_build_filename (dir, relative, NULL);
}

/* The example message name ("WMO323"), or NULL (test skipped) when the
 * shared reference data is not beside the repository. */
static char *
read_example (const char *name)
{
  g_autofree char *file = g_strdup_printf ("examples/%s-example.xml", name);
  g_autofree char *path = iwmo_path (file);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    {
      g_test_skip_printf ("no example %s: %s", path, error->message);
      return NULL;
    }
  return text;
}

/* xml with the first occurrence of from after the first occurrence of
 * after (NULL: from the start) replaced by to. */
static char *
mutate_after (const char *xml,
              const char *after,
              const char *from,
              const char *to)
{
  const char *start = after != NULL ? strstr (xml, after) : xml;
  const char *hit;
  GString *out;

  g_assert_nonnull (start);
  hit = strstr (start, from);
  if (hit == NULL)
    g_error ("“%s” not in the message after “%s”", from, after != NULL ? after : "");
  out = g_string_new_len (xml, hit - xml);
  g_string_append (out, to);
  g_string_append (out, hit + strlen (from));
  return g_string_free (out, FALSE);
}

static char *
mutate (const char *xml,
        const char *from,
        const char *to)
{
  return mutate_after (xml, NULL, from, to);
}

/* Replaces in *xml, like mutate_after. */
static void
edit (char       **xml,
      const char  *after,
      const char  *from,
      const char  *to)
{
  char *next = mutate_after (*xml, after, from, to);

  g_free (*xml);
  *xml = next;
}

static void
assert_no_bsn (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const DagIwmoFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *text = dag_iwmo_finding_describe (finding);

      for (guint k = 0; k < G_N_ELEMENTS (example_bsns); k++)
        if (strstr (text, example_bsns[k]) != NULL)
          g_error ("a full BSN in a finding: %s", text);
      if (finding->client != NULL)
        g_assert_true (g_str_has_prefix (finding->client, "*****"));
    }
}

static GPtrArray *
check (const char   *xml,
       const DagOrg *org)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = dag_iwmo_check_wmo323 (xml, strlen (xml), org, &error);

  g_assert_no_error (error);
  g_assert_nonnull (findings);
  assert_no_bsn (findings);
  return findings;
}

static char *
describe_all (GPtrArray *findings)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      g_autofree char *text = dag_iwmo_finding_describe (g_ptr_array_index (findings, i));

      g_string_append_printf (out, "\n  %s", text);
    }
  return g_string_free (out, FALSE);
}

static void
assert_clean (GPtrArray *findings)
{
  if (findings->len > 0)
    {
      g_autofree char *text = describe_all (findings);

      g_error ("expected no findings, got:%s", text);
    }
}

/* Exactly count findings, all of rule. */
static const DagIwmoFinding *
assert_only (GPtrArray  *findings,
             const char *rule,
             guint       count)
{
  gboolean ok = findings->len == count;

  for (guint i = 0; ok && i < findings->len; i++)
    ok = g_strcmp0 (((DagIwmoFinding *) g_ptr_array_index (findings, i))->rule, rule) == 0;
  if (!ok)
    {
      g_autofree char *text = describe_all (findings);

      g_error ("expected %u finding(s) of %s, got:%s", count, rule, text);
    }
  return findings->len > 0 ? g_ptr_array_index (findings, 0) : NULL;
}

/* The line of the first occurrence of needle in xml (1-based). */
static int
line_of (const char *xml,
         const char *needle)
{
  const char *hit = strstr (xml, needle);
  int line = 1;

  g_assert_nonnull (hit);
  for (const char *p = xml; p < hit; p++)
    line += *p == '\n';
  return line;
}

/* ---- an organisation that matches the published example ---------------- */

static void
add_participant (DagOrg     *org,
                 const char *id,
                 const char *bsn)
{
  DagParticipant participant = { 0 };

  participant.id = g_strdup (id);
  participant.name = g_strdup (id);
  participant.bsn = g_strdup (bsn);
  participant.municipality = 0;
  g_array_append_val (org->participants, participant);
}

static DagIndication *
add_indication (DagOrg     *org,
                int         participant,
                int         product,
                const char *allocation,
                int         units,
                DagVolumePer per)
{
  DagIndication indication = { 0 };

  indication.id = g_strdup_printf ("I%u", org->indications->len + 1);
  indication.participant = participant;
  indication.contract = 0;
  indication.product = product;
  indication.level = 1;
  indication.allocation_number = g_strdup (allocation);
  indication.start = dag_date_from_ymd (2023, 1, 1);
  indication.end = dag_date_from_ymd (2023, 12, 31);
  indication.units = units;
  indication.per = per;
  indication.min_units = -1;
  g_array_append_val (org->indications, indication);
  return DAG_AT (org->indications, DagIndication, org->indications->len - 1);
}

static DagOrg *
example_org (void)
{
  DagOrg *org = dag_org_new ();
  DagMunicipality municipality = { g_strdup ("0384"), g_strdup ("Voorbeeld") };
  DagContract *contract;
  DagProduct *product;

  g_array_append_val (org->municipalities, municipality);
  contract = dag_org_add_contract (org);
  contract->id = g_strdup ("C-0384");
  contract->municipality = 0;

  product = dag_contract_add_product (contract);
  product->product = g_strdup ("BG1");
  product->code = g_strdup ("01A03");
  product->name = g_strdup ("Begeleiding");
  product->unit = g_strdup ("uur");
  product->tariff_cents = 1250;
  g_strlcpy (product->category, "01", sizeof product->category);
  g_strlcpy (product->unit_code, "04", sizeof product->unit_code);

  product = dag_contract_add_product (contract);
  product->product = g_strdup ("BG2");
  product->code = g_strdup ("01A04");
  product->name = g_strdup ("Begeleiding plus");
  product->unit = g_strdup ("uur");
  product->tariff_cents = 1500;
  g_strlcpy (product->category, "01", sizeof product->category);
  g_strlcpy (product->unit_code, "04", sizeof product->unit_code);

  add_participant (org, "P1", "999900006");
  add_participant (org, "P2", "999900018");
  add_indication (org, 0, 0, "20072", 8, DAG_PER_WEEK);
  add_indication (org, 0, 1, "200730", 8, DAG_PER_WEEK);
  add_indication (org, 1, 0, "20074", 8, DAG_PER_WEEK);
  add_indication (org, 1, 1, "20073", 8, DAG_PER_WEEK);
  return org;
}

static DagDeclaration *
add_declaration (DagOrg     *org,
                 const char *number,
                 int         year,
                 int         month,
                 gboolean    sent)
{
  DagDeclaration *declaration = dag_org_add_declaration (org);

  declaration->number = g_strdup (number);
  declaration->municipality = 0;
  declaration->month = dag_date_from_ymd (year, month, 1);
  declaration->written = declaration->month + 32;
  declaration->sent = sent ? declaration->written + 1 : DAG_DATE_NONE;
  return declaration;
}

static void
add_ledger_line (DagDeclaration *declaration,
                 const char     *reference,
                 int             indication,
                 const char     *code,
                 int             units,
                 gint64          tariff,
                 char            debit_credit,
                 const char     *corrects)
{
  DagDeclarationLine line = { 0 };
  int y, m, d;

  dag_date_to_ymd (declaration->month, &y, &m, &d);
  line.reference = g_strdup (reference);
  line.indication = indication;
  line.product_code = g_strdup (code);
  line.period_start = declaration->month;
  line.period_end = declaration->month + dag_date_days_in_month (y, m) - 1;
  line.units = units;
  line.tariff_cents = tariff;
  line.amount_cents = units * tariff;
  line.debit_credit = debit_credit;
  line.corrects = g_strdup (corrects);
  g_array_append_val (declaration->lines, line);
}

/* ---- the examples and the schemas --------------------------------------- */

static void
test_examples_valid (void)
{
  static const char *messages[] = { "WMO323", "WMO301", "WMO325" };

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autofree char *xml = read_example (messages[i]);
      g_autofree char *xsd = g_strdup_printf ("%s.xsd", messages[i]);
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GError) error = NULL;

      if (xml == NULL)
        return;
      findings = dag_iwmo_check_schema (xml, strlen (xml), xsd, &error);
      g_assert_no_error (error);
      assert_clean (findings);
    }
}

static void
test_example_clean (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) with_org = NULL;

  if (xml == NULL)
    return;
  plain = check (xml, NULL);
  assert_clean (plain);
  org = example_org ();
  with_org = check (xml, org);
  assert_clean (with_org);
}

static void
test_wrong_schema (void)
{
  g_autofree char *xml = read_example ("WMO301");
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  if (xml == NULL)
    return;
  /* A 301 is not a 323. */
  findings = dag_iwmo_check_wmo323 (xml, strlen (xml), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, >, 0);
  g_assert_cmpstr (((DagIwmoFinding *) g_ptr_array_index (findings, 0))->rule, ==, "XSD");

  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = dag_iwmo_check_schema (xml, strlen (xml), "WMO999.xsd", &error);
  g_assert_error (error, DAG_IWMO_CHECK_ERROR, DAG_IWMO_CHECK_ERROR_SCHEMA);
  g_assert_null (findings);
}

static void
test_schema_error (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autofree char *bad = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const DagIwmoFinding *finding;

  if (xml == NULL)
    return;
  /* A product code of six characters (the schema allows five), on the
   * second client's first line. */
  bad = mutate_after (xml, "RN003", "<wmo323:ProductCode>01A03<", "<wmo323:ProductCode>01A033<");
  findings = check (bad, NULL);
  finding = assert_only (findings, "XSD", 1);
  g_assert_cmpint (finding->line, ==, line_of (bad, "01A033"));
  g_assert_cmpstr (finding->client, ==, "*****0018");
  g_assert_cmpstr (finding->reference, ==, "RN003");
  g_assert_nonnull (strstr (finding->message, "ProductCode"));
  /* Namespaces are left out of the message. */
  g_assert_null (strstr (finding->message, "http://"));
}

static void
test_bsn_masked (void)
{
  g_autofree char *xml = read_example ("WMO323");
  static const char *bad_bsns[] = { "99990000", "9999000061", "99990000x", "999900006 1" };

  if (xml == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (bad_bsns); i++)
    {
      g_autofree char *from = g_strdup_printf ("<wmo323:Bsn>%s<", bad_bsns[i]);
      g_autofree char *bad = mutate (xml, "<wmo323:Bsn>999900006<", from);
      g_autoptr(GPtrArray) findings = check (bad, NULL);
      g_autofree char *all = describe_all (findings);
      g_autofree char *digits = g_strndup (bad_bsns[i], 8);

      g_assert_cmpuint (findings->len, >, 0);
      /* Not the invalid BSN either, nor its first eight digits. */
      if (strstr (all, digits) != NULL)
        g_error ("a BSN in the findings:%s", all);
    }
  /* And an unknown allocation, a finding with a client, under the rules. */
  {
    g_autoptr(DagOrg) org = example_org ();
    g_autofree char *bad = mutate (xml, ">20072<", ">20099<");
    g_autoptr(GPtrArray) findings = check (bad, org);
    const DagIwmoFinding *finding = assert_only (findings, "TR338", 1);

    g_assert_cmpstr (finding->client, ==, "*****0006");
  }
}

static void
test_not_well_formed (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autofree char *bad = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const DagIwmoFinding *finding;

  if (xml == NULL)
    return;
  bad = mutate (xml, "</wmo323:Bsn>", "</wmo323:Bsm>");
  findings = check (bad, NULL);
  finding = assert_only (findings, "XSD", 1);
  g_assert_cmpint (finding->line, ==, line_of (bad, "Bsm"));
}

/* ---- the rules ---------------------------------------------------------- */

static void
test_tr314 (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autofree char *twice = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(DagOrg) org = NULL;
  DagDeclaration *earlier;

  if (xml == NULL)
    return;
  /* Twice in the message. */
  twice = mutate (xml, ">RN003<", ">RN001<");
  findings = check (twice, NULL);
  g_assert_cmpstr (assert_only (findings, "TR314", 1)->reference, ==, "RN001");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Sent before, in March. */
  org = example_org ();
  earlier = add_declaration (org, "DN000", 2023, 3, TRUE);
  add_ledger_line (earlier, "RN003", 2, "01A03", 4, 1250, 'D', NULL);
  findings = check (xml, org);
  g_assert_cmpstr (assert_only (findings, "TR314", 1)->reference, ==, "RN003");
}

static void
test_tr318 (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autofree char *two_months = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(DagOrg) org = NULL;
  DagDeclaration *february;

  if (xml == NULL)
    return;
  /* Not one calendar month. */
  two_months = mutate_after (xml, "<wmo323:DeclaratiePeriode>", "<iwmo:Einddatum>2023-04-30<",
                             "<iwmo:Einddatum>2023-05-31<");
  findings = check (two_months, NULL);
  assert_only (findings, "TR318", 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* February declared, March skipped while allocation 20072 ran. */
  org = example_org ();
  february = add_declaration (org, "DN000", 2023, 2, TRUE);
  add_ledger_line (february, "RF001", 0, "01A03", 4, 1250, 'D', NULL);
  findings = check (xml, org);
  g_assert_nonnull (strstr (assert_only (findings, "TR318", 1)->message, "2023-03"));
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* With March declared, April follows on. */
  add_ledger_line (add_declaration (org, "DN0003", 2023, 3, TRUE),
                   "RM001", 0, "01A03", 4, 1250, 'D', NULL);
  findings = check (xml, org);
  assert_clean (findings);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A gap without care is no finding: allocation 20072 ended in February
   * and was given again (same number) from April. */
  g_array_set_size (org->declarations, 1);
  {
    DagIndication *again = add_indication (org, 0, 0, "20072", 8, DAG_PER_WEEK);

    again->start = dag_date_from_ymd (2023, 4, 1);
    DAG_AT (org->indications, DagIndication, 0)->end = dag_date_from_ymd (2023, 2, 28);
  }
  findings = check (xml, org);
  assert_clean (findings);
}

static void
test_tr321_322 (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(DagOrg) org = example_org ();
  DagIndication *indication = DAG_AT (org->indications, DagIndication, 1); /* 200730: 16 in April */
  DagDeclaration *march;

  if (xml == NULL)
    return;
  /* IV077: April 2023 touches five calendar weeks (27 March – 30 April):
   * 4 a week allows 20, 3 a week 15 < 16. */
  indication->units = 4;
  findings = check (xml, org);
  assert_clean (findings);
  g_clear_pointer (&findings, g_ptr_array_unref);
  indication->units = 3;
  findings = check (xml, org);
  g_assert_cmpstr (assert_only (findings, "TR321", 1)->reference, ==, "RN002");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* The allocation starts on Monday 17 April: two weeks × 8 = 16 fits. */
  indication->units = 8;
  indication->start = dag_date_from_ymd (2023, 4, 17);
  {
    g_autofree char *late = mutate_after (xml, "RN002", "<iwmo:Begindatum>2023-04-01<",
                                          "<iwmo:Begindatum>2023-04-17<");

    findings = check (late, org);
    assert_clean (findings);
  }
  g_clear_pointer (&findings, g_ptr_array_unref);
  indication->start = dag_date_from_ymd (2023, 1, 1);

  /* Per month. */
  indication->per = DAG_PER_MONTH;
  indication->units = 16;
  findings = check (xml, org);
  assert_clean (findings);
  g_clear_pointer (&findings, g_ptr_array_unref);
  indication->units = 15;
  findings = check (xml, org);
  assert_only (findings, "TR321", 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* In all: 8 declared in March, 16 now, 20 allocated. */
  indication->per = DAG_PER_PERIOD;
  indication->units = 20;
  march = add_declaration (org, "DN000", 2023, 3, TRUE);
  add_ledger_line (march, "RM001", 1, "01A04", 8, 1500, 'D', NULL);
  findings = check (xml, org);
  g_assert_cmpstr (assert_only (findings, "TR322", 1)->reference, ==, "RN002");
  g_clear_pointer (&findings, g_ptr_array_unref);
  indication->units = 24;
  findings = check (xml, org);
  assert_clean (findings);
}

static void
test_tr323 (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autofree char *credit = NULL;
  g_autofree char *named = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(DagOrg) org = NULL;
  DagDeclaration *april;

  if (xml == NULL)
    return;
  /* RN004 made a credit line: the total becomes 58000 − 2 × 24000. */
  credit = mutate_after (xml, "RN004", "<iwmo:DebetCredit>D<", "<iwmo:DebetCredit>C<");
  edit (&credit, NULL, "<iwmo:TotaalBedrag>58000<", "<iwmo:TotaalBedrag>10000<");
  findings = check (credit, NULL);
  assert_only (findings, "TR323", 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Naming a line that was never declared. */
  org = example_org ();
  named = mutate (credit, "<iwmo:ReferentieNummer>RN004</iwmo:ReferentieNummer>",
                  "<iwmo:ReferentieNummer>RN004</iwmo:ReferentieNummer><iwmo:VorigReferentieNummer>RA004</iwmo:VorigReferentieNummer>");
  findings = check (named, NULL);
  assert_clean (findings);  /* without the ledger it can not be told */
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = check (named, org);
  /* (The credit is also the only line of 20073 now: no volume problem.) */
  assert_only (findings, "TR323", 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* The sent April line RA004 that it takes back: fine. */
  april = add_declaration (org, "DN000", 2023, 4, TRUE);
  add_ledger_line (april, "RA004", 3, "01A04", 16, 1500, 'D', NULL);
  findings = check (named, org);
  assert_clean (findings);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* But not when it was credited already. */
  add_ledger_line (april, "RA005", 3, "01A04", 16, 1500, 'C', "RA004");
  findings = check (named, org);
  assert_only (findings, "TR323", 1);
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_array_set_size (april->lines, 1);

  /* Nor when the municipality rejected it: there is nothing to take back. */
  g_array_index (april->lines, DagDeclarationLine, 0).has_response = TRUE;
  findings = check (named, org);
  assert_only (findings, "TR323", 1);
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_array_index (april->lines, DagDeclarationLine, 0).has_response = FALSE;

  /* Nor when the values differ. */
  g_array_index (april->lines, DagDeclarationLine, 0).units = 15;
  g_array_index (april->lines, DagDeclarationLine, 0).amount_cents = 15 * 1500;
  findings = check (named, org);
  assert_only (findings, "TR323", 1);
}

static void
test_correction (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(DagOrg) org = example_org ();
  DagDeclaration *april = add_declaration (org, "DN000", 2023, 4, TRUE);
  g_autofree char *correction = NULL;

  if (xml == NULL)
    return;
  /* April was sent with 12 hours on 200730 (RA002); now it is 16: RN001
   * takes the old line back, RN002 declares the new value. */
  add_ledger_line (april, "RA001", 0, "01A03", 4, 1250, 'D', NULL);
  add_ledger_line (april, "RA002", 1, "01A04", 12, 1500, 'D', NULL);
  add_ledger_line (april, "RA003", 2, "01A03", 4, 1250, 'D', NULL);
  add_ledger_line (april, "RA004", 3, "01A04", 16, 1500, 'D', NULL);
  correction = mutate (xml, "<iwmo:ReferentieNummer>RN001</iwmo:ReferentieNummer>",
                       "<iwmo:ReferentieNummer>RN001</iwmo:ReferentieNummer><iwmo:VorigReferentieNummer>RA002</iwmo:VorigReferentieNummer>");
  edit (&correction, "RN001", ">20072<", ">200730<");
  edit (&correction, "RN001", ">01A03<", ">01A04<");
  edit (&correction, "RN001", "<wmo323:GeleverdVolume>4<", "<wmo323:GeleverdVolume>12<");
  edit (&correction, "RN001", "<wmo323:ProductTarief>1250<", "<wmo323:ProductTarief>1500<");
  edit (&correction, "RN001", "<iwmo:Bedrag>5000<", "<iwmo:Bedrag>18000<");
  edit (&correction, "RN001", "<iwmo:DebetCredit>D<", "<iwmo:DebetCredit>C<");
  /* Client 2's lines are unchanged: not in the correction. */
  edit (&correction, NULL, ">999900018<", ">999900006<");
  /* Remove the second client's lines by cutting from its Client to the end. */
  {
    const char *second = strstr (strstr (correction, "<wmo323:Client>") + 1, "<wmo323:Client>");
    const char *end = strstr (correction, "</wmo323:Clienten>");
    GString *cut;

    g_assert_nonnull (second);
    g_assert_nonnull (end);
    cut = g_string_new_len (correction, second - correction);
    g_string_append (cut, end);
    g_free (correction);
    correction = g_string_free (cut, FALSE);
  }
  edit (&correction, NULL, "<iwmo:TotaalBedrag>58000<", "<iwmo:TotaalBedrag>6000<");
  findings = check (correction, NULL);
  assert_clean (findings);
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = check (correction, org);
  assert_clean (findings);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Without the credit line, the new debit repeats RA002 (TR389). */
  {
    g_autofree char *no_credit = mutate (correction, "<iwmo:VorigReferentieNummer>RA002</iwmo:VorigReferentieNummer>", "");

    findings = check (no_credit, org);
    /* The credit line without its reference is TR323; RN002 is TR389. */
    g_assert_cmpuint (findings->len, ==, 2);
    g_assert_cmpstr (((DagIwmoFinding *) g_ptr_array_index (findings, 0))->rule, ==, "TR323");
    g_assert_cmpstr (((DagIwmoFinding *) g_ptr_array_index (findings, 1))->rule, ==, "TR389");
  }
}

static void
test_tr333 (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(DagOrg) org = example_org ();
  DagDeclaration *unsent;

  if (xml == NULL)
    return;
  add_declaration (org, "DN001", 2023, 3, TRUE);
  findings = check (xml, org);
  assert_only (findings, "TR333", 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* The unsent declaration of the same month that this one replaces does
   * not count. */
  g_array_set_size (org->declarations, 0);
  unsent = add_declaration (org, "DN001", 2023, 4, FALSE);
  add_ledger_line (unsent, "RN001", 0, "01A03", 4, 1250, 'D', NULL);
  findings = check (xml, org);
  assert_clean (findings);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* The pattern (the schema says so too). */
  {
    g_autofree char *bad = mutate (xml, ">DN001<", ">DN-001<");

    findings = check (bad, NULL);
    g_assert_cmpuint (findings->len, ==, 2);
    g_assert_cmpstr (((DagIwmoFinding *) g_ptr_array_index (findings, 0))->rule, ==, "XSD");
    g_assert_cmpstr (((DagIwmoFinding *) g_ptr_array_index (findings, 1))->rule, ==, "TR333");
  }
}

static void
test_tr338_341 (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autoptr(DagOrg) org = example_org ();
  struct {
    const char *from, *to, *rule;
  } cases[] = {
    { ">20072<", ">20099<", "TR338" },          /* unknown */
    { ">20072<", ">20073<", "TR338" },          /* another client's */
    { ">20072<", ">0020072<", NULL },           /* the same integer */
    { "<wmo323:ProductCategorie>01<", "<wmo323:ProductCategorie>02<", "TR339" },
    { "<wmo323:ProductCode>01A03<", "<wmo323:ProductCode>01A05<", "TR340" },
    { "<wmo323:Eenheid>04<", "<wmo323:Eenheid>01<", "TR341" },
  };

  if (xml == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bad = mutate (xml, cases[i].from, cases[i].to);
      g_autoptr(GPtrArray) findings = check (bad, org);
      g_autoptr(GPtrArray) plain = check (bad, NULL);

      if (cases[i].rule == NULL)
        assert_clean (findings);
      else
        {
          const DagIwmoFinding *finding = assert_only (findings, cases[i].rule, 1);

          g_assert_cmpstr (finding->reference, ==, "RN001");
          /* The line of the element that is wrong. */
          g_assert_cmpint (finding->line, ==, line_of (bad, cases[i].to));
        }
      /* None of these is visible without the organisation. */
      assert_clean (plain);
    }

  /* An allocation of another municipality. */
  {
    DagMunicipality other = { g_strdup ("0202"), g_strdup ("Arnhem") };
    g_autoptr(GPtrArray) findings = NULL;

    g_array_append_val (org->municipalities, other);
    DAG_AT (org->contracts, DagContract, 0)->municipality = 1;
    findings = check (xml, org);
    assert_only (findings, "TR338", 4);
  }
}

static void
test_tr346_358 (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autofree char *amount = NULL;
  g_autofree char *total = NULL;
  g_autofree char *credit_total = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  if (xml == NULL)
    return;
  /* 4 × 1250 = 5000, not 5001 (total adjusted: only TR346). */
  amount = mutate (xml, "<iwmo:Bedrag>5000<", "<iwmo:Bedrag>5001<");
  edit (&amount, NULL, "<iwmo:TotaalBedrag>58000<", "<iwmo:TotaalBedrag>58001<");
  findings = check (amount, NULL);
  g_assert_cmpstr (assert_only (findings, "TR346", 1)->reference, ==, "RN001");
  g_assert_cmpint (((DagIwmoFinding *) g_ptr_array_index (findings, 0))->line, ==,
                   line_of (amount, "<wmo323:IngediendBedrag>"));
  g_clear_pointer (&findings, g_ptr_array_unref);

  total = mutate (xml, "<iwmo:TotaalBedrag>58000<", "<iwmo:TotaalBedrag>57999<");
  findings = check (total, NULL);
  assert_only (findings, "TR358", 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* The right amount as a credit total is wrong too. */
  credit_total = mutate_after (xml, "<wmo323:TotaalIngediendBedrag>", "<iwmo:DebetCredit>D<",
                               "<iwmo:DebetCredit>C<");
  findings = check (credit_total, NULL);
  assert_only (findings, "TR358", 1);
}

static void
test_tr387_388 (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autofree char *outside = NULL;
  g_autofree char *reversed = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(DagOrg) org = example_org ();

  if (xml == NULL)
    return;
  outside = mutate_after (xml, "RN001", "<iwmo:Begindatum>2023-04-01<", "<iwmo:Begindatum>2023-03-31<");
  findings = check (outside, NULL);
  g_assert_cmpstr (assert_only (findings, "TR387", 1)->reference, ==, "RN001");
  g_clear_pointer (&findings, g_ptr_array_unref);

  reversed = mutate_after (xml, "RN001", "<iwmo:Begindatum>2023-04-01<", "<iwmo:Begindatum>2023-04-30<");
  edit (&reversed, "RN001", "<iwmo:Einddatum>2023-04-30<", "<iwmo:Einddatum>2023-04-02<");
  findings = check (reversed, NULL);
  assert_only (findings, "TR387", 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* The allocation starts on 10 April: the line from 1 April is outside
   * it (three weeks × 8 still hold the 4 hours). */
  DAG_AT (org->indications, DagIndication, 0)->start = dag_date_from_ymd (2023, 4, 10);
  findings = check (xml, org);
  g_assert_cmpstr (assert_only (findings, "TR388", 1)->reference, ==, "RN001");
}

static void
test_tr389_416 (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autofree char *twice = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(DagOrg) org = example_org ();
  DagDeclaration *april;

  if (xml == NULL)
    return;
  /* RN004 for the same allocation and product as RN003 (second client). */
  twice = mutate_after (xml, "RN004", ">20073<", ">20074<");
  edit (&twice, "RN004", ">01A04<", ">01A03<");
  /* Same volume and tariff as RN003's so that only the duplicate is wrong. */
  edit (&twice, "RN004", "<wmo323:GeleverdVolume>16<", "<wmo323:GeleverdVolume>4<");
  edit (&twice, "RN004", "<wmo323:ProductTarief>1500<", "<wmo323:ProductTarief>1250<");
  edit (&twice, "RN004", "<iwmo:Bedrag>24000<", "<iwmo:Bedrag>5000<");
  edit (&twice, NULL, "<iwmo:TotaalBedrag>58000<", "<iwmo:TotaalBedrag>39000<");
  findings = check (twice, NULL);
  g_assert_cmpstr (assert_only (findings, "TR416", 1)->reference, ==, "RN004");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Declared before for April (sent) and not credited. */
  april = add_declaration (org, "DN000", 2023, 4, TRUE);
  add_ledger_line (april, "RA003", 2, "01A03", 4, 1250, 'D', NULL);
  findings = check (xml, org);
  g_assert_cmpstr (assert_only (findings, "TR389", 1)->reference, ==, "RN003");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Rejected by the municipality (WMO325): declared again without a
   * credit, and its volume does not count (1 a week × 5 weeks holds the 4
   * hours of RN003, not 8). */
  {
    DagDeclarationLine *rejected = DAG_AT (april->lines, DagDeclarationLine, 0);

    rejected->has_response = TRUE;
    rejected->response_code = g_strdup ("0611");
    rejected->response_accepted = FALSE;
    DAG_AT (org->indications, DagIndication, 2)->units = 1;
    findings = check (xml, org);
    assert_clean (findings);
    g_clear_pointer (&findings, g_ptr_array_unref);
    DAG_AT (org->indications, DagIndication, 2)->units = 8;
    rejected->has_response = FALSE;
  }

  /* Credited since: fine. */
  add_ledger_line (april, "RA099", 2, "01A03", 4, 1250, 'C', "RA003");
  findings = check (xml, org);
  assert_clean (findings);
}

static void
test_tr418 (void)
{
  g_autofree char *xml = read_example ("WMO323");
  g_autofree char *tariff = NULL;
  g_autofree char *tier = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(DagOrg) org = example_org ();
  DagProduct *product = DAG_AT (DAG_AT (org->contracts, DagContract, 0)->products, DagProduct, 0);
  DagStaffel staffel = { 5, 1000, "01A3S" };

  if (xml == NULL)
    return;
  /* 4 × 1300 = 5200 is right, but 1300 is not the contract's 1250. */
  tariff = mutate (xml, "<wmo323:ProductTarief>1250<", "<wmo323:ProductTarief>1300<");
  edit (&tariff, NULL, "<iwmo:Bedrag>5000<", "<iwmo:Bedrag>5200<");
  edit (&tariff, NULL, "<iwmo:TotaalBedrag>58000<", "<iwmo:TotaalBedrag>58200<");
  findings = check (tariff, NULL);
  assert_clean (findings);
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = check (tariff, org);
  g_assert_cmpstr (assert_only (findings, "TR418", 1)->reference, ==, "RN001");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* A staffel tier is declared with its own code and tariff. */
  g_array_append_val (product->staffel, staffel);
  tier = mutate (xml, "<wmo323:ProductCode>01A03<", "<wmo323:ProductCode>01A3S<");
  edit (&tier, NULL, "<wmo323:ProductTarief>1250<", "<wmo323:ProductTarief>1000<");
  edit (&tier, NULL, "<iwmo:Bedrag>5000<", "<iwmo:Bedrag>4000<");
  edit (&tier, NULL, "<iwmo:TotaalBedrag>58000<", "<iwmo:TotaalBedrag>57000<");
  findings = check (tier, org);
  assert_clean (findings);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* The tier's code with the start tariff is not the tier's tariff. */
  {
    g_autofree char *wrong = mutate (xml, "<wmo323:ProductCode>01A03<", "<wmo323:ProductCode>01A3S<");

    findings = check (wrong, org);
    assert_only (findings, "TR418", 1);
  }
}

/* ---- a large message ---------------------------------------------------- */

/* A WMO323 of n clients with two lines each (day activity and rides), and
 * an organisation that matches it. */
static char *
big_message (int      n,
             DagOrg **org_out)
{
  DagOrg *org = example_org ();
  GString *xml = g_string_sized_new ((gsize) n * 2200);
  gint64 total = 0;

  g_array_set_size (org->participants, 0);
  g_array_set_size (org->indications, 0);
  g_string_append (xml,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<wmo323:Bericht xmlns:iwmo=\"http://www.istandaarden.nl/iwmo/3_2/basisschema/schema\" xmlns:wmo323=\"http://www.istandaarden.nl/iwmo/3_2/wmo323/schema\">\n"
                   "  <wmo323:Header>\n"
                   "    <wmo323:BerichtCode>484</wmo323:BerichtCode>\n"
                   "    <wmo323:BerichtVersie>3</wmo323:BerichtVersie>\n"
                   "    <wmo323:BerichtSubversie>2</wmo323:BerichtSubversie>\n"
                   "    <wmo323:Afzender>65656055</wmo323:Afzender>\n"
                   "    <wmo323:Ontvanger>0384</wmo323:Ontvanger>\n"
                   "    <wmo323:BerichtIdentificatie>\n"
                   "      <iwmo:Identificatie>B1</iwmo:Identificatie>\n"
                   "      <iwmo:Dagtekening>2023-05-06</iwmo:Dagtekening>\n"
                   "    </wmo323:BerichtIdentificatie>\n"
                   "    <wmo323:XsdVersie>\n"
                   "      <iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie>\n"
                   "      <iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie>\n"
                   "    </wmo323:XsdVersie>\n"
                   "  </wmo323:Header>\n"
                   "  <wmo323:Declaratie>\n"
                   "    <wmo323:DeclaratieNummer>DBIG</wmo323:DeclaratieNummer>\n"
                   "    <wmo323:DeclaratiePeriode>\n"
                   "      <iwmo:Begindatum>2023-04-01</iwmo:Begindatum>\n"
                   "      <iwmo:Einddatum>2023-04-30</iwmo:Einddatum>\n"
                   "    </wmo323:DeclaratiePeriode>\n"
                   "    <wmo323:DeclaratieDagtekening>2023-05-06</wmo323:DeclaratieDagtekening>\n"
                   "    <wmo323:TotaalIngediendBedrag>\n"
                   "      <iwmo:TotaalBedrag>@TOTAL@</iwmo:TotaalBedrag>\n"
                   "      <iwmo:DebetCredit>D</iwmo:DebetCredit>\n"
                   "    </wmo323:TotaalIngediendBedrag>\n"
                   "    <wmo323:Clienten>\n");
  for (int i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("P%d", i);
      char bsn[10];
      int sum = 0;

      /* A BSN that passes the 11-check: digits d1…d8 and a check digit. */
      g_snprintf (bsn, sizeof bsn, "1%07d0", i);
      for (int k = 0; k < 8; k++)
        sum += (bsn[k] - '0') * (9 - k);
      if (sum % 11 == 10)
        bsn[7] = bsn[7] == '9' ? '8' : bsn[7] + 1;
      sum = 0;
      for (int k = 0; k < 8; k++)
        sum += (bsn[k] - '0') * (9 - k);
      bsn[8] = '0' + sum % 11;
      add_participant (org, id, bsn);
      {
        g_autofree char *a1 = g_strdup_printf ("%d", 100000 + 2 * i);
        g_autofree char *a2 = g_strdup_printf ("%d", 100001 + 2 * i);

        add_indication (org, i, 0, a1, 8, DAG_PER_WEEK);
        add_indication (org, i, 1, a2, 4, DAG_PER_WEEK);
      }
      g_string_append_printf (xml,
                              "      <wmo323:Client>\n"
                              "        <wmo323:Bsn>%s</wmo323:Bsn>\n"
                              "        <wmo323:Prestaties>\n", bsn);
      for (int k = 0; k < 2; k++)
        {
          int volume = k == 0 ? 17 : 9;
          int tariff = k == 0 ? 1250 : 1500;

          g_string_append_printf (xml,
                                  "          <wmo323:Prestatie>\n"
                                  "            <wmo323:ProductReferentie>\n"
                                  "              <iwmo:ReferentieNummer>R%012d</iwmo:ReferentieNummer>\n"
                                  "            </wmo323:ProductReferentie>\n"
                                  "            <wmo323:ToewijzingNummer>%d</wmo323:ToewijzingNummer>\n"
                                  "            <wmo323:ProductCategorie>01</wmo323:ProductCategorie>\n"
                                  "            <wmo323:ProductCode>%s</wmo323:ProductCode>\n"
                                  "            <wmo323:ProductPeriode>\n"
                                  "              <iwmo:Begindatum>2023-04-01</iwmo:Begindatum>\n"
                                  "              <iwmo:Einddatum>2023-04-30</iwmo:Einddatum>\n"
                                  "            </wmo323:ProductPeriode>\n"
                                  "            <wmo323:GeleverdVolume>%d</wmo323:GeleverdVolume>\n"
                                  "            <wmo323:Eenheid>04</wmo323:Eenheid>\n"
                                  "            <wmo323:ProductTarief>%d</wmo323:ProductTarief>\n"
                                  "            <wmo323:IngediendBedrag>\n"
                                  "              <iwmo:Bedrag>%d</iwmo:Bedrag>\n"
                                  "              <iwmo:DebetCredit>D</iwmo:DebetCredit>\n"
                                  "            </wmo323:IngediendBedrag>\n"
                                  "          </wmo323:Prestatie>\n",
                                  2 * i + k, 100000 + 2 * i + k, k == 0 ? "01A03" : "01A04",
                                  volume, tariff, volume * tariff);
          total += volume * tariff;
        }
      g_string_append (xml,
                       "        </wmo323:Prestaties>\n"
                       "      </wmo323:Client>\n");
    }
  g_string_append (xml,
                   "    </wmo323:Clienten>\n"
                   "  </wmo323:Declaratie>\n"
                   "</wmo323:Bericht>\n");
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, total);

    g_string_replace (xml, "@TOTAL@", number, 1);
  }
  *org_out = org;
  return g_string_free (xml, FALSE);
}

static void
test_big (void)
{
  int n = g_test_perf () ? 20000 : 5000;
  g_autoptr(DagOrg) org = NULL;
  g_autofree char *xml = big_message (n, &org);
  g_autofree char *bad = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  gint64 start;
  double seconds;
  int lines = 0;
  const char *last;

  for (const char *p = xml; *p; p++)
    lines += *p == '\n';

  start = g_get_monotonic_time ();
  findings = check (xml, org);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_test_message ("%d clients, %d lines, %zu bytes: checked with the organisation in %.3f s",
                  n, lines, strlen (xml), seconds);
  assert_clean (findings);
  g_clear_pointer (&findings, g_ptr_array_unref);

  start = g_get_monotonic_time ();
  findings = check (xml, NULL);
  g_test_message ("without the organisation in %.3f s",
                  (g_get_monotonic_time () - start) / 1e6);
  assert_clean (findings);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Line numbers past 65535 are right, for the schema and the rules. */
  /* "01A0X4" does not fit: one XSD finding on that line, the last line. */
  last = g_strrstr (xml, "<wmo323:ProductCode>01A04<");
  {
    GString *s = g_string_new_len (xml, last - xml);

    g_string_append (s, "<wmo323:ProductCode>01A0X4<");
    g_string_append (s, last + strlen ("<wmo323:ProductCode>01A04<"));
    bad = g_string_free (s, FALSE);
  }
  findings = check (bad, NULL);
  g_assert_cmpint (assert_only (findings, "XSD", 1)->line, ==, line_of (bad, "01A0X4"));
  g_assert_cmpint (line_of (bad, "01A0X4"), >, 65535);
  g_clear_pointer (&findings, g_ptr_array_unref);
  {
    g_autofree char *wrong = mutate_after (bad, "01A0X4", "<wmo323:Eenheid>04<", "<wmo323:Eenheid>01<");
    g_autofree char *fixed = mutate (wrong, "01A0X4", "01A04");

    findings = check (fixed, org);
    g_assert_cmpint (assert_only (findings, "TR341", 1)->line, ==,
                     line_of (fixed, "<wmo323:Eenheid>01<"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/iwmo-check/examples-valid", test_examples_valid);
  g_test_add_func ("/iwmo-check/example-clean", test_example_clean);
  g_test_add_func ("/iwmo-check/wrong-schema", test_wrong_schema);
  g_test_add_func ("/iwmo-check/schema-error", test_schema_error);
  g_test_add_func ("/iwmo-check/not-well-formed", test_not_well_formed);
  g_test_add_func ("/iwmo-check/bsn-masked", test_bsn_masked);
  g_test_add_func ("/iwmo-check/tr314", test_tr314);
  g_test_add_func ("/iwmo-check/tr318", test_tr318);
  g_test_add_func ("/iwmo-check/tr321-322", test_tr321_322);
  g_test_add_func ("/iwmo-check/tr323", test_tr323);
  g_test_add_func ("/iwmo-check/correction", test_correction);
  g_test_add_func ("/iwmo-check/tr333", test_tr333);
  g_test_add_func ("/iwmo-check/tr338-341", test_tr338_341);
  g_test_add_func ("/iwmo-check/tr346-358", test_tr346_358);
  g_test_add_func ("/iwmo-check/tr387-388", test_tr387_388);
  g_test_add_func ("/iwmo-check/tr389-416", test_tr389_416);
  g_test_add_func ("/iwmo-check/tr418", test_tr418);
  g_test_add_func ("/iwmo-check/big", test_big);
  return g_test_run ();
}
