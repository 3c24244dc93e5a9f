/**
 * The validator's usual problems (by their shape) and the API's own (word for word), in the
 * user's language (the text shows under its field, so without the field's name); a problem of
 * another shape keeps the API's words.
 */
const PROBLEMS: [RegExp, string, string[]][] = [
  [/ should not be empty$/, 'problem.required', []],
  [/ must not be less than (-?[\d.]+)$/, 'problem.min', ['n']],
  [/ must not be greater than (-?[\d.]+)$/, 'problem.max', ['n']],
  [/ must be longer than or equal to (\d+) characters$/, 'problem.min_length', ['n']],
  [/ must be shorter than or equal to (\d+) characters$/, 'problem.max_length', ['n']],
  [/ must be an email$/, 'problem.email', []],
  [/ must be an integer number$/, 'problem.integer', []],
  [/ must be a number conforming to the specified constraints$/, 'problem.number', []],
  [/ must be one of the following values: (.+)$/, 'problem.one_of', ['values']],
  [/ must be a date YYYY-MM-DD$/, 'problem.date', []],
];

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
};

export function problemText(problem: string, translate: (code: string, vars?: Record<string, unknown>) => string | undefined): string {
  if (Object.hasOwn(API_PROBLEMS, problem)) return translate(API_PROBLEMS[problem]) ?? problem;
  for (const [pattern, key, names] of PROBLEMS) {
    const m = pattern.exec(problem);
    if (m) {
      const vars = Object.fromEntries(names.map((name, i) => [name, m[i + 1]]));
      return translate(key, vars) ?? problem;
    }
  }
  return problem;
}
