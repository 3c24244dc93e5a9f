import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  choose,
  OUTPUT_DIR,
  openJourney,
  signIn,
  startConsole,
  until,
  type Console,
} from './harness';
import { seedProvince, YEAR, type Seeded } from './seed';

/**
 * One journey per role through the real console, API, worker, MariaDB and Redis, in Debian's
 * Chromium. Every page visited passes axe-core (no serious or critical violation) and leaves a
 * screenshot under .local/browser/.
 */
describe('web console', () => {
  let sut: Console;
  let seeded: Seeded;

  beforeAll(async () => {
    sut = await startConsole();
    seeded = await seedProvince(sut.app);
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('serves deep links with index.html, hashed assets cached long, and keeps the API JSON', async () => {
    const deep = await fetch(`${sut.baseUrl}/rounds/12`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    const html = await deep.text();
    expect(html).toContain('<div id="root">');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(deep.headers.get('content-security-policy')).toContain("script-src 'self'");
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] as string;
    const js = await fetch(`${sut.baseUrl}${asset}`);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const api = await fetch(`${sut.baseUrl}/api/v1/nope`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${sut.baseUrl}/health`)).headers.get('content-type')).toContain(
      'application/json',
    );
  });

  it('school admin: signs in, finds a student, adds one (API errors on the fields), imports a CSV', async () => {
    const { page, check, run } = await openJourney(sut, 'school-admin');
    await run(async () => {
      await page.goto('/students');
      await page.getByRole('heading', { name: 'Masuk', level: 2 }).waitFor();
      await check('sign-in');
      await signIn(page, seeded.logins.schoolAdmin);
      await page.getByRole('heading', { name: 'Siswa', level: 1 }).waitFor(); // back to the deep link
      await check('students-list');

      await page.getByLabel('Cari siswa').fill(seeded.studentName);
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      await page.getByRole('link', { name: seeded.studentName }).first().waitFor();
      expect(page.url()).toContain('q=');
      expect(await page.getByRole('cell', { name: /^\d{4}\*{8}\d{4}$/ }).count()).toBeGreaterThan(
        0,
      );

      await page.getByRole('link', { name: 'Tambah siswa' }).click();
      await page.getByRole('textbox', { name: 'Nama lengkap' }).fill('Dewi Lestari');
      await page.getByRole('textbox', { name: 'NISN' }).fill('0051234567');
      await page.getByRole('textbox', { name: 'NIK' }).fill('12345'); // too short: the API says so
      await page.getByRole('textbox', { name: 'Tanggal lahir' }).fill('2005-03-14');
      await choose(page, 'Jenis kelamin').click();
      await page.getByRole('option', { name: 'Perempuan' }).click();
      await choose(page, 'Kompetensi keahlian').click();
      await page.getByRole('option', { name: new RegExp(`^${seeded.programCode} `) }).click();
      await choose(page, 'Kabupaten/kota').click();
      await page.getByRole('option').first().click();
      await page.getByRole('textbox', { name: 'Tahun masuk' }).fill(String(YEAR - 3));
      await page.getByRole('button', { name: 'Simpan' }).click();
      const nik = page.getByRole('textbox', { name: 'NIK' });
      await until(() => nik.getAttribute('aria-invalid'), 'true');
      await check('student-form-errors');
      await nik.fill('3604015403050002');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByRole('heading', { name: 'Siswa', level: 1 }).waitFor();

      const csv = [
        'nisn,nik,name,birth_date,gender,program_code,domicile_region_code,enrolment_year',
        `0061111111,3604011201060001,Budi Santoso,2006-01-12,L,${seeded.programCode},3604,${YEAR - 3}`,
        `0061111112,3604015502060002,Sri Wahyuni,2006-02-15,P,${seeded.programCode},3604,${YEAR - 3}`,
        `006111111,3604011201060003,Nisn Pendek,2006-01-12,L,${seeded.programCode},3604,${YEAR - 3}`,
      ].join('\n');
      const file = join(OUTPUT_DIR, 'students.csv');
      writeFileSync(file, `${csv}\n`);
      await page.getByRole('link', { name: 'Impor CSV' }).first().click();
      await page.getByRole('heading', { name: 'Impor data siswa' }).waitFor();
      await check('imports');
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByRole('button', { name: 'Unggah dan proses' }).click();
      await page.getByRole('heading', { name: 'Baris yang ditolak' }).waitFor({ timeout: 60_000 });
      await expect(page.getByTestId('imports.created').textContent()).resolves.toBe('2');
      await expect(page.getByTestId('imports.rejected').textContent()).resolves.toBe('1');
      await page.getByRole('cell', { name: 'nisn', exact: true }).waitFor();
      await check('import-done');
    });
  });

  it('coordinator: sees the dashboard, starts a round, watches it, reads the proposals, publishes', async () => {
    const { page, check, run } = await openJourney(sut, 'coordinator');
    await run(async () => {
      await signIn(page, seeded.logins.coordinator);
      await page.getByRole('heading', { name: 'Dasbor provinsi', level: 1 }).waitFor();
      await page.getByRole('img', { name: 'Pasokan dan permintaan per wilayah' }).waitFor();
      await check('dashboard');

      await page.getByRole('link', { name: 'Ronde pencocokan' }).click();
      await page.getByRole('link', { name: 'Mulai ronde' }).click();
      await page.getByRole('textbox', { name: 'Tahun lulus' }).fill(String(YEAR));
      await check('round-new');
      await page.getByRole('button', { name: 'Mulai ronde' }).click();
      await page.waitForURL(/\/rounds\/\d+$/);
      await page.getByRole('tab', { name: /^Usulan/ }).waitFor({ timeout: 90_000 });
      await page.getByText(/^Tahap: selesai/).waitFor();
      await check('round-proposals');
      await page.getByRole('tab', { name: /^Belum cocok/ }).click();
      await check('round-unmatched');
      await page.getByRole('button', { name: 'Umumkan dan kirim tawaran' }).click();
      await page.getByText(/tawaran terkirim/).waitFor();
      await page.getByText(/^Diumumkan /).waitFor();
      await check('round-published');

      await page.getByRole('link', { name: 'Ronde pencocokan' }).click();
      await page
        .getByRole('link', { name: /^Ronde #\d+$/ })
        .first()
        .waitFor();
      await check('rounds-list');
    });
  });

  it('student (phone): sees open slots, ranks choices by keyboard, answers an offer', async () => {
    const { page, check, run } = await openJourney(sut, 'student', { width: 360, height: 740 });
    await run(async () => {
      await signIn(page, seeded.logins.student);
      await check('home');
      await page.goto('/open-slots');
      await page.getByRole('heading', { name: 'Lowongan terbuka', level: 1 }).waitFor();
      const adds = page.getByRole('button', { name: /^Tambahkan ke pilihan: /, disabled: false });
      await adds.first().waitFor();
      // Two choices, from whichever pages hold slots the student qualifies for.
      for (let chosen = 0, pages = 0; chosen < 2 && pages < 6; pages++) {
        while (chosen < 2 && (await adds.count()) > 0) {
          await adds.first().click();
          await page.getByText(`${++chosen} dari 10 pilihan terisi.`).waitFor();
        }
        if (chosen < 2) {
          await page.getByRole('button', { name: 'Halaman berikutnya' }).click();
          await page.waitForLoadState('networkidle');
        }
      }
      await page.getByText('2 dari 10 pilihan terisi.').waitFor();
      await check('open-slots');

      await page.goto('/preferences');
      const items = page.getByRole('listitem');
      await items.nth(1).waitFor();
      const second = (await items.nth(1).getAttribute('aria-label')) as string;
      await items.nth(1).focus();
      await page.keyboard.press('Alt+ArrowUp');
      await until(
        () => items.first().getAttribute('aria-label'),
        second.replace('Pilihan 2', 'Pilihan 1'),
      );
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText('Urutan pilihan tersimpan.').waitFor();
      await check('preferences');

      await page.goto('/offers');
      await page.getByRole('heading', { name: 'Tawaran dan penempatan saya' }).waitFor();
      const accept = page.getByRole('button', { name: /^Terima tawaran/ });
      if ((await accept.count()) > 0) {
        await accept.first().click();
        await page
          .getByText(/diterima\.$/)
          .first()
          .waitFor();
      }
      await check('offers');
    });
  });

  it('company admin: lists slots, is refused over the quota with the API reason, starts an apprentice', async () => {
    const { page, check, run } = await openJourney(sut, 'company-admin');
    await run(async () => {
      await signIn(page, seeded.logins.companyAdmin);
      await check('home');
      await page.getByRole('link', { name: 'Lowongan magang' }).click();
      await page.getByRole('heading', { name: 'Lowongan magang', level: 1 }).waitFor();
      await check('slots');

      await page.getByRole('link', { name: 'Buat lowongan' }).click();
      await page.getByRole('textbox', { name: 'Judul' }).fill('Teknisi perawatan mesin');
      await page
        .getByRole('textbox', { name: 'Deskripsi' })
        .fill('Perawatan berkala mesin produksi.');
      await choose(page, 'Kabupaten/kota').click();
      await page.getByRole('option').first().click();
      await page.getByRole('textbox', { name: 'Kapasitas' }).fill('500');
      await page.getByRole('textbox', { name: 'Tanggal mulai' }).fill(`${YEAR + 1}-01-05`);
      await page.getByRole('textbox', { name: 'Tanggal selesai' }).fill(`${YEAR + 1}-06-30`);
      await choose(page, 'Unit kompetensi 1').click();
      await page.getByRole('option').first().click();
      await page.getByRole('button', { name: 'Simpan' }).click();
      // A draft is not counted; opening it must fit 20 % of the workforce, which 500 seats do not.
      await page.getByRole('heading', { name: 'Lowongan magang', level: 1 }).waitFor();
      await page.getByLabel('Cari lowongan').fill('Teknisi perawatan mesin');
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      await page.getByRole('button', { name: 'Buka lowongan Teknisi perawatan mesin' }).click();
      await page.getByRole('alert').filter({ hasText: 'Permenaker 6/2020' }).waitFor();
      await check('slot-refused');

      await page.getByRole('link', { name: 'Penempatan' }).click();
      await page.getByRole('heading', { name: 'Penempatan', level: 1 }).waitFor();
      const start = page.getByRole('button', { name: /^Mulai magang/ });
      if ((await start.count()) > 0) {
        await start.first().click();
        await page
          .getByText(/dimulai\.$/)
          .first()
          .waitFor();
      }
      await check('placements');
    });
  });
});
