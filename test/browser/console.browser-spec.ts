import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Role } from '../../src/common/auth/role.enum';
import {
  choose,
  createUser,
  DESKTOP,
  OUTPUT_DIR,
  openJourney,
  PHONE,
  signIn,
  startConsole,
  until,
  type Console,
} from './harness';
import { companyAdminLogin, seedProvince, YEAR, type Seeded } from './seed';

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
    const { page, check, run, problems } = await openJourney(sut, 'school-admin');
    await run(async () => {
      await page.goto('/students');
      await page.getByRole('heading', { name: 'Masuk', level: 2 }).waitFor();
      await check('sign-in');
      await signIn(page, seeded.logins.schoolAdmin);
      await page.getByRole('heading', { name: 'Siswa', level: 1, exact: true }).waitFor(); // back to the deep link
      await check('students-list');

      await page.getByLabel('Cari siswa').fill(seeded.studentName);
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      await page.getByRole('link', { name: seeded.studentName }).first().waitFor();
      expect(page.url()).toContain('q=');
      expect(await page.getByRole('cell', { name: /^\d{4}\*{8}\d{4}$/ }).count()).toBeGreaterThan(
        0,
      );
      // A list that fails says why in the user's words: no answer at all, the server's own
      // failure, a code the console has no text for (by its status), a problem on a field the
      // page has no input for (named as the API names it).
      const failures: [number | null, string, string, unknown?][] = [
        [null, '', 'Tidak dapat menghubungi server; periksa koneksi internet lalu coba lagi.'],
        [500, 'internal', 'Terjadi kesalahan tak terduga di server; coba lagi. Jika berulang'],
        [404, 'student_not_found', 'Data tidak ditemukan.'],
        [
          400,
          'validation_failed',
          'Permintaan tidak dapat diproses; periksa isiannya. pageSize: tidak boleh lebih dari 100',
          [{ field: 'pageSize', problems: ['pageSize must not be greater than 100'] }],
        ],
      ];
      const seenBefore = problems.length;
      for (const [status, code, text, details] of failures) {
        const list = /\/api\/v1\/students\?/;
        await page.route(list, (route) =>
          status === null
            ? route.abort('failed')
            : route.fulfill({
                status,
                contentType: 'application/json',
                body: JSON.stringify({
                  statusCode: status,
                  code,
                  message: `English ${code}`,
                  details,
                }),
              }),
        );
        await page.getByLabel('Cari siswa').fill(`${seeded.studentName} ${code}`);
        await page.getByRole('button', { name: 'Cari', exact: true }).click();
        await page.getByRole('alert').filter({ hasText: text }).waitFor();
        // (checked with the pointer still on "Cari": a light button's hover passes AA too)
        if (status === null) await check('students-list-unreachable');
        await page.unroute(list);
      }
      // the browser's and the harness's records of those failures, and nothing else, are let go
      const made =
        /net::ERR_FAILED|status of 500 \(Internal Server Error\)$|^500 GET .*\/students\?/;
      expect(problems.slice(seenBefore).filter((p) => !made.test(p))).toEqual([]);
      problems.splice(seenBefore);

      await page.getByRole('link', { name: 'Tambah siswa' }).click();
      await page.getByRole('textbox', { name: 'Nama lengkap' }).fill('Dewi Lestari');
      await page.getByRole('textbox', { name: 'NISN' }).fill('0051234567');
      await page.getByRole('textbox', { name: 'NIK' }).fill('12345'); // too short: the API says so
      // Typed as a user types it: in the Indonesian browser the day comes first (dd/mm/yyyy); in
      // an English one the same keys would make 14 a month and the date another or none.
      const birth = page.getByRole('textbox', { name: 'Tanggal lahir' });
      await birth.focus();
      await page.keyboard.type('14032005');
      expect(await birth.inputValue()).toBe('2005-03-14');
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
      await page.getByRole('heading', { name: 'Siswa', level: 1, exact: true }).waitFor();

      const csv = [
        'nisn,nik,name,birth_date,gender,program_code,domicile_region_code,enrolment_year',
        `0061111111,3604011201060001,Budi Santoso,2006-01-12,L,${seeded.programCode},3604,${YEAR - 3}`,
        `0061111112,3604015502060002,Sri Wahyuni,2006-02-15,P,${seeded.programCode},3604,${YEAR - 3}`,
        `00611111134,3604011201060003,Nisn Panjang,2006-01-12,L,${seeded.programCode},3604,${YEAR - 3}`,
      ].join('\n');
      const file = join(OUTPUT_DIR, 'students.csv');
      writeFileSync(file, `${csv}\n`);
      await page.getByRole('link', { name: 'Impor CSV' }).first().click();
      await page.getByRole('heading', { name: 'Impor data siswa' }).waitFor();
      await check('imports');
      await page.locator('input[type=file]').setInputFiles(file);
      // the chosen file's clear button has a name (axe's button-name)
      await page.getByRole('button', { name: 'Hapus berkas yang dipilih' }).waitFor();
      await check('imports-file-chosen');
      await page.getByRole('button', { name: 'Unggah dan proses' }).click();
      await page.getByRole('heading', { name: 'Baris yang ditolak' }).waitFor({ timeout: 60_000 });
      await expect(page.getByTestId('imports.created').textContent()).resolves.toBe('2');
      await expect(page.getByTestId('imports.rejected').textContent()).resolves.toBe('1');
      await page.getByRole('cell', { name: 'nisn', exact: true }).waitFor();
      // the row's reason in Indonesian, not the API's "must be exactly 10 digits"
      await page.getByRole('cell', { name: 'harus 10 digit angka', exact: true }).waitFor();
      await check('import-done');
      // the refused rows to fix, their reasons in the console's language too
      const [rejected] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Unduh CSV' }).click(),
      ]);
      const rejectedCsv = readFileSync(await rejected.path(), 'utf8');
      expect(rejectedCsv).toContain('00611111134,');
      expect(rejectedCsv).toContain('nisn: harus 10 digit angka');
      // a download that fails says why in the user's words, beside its buttons
      const seenBeforeDownload = problems.length;
      const rejectedFile = /\/api\/v1\/imports\/\d+\/rejected\?/;
      await page.route(rejectedFile, (route) => route.abort('failed'));
      await page.getByRole('button', { name: 'Unduh Excel' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'Tidak dapat menghubungi server; periksa koneksi internet' })
        .waitFor();
      await check('import-download-failed');
      await page.unroute(rejectedFile);
      expect(problems.slice(seenBeforeDownload).filter((p) => !/net::ERR_FAILED/.test(p))).toEqual(
        [],
      );
      problems.splice(seenBeforeDownload);

      // A student's competencies: record one, then remove it.
      await page.goto('/students?q=Budi%20Santoso');
      await page.getByRole('link', { name: 'Budi Santoso' }).click();
      await page.getByRole('heading', { name: 'Kompetensi', level: 2 }).waitFor();
      await page.getByRole('button', { name: 'Catat kompetensi' }).click();
      const dialog = page.getByRole('dialog');
      await choose(page, 'Unit kompetensi').click();
      await page.getByRole('option').first().click();
      await dialog.getByRole('textbox', { name: 'Level' }).fill('3');
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText(/level 3 tercatat\.$/).waitFor();
      await page
        .getByRole('button', { name: /^Hapus kompetensi / })
        .first()
        .waitFor();
      await check('student-competencies');
      await page
        .getByRole('button', { name: /^Hapus kompetensi / })
        .first()
        .click();
      await page.getByText(/ dihapus\.$/).waitFor();

      await page.getByRole('link', { name: 'Sekolah saya' }).click();
      await page.getByRole('heading', { name: 'Kompetensi keahlian yang dibuka' }).waitFor();
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText('Kompetensi keahlian tersimpan.').waitFor();
      await check('my-school');

      await page.getByRole('link', { name: 'Keterserapan lulusan' }).click();
      await page.getByRole('heading', { name: 'Keterserapan lulusan', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Catat keterserapan' }).click();
      await choose(page, 'Siswa').fill(seeded.studentName);
      await page.getByRole('option', { name: new RegExp(`^${seeded.studentName}`) }).click();
      await page.getByRole('textbox', { name: 'Tanggal' }).fill(`${YEAR}-11-01`);
      await page.getByRole('textbox', { name: 'Tempat kerja/usaha' }).fill('PT Maju Bersama');
      await page.getByRole('dialog').getByRole('button', { name: 'Simpan' }).click();
      await page.getByText('Keterserapan tercatat.').waitFor();
      await page.getByRole('cell', { name: 'PT Maju Bersama' }).waitFor();
      // Where graduates work, by the region's name, not its BPS code.
      await page
        .getByRole('cell', { name: /^(Kabupaten|Kota) / })
        .first()
        .waitFor();
      expect(await page.getByRole('cell', { name: /^\d{4}$/ }).count()).toBe(0);
      await check('outcomes');
    });
  });

  it('coordinator: sees the dashboard, starts a round, watches it, reads the proposals, publishes', async () => {
    const { page, check, run } = await openJourney(sut, 'coordinator');
    await run(async () => {
      await signIn(page, seeded.logins.coordinator);
      await page.getByRole('heading', { name: 'Dasbor provinsi', level: 1 }).waitFor();
      await page.getByRole('img', { name: 'Pasokan dan permintaan per wilayah' }).waitFor();
      // Every name on the charts' axes inside its chart: a long first name, turned, once ran off
      // the card's left edge ("…upaten Pandeglang").
      const axisNames = () =>
        page.evaluate(() => {
          interface Box {
            textContent: string | null;
            getBoundingClientRect(): { left: number; right: number };
            closest(selector: string): Box | null;
          }
          const { document } = globalThis as unknown as {
            document: { querySelectorAll(selector: string): ArrayLike<Box> };
          };
          const names = Array.from(
            document.querySelectorAll(
              '[role="img"] .recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value',
            ),
          );
          const chartOf = (name: Box) => name.closest('[role="img"]')!;
          const outside = names.filter((name) => {
            const box = name.getBoundingClientRect();
            const chart = chartOf(name).getBoundingClientRect();
            return box.left < chart.left || box.right > chart.right;
          });
          return {
            charts: new Set(names.map(chartOf)).size,
            outside: outside.map((name) => name.textContent),
          };
        });
      await until(async () => (await axisNames()).charts, 2);
      expect((await axisNames()).outside).toEqual([]);
      await page
        .getByRole('img', { name: 'Peta kabupaten/kota Banten: Tingkat pengangguran terbuka' })
        .waitFor();
      // The kit's radio is visually hidden behind its label: a click event, as the label gives.
      await page.getByRole('radio', { name: 'Selisih' }).dispatchEvent('click');
      await page.getByRole('img', { name: 'Peta kabupaten/kota Banten: Selisih' }).waitFor();
      // Training recommendations said in Bahasa from their figures, not the API's English.
      await page
        .getByText(/^Dibutuhkan \d+ di .+ kursi magang terbuka/)
        .first()
        .waitFor();
      expect(await page.getByText(/needed in|graduates of \d{4}/).count()).toBe(0);
      // On a phone too (where the names turn further to stand apart).
      await page.setViewportSize(PHONE);
      await until(async () => (await axisNames()).outside.length, 0);
      await page.setViewportSize(DESKTOP);
      await check('dashboard');

      await page.getByRole('link', { name: 'Ronde pencocokan' }).click();
      await page.getByRole('link', { name: 'Mulai ronde' }).click();
      await page.getByRole('textbox', { name: 'Tahun lulus' }).fill(String(YEAR));
      await check('round-new');
      await page.getByRole('button', { name: 'Mulai ronde' }).click();
      await page.waitForURL(/\/rounds\/\d+$/);
      await page.getByRole('tab', { name: /^Usulan/ }).waitFor({ timeout: 90_000 });
      await page.getByText(/^Tahap: selesai/).waitFor();
      // Every round's result is certified by the engine: its stability is shown as checked.
      await page.getByText(/^Diperiksa: hasil ini stabil/).waitFor();
      // The units an explanation cites by the catalogue's names ("Memperbaiki Sistem Rem: level
      // 3"), never by their codes (a code ends in a digit).
      await page
        .getByText(/[a-z)]: level \d \(min\. \d\)/)
        .first()
        .waitFor();
      await until(() => page.getByText(SKKNI_CODE).count(), 0); // names come a hundred codes a query
      await check('round-proposals');
      await page.getByRole('tab', { name: /^Belum cocok/ }).click();
      // Each reason said in Bahasa from its fields, naming the slot by its title and the unit by
      // its name: never the engine's English sentence.
      await page
        .getByText(/^Lowongan terdekat, .+, membutuhkan [A-Z][a-z]/)
        .first()
        .waitFor();
      expect(await page.getByText(/closest slot|eligible slot\(s\)/).count()).toBe(0);
      await until(() => page.getByText(SKKNI_CODE).count(), 0); // names come a hundred codes a query
      await check('round-unmatched');
      // On a phone both tables fit the screen: the proposals' slot, score and why fold into one
      // column beside the name, as the unmatched table's reason does (check() looked at both
      // tabs on a phone already).
      await page.setViewportSize(PHONE);
      expect(await tablesTooWide(page)).toEqual([]);
      await page.getByRole('tab', { name: /^Usulan/ }).click();
      await page.getByRole('columnheader', { name: 'Penempatan' }).waitFor();
      await page
        .getByText(/^Skor \d/)
        .first()
        .waitFor();
      expect(await tablesTooWide(page)).toEqual([]);
      await page.setViewportSize(DESKTOP);
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

      await page.getByRole('link', { name: 'Sekolah', exact: true }).click();
      await page.getByRole('heading', { name: 'Sekolah', level: 1 }).waitFor();
      await check('schools');
      await page.getByRole('table').getByRole('link').first().click();
      await page.getByRole('heading', { name: 'Kompetensi keahlian yang dibuka' }).waitFor();
      await check('school-detail');

      await page.getByRole('link', { name: 'Perusahaan', exact: true }).click();
      await page.getByRole('heading', { name: 'Perusahaan', level: 1 }).waitFor();
      await choose(page, 'Verifikasi').click();
      await page.getByRole('option', { name: 'Terverifikasi' }).click();
      await page.waitForURL(/verified=true/);
      await check('companies');

      await page.getByRole('link', { name: 'Lowongan magang' }).click();
      await choose(page, 'Kabupaten/kota').click();
      await page.getByRole('option').first().click();
      await page.waitForURL(/regionCode=\d{4}/);
      await check('slots-filtered');

      // An agreement: the API's rule on the dates lands on the field it names.
      await page.getByRole('link', { name: 'Kerja sama' }).click();
      await page.getByRole('button', { name: 'Tambah kerja sama' }).click();
      const dialog = page.getByRole('dialog');
      await choose(page, 'Sekolah').click();
      await page.getByRole('option').first().click();
      await choose(page, 'Perusahaan').click();
      await page.getByRole('option').first().click();
      await dialog.getByRole('textbox', { name: 'Nomor dokumen' }).fill('421.5/001-SMK/2026');
      await dialog.getByRole('textbox', { name: 'Berlaku mulai' }).fill(`${YEAR}-01-01`);
      await dialog.getByRole('textbox', { name: 'Berlaku sampai' }).fill(`${YEAR - 1}-12-31`);
      await choose(page, 'Kompetensi keahlian').click();
      await page.getByRole('option').first().click();
      await page.keyboard.press('Escape');
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      const until_ = dialog.getByRole('textbox', { name: 'Berlaku sampai' });
      await until(() => until_.getAttribute('aria-invalid'), 'true');
      // The API's own problem, in the console's language (it showed in English before).
      await dialog
        .getByText('harus tanggal yang sah, tidak sebelum tanggal berlaku mulai')
        .waitFor();
      await check('agreement-errors');
      await until_.fill(`${YEAR + 2}-12-31`);
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText('Kerja sama 421.5/001-SMK/2026 tersimpan.').waitFor();
      await page.getByRole('cell', { name: '421.5/001-SMK/2026' }).waitFor();
      await check('agreements');

      await page.getByRole('link', { name: 'Angkatan pelatihan' }).click();
      await page.getByRole('heading', { name: 'Angkatan pelatihan', level: 1 }).waitFor();
      await page.getByRole('table').getByRole('link').first().waitFor();
      await check('cohorts');
      await page.getByRole('button', { name: 'Buat angkatan' }).click();
      await choose(page, 'Kursus').click();
      await page.getByRole('option').first().click();
      await page
        .getByRole('dialog')
        .getByRole('textbox', { name: 'Nama angkatan' })
        .fill('Angkatan Uji 1');
      await page
        .getByRole('dialog')
        .getByRole('textbox', { name: 'Tanggal mulai' })
        .fill(`${YEAR + 1}-02-01`);
      await page
        .getByRole('dialog')
        .getByRole('textbox', { name: 'Tanggal selesai' })
        .fill(`${YEAR + 1}-03-31`);
      await choose(page.getByRole('dialog'), 'Kabupaten/kota').click();
      await page.getByRole('option').first().click();
      await page.getByRole('dialog').getByRole('button', { name: 'Simpan' }).click();
      await page.getByRole('heading', { name: 'Angkatan Uji 1', level: 1 }).waitFor();
      await choose(page, 'Daftarkan siswa').click();
      await page.getByRole('option').first().click();
      await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
      await page.getByText(/ terdaftar\.$/).waitFor();
      await page.getByRole('button', { name: 'Mulai angkatan' }).click();
      await page.getByText('Angkatan dimulai.').waitFor();
      await check('cohort-detail');

      await page.getByRole('link', { name: 'Wajib lapor lowongan' }).click();
      await page.getByRole('heading', { name: 'Wajib lapor lowongan', level: 1 }).waitFor();
      await check('vacancy-reports');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: /^Ekspor CSV Karirhub/ }).click();
      expect((await download).suggestedFilename()).toMatch(/\.csv$/);
      await page.getByRole('tab', { name: /^Belum melapor/ }).click();
      await page.getByRole('table', { name: /^Perusahaan yang belum melapor/ }).waitFor();
      await check('non-reporters');
    });
  });

  it('student (phone): sees open slots, ranks choices by keyboard, answers an offer', async () => {
    const { page, check, run } = await openJourney(sut, 'student', PHONE);
    await run(async () => {
      await signIn(page, seeded.logins.student);
      // The choices tile counts the student's own choices.
      await page.getByText(/^\d+ dari 10$/).waitFor();
      // No apprenticeship under way yet: the journal tile says so.
      await page.getByText('Belum PKL', { exact: true }).waitFor();
      await page.getByRole('link', { name: 'Jurnal PKL' }).last().waitFor();
      expect(await page.getByRole('link', { name: 'Isi jurnal hari ini' }).count()).toBe(0);
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
      // Each card names its company and region, and the units it asks by name (a code's last
      // character is a digit; a name's first word is in lower case after its capital).
      const companies = new Set(
        (
          await sut.app.dataSource.query<{ name: string }[]>(
            "SELECT DISTINCT c.name FROM companies c JOIN slots s ON s.company_id = c.id WHERE s.status = 'open'",
          )
        ).map((c) => c.name),
      );
      const cards = page.getByRole('article');
      for (let i = 0; i < (await cards.count()); i++) {
        const text = (await cards.nth(i).textContent()) ?? '';
        expect([...companies].some((name) => text.includes(`${name} · `))).toBe(true);
      }
      await page
        .getByText(/^[✓✗] [A-Z][a-z]+ /)
        .first()
        .waitFor();
      await until(() => page.getByText(SKKNI_CODE).count(), 0); // names come a hundred codes a query
      await check('open-slots');

      await page.goto('/preferences');
      const items = page.getByRole('listitem');
      await items.nth(1).waitFor();
      await until(
        async () => (await items.nth(1).getAttribute('aria-label'))?.includes('Memuat'),
        false,
      );
      // Two slots may share a title: the order is read off the cards' ids (pref-<slot id>).
      const order = async () => (await items.evaluateAll((els) => els.map((e) => e.id))).join(',');
      const [a, b] = (await order()).split(',');
      await items.nth(1).focus();
      await page.keyboard.press('Alt+ArrowUp');
      await until(order, `${b},${a}`);
      // By pointer: the second card's handle dragged above the first puts the order back.
      const handle = (i: number) =>
        items.nth(i).getByRole('button', { name: /^Seret untuk memindahkan / });
      const from = (await handle(1).boundingBox())!;
      const to = (await items.first().boundingBox())!;
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2, to.y + 4, { steps: 12 });
      await page.mouse.up();
      await until(order, `${a},${b}`);
      // And by keyboard again (Alt+↑ on the card), to the order saved.
      await items.nth(1).focus();
      await page.keyboard.press('Alt+ArrowUp');
      await until(order, `${b},${a}`);
      // dnd-kit swallows every click for 50 ms after a drop (so that the drop is no click on what
      // lies under it). No person clicks that fast, but this test can, and its Save was lost on a
      // fast machine: wait until a click reaches the page again.
      await until(() => page.locator('body').evaluate(clickReaches), true);
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText('Urutan pilihan tersimpan.').waitFor();
      expect(await page.getByText(/Lowongan #\d+/).count()).toBe(0); // titles, not ids
      // Two slots may share a title: each card names the company too.
      for (const item of await items.all()) {
        const text = (await item.textContent()) ?? '';
        expect([...companies].some((name) => text.includes(`${name} · `))).toBe(true);
      }
      await check('preferences');

      await page.goto('/offers');
      await page.getByRole('heading', { name: 'Tawaran dan penempatan saya' }).waitFor();
      // The round offered the applicant a place (the seed picks who qualifies for most slots).
      const accept = page.getByRole('button', { name: /^Terima tawaran/ });
      await accept.first().waitFor();
      await accept.first().click();
      await page
        .getByText(/diterima\.$/)
        .first()
        .waitFor();
      // The offer names its company: the student cannot look it up anywhere else.
      const offer = (await page.getByRole('article').first().textContent()) ?? '';
      expect([...companies].some((name) => offer.includes(name))).toBe(true);
      await check('offers');

      await page.getByRole('button', { name: 'Buka navigasi' }).click();
      await page.getByRole('link', { name: 'Profil saya' }).click();
      await page.getByRole('heading', { name: 'Penempatan saya', level: 2 }).waitFor();
      await page.getByRole('heading', { name: 'Kompetensi', level: 2 }).waitFor();
      await check('profile');
    });
  });

  it('company admin: lists slots, is refused over the quota with the API reason, starts an apprentice', async () => {
    const { page, check, run } = await openJourney(sut, 'company-admin');
    await run(async () => {
      await signIn(page, await companyAdminLogin(sut.app, seeded));
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
      const refusal = page.getByRole('alert').filter({ hasText: 'Permenaker 6/2020' });
      await refusal.waitFor();
      // the day of the peak as a date the user reads ("5 Januari 2027"), not the API's 2027-01-05
      expect(await refusal.textContent()).toMatch(/ pada \d{1,2} [A-Z][a-z]+ \d{4}\.$/);
      await check('slot-refused');

      await page.getByRole('link', { name: 'Penempatan' }).click();
      await page.getByRole('heading', { name: 'Penempatan', level: 1 }).waitFor();
      // The applicant accepted the round's offer: the company sees its apprentice and starts them.
      await page.getByRole('cell', { name: seeded.applicantName }).first().waitFor();
      await page.getByRole('button', { name: `Mulai magang ${seeded.applicantName}` }).click();
      await page.getByText(`Magang ${seeded.applicantName} dimulai.`).waitFor();
      await check('placements');

      await page.getByRole('link', { name: 'Profil perusahaan' }).click();
      const nib = page.getByRole('textbox', { name: 'NIB' });
      await until(async () => (await nib.inputValue()).length, 13);
      const original = await nib.inputValue();
      await nib.fill('123');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await until(() => nib.getAttribute('aria-invalid'), 'true');
      await check('company-profile-errors');
      await nib.fill(original);
      await page.getByRole('textbox', { name: 'Telepon kontak' }).fill('0254-123456');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText(/^Profil .* tersimpan\.$/).waitFor();

      await page.getByRole('link', { name: 'Lowongan magang' }).click();
      await page
        .getByRole('link', { name: /^Peringkat kandidat / })
        .first()
        .click();
      await page.getByRole('heading', { name: /^Peringkat kandidat: / }).waitFor();
      await check('ranking');

      await page.getByRole('link', { name: 'Wajib lapor lowongan' }).click();
      await page.getByRole('textbox', { name: 'Jabatan' }).fill('Operator Mesin CNC');
      await page.getByRole('textbox', { name: 'Kode KBJI' }).fill('7223');
      await choose(page, 'Kabupaten/kota').click();
      await page.getByRole('option').first().click();
      await page.getByRole('textbox', { name: 'Upah min.' }).fill('4800000');
      await page.getByRole('textbox', { name: 'Upah maks.' }).fill('6000000');
      await page.getByRole('button', { name: 'Kirim laporan' }).click();
      await page.getByText(/^Laporan .* terkirim\.$/).waitFor();
      await page
        .getByRole('cell', { name: /^Operator Mesin CNC/ })
        .first()
        .waitFor();
      await check('vacancy-report');
    });
  });

  it('admin: creates a user bound to a school (API errors on the fields), reads the reference data', async () => {
    const { page, check, run } = await openJourney(sut, 'admin');
    await run(async () => {
      await signIn(page, seeded.logins.admin);
      await check('home');
      await page.getByRole('link', { name: 'Pengguna', exact: true }).first().click();
      await page.getByRole('heading', { name: 'Pengguna', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Papan antrean' }).waitFor();
      await page.getByRole('button', { name: 'Tambah pengguna' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Nama' }).fill('Siti Rahmawati');
      await dialog.getByRole('textbox', { name: 'Email' }).fill('guru.bk@smkn1.sch.id');
      await dialog.getByLabel('Kata sandi awal').fill('pendek'); // too short: the API says so
      await choose(page, 'Sekolah').click();
      await page.getByRole('option').first().click();
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      const password = dialog.getByLabel('Kata sandi awal');
      // Under its field, in Bahasa Indonesia (the API's "password must be longer than or equal to
      // 10 characters", by the console's table of the validator's problems).
      await dialog.getByText('minimal 10 karakter', { exact: true }).waitFor();

      await check('user-errors');
      // Long enough but common: the verdict and zxcvbn's advice, in Indonesian too.
      await password.fill('password123');
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await dialog
        .getByText(
          /^terlalu mudah ditebak \(kekuatan [0-2] dari 4, minimal 3\); Ini adalah kata sandi yang umum digunakan\. /,
        )
        .waitFor();
      await check('user-weak-password');
      await password.fill('Kunci-Rahasia-Sekolah-2026');
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText('Akun guru.bk@smkn1.sch.id dibuat.').waitFor();
      await page.getByRole('cell', { name: 'guru.bk@smkn1.sch.id', exact: true }).waitFor();
      // A student's account is bound to the student by name, not by id.
      await page.getByRole('cell', { name: seeded.applicantName, exact: true }).waitFor();
      // Schools, companies and students are named by three queries: until each has answered.
      await until(() => page.getByRole('cell', { name: /#\d+$/ }).count(), 0);
      await check('users');

      await page.getByRole('link', { name: 'Data referensi' }).click();
      await page.getByRole('cell', { name: '1101' }).waitFor(); // the country's, from Aceh
      await choose(page, 'Provinsi').click();
      await page.getByRole('option', { name: 'Banten' }).click();
      await page.getByRole('cell', { name: '3672' }).waitFor();
      await check('reference-regions');
      await page.getByRole('tab', { name: 'Unit kompetensi' }).click();
      await page.waitForURL(/tab=units/);
      await page.getByRole('table', { name: 'Unit kompetensi' }).getByRole('row').nth(1).waitFor();
      await check('reference-units');

      // The account: a display name, and a password change refused on the field the API names.
      await page.goto('/account');
      await page.getByRole('textbox', { name: 'Nama tampilan' }).fill('Admin Provinsi');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText('Nama tersimpan.').waitFor();
      await page.getByLabel('Kata sandi sekarang').fill('not-my-password-at-all');
      await page.getByLabel('Kata sandi baru').fill('Kunci-Baru-Provinsi-Banten-2026');
      await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
      await page.getByRole('alert').first().waitFor();
      await check('account');

      // In English: the console's texts, the API's catalogue (a role's name, a field's problem).
      await page.getByText('EN', { exact: true }).click();
      await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('is not your current password', { exact: true }).waitFor();
      await page.getByLabel('New password').fill('password123');
      await page.getByLabel('Current password').fill(seeded.logins.admin.password);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page
        .getByText(
          /^is too easy to guess \(strength [0-2] of 4, 3 needed\); This is a commonly used password\. /,
        )
        .waitFor();
      await check('account-en');
    });
  });

  it('coordinator limited to two regencies: a region filter offers those two only', async () => {
    const login = await createUser(sut.app, Role.Coordinator, { regionCodes: ['3601', '3672'] });
    const { page, check, run } = await openJourney(sut, 'coordinator-regions');
    await run(async () => {
      await signIn(page, login);
      await page.getByRole('link', { name: 'Lowongan magang' }).first().click();
      await page.getByRole('heading', { name: 'Lowongan magang', level: 1 }).waitFor();
      await choose(page, 'Kabupaten/kota').click();
      const options = page.getByRole('option');
      await options.first().waitFor();
      const offered = await options.allTextContents();
      expect(offered).toHaveLength(2);
      expect(offered[0]).toMatch(/Pandeglang \(3601\)$/);
      expect(offered[1]).toMatch(/Cilegon \(3672\)$/);
      await check('slots-region-filter');
    });
  });
});

/** The part of a page's element that `clickReaches` uses (this project has no DOM types). */
interface Clickable {
  addEventListener(type: 'click', listener: () => void): void;
  removeEventListener(type: 'click', listener: () => void): void;
  click(): void;
}

/** In the page: whether a click on the element reaches the element's own listeners. */
function clickReaches(element: Clickable): boolean {
  let reached = false;
  const listen = () => (reached = true);
  element.addEventListener('click', listen);
  element.click();
  element.removeEventListener('click', listen);
  return reached;
}

/** The widths of the page's tables that are wider than its viewport (they scroll sideways). */
/** A unit code of the SKKNI's shape, as the generated catalogue's are. */
const SKKNI_CODE = /[A-U]\.\d{6}\.\d{3}\.\d{2}/;

async function tablesTooWide(page: Page): Promise<number[]> {
  // A function, not a string: the app's CSP forbids evaluating strings.
  return page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: {
          documentElement: { clientWidth: number };
          querySelectorAll(selector: string): ArrayLike<{
            getBoundingClientRect(): { width: number };
          }>;
        };
      }
    ).document;
    const width = doc.documentElement.clientWidth;
    return Array.from(doc.querySelectorAll('table'), (t) => t.getBoundingClientRect().width).filter(
      (w) => w > width,
    );
  });
}
