import { Role } from '../../src/common/auth/role.enum';
import { CohortStatus } from '../../src/modules/cohorts/cohort.entity';
import { OutcomeStatus } from '../../src/modules/outcomes/outcome.entity';
import { SlotStatus } from '../../src/modules/slots/slot.entity';
import { createOutcome, createVacancyReport } from '../factories/analytics.factory';
import { createCompany, createSlot } from '../factories/companies.factory';
import { createCohort, createCourse } from '../factories/courses.factory';
import { createUnits } from '../factories/reference.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';

const WELD = 'C.241000.001.01';
const WIRE = 'C.271000.002.01';
const HOTEL = 'LOC-HOTEL-01';
const SAFETY = 'LOC-K3-01';
const { Employed, Unemployed, Studying } = OutcomeStatus;

/** A day `days` from today (UTC), as the cohorts' DATE columns hold it. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A hand-computed Kota Cilegon (3672), 2026, built once: the tests only read.
 *
 * Graduates of 2026 domiciled in 3672: g1 (WELD 2, SAFETY 3) unemployed, g2 (WIRE 1, SAFETY 2)
 * unemployed, g3 (SAFETY 2) employed, g4 studying, g5 (SAFETY 1) no outcome, g6 unemployed
 * → 3 unemployed of a labour force of 4 (rate 0.75). Not counted: a 2025 graduate holding
 * WELD, and a Kota Serang (3673) graduate holding WELD.
 *
 * Demand in 3672: slot A 4 free seats (WELD ≥ 3, SAFETY ≥ 1), slot B 3 seats (WIRE ≥ 2,
 * WELD ≥ 2), slot C closed (HOTEL); vacancies 2026-06: 2 naming WIRE and HOTEL; 2025-12: 50
 * naming WELD (outside 2026). In 3673: 7 vacancies naming HOTEL.
 *
 *   unit    supply  seats  vacancies  demand  gap  level needed  potential = min(gap, 3)
 *   WELD       1      7        0         7     6        3              3
 *   WIRE       1      3        2         5     4        2              3
 *   HOTEL      0      0        2         2     2      null             2
 *   SAFETY     4      4        0         4     0  (not short: left out)
 *
 * Courses: LAS-1 teaches WELD to 2 (below the 3 asked), LAS-2 teaches WELD to 3 and WIRE to 2,
 * LISTRIK-3 teaches WIRE to 3 and has no cohort; nothing teaches HOTEL. LAS-2's planned
 * cohorts: in 3672 from +120 days (25 seats), in 3672 from +60 days but full, in 3673 from +45
 * days (6 seats left), one past, one cancelled.
 */
describe('Analytics recommendations and region-limited coordinators (e2e)', () => {
  let sut: TestApp;
  let coordinator: SignedIn;
  let cilegonOnly: SignedIn;
  let serangAndTangsel: SignedIn;
  const cohortIds: Record<string, number> = {};
  const courseIds: Record<string, number> = {};

  beforeAll(async () => {
    sut = await createTestApp();
    await resetState(sut);
    const ds = sut.dataSource;
    const named = () =>
      createUnits(ds, [
        { code: WELD, name: 'Mengelas dengan proses SMAW' },
        { code: WIRE, name: 'Memasang instalasi listrik' },
        { code: HOTEL, name: 'Tata graha' },
        { code: SAFETY, name: 'Menerapkan K3' },
      ]);
    await named();
    const school = (await createSchool(ds, { regionCode: '3672' })).id;
    const serangSchool = (await createSchool(ds, { regionCode: '3673' })).id;
    const grad = (extra: object = {}) =>
      createStudent(sut.app, ds, school, { domicileRegionCode: '3672', ...extra });

    const g1 = await grad({ units: { [WELD]: 2, [SAFETY]: 3 } });
    const g2 = await grad({ units: { [WIRE]: 1, [SAFETY]: 2 } });
    const g3 = await grad({ units: { [SAFETY]: 2 } });
    const g4 = await grad();
    await grad({ units: { [SAFETY]: 1 } });
    const g6 = await grad();
    const old = await grad({ graduationYear: 2025, units: { [WELD]: 4 } });
    const serang = await createStudent(sut.app, ds, serangSchool, {
      domicileRegionCode: '3673',
      units: { [WELD]: 4 },
    });
    await createOutcome(ds, g1.id, Unemployed, '2026-09-01');
    await createOutcome(ds, g2.id, Employed, '2026-07-01');
    await createOutcome(ds, g2.id, Unemployed, '2026-10-01');
    await createOutcome(ds, g3.id, Employed, '2026-09-01');
    await createOutcome(ds, g4.id, Studying, '2026-09-01');
    await createOutcome(ds, g6.id, Unemployed, '2026-09-01');
    await createOutcome(ds, old.id, Unemployed, '2025-09-01');
    await createOutcome(ds, serang.id, Unemployed, '2026-09-01');

    const company = await createCompany(ds, { regionCode: '3672' });
    const serangCompany = await createCompany(ds, { regionCode: '3673' });
    await createSlot(ds, company.id, {
      capacity: 5,
      filled: 1,
      requirements: [
        { unit: WELD, minLevel: 3 },
        { unit: SAFETY, minLevel: 1 },
      ],
    });
    await createSlot(ds, company.id, {
      capacity: 3,
      requirements: [
        { unit: WIRE, minLevel: 2 },
        { unit: WELD, minLevel: 2 },
      ],
    });
    await createSlot(ds, company.id, {
      capacity: 10,
      status: SlotStatus.Closed,
      requirements: [{ unit: HOTEL, minLevel: 4 }],
    });
    await createVacancyReport(ds, company.id, { vacancyCount: 2, unitCodes: `${WIRE},${HOTEL}` });
    await createVacancyReport(ds, company.id, {
      period: '2025-12',
      vacancyCount: 50,
      unitCodes: WELD,
    });
    await createVacancyReport(ds, serangCompany.id, {
      regionCode: '3673',
      vacancyCount: 7,
      unitCodes: HOTEL,
    });

    coordinator = await signInAs(sut, Role.Coordinator);
    cilegonOnly = await signInAs(sut, Role.Coordinator, { regionCodes: ['3672'] });
    serangAndTangsel = await signInAs(sut, Role.Coordinator, { regionCodes: ['3673', '3674'] });

    const course = async (key: string, units: Record<string, number>) =>
      (courseIds[key] = (
        await createCourse(ds, units, { code: key, title: `Pelatihan ${key}` })
      ).id);
    await course('LAS-1', { [WELD]: 2 });
    await course('LAS-2', { [WELD]: 3, [WIRE]: 2 });
    await course('LISTRIK-3', { [WIRE]: 3 });
    // createCourse upserts its units under placeholder names: give them theirs back.
    await named();
    const cohort = async (key: string, courseKey: string, fields: object) =>
      (cohortIds[key] = (
        await createCohort(ds, courseIds[courseKey], coordinator.userId, { name: key, ...fields })
      ).id);
    await cohort('LAS-1 Cilegon', 'LAS-1', { startDate: inDays(90), endDate: inDays(150) });
    await cohort('LAS-2 Cilegon', 'LAS-2', {
      startDate: inDays(120),
      endDate: inDays(180),
      capacity: 25,
    });
    await cohort('LAS-2 Cilegon full', 'LAS-2', {
      startDate: inDays(60),
      endDate: inDays(90),
      capacity: 15,
      enrolledCount: 15,
    });
    await cohort('LAS-2 Serang', 'LAS-2', {
      startDate: inDays(45),
      endDate: inDays(100),
      capacity: 10,
      enrolledCount: 4,
      regionCode: '3673',
    });
    await cohort('LAS-2 past', 'LAS-2', { startDate: inDays(-30), endDate: inDays(30) });
    await cohort('LAS-2 cancelled', 'LAS-2', {
      startDate: inDays(30),
      endDate: inDays(60),
      status: CohortStatus.Cancelled,
    });
  });
  afterAll(() => sut.close());

  const get = (who: SignedIn, url: string) => sut.http().get(url).set(who.auth);

  describe('recommendations', () => {
    it('ranks the short units by gap and explains each in numbers', async () => {
      const { body } = await get(
        coordinator,
        '/api/v1/analytics/recommendations?regionCode=3672&year=2026',
      ).expect(200);
      expect(body).toMatchObject({
        regionCode: '3672',
        regionName: 'Kota Cilegon',
        year: 2026,
        unemployed: 3,
        unemploymentRate: 0.75,
      });
      const pick = (r: Record<string, unknown>) => [
        r.rank,
        r.unitCode,
        r.supply,
        r.slotSeats,
        r.vacancies,
        r.demand,
        r.gap,
        r.levelNeeded,
        r.potential,
      ];
      expect(body.recommendations.map(pick)).toEqual([
        [1, WELD, 1, 7, 0, 7, 6, 3, 3],
        [2, WIRE, 1, 3, 2, 5, 4, 2, 3],
        [3, HOTEL, 0, 0, 2, 2, 2, null, 2],
      ]);
      const [weld, wire, hotel] = body.recommendations;
      expect(weld.unitName).toBe('Mengelas dengan proses SMAW');
      const unemployedLine =
        '3 graduates of 2026 from Kota Cilegon are unemployed; training 3 of them could fill 3 of these places.';
      expect(weld.explanation).toBe(
        `7 needed in Kota Cilegon (7 open apprenticeship seats + 0 reported vacancies) against 1 graduates of 2026 holding ${WELD}: 6 short. ${unemployedLine} 2 course(s) teach it; the next cohort is LAS-2 Cilegon of LAS-2 from ${inDays(120)} with 25 seats left.`,
      );
      expect(wire.explanation).toBe(
        `5 needed in Kota Cilegon (3 open apprenticeship seats + 2 reported vacancies) against 1 graduates of 2026 holding ${WIRE}: 4 short. ${unemployedLine} 2 course(s) teach it; the next cohort is LAS-2 Cilegon of LAS-2 from ${inDays(120)} with 25 seats left.`,
      );
      expect(hotel.explanation).toBe(
        `2 needed in Kota Cilegon (0 open apprenticeship seats + 2 reported vacancies) against 0 graduates of 2026 holding ${HOTEL}: 2 short. 3 graduates of 2026 from Kota Cilegon are unemployed; training 2 of them could fill 2 of these places. No course in the catalogue teaches this unit yet.`,
      );
      expect(hotel.courses).toEqual([]);
      expect(hotel.nextCohort).toBeNull();
    });

    it('lists the courses reaching the level asked first, with their open next cohorts, this region first', async () => {
      const { body } = await get(
        coordinator,
        '/api/v1/analytics/recommendations?regionCode=3672&year=2026',
      ).expect(200);
      const [weld, wire] = body.recommendations;
      const courses = (r: { courses: Record<string, unknown>[] }) =>
        r.courses.map((c) => [c.code, c.level, c.reachesLevelNeeded]);
      // WELD needs level 3: LAS-2 (3) before LAS-1 (2). WIRE needs 2: both reach it, higher first.
      expect(courses(weld)).toEqual([
        ['LAS-2', 3, true],
        ['LAS-1', 2, false],
      ]);
      expect(courses(wire)).toEqual([
        ['LISTRIK-3', 3, true],
        ['LAS-2', 2, true],
      ]);
      // Full, past and cancelled cohorts are left out; 3672's before 3673's, then by start.
      expect(weld.courses[0].nextCohorts).toEqual([
        {
          id: cohortIds['LAS-2 Cilegon'],
          name: 'LAS-2 Cilegon',
          startDate: inDays(120),
          endDate: inDays(180),
          regionCode: '3672',
          seatsLeft: 25,
        },
        {
          id: cohortIds['LAS-2 Serang'],
          name: 'LAS-2 Serang',
          startDate: inDays(45),
          endDate: inDays(100),
          regionCode: '3673',
          seatsLeft: 6,
        },
      ]);
      expect(weld.courses[1].nextCohorts.map((k: { name: string }) => k.name)).toEqual([
        'LAS-1 Cilegon',
      ]);
      expect(wire.courses[0]).toMatchObject({ id: courseIds['LISTRIK-3'], nextCohorts: [] });
      // The next cohort is the first of the courses' in their order: LISTRIK-3 has none, so
      // WIRE's is LAS-2's first, as WELD's is.
      expect(wire.nextCohort).toEqual({ ...weld.courses[0].nextCohorts[0], courseCode: 'LAS-2' });
      expect(weld.nextCohort).toEqual(wire.nextCohort);
    });

    it('keeps the top `limit`, and reads another region’s own figures', async () => {
      const top = await get(
        coordinator,
        '/api/v1/analytics/recommendations?regionCode=3672&year=2026&limit=2',
      ).expect(200);
      expect(top.body.recommendations.map((r: { unitCode: string }) => r.unitCode)).toEqual([
        WELD,
        WIRE,
      ]);
      // Kota Serang: 7 vacancies naming HOTEL, nobody holding it; its WELD holder is surplus.
      const serang = await get(
        coordinator,
        '/api/v1/analytics/recommendations?regionCode=3673&year=2026',
      ).expect(200);
      expect(serang.body).toMatchObject({ unemployed: 1, unemploymentRate: 1 });
      expect(
        serang.body.recommendations.map((r: Record<string, unknown>) => [
          r.unitCode,
          r.gap,
          r.potential,
        ]),
      ).toEqual([[HOTEL, 7, 1]]);
      // No graduate of 2030 anywhere, no demand reported for it: nothing to recommend.
      const empty = await get(
        coordinator,
        '/api/v1/analytics/recommendations?regionCode=3672&year=2030',
      ).expect(200);
      expect(empty.body).toMatchObject({ unemployed: 0, unemploymentRate: null });
    });

    it('answers 404 for an unknown region and 400 naming the field for a malformed query', async () => {
      const unknown = await get(
        coordinator,
        '/api/v1/analytics/recommendations?regionCode=9999&year=2026',
      ).expect(404);
      expect(unknown.body.code).toBe('region_not_found');
      const bad = await get(
        coordinator,
        '/api/v1/analytics/recommendations?regionCode=36&year=2026&limit=0',
      ).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'limit',
        'regionCode',
      ]);
    });
  });

  describe('a coordinator limited to some regions', () => {
    it('gets the rate of their regions only', async () => {
      const { body } = await get(cilegonOnly, '/api/v1/analytics/unemployment?year=2026').expect(
        200,
      );
      expect(body.rows.map((r: Record<string, unknown>) => [r.key, r.graduates, r.rate])).toEqual([
        ['3672', 6, 0.75],
      ]);
      expect(body.totals).toMatchObject([{ year: 2026, graduates: 6, unemployed: 3 }]);
      // By school: only the graduates domiciled in their regions count.
      const bySchool = await get(
        serangAndTangsel,
        '/api/v1/analytics/unemployment?year=2026&groupBy=school',
      ).expect(200);
      expect(bySchool.body.totals).toMatchObject([{ graduates: 1, unemployed: 1 }]);
    });

    it('gets supply and demand of their regions only, as JSON, CSV and SVG', async () => {
      const { body } = await get(
        serangAndTangsel,
        '/api/v1/analytics/supply-demand?year=2026',
      ).expect(200);
      expect(
        body.items.map((r: Record<string, unknown>) => [r.regionCode, r.unitCode, r.gap]),
      ).toEqual([
        ['3673', HOTEL, 7],
        ['3673', WELD, -1],
      ]);
      expect(body.regions.map((r: { regionCode: string }) => r.regionCode)).toEqual([
        '3673',
        '3674',
      ]);
      // A profile narrows their regions further: 3672 is industrial, but not theirs.
      const industrial = await get(
        serangAndTangsel,
        '/api/v1/analytics/supply-demand?year=2026&profile=industrial',
      ).expect(200);
      expect(industrial.body).toMatchObject({ items: [], regions: [] });
      const csv = await get(
        serangAndTangsel,
        '/api/v1/analytics/supply-demand?year=2026&format=csv',
      ).expect(200);
      expect(
        csv.text
          .trim()
          .split('\r\n')
          .slice(1)
          .map((l) => l.slice(0, 5)),
      ).toEqual(['3673,', '3673,']);
      const svg = await get(
        serangAndTangsel,
        '/api/v1/analytics/supply-demand?year=2026&format=svg',
      ).expect(200);
      const text = svg.text || String(svg.body);
      expect(
        [...text.matchAll(/<rect class="bar" data-key="(\d{4})"/g)].map((m) => m[1]).sort(),
      ).toEqual(['3673', '3673', '3674', '3674']);
    });

    it('answers 400 naming regionCode for a region outside theirs, on every endpoint', async () => {
      for (const url of [
        '/api/v1/analytics/unemployment?year=2026&regionCode=3672',
        '/api/v1/analytics/supply-demand?year=2026&regionCode=3672',
        '/api/v1/analytics/recommendations?year=2026&regionCode=3672',
      ]) {
        const { body } = await get(serangAndTangsel, url).expect(400);
        expect([url, body.details]).toEqual([
          url,
          [{ field: 'regionCode', problems: ['is outside your regions'] }],
        ]);
      }
      const own = await get(
        cilegonOnly,
        '/api/v1/analytics/recommendations?year=2026&regionCode=3672',
      ).expect(200);
      expect(own.body.recommendations).toHaveLength(3);
      await get(cilegonOnly, '/api/v1/analytics/supply-demand?year=2026&regionCode=3672').expect(
        200,
      );
    });
  });
});
