import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Role } from '../../src/common/auth/role.enum';
import { OutcomeStatus } from '../../src/modules/outcomes/outcome.entity';
import { SlotStatus } from '../../src/modules/slots/slot.entity';
import { StudentStatus } from '../../src/modules/students/student.entity';
import { createOutcome, createVacancyReport } from '../factories/analytics.factory';
import { createCompany, createSlot } from '../factories/companies.factory';
import { createUnits } from '../factories/reference.factory';
import { createSchool } from '../factories/schools.factory';
import { createStudent } from '../factories/students.factory';
import { createTestApp, resetState, signInAs, SignedIn, TestApp } from '../helpers/test-app';
import { asBinary, readXlsx } from '../helpers/xlsx';

const U1 = 'C.293000.001.01';
const U2 = 'LOC-HOTEL-01';
const { Employed, Unemployed, Studying, NotInLabourForce, SelfEmployed, Apprenticeship } =
  OutcomeStatus;

/**
 * A hand-computed province (figures worked out in the comments), built once: the tests only read.
 *
 * Graduates of 2026 by domicile: Kota Cilegon (3672) a1 employed, a2 employed then unemployed,
 * a3 studying, a4 no outcome, a5 unemployed then apprenticeship, b3 unemployed (school B, lives
 * in 3672) → 6 graduates, 1 without outcome, 2 working, 2 unemployed, 1 outside, LF 4, rate 0.5.
 * Kota Serang (3673) b1 unemployed, b2 not in LF, b4 self-employed, b5 employed → 4, 0, 2, 1, 1,
 * LF 3, rate 0.3333. Not counted: a6 (still enrolled), c1 (graduated 2025, unemployed).
 */
describe('Analytics (e2e)', () => {
  let sut: TestApp;
  let coordinator: SignedIn;
  let adminOfA: SignedIn;
  let schoolA: number;
  let schoolB: number;

  beforeAll(async () => {
    sut = await createTestApp();
    await resetState(sut);
    const ds = sut.dataSource;
    await createUnits(ds, [
      { code: U1, name: 'Merawat mesin' },
      { code: U2, name: 'Tata graha' },
    ]);
    schoolA = (await createSchool(ds, { regionCode: '3672', name: 'SMKN 1 Cilegon' })).id;
    schoolB = (await createSchool(ds, { regionCode: '3673', name: 'SMKN 2 Serang' })).id;
    const grad = (school: number, region: string, extra: object = {}) =>
      createStudent(sut.app, ds, school, { domicileRegionCode: region, ...extra });

    const a1 = await grad(schoolA, '3672', { units: { [U1]: 2 } });
    const a2 = await grad(schoolA, '3672', { units: { [U1]: 3, [U2]: 1 } });
    const a3 = await grad(schoolA, '3672', { programCode: 'AKL' });
    await grad(schoolA, '3672', { programCode: 'AKL' });
    const a5 = await grad(schoolA, '3672', { units: { [U1]: 2 } });
    const a6 = await grad(schoolA, '3672', {
      status: StudentStatus.Enrolled,
      units: { [U1]: 5 },
    });
    const b1 = await grad(schoolB, '3673', { units: { [U1]: 1 } });
    const b2 = await grad(schoolB, '3673');
    const b3 = await grad(schoolB, '3672', { units: { [U2]: 2 } });
    const b4 = await grad(schoolB, '3673', { programCode: 'AKL' });
    const b5 = await grad(schoolB, '3673');
    const c1 = await grad(schoolA, '3672', { graduationYear: 2025, units: { [U1]: 4 } });

    await createOutcome(ds, a1.id, Employed, '2026-08-01');
    await createOutcome(ds, a2.id, Employed, '2026-07-01');
    await createOutcome(ds, a2.id, Unemployed, '2026-10-01');
    await createOutcome(ds, a3.id, Studying, '2026-08-01');
    await createOutcome(ds, a5.id, Unemployed, '2026-08-01');
    await createOutcome(ds, a5.id, Apprenticeship, '2026-10-01', { employerName: 'PT KS' });
    await createOutcome(ds, a6.id, Unemployed, '2026-08-01');
    await createOutcome(ds, b1.id, Unemployed, '2026-08-01');
    await createOutcome(ds, b2.id, NotInLabourForce, '2026-08-01');
    await createOutcome(ds, b3.id, Unemployed, '2026-08-01');
    await createOutcome(ds, b4.id, SelfEmployed, '2026-08-01');
    await createOutcome(ds, b5.id, Employed, '2026-08-01');
    await createOutcome(ds, c1.id, Unemployed, '2025-09-01');

    // Demand. 3672: S1 4 free seats (U1), S2 3 seats (U1, U2), S3 closed; vacancies 4 (U1, U2)
    // in 2026, 9 in 2025 (outside the periods). 3673: S4 2 seats (U2); vacancies 3 (U2), and 5
    // naming no unit.
    const cilegon = await createCompany(ds, { regionCode: '3672' });
    const serang = await createCompany(ds, { regionCode: '3673' });
    await createSlot(ds, cilegon.id, {
      capacity: 5,
      filled: 1,
      requirements: [{ unit: U1, minLevel: 2 }],
    });
    await createSlot(ds, cilegon.id, {
      capacity: 3,
      requirements: [
        { unit: U1, minLevel: 3 },
        { unit: U2, minLevel: 2 },
      ],
    });
    await createSlot(ds, cilegon.id, {
      capacity: 10,
      status: SlotStatus.Closed,
      requirements: [{ unit: U2, minLevel: 1 }],
    });
    await createSlot(ds, serang.id, {
      regionCode: '3673',
      capacity: 2,
      requirements: [{ unit: U2, minLevel: 1 }],
    });
    await createVacancyReport(ds, cilegon.id, { vacancyCount: 4, unitCodes: `${U1},${U2}` });
    await createVacancyReport(ds, cilegon.id, {
      period: '2025-12',
      vacancyCount: 9,
      unitCodes: U1,
    });
    await createVacancyReport(ds, serang.id, {
      regionCode: '3673',
      period: '2026-09',
      vacancyCount: 3,
      unitCodes: U2,
    });
    await createVacancyReport(ds, serang.id, { regionCode: '3673', vacancyCount: 5 });

    coordinator = await signInAs(sut, Role.Coordinator);
    adminOfA = await signInAs(sut, Role.SchoolAdmin, { schoolId: schoolA });
  });
  afterAll(() => sut.close());

  const get = (who: SignedIn, url: string) => sut.http().get(url).set(who.auth);

  describe('unemployment', () => {
    it('computes the rate per region from each graduate’s latest outcome', async () => {
      const { body } = await get(coordinator, '/api/v1/analytics/unemployment?year=2026').expect(
        200,
      );
      expect(body.rows).toEqual([
        {
          year: 2026,
          key: '3672',
          label: 'Kota Cilegon',
          graduates: 6,
          withoutOutcome: 1,
          working: 2,
          unemployed: 2,
          outsideLabourForce: 1,
          labourForce: 4,
          rate: 0.5,
        },
        {
          year: 2026,
          key: '3673',
          label: 'Kota Serang',
          graduates: 4,
          withoutOutcome: 0,
          working: 2,
          unemployed: 1,
          outsideLabourForce: 1,
          labourForce: 3,
          rate: 0.3333,
        },
      ]);
      expect(body.totals).toEqual([
        {
          year: 2026,
          graduates: 10,
          withoutOutcome: 1,
          working: 4,
          unemployed: 3,
          outsideLabourForce: 2,
          labourForce: 7,
          rate: 0.4286,
        },
      ]);
    });

    it('groups by programme and by school, and follows a region over years', async () => {
      const byProgram = await get(
        coordinator,
        '/api/v1/analytics/unemployment?year=2026&groupBy=program',
      ).expect(200);
      expect(
        byProgram.body.rows.map((r: Record<string, unknown>) => [r.key, r.graduates, r.rate]),
      ).toEqual([
        ['AKL', 3, 0],
        ['TKR', 7, 0.5],
      ]);
      const bySchool = await get(
        coordinator,
        '/api/v1/analytics/unemployment?year=2026&groupBy=school',
      ).expect(200);
      expect(
        bySchool.body.rows.map((r: Record<string, unknown>) => [r.label, r.labourForce, r.rate]),
      ).toEqual([
        ['SMKN 1 Cilegon', 3, 0.3333],
        ['SMKN 2 Serang', 4, 0.5],
      ]);
      const trend = await get(
        coordinator,
        '/api/v1/analytics/unemployment?year=2026&fromYear=2025&regionCode=3672',
      ).expect(200);
      expect(trend.body.rows.map((r: Record<string, unknown>) => [r.year, r.rate])).toEqual([
        [2025, 1],
        [2026, 0.5],
      ]);
    });

    it('shows a school_admin their own school and the regional totals, never another school', async () => {
      const bySchool = await get(
        adminOfA,
        '/api/v1/analytics/unemployment?year=2026&groupBy=school',
      ).expect(200);
      expect(bySchool.body.rows.map((r: { key: string }) => r.key)).toEqual([String(schoolA)]);
      const byRegion = await get(adminOfA, '/api/v1/analytics/unemployment?year=2026').expect(200);
      expect(byRegion.body.totals[0].graduates).toBe(10);
      await get(
        adminOfA,
        `/api/v1/analytics/unemployment?year=2026&groupBy=school&schoolId=${schoolB}`,
      ).expect(404);
      const company = await signInAs(sut, Role.CompanyAdmin, { companyId: 1 });
      await get(company, '/api/v1/analytics/unemployment?year=2026').expect(403);
    });

    it('draws one bar per region as well-formed SVG, and a CSV with a header row', async () => {
      const svg = await get(
        coordinator,
        '/api/v1/analytics/unemployment?year=2026&format=svg',
      ).expect(200);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      const text = svg.text || String(svg.body);
      expect(XMLValidator.validate(text)).toBe(true);
      const bars = barsOf(text);
      expect(bars.map((b) => b['@_data-key']).sort()).toEqual(['3672', '3673']);

      const csv = await get(
        coordinator,
        '/api/v1/analytics/unemployment?year=2026&format=csv',
      ).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.text.split('\r\n')).toEqual([
        'year,region,label,graduates,without_outcome,working,unemployed,outside_labour_force,labour_force,rate',
        '2026,3672,Kota Cilegon,6,1,2,2,1,4,0.5',
        '2026,3673,Kota Serang,4,0,2,1,1,3,0.3333',
        '',
      ]);

      // The same rows as a typed spreadsheet: counts and the rate are numbers, codes text.
      const xlsx = await asBinary(
        get(coordinator, '/api/v1/analytics/unemployment?year=2026&format=xlsx'),
      ).expect(200);
      const rows = await readXlsx(xlsx);
      expect(rows[0]).toEqual(csv.text.split('\r\n')[0].split(','));
      expect(rows.slice(1)).toEqual([
        [2026, '3672', 'Kota Cilegon', 6, 1, 2, 2, 1, 4, 0.5],
        [2026, '3673', 'Kota Serang', 4, 0, 2, 1, 1, 3, 0.3333],
      ]);
    });
  });

  describe('supply and demand', () => {
    it('sets graduates holding each unit against open seats and reported vacancies', async () => {
      const { body } = await get(coordinator, '/api/v1/analytics/supply-demand?year=2026').expect(
        200,
      );
      const pick = (r: Record<string, unknown>) => [
        r.regionCode,
        r.unitCode,
        r.supply,
        r.supplyByLevel,
        r.slotSeats,
        r.vacancies,
        r.demand,
        r.gap,
      ];
      expect(body.items.map(pick)).toEqual([
        ['3672', U1, 3, [0, 2, 1, 0, 0], 7, 4, 11, 8],
        ['3672', U2, 2, [1, 1, 0, 0, 0], 3, 4, 7, 5],
        ['3673', U2, 0, [0, 0, 0, 0, 0], 2, 3, 5, 5],
        ['3673', U1, 1, [1, 0, 0, 0, 0], 0, 0, 0, -1],
      ]);
      expect(body.meta.total).toBe(4);
      expect(body.items[0].unitName).toBe('Merawat mesin');
    });

    it('sorts, pages and filters by region profile', async () => {
      const bySupply = await get(
        coordinator,
        '/api/v1/analytics/supply-demand?year=2026&sort=supply&order=asc&pageSize=2&page=1',
      ).expect(200);
      expect(bySupply.body.items.map((r: { supply: number }) => r.supply)).toEqual([0, 1]);
      const services = await get(
        coordinator,
        '/api/v1/analytics/supply-demand?year=2026&profile=services',
      ).expect(200);
      expect(services.body.items.map((r: { regionCode: string }) => r.regionCode)).toEqual([
        '3673',
        '3673',
      ]);
      expect(services.body.regions.map((r: { regionCode: string }) => r.regionCode)).toEqual([
        '3671',
        '3673',
        '3674',
      ]);
      await get(coordinator, '/api/v1/analytics/supply-demand?year=2026&profile=moon').expect(400);
    });

    it('draws supply and demand bars in every region, and a CSV of every row', async () => {
      const svg = await get(
        coordinator,
        '/api/v1/analytics/supply-demand?year=2026&profile=industrial&format=svg',
      ).expect(200);
      const text = svg.text || String(svg.body);
      expect(XMLValidator.validate(text)).toBe(true);
      const bars = barsOf(text);
      // industrial: 3603, 3604, 3671, 3672 → a supply and a demand bar each.
      expect(bars).toHaveLength(8);
      const cilegon = bars.filter((b) => b['@_data-key'] === '3672');
      expect(cilegon.map((b) => b['@_data-series'])).toEqual(['supply', 'demand']);

      const csv = await get(
        coordinator,
        '/api/v1/analytics/supply-demand?year=2026&format=csv&pageSize=1',
      ).expect(200);
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'region_code,region_name,unit_code,unit_name,supply,supply_l1,supply_l2,supply_l3,supply_l4,supply_l5,slot_seats,vacancies,demand,gap',
      );
      expect(lines).toHaveLength(5);
      expect(lines[1]).toBe(`3672,Kota Cilegon,${U1},Merawat mesin,3,0,2,1,0,0,7,4,11,8`);

      const xlsx = await asBinary(
        get(coordinator, '/api/v1/analytics/supply-demand?year=2026&format=xlsx&pageSize=1'),
      ).expect(200);
      const rows = await readXlsx(xlsx);
      expect(rows[0]).toEqual(lines[0].split(','));
      expect(rows).toHaveLength(5);
      expect(rows[1]).toEqual([
        '3672',
        'Kota Cilegon',
        U1,
        'Merawat mesin',
        3,
        0,
        2,
        1,
        0,
        0,
        7,
        4,
        11,
        8,
      ]);
    });
  });
});

interface Bar {
  '@_class'?: string;
  '@_data-key'?: string;
  '@_data-series'?: string;
}

/** Every <rect class="bar"> of the parsed document, in document order. */
function barsOf(svg: string): Bar[] {
  const doc: unknown = new XMLParser({ ignoreAttributes: false }).parse(svg);
  const found: Bar[] = [];
  const walk = (node: unknown, name: string): void => {
    if (Array.isArray(node)) {
      node.forEach((n) => walk(n, name));
    } else if (node !== null && typeof node === 'object') {
      const attrs = node as Bar;
      if (name === 'rect' && attrs['@_class'] === 'bar') {
        found.push(attrs);
      }
      for (const [key, child] of Object.entries(node)) {
        walk(child, key);
      }
    }
  };
  walk(doc, '');
  return found;
}
