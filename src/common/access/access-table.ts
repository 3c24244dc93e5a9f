import { ALL_ROLES, Role } from '../auth/role.enum';
import { ACCESS_POLICY, Action, ResourcePolicy, RegionTie } from './access-policy';

/**
 * The access policy as the README's Markdown table, so the documentation is the table itself.
 * A unit spec fails when the README's copy differs; regenerate it with
 * `node -r @swc-node/register scripts/access-table.ts --write`.
 */
export function renderAccessTable(): string {
  const header = [
    'resource',
    'table',
    'a school admin sees',
    'a company admin sees',
    'a student sees',
    'a teacher sees',
    'a mentor sees',
    'a region-limited coordinator sees',
    ...ALL_ROLES.map((r) => `\`${r}\``),
  ];
  const rows = (Object.entries(ACCESS_POLICY) as [string, ResourcePolicy][]).map(([name, p]) => [
    `\`${name}\``,
    p.table ? `\`${p.table}\`` : '–',
    ownRows(p, Role.SchoolAdmin, p.school),
    ownRows(p, Role.CompanyAdmin, p.company),
    ownRows(p, Role.Student, p.student),
    ownRows(p, Role.Teacher, p.teacher, 'the user'),
    ownRows(p, Role.Mentor, p.mentor, 'the user'),
    p.can[Role.Coordinator] ? regionText(p.region) : '–',
    ...ALL_ROLES.map((role) => actionsText(p.can[role])),
  ]);
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function ownRows(
  p: ResourcePolicy,
  role: Role,
  tie: ((a: string) => string) | undefined,
  whose = 'theirs',
): string {
  if (!p.can[role]) {
    return '–';
  }
  if (!p.school && !p.company && !p.student && !p.teacher && !p.mentor) {
    return 'every row';
  }
  const parts: string[] = [];
  if (tie) {
    parts.push(`rows where ${sql(tie('row'))} is ${whose}`);
  }
  if (p.openTo?.roles.includes(role)) {
    parts.push(`rows where ${sql(p.openTo.when('row'))} (read only)`);
  }
  return parts.length > 0 ? parts.join('; ') : 'nothing';
}

function regionText(region: RegionTie): string {
  switch (region.kind) {
    case 'none':
      return 'every row (not regional)';
    case 'anyOf':
      return `rows where ${region.columns('row').map(sql).join(' or ')} is one of theirs`;
    case 'allOf':
      return `rows whose every region (${sql(`${region.column} of ${region.from('row')}`)}) is theirs`;
  }
}

function actionsText(actions: readonly Action[] | undefined): string {
  return actions && actions.length > 0 ? actions.join(', ') : '–';
}

/** `(SELECT x.col FROM table x WHERE x.id = row.fk)` reads as `table.col of row.fk`. */
function sql(expression: string): string {
  const text = expression
    .replace(
      /\(SELECT (\w+)\.(\w+) FROM (\w+) \1 WHERE \1\.id = ([\w.]+)\)/g,
      (_m, _a: string, col: string, table: string, key: string) => `${table}.${col} of ${key}`,
    )
    .replace(/\s+/g, ' ');
  return `\`${text}\``;
}
