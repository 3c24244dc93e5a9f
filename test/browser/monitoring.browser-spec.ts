import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { crc32 } from '../../src/modules/monitoring/image-sanitizer';
import {
  OUTPUT_DIR,
  choose,
  openJourney,
  PHONE,
  signIn,
  startConsole,
  until,
  type Console,
} from './harness';
import { seedMonitoring, type MonitoringSeed } from './seed';

/** A small PNG photo (a workshop-blue gradient), written for the file inputs. */
function photo(): string {
  const [w, h] = [96, 64];
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      rows.set([30 + x, 90 + y, 160], y * (w * 3 + 1) + 1 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = join(OUTPUT_DIR, 'kegiatan.png');
  writeFileSync(file, png);
  return file;
}

/** A date as the console shows it (id-ID, long month), in this machine's zone like the browser's. */
const shown = (day: string): string =>
  new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(day),
  );

/**
 * The apprenticeship's monitoring in the console: the school admin assigns the teacher, the
 * student keeps the journal and attendance on a phone, the teacher comments and records a visit,
 * the mentor reviews, confirms and completes with the final assessment, and the
 * student downloads the certificate that the public page verifies. axe on every page.
 */
describe('web console: PKL monitoring', () => {
  let sut: Console;
  let seeded: MonitoringSeed;
  let picture: string;
  const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    sut = await startConsole();
    seeded = await seedMonitoring(sut.app);
    picture = photo();
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('school admin assigns the teacher from the placements page', async () => {
    const { page, check, run } = await openJourney(sut, 'monitoring-school-admin');
    await run(async () => {
      await signIn(page, seeded.logins.schoolAdmin);
      await page.goto('/placements?status=active');
      const name = seeded.studentName;
      await page.getByRole('button', { name: `Tetapkan guru pembimbing ${name}` }).click();
      const dialog = page.getByRole('dialog');
      // The picker offers the school's own teachers only (GET /supervisors, scoped by the policy).
      const picker = choose(dialog, 'Guru pembimbing');
      await picker.click();
      await picker.fill('Sari');
      await page.getByRole('option', { name: /^Bu Sari Wulandari · / }).click();
      await check('assign-teacher');
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText(`Guru pembimbing ${name} ditetapkan.`).waitFor();
      await page.goto('/monitoring/reports?groupBy=teacher');
      await page.getByRole('cell', { name: 'Bu Sari Wulandari' }).waitFor();
      await check('reports');
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Unduh CSV' }).click(),
      ]);
      expect(csv.suggestedFilename()).toBe('monitoring-teacher.csv');
      // the file in the page's words, the page's language
      expect(readFileSync(await csv.path(), 'utf8')).toMatch(
        /^Kode,Guru pembimbing,Peserta aktif,Hari tercatat,Hari hadir,/,
      );
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Unduh Excel' }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toBe('monitoring-teacher.xlsx');
    });
  });

  it('student writes a journal entry with a photo, revises the returned one, records attendance (phone)', async () => {
    const { page, check, run } = await openJourney(sut, 'monitoring-student', PHONE);
    await run(async () => {
      await signIn(page, seeded.logins.student);
      // Home: today's journal not written yet.
      await page.getByText('Belum diisi', { exact: true }).waitFor();
      await check('home');
      await page.goto('/journal');
      await page.getByRole('heading', { name: 'Tulis jurnal' }).waitFor();
      await page.getByText('Tuliskan langkah kerjanya dengan lengkap.').waitFor(); // the mentor's comment
      await check('journal');

      await page
        .getByRole('textbox', { name: 'Kegiatan yang dikerjakan' })
        .fill('Servis berkala 10.000 km: ganti oli, filter udara, cek busi.');
      await page.getByRole('checkbox', { name: new RegExp(`^${seeded.units[0].code}`) }).check();
      await page.getByRole('checkbox', { name: new RegExp(`^${seeded.units[1].code}`) }).check();
      await page.locator('input[type=file]').setInputFiles(picture);
      await page.getByRole('button', { name: 'Kirim jurnal' }).click();
      await page.getByText(`Jurnal ${shown(today())} terkirim.`).waitFor();
      await page.getByRole('img', { name: `Foto kegiatan ${shown(today())}` }).waitFor();
      // The entry names the units it practised by the catalogue's names, not their codes.
      await page
        .getByText(`unit: ${seeded.units[0].name}, ${seeded.units[1].name}`, { exact: false })
        .first()
        .waitFor();

      await page
        .getByRole('button', { name: `Perbaiki jurnal ${shown(seeded.returnedDay)}` })
        .click();
      await page
        .getByRole('textbox', { name: 'Kegiatan yang dikerjakan' })
        .fill(
          'Ganti oli mesin: kuras oli lama, ganti filter oli, isi oli baru 3,5 liter, cek kebocoran.',
        );
      await page.getByRole('button', { name: 'Kirim ulang' }).click();
      await page.getByText(`Jurnal ${shown(seeded.returnedDay)} dikirim ulang.`).waitFor();
      await check('journal-written');
      await page.goto('/');
      await page.getByText('Sudah diisi', { exact: true }).waitFor();

      await page.goto('/attendance');
      await page.getByRole('heading', { name: 'Catat kehadiran' }).waitFor();
      await page.getByRole('textbox', { name: 'Hari kerja' }).fill(seeded.workday);
      await page.getByRole('radio', { name: 'Sakit' }).check();
      await page.getByRole('textbox', { name: 'Catatan' }).fill('Demam, surat dokter terlampir');
      await page.locator('input[type=file]').setInputFiles(picture);
      await page.getByRole('button', { name: 'Simpan kehadiran' }).click();
      await page.getByText(`Kehadiran ${shown(seeded.workday)} tercatat: Sakit.`).waitFor();
      await until(() => page.getByTestId('attendance.sakit').textContent(), 'Sakit: 1');
      await check('attendance');
    });
  });

  it('teacher comments on an entry and records a visit', async () => {
    const { page, check, run } = await openJourney(sut, 'monitoring-teacher');
    const name = seeded.studentName;
    await run(async () => {
      await signIn(page, seeded.logins.teacher);
      await page.getByRole('link', { name }).first().waitFor();
      await page.getByRole('cell', { name: /hari \(sejak / }).waitFor(); // needs attention
      // Where the apprentice is: the teacher visits them there.
      await page.getByRole('cell', { name: /PT Serang Otomotif Mandiri$/ }).waitFor();
      await check('teacher-home');

      await page.getByRole('link', { name: 'Menunggu saya' }).click();
      const day = shown(seeded.returnedDay);
      await page
        .getByRole('textbox', { name: `Komentar untuk ${name} (${day})` })
        .fill('Langkah kerja sudah runtut, pertahankan.');
      await page.getByRole('button', { name: `Kirim komentar jurnal ${name} ${day}` }).click();
      await page.getByText(`Komentar untuk ${name} (${day}) terkirim.`).waitFor();
      await check('teacher-queue');

      await page.goto(`/monitoring/placements/${seeded.placementId}?tab=visits`);
      await page.getByRole('textbox', { name: 'Tanggal kunjungan' }).fill(seeded.workday);
      await page
        .getByRole('textbox', { name: 'Catatan kunjungan' })
        .fill('Bertemu mentor dan siswa di bengkel.');
      await page
        .getByRole('textbox', { name: 'Temuan' })
        .fill('Siswa disiplin; perlu latihan diagnosis rem.');
      await page.getByRole('button', { name: 'Simpan' }).click();
      await page.getByText(`Kunjungan ${shown(seeded.workday)} tercatat.`).waitFor();
      await page.getByRole('cell', { name: 'Bertemu mentor dan siswa di bengkel.' }).waitFor();
      await check('teacher-visit');
    });
  });

  it('mentor returns and approves journal entries, confirms attendance, and completes with the assessment', async () => {
    const { page, check, run } = await openJourney(sut, 'monitoring-mentor');
    const name = seeded.studentName;
    await run(async () => {
      await signIn(page, seeded.logins.mentor);
      await page.getByRole('link', { name }).first().waitFor();
      await check('mentor-home');

      await page.getByRole('link', { name: 'Menunggu saya' }).click();
      await page.getByRole('heading', { name: 'Jurnal menunggu persetujuan' }).waitFor();
      await page
        .getByRole('button', { name: `Setujui jurnal ${name} ${shown(today())}` })
        .waitFor();
      await check('mentor-queue');
      await page
        .getByRole('textbox', { name: `Catatan untuk ${name} (${shown(today())})` })
        .fill('Tambahkan hasil pengukuran celah busi.');
      await page
        .getByRole('button', { name: `Kembalikan jurnal ${name} ${shown(today())}` })
        .click();
      await page.getByText(`Jurnal ${name} ${shown(today())} dikembalikan.`).waitFor();
      await page
        .getByRole('button', { name: `Setujui jurnal ${name} ${shown(seeded.returnedDay)}` })
        .click();
      await page.getByText(`Jurnal ${name} ${shown(seeded.returnedDay)} disetujui.`).waitFor();
      await page.getByText('Tidak ada yang menunggu.').waitFor();

      await page.goto(`/monitoring/placements/${seeded.placementId}?tab=attendance`);
      await page
        .getByRole('button', { name: `Konfirmasi kehadiran ${shown(seeded.workday)}` })
        .click();
      await page.getByText(`Kehadiran ${shown(seeded.workday)} dikonfirmasi.`).waitFor();
      await page
        .getByRole('button', { name: `Lihat bukti kehadiran ${shown(seeded.workday)}` })
        .click();
      await page.getByRole('img', { name: `Bukti kehadiran ${shown(seeded.workday)}` }).waitFor();
      await check('mentor-attendance');

      await page.getByRole('tab', { name: 'Penilaian akhir' }).click();
      const first = page.getByRole('textbox', { name: new RegExp(`^${seeded.units[0].code}`) });
      const second = page.getByRole('textbox', { name: new RegExp(`^${seeded.units[1].code}`) });
      for (const [label, score] of [
        ['Disiplin', '90'],
        ['Kerja sama', '85'],
        ['Inisiatif', '80'],
        ['Komunikasi', '88'],
      ]) {
        await page.getByRole('textbox', { name: label }).fill(score);
      }
      await second.fill('3');
      // The first unit left unscored: the API names units.0.level, the form shows it there.
      await page.getByRole('button', { name: 'Simpan penilaian dan selesaikan magang' }).click();
      await until(() => first.getAttribute('aria-invalid'), 'true');
      await check('assessment-error');
      await first.fill('4');
      await page.getByRole('button', { name: 'Simpan penilaian dan selesaikan magang' }).click();
      await page.getByText(`Magang ${name} selesai; sertifikat terbit.`).waitFor();
      await page.getByText('Sertifikat PKL', { exact: true }).waitFor();
      await page.getByText('Dinilai ').waitFor();
      // The result's rows are the units by name.
      for (const unit of seeded.units) {
        await page.getByRole('rowheader', { name: unit.name }).waitFor();
      }
      await check('assessment-done');
    });
  });

  it('student downloads the certificate; the public page and endpoint verify it (phone)', async () => {
    const { page, check, run } = await openJourney(sut, 'monitoring-certificate', PHONE);
    await run(async () => {
      await signIn(page, seeded.logins.student);
      await page.goto('/journal');
      await page.getByRole('button', { name: 'Unduh sertifikat (PDF)' }).waitFor();
      await check('certificate');
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Unduh sertifikat (PDF)' }).click(),
      ]);
      expect(pdf.suggestedFilename()).toBe(`sertifikat-${seeded.placementId}.pdf`);
      const bytes = await new Promise<Buffer>((resolve, reject) => {
        void pdf.createReadStream().then((stream) => {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks)));
          stream.on('error', reject);
        }, reject);
      });
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const code = (await page.locator('code').first().textContent()) as string;
      expect(code).toMatch(/^[A-Z2-9]{16}$/);
      const answer = await fetch(`${sut.baseUrl}/api/v1/verify/${code}`);
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['company', 'name', 'period', 'school', 'status']);
      expect(body).toMatchObject({ name: seeded.studentName, status: 'valid' });

      await page.goto(`/verify/${code}`);
      await page.getByRole('heading', { name: 'Verifikasi sertifikat PKL' }).waitFor();
      await page.getByText(seeded.studentName).waitFor();
      await page.getByText('Sah', { exact: true }).waitFor();
      await check('verify');
    });
  });
});
