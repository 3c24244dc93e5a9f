/**
 * The demo's users, one of each role, made through the API as the admin (so the API's own rules
 * apply): a school admin, a company admin and a student tied together by one offer of the
 * published round when there is one, so every console shows the same story. Idempotent: an
 * account that exists is kept (409). Prints every login. Run by scripts/demo.sh.
 */
interface Login {
  role: string;
  email: string;
  password: string;
}

const base = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
let token = '';

async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  ok: number[] = [200, 201],
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!ok.includes(response.status)) {
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  return (response.status === 204 ? undefined : await response.json().catch(() => undefined)) as T;
}

async function main(): Promise<void> {
  const env = process.env;
  const admin = { email: env.ADMIN_EMAIL ?? '', password: env.ADMIN_PASSWORD ?? '' };
  token = (await api<{ accessToken: string }>('POST', '/api/v1/auth/login', admin)).accessToken;

  // One offer of the published round ties a student, their school and the offering company.
  const offers = await api<{ items: { studentId: number; schoolId: number; companyId: number }[] }>(
    'GET',
    '/api/v1/placements?pageSize=1&status=offered',
  );
  const first = async (path: string): Promise<number> =>
    (
      await api<{ items: { id: number }[] }>(
        'GET',
        `${path}${path.includes('?') ? '&' : '?'}pageSize=1`,
      )
    ).items[0]?.id;
  const tie = offers.items[0] ?? {
    studentId: await first('/api/v1/students'),
    schoolId: await first('/api/v1/schools?sort=name'),
    companyId: await first('/api/v1/companies'),
  };

  const logins: Login[] = [
    { role: 'admin', ...admin },
    {
      role: 'coordinator',
      email: env.DEMO_COORDINATOR_EMAIL ?? 'coordinator@smklink.local',
      password: env.DEMO_COORDINATOR_PASSWORD ?? 'coordinator-demo-password',
    },
  ];
  const wanted = [
    {
      role: 'school_admin',
      email: 'sekolah@smklink.local',
      password: 'school-admin-demo-password',
      schoolId: tie.schoolId,
    },
    {
      role: 'company_admin',
      email: 'perusahaan@smklink.local',
      password: 'company-admin-demo-password',
      companyId: tie.companyId,
    },
    {
      role: 'student',
      email: 'siswa@smklink.local',
      password: 'student-demo-password',
      studentId: tie.studentId,
    },
  ];
  // Accounts gain a display name with the accounts API: sent when the API's schema has it.
  const schema = await api<{
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  }>('GET', '/docs-json');
  const named = 'name' in (schema.components.schemas.CreateUserDto?.properties ?? {});
  const names: Record<string, string> = {
    school_admin: 'Admin Sekolah Demo',
    company_admin: 'Admin Perusahaan Demo',
    student: 'Siswa Demo',
  };
  for (const user of wanted) {
    await api(
      'POST',
      '/api/v1/users',
      named ? { ...user, name: names[user.role] } : user,
      [201, 409],
    );
    logins.push({ role: user.role, email: user.email, password: user.password });
  }
  logins.push(...(await supervisors(tie, named)));
  const width = Math.max(...logins.map((l) => l.role.length));
  console.log('Logins (one of each role)');
  for (const l of logins) {
    console.log(`  ${l.role.padEnd(width)}  ${l.email} / ${l.password}`);
  }
}

interface PlacementRow {
  id: number;
  studentId: number;
  schoolId: number;
  companyId: number;
  teacherId: number | null;
  mentorId: number | null;
}

/**
 * The demo's teacher and mentor, assigned to one apprenticeship under way so that their pages
 * show something: another student's offer of the round (the demo student's stays theirs to
 * answer), accepted and started by the admin, at the demo company when it has one. A re-run
 * finds the apprenticeship it started before.
 */
async function supervisors(
  tie: { studentId: number; companyId: number },
  named: boolean,
): Promise<Login[]> {
  const teacher = { email: 'guru@smklink.local', password: 'teacher-demo-password' };
  const mentor = { email: 'mentor@smklink.local', password: 'mentor-demo-password' };
  const active = await api<{ items: PlacementRow[] }>(
    'GET',
    '/api/v1/placements?status=active&pageSize=100',
  );
  let placement = active.items.find((p) => p.teacherId !== null && p.mentorId !== null);
  if (!placement) {
    const offered = await api<{ items: PlacementRow[] }>(
      'GET',
      '/api/v1/placements?status=offered&pageSize=100',
    );
    const others = offered.items
      .filter((p) => p.studentId !== tie.studentId)
      .sort(
        (a, b) => Number(b.companyId === tie.companyId) - Number(a.companyId === tie.companyId),
      );
    for (const candidate of others.slice(0, 5)) {
      const accepted = await api(
        'POST',
        `/api/v1/placements/${candidate.id}/accept`,
        undefined,
        [200, 409, 422],
      ).then(
        () => true,
        () => false,
      );
      if (accepted) {
        await api('POST', `/api/v1/placements/${candidate.id}/start`, undefined, [200, 409, 422]);
        const now = await api<PlacementRow & { status: string }>(
          'GET',
          `/api/v1/placements/${candidate.id}`,
        );
        if (now.status === 'active') {
          placement = now;
          break;
        }
      }
    }
  }
  if (!placement) {
    console.log('   no apprenticeship could be started for the demo teacher and mentor');
    return [];
  }
  const wanted = [
    { role: 'teacher', ...teacher, schoolId: placement.schoolId, name: 'Guru Pembimbing Demo' },
    { role: 'mentor', ...mentor, companyId: placement.companyId, name: 'Mentor Industri Demo' },
  ];
  for (const { name, ...user } of wanted) {
    await api('POST', '/api/v1/users', named ? { ...user, name } : user, [201, 409]);
  }
  for (const kind of ['teacher', 'mentor'] as const) {
    const users = await api<{ items: { id: number; email: string }[] }>(
      'GET',
      `/api/v1/users?role=${kind}&pageSize=100`,
    );
    const email = kind === 'teacher' ? teacher.email : mentor.email;
    const userId = users.items.find((u) => u.email === email)?.id;
    if (userId !== undefined) {
      await api('PUT', `/api/v1/placements/${placement.id}/${kind}`, { userId });
    }
  }
  return [
    { role: 'teacher', ...teacher },
    { role: 'mentor', ...mentor },
  ];
}

main().catch((error: unknown) => {
  console.error(`demo users failed: ${(error as Error).message}`);
  process.exit(1);
});
