import { GENERAL_SECTOR, SECTORS, unitCode } from './catalogue';
import { GenContext, nextId, personName } from './context';
import * as N from './names';
import { addDays, addMonths, cumulative, scramble } from './random';
import { GENERAL_POPULARITY, UNIT_POPULARITY } from './students';
import { BatchWriter } from './writer';

// prettier-ignore
const SLOT_COLUMNS = ['id', 'company_id', 'title', 'description', 'region_code', 'capacity', 'filled', 'start_date', 'end_date', 'stipend', 'mentor_name', 'status'];
// prettier-ignore
const COMPANY_COLUMNS = ['id', 'nib', 'name', 'kbli_code', 'region_code', 'address', 'workforce_size', 'contact_name', 'contact_email', 'contact_phone', 'verified_at'];
const MIN_LEVEL = [0.25, 0.4, 0.25, 0.1];
const CAPACITY = [0.3, 0.3, 0.2, 0.1, 0.1];
const DURATION_MONTHS = [3, 6, 6, 6, 12];

/** Apprentices on any day may be at most this share of the workforce (Permenaker 6/2020). */
export const APPRENTICE_SHARE = 0.2;

export interface CompanyDraft {
  id: number;
  region: number;
  sector: number;
  workforce: number;
  seats: number;
  name?: string;
}

/**
 * Companies where the jobs are, in the sectors of their region, and their open slots (2–5
 * required units of the company's sector, capacities 1–5, starting within 6 months of the
 * reference day and lasting at most 12 months). The workforce is settled last, at least five
 * times the company's open seats, so the 20 % rule holds whatever the draw.
 */
export async function writeEmployers(
  g: GenContext,
  companyCount: number,
  slotCount: number,
): Promise<{ companies: CompanyDraft[]; slots: number; seats: number }> {
  const { d, regions, ref } = g;
  const companies: CompanyDraft[] = [];
  let id = await nextId(g.runner, 'companies');
  for (let i = 0; i < companyCount; i++, id++) {
    const region = d.index(g.jobsCum);
    const r = regions[region];
    const sector = r.sectorIdx[d.index(r.sectorCum)];
    // Almost half are small businesses; the rest spread from 50 to 5,000 workers.
    const workforce = d.chance(0.45)
      ? d.int(10, 49)
      : Math.round(50 * Math.pow(100, Math.pow(d.unit(), 1.6)));
    companies.push({ id, region, sector, workforce, seats: 0 });
  }

  const companyCum = cumulative(companies.map((c) => Math.sqrt(c.workforce)));
  const slotW = new BatchWriter(g.runner, 'slots', SLOT_COLUMNS, g.batch);
  const reqW = new BatchWriter(
    g.side,
    'slot_requirements',
    ['slot_id', 'unit_code', 'min_level', 'weight'],
    g.batch * 2,
  );
  const programW = new BatchWriter(
    g.side,
    'slot_programs',
    ['slot_id', 'program_code'],
    g.batch * 2,
  );
  let seats = 0;
  id = await nextId(g.runner, 'slots');
  for (let i = 0; i < slotCount; i++, id++) {
    const c = companies[d.index(companyCum)];
    const sector = SECTORS[c.sector];
    const capacity = 1 + d.weighted(CAPACITY);
    c.seats += capacity;
    seats += capacity;
    const region = regions[d.chance(0.9) ? c.region : d.index(g.jobsCum)];
    const start = addDays(ref, d.int(0, 180));
    // At most 12 months: the day before the same date n months later.
    const end = addDays(addMonths(start, d.pick(DURATION_MONTHS)), -1);
    const title = `Magang ${d.pick(sector.titles)}`;
    const description = `Program pemagangan ${sector.name.toLowerCase()} di ${region.name}.`;
    await slotW.add([
      id, c.id, title, description, region.code, capacity, 0, start, end,
      50_000 * d.int(30, 70), personName(d, d.chance(0.4)), 'open',
    ]); // prettier-ignore
    const required = new Map<string, number>();
    const k = d.int(2, 5);
    if (d.chance(0.4)) {
      required.set(
        unitCode(GENERAL_SECTOR, d.index(GENERAL_POPULARITY)),
        1 + d.weighted(MIN_LEVEL),
      );
    }
    for (let tries = 0; required.size < k && tries < 40; tries++) {
      const code = unitCode(sector, d.index(UNIT_POPULARITY));
      if (!required.has(code)) {
        required.set(code, 1 + d.weighted(MIN_LEVEL));
      }
    }
    for (const [code, level] of required) {
      await reqW.add([id, code, level, (1 + 0.5 * d.int(0, 4)).toFixed(2)]);
    }
    // Most slots name the programmes they take; the rest are open to any programme.
    if (d.chance(0.6)) {
      for (const p of sector.programs) {
        await programW.add([id, p]);
      }
    }
  }

  const companyW = new BatchWriter(g.runner, 'companies', COMPANY_COLUMNS, g.batch);
  for (const [i, c] of companies.entries()) {
    const sector = SECTORS[c.sector];
    const r = regions[c.region];
    const workforce = Math.max(c.workforce, Math.ceil(c.seats / APPRENTICE_SHARE));
    const small = workforce < 50;
    const name = `${small ? 'CV' : 'PT'} ${d.pick(N.COMPANY_MIDDLES)} ${d.pick(sector.companyWords)} ${d.pick(N.COMPANY_SUFFIXES)}`;
    c.name = name;
    const domain = name
      .slice(3)
      .toLowerCase()
      .replace(/[^a-z]+/g, '')
      .slice(0, 40);
    // OSS NIBs are 13 digits; micro and small businesses' start with 8, others with 9.
    const nib = `${small ? '8' : '9'}1${String(scramble(i, 100_000_000_000, g.seed)).padStart(11, '0')}`;
    await companyW.add([
      c.id, nib, name, d.pick(sector.kbli), r.code, `${d.pick(N.STREETS)} Km ${d.int(1, 30)}, ${r.city}`,
      workforce, personName(d, d.chance(0.5)), `hrd@${domain}.co.id`,
      `0254${String(d.int(0, 9_999_999)).padStart(7, '0')}`, `${addDays(ref, -30)} 09:00:00.000`,
    ]); // prettier-ignore
  }
  // Foreign key checks are off for the load, so slots may reach the table before their companies.
  await companyW.flush();
  await slotW.flush();
  await reqW.flush();
  await programW.flush();
  return { companies, slots: slotW.written, seats };
}
