import enTexts from './en.json';
import idTexts from './id.json';

/**
 * The texts the API shows its users in their language, here and in the console: its problems
 * (a field's, an import's rejected rows' reasons, an import's or a round's failure), its errors
 * (`errors.<code>`, and `errors.http_<status>` for a code without its own: error-texts.spec) and
 * the names of the values they quote (roles, provider types, outcome statuses), and the columns
 * of the reports it also gives as files (the monitoring report). The console merges these
 * catalogues into its own (web/src/i18n); the API writes them into the files it makes for people
 * (an import's rejected rows, a report). Both catalogues have the same keys (tsc).
 */
export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];
/** Every key of the API's catalogue; en.json must have the same keys (tsc checks it). */
export type ApiTextKey = keyof typeof idTexts;
const en: Record<ApiTextKey, string> = enTexts;
export const API_TEXTS: Record<Locale, Record<ApiTextKey, string>> = { id: idTexts, en };

/** A text's `{name}` placeholders filled in from `vars` (one left as it is when vars lack it). */
export function interpolate(text: string, vars?: Record<string, unknown>): string {
  return vars
    ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
    : text;
}

/** A key's text in the API's catalogue of `locale`, or undefined when it has none. */
export function apiText(
  locale: Locale,
): (key: string, vars?: Record<string, unknown>) => string | undefined {
  const texts: Record<string, string> = API_TEXTS[locale];
  return (key, vars) => (Object.hasOwn(texts, key) ? interpolate(texts[key], vars) : undefined);
}

/**
 * The validator's problems (by their shape), the API's own (word for word) and those it makes of
 * values (by template), in the user's language: a field's problems (shown under the field, so
 * without its name), an import's rejected rows' reasons and an import's or a round's failure. A
 * problem of another shape keeps the API's words. problem-texts.spec (the API's source) and the
 * fuzz test (every problem its hostile requests meet) check that none is missed.
 */
const PROBLEMS: [RegExp, string, string[]][] = [
  [/(?:^| )should not be empty$/, 'problem.required', []],
  [/(?:^| )must not be less than (-?[\d.]+)$/, 'problem.min', ['n']],
  [/(?:^| )must not be greater than (-?[\d.]+)$/, 'problem.max', ['n']],
  [/(?:^| )must be longer than or equal to (\d+) characters$/, 'problem.min_length', ['n']],
  [/(?:^| )must be shorter than or equal to (\d+) characters$/, 'problem.max_length', ['n']],
  [/(?:^| )must be an email$/, 'problem.email', []],
  [/(?:^| )must be an integer number$/, 'problem.integer', []],
  [/(?:^| )must be a number conforming to the specified constraints$/, 'problem.number', []],
  [/(?:^| )must be one of the following values: (.+)$/, 'problem.one_of', ['values']],
  [/(?:^| )must be (?:a date )?YYYY-MM-DD$/, 'problem.date', []],
  [/(?:^| )must be a string$/, 'problem.string', []],
  [/(?:^| )must be a boolean value$/, 'problem.boolean', []],
  [/(?:^| )must be an array$/, 'problem.array', []],
  [/(?:^| )must contain at least (\d+) elements$/, 'problem.min_items', ['n']],
  [/(?:^| )must contain no more than (\d+) elements$/, 'problem.max_items', ['n']],
  [/^All .+'s elements must be unique$/, 'problem.unique_items', []],
  [/^each value in nested property .+ must be either object or array$/, 'problem.objects', []],
  [/^nested property .+ must be either object or array$/, 'problem.object', []],
  [/^property (.+) should not exist$/, 'problem.unknown_property', ['name']],
  // the API's own validator messages, each after the field's name
  [/(?:^| )must be YYYY-MM$/, 'problem.month', []],
  [/(?:^| )must be (?:exactly )?(\d+) digits$/, 'problem.digits', ['n']],
  [/(?:^| )must be a 4-digit BPS code$/, 'problem.region_code', []],
  [/(?:^| )must be (?:a phone number|8-15 digits, optionally with \+)$/, 'problem.phone', []],
  [/(?:^| )must be true or false$/, 'problem.boolean', []],
  [/(?:^| )must be an ISO 8601 date-time$/, 'problem.date_time', []],
  [/(?:^| )must be a catalogue code$/, 'problem.catalogue_code', []],
  [/(?:^| )must be 4 to 6 digits \(KBJI 2014\)$/, 'problem.kbji', []],
  [/(?:^| )must be a KBLI section letter or 2 to 5 digits$/, 'problem.kbli', []],
  [/(?:^| )must be 2–32 letters, digits, dots, dashes or underscores$/, 'problem.code_chars', []],
  [/(?:^| )must be teacher or mentor$/, 'problem.teacher_or_mentor', []],
  [/(?:^| )must be a competency unit code$/, 'problem.competency_code', []],
  [/(?:^| )must not be blank$/, 'problem.required', []],
  [/(?:^| )must be positive integers separated by commas$/, 'problem.id_list', []],
  [/(?:^| )must be csv or xlsx$/, 'problem.csv_or_xlsx', []],
];

/**
 * The API's problems made of values, `{name}` standing for a value; `words` names the catalogue
 * prefix a value is shown through (a role as its name), where the console has one.
 */
const API_TEMPLATES: [string, string, Record<string, string>?][] = [
  ['{field} must not be null', 'problem.not_null'],
  ['unknown region {code}', 'problem.unknown_region_code'],
  ['unknown company {id}', 'problem.unknown_company_id'],
  ['unknown school {id}', 'problem.unknown_school_id'],
  ['unknown cohort {id}', 'problem.unknown_cohort_id'],
  ['unknown students: {ids}', 'problem.unknown_students'],
  ['unknown programmes: {codes}', 'problem.unknown_programmes'],
  ['unknown competency units: {codes}', 'problem.unknown_units'],
  ['unknown: {codes}', 'problem.unknown_codes'],
  ['not in the catalogue: {codes}', 'problem.not_in_catalogue_codes'],
  ['not open slots: {ids}', 'problem.not_open_slots'],
  ['the school does not run: {codes}', 'problem.school_does_not_run'],
  ["{codes} not among the slot's units", 'problem.not_slot_units'],
  ['{code} still has students', 'problem.programme_has_students'],
  ['no {entity} has id {id}', 'problem.no_such_id'],
  ['is required for the role {role}', 'problem.required_for_role', { role: 'role.' }],
  ['is not allowed for the role {role}', 'problem.not_for_role', { role: 'role.' }],
  [
    'is required for a {type} provider',
    'problem.required_for_provider',
    { type: 'provider_type.' },
  ],
  [
    'is not allowed for the provider type {type}',
    'problem.not_for_provider',
    { type: 'provider_type.' },
  ],
  ['must be at most year and within {n} years of it', 'problem.years_window'],
  ['is too easy to guess (strength {score} of 4, {n} needed)', 'problem.password_weak'],
  ["covers only regions {mine}, not the cohort's {region}", 'problem.cohort_outside_regions'],
  ['required for {status}', 'problem.required_for_status', { status: 'outcomes.status.' }],
  ['must be one of {values}', 'problem.one_of'],
  ['must be at most {n} characters', 'problem.max_length'],
  ['must be {min} to {max} characters', 'problem.length_range'],
  ['{code} is scored twice', 'problem.scored_twice'],
  ["{codes} is not one of the slot's units", 'problem.not_slot_units'],
  ['{code}: level must be 1 to 5', 'problem.unit_level'],
  ["missing the slot's units {codes}", 'problem.missing_slot_units'],
  // an import's file, header, rows and failure
  ['an .xlsx file that unpacks to more than {mb} MB', 'problem.xlsx_too_big'],
  ['a damaged .xlsx file ({why})', 'problem.xlsx_damaged'],
  ['no sheet named "{sheet}"; the workbook has: {sheets}', 'problem.no_sheet'],
  ['row {row}: a quoted field is not closed', 'problem.csv_quote'],
  ['row {row}: longer than {n} characters', 'problem.csv_long'],
  ['row {row}: not readable as CSV', 'problem.csv_unreadable'],
  ['missing columns: {missing}; repeated columns: {repeated}', 'problem.columns_missing_repeated'],
  ['missing columns: {missing}', 'problem.columns_missing'],
  ['repeated columns: {repeated}', 'problem.columns_repeated'],
  ['repeats row {row} of this file', 'problem.repeats_row'],
  [
    'school {id} was deactivated after this import was queued: nothing was written',
    'problem.import_school_deactivated',
  ],
  [
    'school {id} was deactivated after this import was queued: the first {n} data rows, processed before that, were kept; the rest were not',
    'problem.import_school_deactivated_kept',
  ],
  [
    "The import stopped on an internal error after {n} attempt(s); the rows before its checkpoint were kept; the worker's log has the details (job {job}).",
    'problem.import_internal_error',
  ],
  [
    "The round stopped on an internal error after {n} attempt(s); the worker's log has the details (job {job}).",
    'problem.round_internal_error',
  ],
];

const TEMPLATE_PATTERNS = API_TEMPLATES.map(([template, key, words = {}]) => {
  const names: string[] = [];
  const source = template
    .split(/\{(\w+)\}/)
    .map((part, i) =>
      i % 2 === 1 ? (names.push(part), '(.+?)') : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return { pattern: new RegExp(`^${source}$`), key, names, words };
});

/** The API's own problems, word for word (problem-texts.spec checks that each has its text here). */
const API_PROBLEMS: Record<string, string> = {
  'is outside your regions': 'problem.outside_regions',
  'is required': 'problem.required',
  required: 'problem.required',
  'a company admin cannot change this field': 'problem.company_admin_cannot_change',
  'a student cannot change this': 'problem.student_cannot_change',
  'already in the catalogue': 'problem.in_catalogue',
  'already registered': 'problem.already_registered',
  'already used': 'problem.already_used',
  'can be changed only by an admin or coordinator': 'problem.admin_or_coordinator_only',
  'contains an unknown region': 'problem.contains_unknown_region',
  'has expired': 'problem.expired',
  'is not a calendar date': 'problem.not_a_date',
  'is not a real calendar date': 'problem.not_a_date',
  'must be a real date': 'problem.not_a_date',
  'must be a real date (YYYY-MM-DD)': 'problem.not_a_date',
  'is not a known company': 'problem.unknown_company',
  'is not a known course': 'problem.unknown_course',
  'is not a known region': 'problem.unknown_region',
  'unknown region': 'problem.unknown_region',
  'must be a 4-digit region code': 'problem.region_code',
  'is not a known school': 'problem.unknown_school',
  'is not a programme the school runs': 'problem.programme_not_run',
  'is not a set-password token': 'problem.not_set_password_token',
  'is not an active coordinator': 'problem.not_active_coordinator',
  'is not your current password': 'problem.not_current_password',
  'is only for coordinators': 'problem.coordinators_only',
  'is required for a school provider': 'problem.required_school_provider',
  'is required when an admin creates a cohort': 'problem.required_admin_cohort',
  'is required for an admin': 'problem.required_admin',
  'must be a real date in the past': 'problem.date_in_past',
  'must start with a valid province code': 'problem.nik_province',
  'must be a real date on or after validFrom': 'problem.date_from_valid_from',
  'must be at least wageMin': 'problem.at_least_wage_min',
  'must not be before enrolmentYear': 'problem.not_before_enrolment',
  'must not be before startDate': 'problem.not_before_start',
  'school is deactivated': 'problem.school_deactivated',
  'was already used or replaced': 'problem.used_or_replaced',
  'give attendancePct, result or both': 'problem.attendance_or_result',
  'is not in the competency catalogue': 'problem.not_in_catalogue',
  'lists a unit more than once': 'problem.unit_twice',
  'lists a unit twice': 'problem.unit_twice',
  'must be in the future': 'problem.in_future',
  'must not be after toPeriod': 'problem.not_after_to_period',
  'must be SKKNI-shaped (X.000000.000.00) or a local code (A-Z, 0-9, . _ -)': 'problem.unit_code',
  'each region code must be 4 digits': 'problem.region_codes',
  'each unit code must be a catalogue code': 'problem.unit_codes',
  'each programme code must be 1-20 A-Z/0-9': 'problem.programme_codes',
  'codes must be unit codes separated by commas': 'problem.unit_code_list',
  'must be a positive integer': 'problem.positive_integer',
  "is not an active teacher of the placement's school": 'problem.not_school_teacher',
  "is not an active mentor of the placement's company": 'problem.not_company_mentor',
  'must be a unit code': 'problem.competency_code',
  'must be 1 to 5': 'problem.level_range',
  'must be a date (YYYY-MM-DD, DD/MM/YYYY or a spreadsheet date)': 'problem.import_date',
  'must be L or P': 'problem.gender',
  'must be a programme code or name': 'problem.programme_code_or_name',
  'must be a region code (4 digits) or name': 'problem.region_code_or_name',
  'must be a year': 'problem.year',
  'must be a year or empty': 'problem.year_or_empty',
  'must not be in the future': 'problem.not_in_future',
  'not a graduate': 'problem.not_graduate',
  'no student with this NISN at the school': 'problem.no_nisn_at_school',
  'belongs to a student of another school': 'problem.other_school_student',
  'already registered to another student': 'problem.registered_to_other',
  'was saved in scientific notation (like 3.6E+15), which loses digits: format the column as Text and enter the numbers again':
    'problem.digits_lost',
  'a non-empty CSV or .xlsx file is required (multipart field "file")': 'problem.file_required',
  'not a CSV or .xlsx file': 'problem.not_csv_xlsx',
  'an Excel 97-2003 workbook (.xls) cannot be read: save it as .xlsx or CSV': 'problem.xls',
  'a zip file that is not an .xlsx workbook': 'problem.zip_not_xlsx',
  'the workbook has no sheet': 'problem.no_sheets',
};

/**
 * zxcvbn's warnings and suggestions on a weak password (users.rules), which the API gives in the
 * library's English: their texts in both catalogues are the library's own (@zxcvbn-ts/language-en
 * and language-id; problem-texts.spec compares them), so the English one finds its key here.
 */
const PASSWORD_ADVICE = /^problem\.password_(?:warning|suggestion)\./;
for (const [key, text] of Object.entries(enTexts)) {
  if (PASSWORD_ADVICE.test(key)) API_PROBLEMS[text] = key;
}

export function problemText(
  problem: string,
  translate: (code: string, vars?: Record<string, unknown>) => string | undefined,
): string {
  if (Object.hasOwn(API_PROBLEMS, problem)) return translate(API_PROBLEMS[problem]) ?? problem;
  for (const { pattern, key, names, words } of TEMPLATE_PATTERNS) {
    const m = pattern.exec(problem);
    if (m) {
      const vars = Object.fromEntries(
        names.map((name, i) => [
          name,
          name in words ? (translate(words[name] + m[i + 1]) ?? m[i + 1]) : m[i + 1],
        ]),
      );
      return translate(key, vars) ?? problem;
    }
  }
  for (const [pattern, key, names] of PROBLEMS) {
    const m = pattern.exec(problem);
    if (m) {
      const vars = Object.fromEntries(names.map((name, i) => [name, m[i + 1]]));
      return translate(key, vars) ?? problem;
    }
  }
  return problem;
}
