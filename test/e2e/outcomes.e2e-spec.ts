import { Role } from '../../src/common/auth/role.enum';
import { OutcomeStatus } from '../../src/modules/outcomes/outcome.entity';
import { OutcomesService } from '../../src/modules/outcomes/outcomes.service';
import { Placement, PlacementStatus } from '../../src/modules/placements/placement.entity';
import { StudentStatus } from '../../src/modules/students/student.entity';
import { createOutcome } from '../factories/analytics.factory';
import { createCompany, createSlot } from '../factories/companies.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';

describe('Outcomes (e2e)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState(sut));

  async function schoolWithAdmin(): Promise<{ schoolId: number; admin: SignedIn }> {
    const school = await createSchool(sut.dataSource);
    return {
      schoolId: school.id,
      admin: await signInAs(sut, Role.SchoolAdmin, { schoolId: school.id }),
    };
  }

  it('lets a school_admin record an outcome of their own graduate, and only theirs', async () => {
    const { schoolId, admin } = await schoolWithAdmin();
    const other = await createSchool(sut.dataSource);
    const own = await createStudent(sut.app, sut.dataSource, schoolId);
    const foreign = await createStudent(sut.app, sut.dataSource, other.id);

    const created = await sut
      .http()
      .post('/api/v1/outcomes')
      .set(admin.auth)
      .send({
        studentId: own.id,
        status: 'employed',
        outcomeDate: '2026-09-01',
        employerName: 'PT Krakatau Steel',
        regionCode: '3672',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      studentId: own.id,
      schoolId,
      status: 'employed',
      employerName: 'PT Krakatau Steel',
      source: 'school',
    });

    await sut
      .http()
      .post('/api/v1/outcomes')
      .set(admin.auth)
      .send({ studentId: foreign.id, status: 'unemployed', outcomeDate: '2026-09-01' })
      .expect(404);
    await sut.http().get(`/api/v1/outcomes/${created.body.id}`).set(admin.auth).expect(200);
    const otherAdmin = await signInAs(sut, Role.SchoolAdmin, { schoolId: other.id });
    await sut.http().get(`/api/v1/outcomes/${created.body.id}`).set(otherAdmin.auth).expect(404);
    const list = await sut.http().get('/api/v1/outcomes').set(otherAdmin.auth).expect(200);
    expect(list.body.meta.total).toBe(0);
  });

  it('refuses what breaks the rules, naming the field or the rule', async () => {
    const { schoolId, admin } = await schoolWithAdmin();
    const graduate = await createStudent(sut.app, sut.dataSource, schoolId);
    const pupil = await createStudent(sut.app, sut.dataSource, schoolId, {
      status: StudentStatus.Enrolled,
    });
    const post = (body: object) => sut.http().post('/api/v1/outcomes').set(admin.auth).send(body);

    const noEmployer = await post({
      studentId: graduate.id,
      status: 'apprenticeship',
      outcomeDate: '2026-09-01',
    }).expect(400);
    expect(noEmployer.body.details[0].field).toBe('employerName');
    const future = await post({
      studentId: graduate.id,
      status: 'unemployed',
      outcomeDate: '2099-01-01',
    }).expect(400);
    expect(future.body.details[0].field).toBe('outcomeDate');
    const impossible = await post({
      studentId: graduate.id,
      status: 'unemployed',
      outcomeDate: '2026-02-30',
    }).expect(400);
    expect(impossible.body.details[0].field).toBe('outcomeDate');
    const region = await post({
      studentId: graduate.id,
      status: 'unemployed',
      outcomeDate: '2026-09-01',
      regionCode: '9999',
    }).expect(400);
    expect(region.body.details[0].field).toBe('regionCode');
    const notGraduate = await post({
      studentId: pupil.id,
      status: 'unemployed',
      outcomeDate: '2026-09-01',
    }).expect(422);
    expect(notGraduate.body.code).toBe('not_a_graduate');

    await post({ studentId: graduate.id, status: 'unemployed', outcomeDate: '2026-09-01' }).expect(
      201,
    );
    const twice = await post({
      studentId: graduate.id,
      status: 'unemployed',
      outcomeDate: '2026-09-01',
    }).expect(409);
    expect(twice.body.code).toBe('outcome_exists');
  });

  it('lets a student report their own outcome and see only their own', async () => {
    const school = await createSchool(sut.dataSource);
    const me = await createStudent(sut.app, sut.dataSource, school.id);
    const classmate = await createStudent(sut.app, sut.dataSource, school.id);
    await createOutcome(sut.dataSource, classmate.id, OutcomeStatus.Unemployed);
    const student = await signInAs(sut, Role.Student, { studentId: me.id });

    const mine = await sut
      .http()
      .post('/api/v1/outcomes')
      .set(student.auth)
      .send({ status: 'studying', outcomeDate: '2026-08-15', notes: 'D3 Politeknik' })
      .expect(201);
    expect(mine.body).toMatchObject({ studentId: me.id, source: 'student' });
    await sut
      .http()
      .post('/api/v1/outcomes')
      .set(student.auth)
      .send({ studentId: classmate.id, status: 'studying', outcomeDate: '2026-08-15' })
      .expect(404);
    const list = await sut.http().get('/api/v1/outcomes').set(student.auth).expect(200);
    expect(list.body.items.map((o: { studentId: number }) => o.studentId)).toEqual([me.id]);
  });

  it('lists each graduate’s latest outcome: by date, then by the later record', async () => {
    const school = await createSchool(sut.dataSource);
    const a = await createStudent(sut.app, sut.dataSource, school.id);
    const b = await createStudent(sut.app, sut.dataSource, school.id);
    await createOutcome(sut.dataSource, a.id, OutcomeStatus.Employed, '2026-10-01');
    await createOutcome(sut.dataSource, a.id, OutcomeStatus.Unemployed, '2026-07-01');
    await createOutcome(sut.dataSource, b.id, OutcomeStatus.Unemployed, '2026-09-01');
    const later = await createOutcome(sut.dataSource, b.id, OutcomeStatus.Studying, '2026-09-01');
    const coordinator = await signInAs(sut, Role.Coordinator);

    const latest = await sut
      .http()
      .get('/api/v1/outcomes?latestOnly=true')
      .set(coordinator.auth)
      .expect(200);
    const byStudent = Object.fromEntries(
      latest.body.items.map((o: { studentId: number; status: string; id: number }) => [
        o.studentId,
        o,
      ]),
    );
    expect(latest.body.meta.total).toBe(2);
    expect(byStudent[a.id].status).toBe('employed');
    expect(byStudent[b.id].id).toBe(later.id);
  });

  it('records an apprenticeship once when a placement starts, however often it is called', async () => {
    const school = await createSchool(sut.dataSource);
    const graduate = await createStudent(sut.app, sut.dataSource, school.id);
    const company = await createCompany(sut.dataSource, { name: 'PT Chandra Asri' });
    const slot = await createSlot(sut.dataSource, company.id, { regionCode: '3672' });
    const placement = await sut.dataSource.getRepository(Placement).save({
      studentId: graduate.id,
      slotId: slot.id,
      companyId: company.id,
      schoolId: school.id,
      status: PlacementStatus.Active,
      startDate: '2026-08-01',
      endDate: '2027-01-31',
    });
    const outcomes = sut.app.get(OutcomesService);
    const start = {
      studentId: graduate.id,
      date: placement.startDate,
      employerName: company.name,
      regionCode: slot.regionCode,
      placementId: placement.id,
    };

    const first = await sut.dataSource.transaction((m) =>
      outcomes.recordApprenticeshipStart(m, start),
    );
    const again = await sut.dataSource.transaction((m) =>
      outcomes.recordApprenticeshipStart(m, start),
    );

    expect(again).toBe(first);
    const rows = await sut.dataSource.query('SELECT * FROM outcomes WHERE student_id = ?', [
      graduate.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'apprenticeship',
      source: 'placement',
      employer_name: 'PT Chandra Asri',
      placement_id: placement.id,
    });
  });
});
